/**
 * What every `lotusx` command shares: the global options (`--config`, `--env`, `--json`,
 * `--metrics-port`, `--otlp-endpoint`), loading the config, telemetry, and connecting to an
 * exchange (through an embedded sandbox shared by the exchanges that need one).
 *
 * @since 0.1.0
 */
import * as Options from "@effect/cli/Options"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Socket from "@effect/platform/Socket"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import type { ExchangeSettings } from "../config/ExchangeSettings.js"
import * as LotusConfig from "../config/LotusConfig.js"
import * as Venues from "../config/venues.js"
import { type Environment, Exchange } from "../Exchange.js"
import * as Sandbox from "../sandbox/Sandbox.js"
import * as MetricsServer from "../telemetry/MetricsServer.js"
import * as CliFailure from "./CliFailure.js"
import { CliOutput, errorLine } from "./CliOutput.js"
import * as Peers from "./Peers.js"

/**
 * The options every command accepts.
 * @since 0.1.0
 */
export interface GlobalOptions {
  readonly config: Option.Option<string>
  readonly env: Option.Option<Environment>
  readonly json: boolean
  readonly metricsPort: Option.Option<number>
  readonly otlpEndpoint: Option.Option<string>
}

/**
 * @since 0.1.0
 */
export const globalOptions = {
  config: Options.text("config").pipe(
    Options.withDescription("Config file (default: $LOTUSX_CONFIG, else ./lotusx.config.toml)"),
    Options.optional
  ),
  env: Options.choice("env", ["sandbox", "testnet", "mainnet"] as const).pipe(
    Options.withDescription("Override the environment of every exchange"),
    Options.optional
  ),
  json: Options.boolean("json").pipe(Options.withDescription("Machine-readable output (decimals as strings)")),
  metricsPort: Options.integer("metrics-port").pipe(
    Options.withDescription("Serve Prometheus metrics on http://127.0.0.1:<port>/metrics while the command runs"),
    Options.optional
  ),
  otlpEndpoint: Options.text("otlp-endpoint").pipe(
    Options.withDescription("Export spans over OTLP/HTTP to this collector (default: $OTEL_EXPORTER_OTLP_ENDPOINT)"),
    Options.optional
  )
}

/**
 * The exchange a command is about.
 * @since 0.1.0
 */
export const exchangeOption = Options.text("exchange").pipe(
  Options.withAlias("x"),
  Options.withDescription("Exchange id, e.g. binance")
)

/**
 * The options of a command about one exchange: the global ones and `--exchange`.
 * @since 0.1.0
 */
export const exchangeOptions = { ...globalOptions, exchange: exchangeOption }

/**
 * Loads the config named by the options, printing its warnings to stderr.
 * @since 0.1.0
 */
export const loadConfig = (
  options: GlobalOptions
): Effect.Effect<LotusConfig.LotusConfig, CliFailure.CliFailure, CliOutput> =>
  Effect.gen(function*() {
    const config = yield* LotusConfig.load({
      path: Option.getOrUndefined(options.config),
      environment: Option.getOrUndefined(options.env)
    }).pipe(Effect.mapError((e) => CliFailure.fromError(e, 2)), Effect.withLogSpan("config"))
    for (const warning of config.warnings) yield* errorLine(`warning: ${warning}`)
    return config
  })

/**
 * Runs a command with the telemetry the options ask for: a metrics endpoint (its URL printed to
 * stderr) and OTLP span export.
 * @since 0.1.0
 */
export const withTelemetry = (options: GlobalOptions) =>
<A, R>(
  command: Effect.Effect<A, CliFailure.CliFailure, R>
): Effect.Effect<A, CliFailure.CliFailure, R | CliOutput> =>
  Effect.scoped(Effect.gen(function*() {
    if (Option.isSome(options.metricsPort)) {
      const server = yield* MetricsServer.start({ port: options.metricsPort.value }).pipe(
        Effect.mapError((e) => new CliFailure.CliFailure({ message: e.message, exitCode: 2 }))
      )
      yield* errorLine(`metrics: ${server.url}`)
    }
    return yield* command
  })).pipe(Effect.provide(otlpLayer(Option.getOrUndefined(options.otlpEndpoint))))

/**
 * OTLP export when asked for; the OpenTelemetry SDK is only loaded then (it slows start-up, and it
 * is an optional peer dependency: when it is not installed, the failure says what to install).
 */
const otlpLayer = (endpoint: string | undefined): Layer.Layer<never, CliFailure.CliFailure> => {
  const url = endpoint ?? process.env["OTEL_EXPORTER_OTLP_ENDPOINT"]
  if (url === undefined || url === "") return Layer.empty
  return Layer.unwrapEffect(
    Effect.map(
      Effect.tryPromise({
        try: () => import("../telemetry/Otlp.js"),
        catch: (error) => {
          const missing = Peers.missingPeer(error, Peers.otlpPeers)
          return new CliFailure.CliFailure({
            message: missing === undefined
              ? `cannot load OTLP export: ${error instanceof Error ? error.message : String(error)}`
              : `OTLP export (--otlp-endpoint, OTEL_EXPORTER_OTLP_ENDPOINT) needs ${missing}, an optional peer ` +
                `dependency of lotusx: npm install @effect/opentelemetry @opentelemetry/exporter-trace-otlp-http`,
            exitCode: 2
          })
        }
      }),
      (Otlp) => Otlp.layerFromEnv(url)
    )
  )
}

/**
 * A connected exchange.
 * @since 0.1.0
 */
export interface Connection {
  readonly exchange: Exchange
  readonly settings: ExchangeSettings
}

/**
 * Connects to exchanges of one config, starting at most one embedded sandbox for all of them.
 * @since 0.1.0
 */
export interface Connector {
  readonly config: LotusConfig.LotusConfig
  readonly connect: (
    venue: string,
    options?: {
      /** Called when a websocket of this exchange opens (for `status`). */
      readonly onWebSocketOpen?: (() => void) | undefined
    }
  ) => Effect.Effect<
    Connection,
    CliFailure.CliFailure,
    Scope.Scope | HttpClient.HttpClient | Socket.WebSocketConstructor
  >
}

/**
 * @since 0.1.0
 */
export const connector = (
  config: LotusConfig.LotusConfig
): Effect.Effect<Connector, never, Scope.Scope> =>
  Effect.gen(function*() {
    const scope = yield* Effect.scope
    const sandbox = yield* Effect.cached(
      Scope.extend(Effect.flatMap(LotusConfig.sandboxOptions(config), Sandbox.start), scope)
    )
    return {
      config,
      connect: (venue, options) =>
        Effect.gen(function*() {
          if (Venues.find(venue) === undefined) {
            return yield* new CliFailure.CliFailure({ message: Venues.unknownVenueDetail(venue), exitCode: 2 })
          }
          const settings = yield* LotusConfig.exchangeSettings(config, venue)
          const shared = LotusConfig.usesEmbeddedSandbox(settings) ? yield* sandbox : undefined
          const base = LotusConfig.exchangeLayer(config, venue, { sandbox: shared })
          const tap = options?.onWebSocketOpen
          const layer = tap === undefined ? base : Layer.provide(base, tapWebSockets(tap))
          const context = yield* Layer.build(layer)
          return { exchange: Context.get(context, Exchange), settings }
        }).pipe(Effect.mapError((e) => CliFailure.fromError(e)))
    }
  })

/**
 * The exchange a command names with `--exchange`, on the config its options name.
 * @since 0.1.0
 */
export const connect = (options: GlobalOptions & { readonly exchange: string }) =>
  Effect.flatMap(
    Effect.flatMap(loadConfig(options), connector),
    (connector) => connector.connect(options.exchange)
  )

/** Wraps the ambient websocket constructor to observe when sockets open. */
const tapWebSockets = (onOpen: () => void) =>
  Layer.effect(
    Socket.WebSocketConstructor,
    Effect.map(Socket.WebSocketConstructor, (make) => (url: string, protocols?: string | Array<string>) => {
      const ws = make(url, protocols)
      ws.addEventListener("open", onOpen)
      return ws
    })
  )
