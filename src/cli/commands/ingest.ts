/**
 * `lotusx ingest --exchange X --symbols A,B,… [--group NAME]`: the one process that owns a venue's
 * book feed for many bots (issue 17). It holds the stream group's lease in Redis (`[cluster] redis`),
 * keeps the authoritative `LiveOrderBook` of each symbol from the venue's websocket and REST
 * snapshots, and publishes every change on the market-data bus, where bots configured with
 * `[cluster] market_data = "bus"` read their books. A second ingest of the same group waits as a
 * standby and takes over when the first dies. Runs until Ctrl+C; prints one line per change of role
 * (one JSON document with `--json`).
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as BookIngest from "../../cluster/BookIngest.js"
import * as LotusConfig from "../../config/LotusConfig.js"
import * as Venues from "../../config/venues.js"
import { NotSupported } from "../../errors/ExchangeError.js"
import { Exchange } from "../../Exchange.js"
import type { Market } from "../../model/Market.js"
import * as Sandbox from "../../sandbox/Sandbox.js"
import * as CliFailure from "../CliFailure.js"
import { CliOutput } from "../CliOutput.js"
import * as Session from "../Session.js"

/**
 * The `--json` shape of one status line.
 * @since 0.1.0
 */
export const statusJson = (status: BookIngest.Status) =>
  status._tag === "Leading"
    ? { status: "leading", group: status.group, epoch: status.epoch, reason: status.reason }
    : status._tag === "Lost"
    ? { status: "lost", group: status.group, reason: status.reason }
    : { status: "standby", group: status.group }

/**
 * The text of one status line.
 * @since 0.1.0
 */
export const statusLine = (status: BookIngest.Status): string =>
  status._tag === "Leading"
    ? `${status.group}: publishing, epoch ${status.epoch} (${status.reason})`
    : status._tag === "Lost"
    ? `${status.group}: lost the lease (${status.reason}); standing by`
    : `${status.group}: standing by (another ingest holds the lease)`

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "ingest",
  {
    ...Session.exchangeOptions,
    symbols: Options.text("symbols").pipe(
      Options.withDescription("Comma-separated symbols, native or unified (BTCUSDT,ETH/USDT)")
    ),
    group: Options.text("group").pipe(
      Options.withDescription("Name of the stream group (default: its sorted native symbols)"),
      Options.optional
    )
  },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      const symbols = options.symbols.split(",").map((s) => s.trim()).filter((s) => s !== "")
      if (symbols.length === 0) {
        return yield* new CliFailure.CliFailure({ message: "--symbols needs at least one symbol", exitCode: 2 })
      }
      if (Venues.find(options.exchange) === undefined) {
        return yield* new CliFailure.CliFailure({ message: Venues.unknownVenueDetail(options.exchange), exitCode: 2 })
      }
      const config = yield* Session.loadConfig(options)
      const fail2 = (e: unknown) => CliFailure.fromError(e, 2)
      const cluster = yield* LotusConfig.clusterOptions(config).pipe(Effect.mapError(fail2))
      if (cluster === undefined) {
        return yield* new CliFailure.CliFailure({
          message: "lotusx ingest publishes on Redis: set [cluster] redis = \"redis://…\" (or LOTUSX_CLUSTER_REDIS)",
          exitCode: 2
        })
      }
      const settings = yield* LotusConfig.exchangeSettings(config, options.exchange).pipe(Effect.mapError(fail2))
      const sandbox = LotusConfig.usesEmbeddedSandbox(settings)
        ? yield* Effect.flatMap(LotusConfig.sandboxOptions(config), Sandbox.start).pipe(Effect.mapError(fail2))
        : undefined
      const venueLayer = LotusConfig.exchangeLayer(config, options.exchange, { sandbox, marketData: "venue" })
      /** The venue's Exchange, built in the current scope (its websocket closes with it). */
      const platform = yield* Effect.context<HttpClient.HttpClient | Socket.WebSocketConstructor>()
      const connect = Effect.map(Layer.build(venueLayer), (context) => Context.get(context, Exchange)).pipe(
        Effect.provide(platform)
      )

      const markets: ReadonlyArray<Market> = yield* Effect.scoped(Effect.gen(function*() {
        const exchange = yield* connect
        if (exchange.bookSync === undefined) {
          return yield* new NotSupported({ venue: exchange.venue, feature: "order books (no book sync rule)" })
        }
        return yield* Effect.forEach(symbols, (s) => exchange.market(s))
      })).pipe(Effect.mapError((e) => CliFailure.fromError(e)))

      const out = yield* CliOutput
      yield* BookIngest.run({
        redis: cluster.url,
        namespace: cluster.namespace,
        venue: options.exchange,
        symbols: markets.map((m) => m.symbol),
        group: Option.getOrUndefined(options.group),
        feeds: Effect.map(connect, (exchange) =>
          markets.map((market) => ({
            market,
            updates: exchange.watchBookUpdates(market.unified),
            snapshot: (depth: number) => exchange.orderBook(market.unified, depth),
            sync: exchange.bookSync!
          }))),
        onStatus: (status) =>
          Effect.sync(() => out.write(`${options.json ? JSON.stringify(statusJson(status)) : statusLine(status)}\n`))
      }).pipe(Effect.mapError((e) => CliFailure.fromError(e)))
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Own a venue's order-book feed and publish it on Redis for many bots"))
