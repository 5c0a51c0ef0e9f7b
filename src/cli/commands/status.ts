/**
 * `lotusx status --exchange X` or `--all`: reachability, REST latency, server time skew, websocket
 * connect and first-message time, rate-limit headroom. With `--all` the venues are checked
 * concurrently, with a progress indicator on a terminal. Exits 1 when any venue is unreachable or
 * its websocket gives nothing.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import { venueIds } from "../../config/venues.js"
import type { Market } from "../../model/Market.js"
import * as CliFailure from "../CliFailure.js"
import * as Out from "../CliOutput.js"
import { CliOutput } from "../CliOutput.js"
import * as Session from "../Session.js"

/**
 * The `--json` shape of one venue's status.
 * @since 0.1.0
 */
export interface VenueStatus {
  readonly exchange: string
  readonly environment: string | null
  readonly reachable: boolean
  readonly restLatencyMs: number | null
  readonly clockSkewMs: number | null
  readonly websocket: {
    readonly symbol: string
    readonly connectMs: number | null
    readonly firstMessageMs: number | null
    readonly error: string | null
  } | null
  readonly rateLimit: { readonly used: number; readonly limit: number; readonly headroomPercent: number } | null
  readonly error: string | null
}

const now = Effect.sync(() => performance.now())
const ms = (from: number, to: number) => Math.round(to - from)

const probeSymbol = (markets: ReadonlyArray<Market>): Market | undefined =>
  markets.find((m) => m.unified === "BTC/USDT") ??
    markets.find((m) => m.base === "BTC" && m.status === "trading") ??
    markets.find((m) => m.status === "trading")

const failed = (exchange: string, error: string): VenueStatus => ({
  exchange,
  environment: null,
  reachable: false,
  restLatencyMs: null,
  clockSkewMs: null,
  websocket: null,
  rateLimit: null,
  error
})

/** Checks one venue; never fails (a failure is part of the status). */
const probe = (connector: Session.Connector, venue: string, timeout: Duration.Duration) =>
  Effect.gen(function*() {
    let openedAt: number | undefined
    let watching = false
    const connection = yield* Effect.either(connector.connect(venue, {
      onWebSocketOpen: () => {
        if (watching && openedAt === undefined) openedAt = performance.now()
      }
    }))
    if (Either.isLeft(connection)) return failed(venue, connection.left.message)
    const { exchange } = connection.right
    const health = yield* Effect.either(Effect.timeoutFail(exchange.healthCheck, {
      duration: timeout,
      onTimeout: () => ({ message: `no answer within ${Duration.format(timeout)}` })
    }))
    if (Either.isLeft(health)) return { ...failed(venue, health.left.message), environment: exchange.environment }
    const h = health.right
    const markets = yield* Effect.either(exchange.markets)
    const market = Either.isRight(markets) ? probeSymbol(markets.right.all) : undefined
    let websocket: VenueStatus["websocket"] = null
    if (market !== undefined) {
      const start = yield* now
      watching = true
      const first = yield* exchange.watchBookUpdates(market.unified).pipe(
        Stream.take(1),
        Stream.runDrain,
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () => ({ message: `no message within ${Duration.format(timeout)}` })
        }),
        Effect.either
      )
      const end = yield* now
      websocket = {
        symbol: market.unified,
        connectMs: openedAt === undefined ? null : ms(start, openedAt),
        firstMessageMs: Either.isRight(first) ? ms(start, end) : null,
        error: Either.isLeft(first) ? first.left.message : null
      }
    }
    return {
      exchange: venue,
      environment: h.environment,
      reachable: h.reachable,
      restLatencyMs: h.latencyMs,
      clockSkewMs: h.clockSkewMs,
      websocket,
      rateLimit: h.rateLimit === undefined ? null : {
        used: h.rateLimit.used,
        limit: h.rateLimit.limit,
        headroomPercent: h.rateLimit.limit <= 0
          ? 0
          : Math.round(1000 * (h.rateLimit.limit - h.rateLimit.used) / h.rateLimit.limit) / 10
      },
      error: Either.isLeft(markets) ? markets.left.message : null
    } satisfies VenueStatus
  })

const healthy = (s: VenueStatus) => s.reachable && s.websocket !== null && s.websocket.error === null

const row = (s: VenueStatus): ReadonlyArray<string> => [
  s.exchange,
  s.environment ?? "-",
  s.reachable ? "yes" : "NO",
  s.restLatencyMs === null ? "-" : `${s.restLatencyMs} ms`,
  s.clockSkewMs === null ? "-" : `${s.clockSkewMs >= 0 ? "+" : ""}${s.clockSkewMs} ms`,
  s.websocket === null ? "-" : s.websocket.connectMs === null ? "?" : `${s.websocket.connectMs} ms`,
  s.websocket === null
    ? "-"
    : s.websocket.firstMessageMs === null
    ? "none"
    : `${s.websocket.firstMessageMs} ms (${s.websocket.symbol})`,
  s.rateLimit === null ? "-" : `${s.rateLimit.used}/${s.rateLimit.limit} used (${s.rateLimit.headroomPercent}% free)`,
  s.error ?? s.websocket?.error ?? ""
]

const spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "status",
  {
    ...Session.globalOptions,
    exchange: Session.exchangeOption.pipe(Options.optional),
    all: Options.boolean("all").pipe(Options.withDescription("Check every exchange of the config, concurrently")),
    timeout: Options.integer("timeout").pipe(
      Options.withDescription("Seconds to wait for each check"),
      Options.withDefault(10)
    )
  },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      if (options.all === Option.isSome(options.exchange)) {
        return yield* new CliFailure.CliFailure({ message: "status needs either --exchange X or --all", exitCode: 2 })
      }
      const config = yield* Session.loadConfig(options)
      const connector = yield* Session.connector(config)
      const venues = Option.match(options.exchange, {
        onSome: (x) => [x],
        onNone: () => config.exchanges.length > 0 ? config.exchanges : venueIds
      })
      const timeout = Duration.seconds(Math.max(1, options.timeout))
      const out = yield* CliOutput
      let done = 0
      const progress = out.isTTY && venues.length > 1
        ? yield* Effect.forkScoped(Effect.repeat(
          Effect.sync((() => {
            let frame = 0
            return () =>
              out.writeError(
                `\r\x1b[2K${spinner[frame++ % spinner.length]} checking ${venues.length} venues… ${done} done`
              )
          })()),
          Schedule.spaced(Duration.millis(80))
        ))
        : undefined
      const statuses = yield* Effect.forEach(
        venues,
        (venue) => Effect.tap(probe(connector, venue, timeout), () => Effect.sync(() => done++)),
        { concurrency: "unbounded" }
      )
      if (progress !== undefined) {
        yield* Fiber.interrupt(progress)
        out.writeError("\r\x1b[2K")
      }
      if (options.json) {
        yield* Out.json(Option.isSome(options.exchange) ? statuses[0] : { venues: statuses })
      } else {
        yield* Out.line(
          ...Out.table([
            ["EXCHANGE", "ENV", "REACHABLE", "REST", "SKEW", "WS CONNECT", "WS FIRST MESSAGE", "RATE LIMIT", ""],
            ...statuses.map(row)
          ]).map((l) => l.trimEnd())
        )
      }
      const bad = statuses.filter((s) => !healthy(s))
      if (bad.length > 0) {
        return yield* new CliFailure.CliFailure({
          message: bad.map((s) => `${s.exchange}: ${s.error ?? s.websocket?.error ?? "websocket gave no message"}`)
            .join("; "),
          exitCode: 1
        })
      }
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Check reachability, latency, clock skew, websocket and rate-limit headroom"))
