/**
 * An `Exchange` on an embedded sandbox, in one line: the layer starts a local exchange in this
 * process (fake money, no network, no keys) and connects the venue's connector to it with the key
 * the sandbox issued. It provides the `Sandbox` too, so a program or a test can switch on faults,
 * pause the market or read the ledger.
 *
 * ```ts
 * program.pipe(
 *   Effect.provide(SandboxExchange.layer("binance", { seed: 42 })), // or Binance.layer({ environment: "mainnet" })
 *   Effect.provide(Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)),
 *   NodeRuntime.runMain
 * )
 * ```
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as LotusConfig from "./config/LotusConfig.js"
import type { ConfigError } from "./errors/ExchangeError.js"
import type { Exchange } from "./Exchange.js"
import * as Sandbox from "./sandbox/Sandbox.js"

/**
 * The `Exchange` of `venue` on a sandbox started with `options` (stopped when the layer is
 * released), and that `Sandbox`. Logs the venue and environment at start, like every layer built
 * from the config.
 * @since 0.1.0
 */
export const layer = (
  venue: Sandbox.Venue = "binance",
  options: Sandbox.Options = {}
): Layer.Layer<
  Exchange | Sandbox.Sandbox,
  Sandbox.SandboxError | ConfigError,
  HttpClient.HttpClient | Socket.WebSocketConstructor
> =>
  Layer.unwrapScoped(Effect.gen(function*() {
    const sandbox = yield* Sandbox.start(options)
    const config = yield* LotusConfig.fromText("", { env: {}, file: "(no config file)" })
    return Layer.merge(
      LotusConfig.exchangeLayer(config, venue, { sandbox }),
      Layer.succeed(Sandbox.Sandbox, sandbox)
    )
  }))
