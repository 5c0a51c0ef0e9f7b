/**
 * `lotusx book --exchange X --symbol S [--depth N] [--count N] [--duration D]`: the LiveOrderBook of
 * one market as a ladder with its state — redrawn in place on a terminal, one block per view when
 * piped, one JSON line per view with `--json`. Runs until Ctrl+C, `--count` views or `--duration`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as BigDecimal from "effect/BigDecimal"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../book/LiveOrderBook.js"
import type { OrderBookView } from "../../book/OrderBookView.js"
import { format } from "../../model/Decimal.js"
import * as CliFailure from "../CliFailure.js"
import { CliOutput } from "../CliOutput.js"
import * as Session from "../Session.js"
import { symbolOption } from "./getTicker.js"

/**
 * Parses `500ms`, `5s`, `2m`, `1h` or anything `Duration.decode` accepts (`"5 seconds"`).
 * @since 0.1.0
 */
export const parseDuration = (text: string): Either.Either<Duration.Duration, string> => {
  const short = /^(\d+)\s*(ms|s|m|h)$/.exec(text.trim())
  if (short !== null) {
    const n = Number.parseInt(short[1]!, 10)
    const unit = short[2]
    return Either.right(
      unit === "ms"
        ? Duration.millis(n)
        : unit === "s"
        ? Duration.seconds(n)
        : unit === "m"
        ? Duration.minutes(n)
        : Duration.hours(n)
    )
  }
  const decoded = Duration.decodeUnknown(text)
  return Option.match(decoded, {
    onNone: () => Either.left(`--duration expects a duration such as 10s, 500ms or 2m, got "${text}"`),
    onSome: Either.right
  })
}

/**
 * The `--json` shape of one view (one line each).
 * @since 0.1.0
 */
export const viewJson = (exchange: string, view: OrderBookView) => ({
  exchange,
  symbol: view.symbol,
  venueSymbol: view.venueSymbol,
  state: view.state,
  reason: view.reason ?? null,
  sequence: view.sequence ?? null,
  exchangeTime: view.exchangeTime ?? null,
  receiveTime: view.receiveTime,
  bids: view.bids.map(([p, q]) => [format(p), format(q)]),
  asks: view.asks.map(([p, q]) => [format(p), format(q)])
})

/**
 * Exact decimal strings padded with trailing zeros to the same number of decimals, so that they
 * line up on the point: `["60069", "60117.08"]` → `["60069.00", "60117.08"]`.
 * @since 0.1.0
 */
export const alignDecimals = (values: ReadonlyArray<string>): ReadonlyArray<string> => {
  const decimals = (v: string) => v.includes(".") ? v.length - v.indexOf(".") - 1 : 0
  const most = Math.max(0, ...values.map(decimals))
  return values.map((v) => most === 0 ? v : `${v}${v.includes(".") ? "" : "."}${"0".repeat(most - decimals(v))}`)
}

/**
 * The ladder of one view as lines: asks (best at the bottom), the spread, bids (best on top).
 * Prices and sizes are padded to the same decimals so that they line up.
 * @since 0.1.0
 */
export const ladder = (exchange: string, environment: string, view: OrderBookView, depth: number) => {
  const j = viewJson(exchange, view)
  const time = new Date(view.exchangeTime ?? view.receiveTime).toISOString()
  const header = `${view.symbol} on ${exchange} [${environment}]  ${view.state.toUpperCase()}  seq ${
    view.sequence ?? "-"
  }  ${time}`
  if (view.state !== "live") return [header, `  (no levels: ${view.reason ?? view.state})`]
  const asks = j.asks.slice(0, depth)
  const bids = j.bids.slice(0, depth)
  const shown = [...asks, ...bids]
  const prices = alignDecimals(shown.map(([p]) => p!))
  const sizes = alignDecimals(shown.map(([, q]) => q!))
  const aligned = shown.map((_, i) => [prices[i]!, sizes[i]!] as const)
  const width = Math.max(5, ...prices.map((p) => p.length))
  const sizeWidth = Math.max(4, ...sizes.map((q) => q.length))
  const level = (side: string, [p, q]: readonly [string, string]) =>
    `  ${side}  ${p.padStart(width)}  ${q.padStart(sizeWidth)}`
  const spread = view.bestBid !== undefined && view.bestAsk !== undefined
    ? `  ---- spread ${format(BigDecimal.subtract(view.bestAsk[0], view.bestBid[0]))} ----`
    : "  ----"
  return [
    header,
    `       ${"PRICE".padStart(width)}  ${"SIZE".padStart(sizeWidth)}`,
    ...aligned.slice(0, asks.length).reverse().map((l) => level("ask", l)),
    spread,
    ...aligned.slice(asks.length).map((l) => level("bid", l))
  ]
}

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "book",
  {
    ...Session.globalOptions,
    exchange: Session.exchangeOption,
    symbol: symbolOption,
    depth: Options.integer("depth").pipe(Options.withDescription("Levels per side"), Options.withDefault(10)),
    count: Options.integer("count").pipe(Options.withDescription("Stop after N views"), Options.optional),
    duration: Options.text("duration").pipe(
      Options.withDescription("Stop after this long (10s, 2m…)"),
      Options.optional
    )
  },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      if (options.depth < 1 || options.depth > 1000) {
        return yield* new CliFailure.CliFailure({
          message: `--depth must be 1..1000, got ${options.depth}`,
          exitCode: 2
        })
      }
      const duration = Option.isNone(options.duration) ? undefined : yield* parseDuration(options.duration.value).pipe(
        Either.mapLeft((message) => new CliFailure.CliFailure({ message, exitCode: 2 }))
      )
      const config = yield* Session.loadConfig(options)
      const connector = yield* Session.connector(config)
      const { exchange } = yield* connector.connect(options.exchange)
      const book = yield* LiveOrderBook.fromExchange(exchange, options.symbol, { depth: options.depth }).pipe(
        Effect.mapError((e) => CliFailure.fromError(e))
      )
      const out = yield* CliOutput
      let drawn = 0
      const show = (view: OrderBookView) =>
        Effect.sync(() => {
          if (options.json) return out.write(`${JSON.stringify(viewJson(exchange.venue, view))}\n`)
          const lines = ladder(exchange.venue, exchange.environment, view, options.depth)
          if (out.isTTY) {
            out.write(`${drawn > 0 ? `\x1b[${drawn}A` : ""}\x1b[0J${lines.join("\n")}\n`)
            drawn = lines.length
          } else {
            out.write(`${lines.join("\n")}\n\n`)
          }
        })
      let views = book.views
      if (Option.isSome(options.count)) views = Stream.take(views, Math.max(0, options.count.value))
      if (duration !== undefined) views = Stream.interruptWhen(views, Effect.sleep(duration))
      yield* views.pipe(Stream.runForEach(show), Effect.mapError((e) => CliFailure.fromError(e)))
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Watch the live order book of one market"))
