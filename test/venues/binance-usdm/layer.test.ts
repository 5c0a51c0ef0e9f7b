import { assert, describe, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Exchange } from "../../../src/Exchange.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import * as BinanceUsdm from "../../../src/venues/binance/BinanceUsdm.js"
import * as Loopback from "../../support/Loopback.js"

const config = {
  environment: Config.literal("sandbox", "testnet", "mainnet")("ENVIRONMENT"),
  restUrl: Config.string("REST_URL").pipe(Config.option, Config.map(Option.getOrUndefined)),
  wsUrl: Config.string("WS_URL").pipe(Config.option, Config.map(Option.getOrUndefined)),
  credentials: Config.all({ apiKey: Config.redacted("API_KEY"), secret: Config.redacted("API_SECRET") }).pipe(
    Config.option,
    Config.map(Option.getOrUndefined)
  )
}

describe("Binance USDⓈ-M layers", () => {
  it.live("layerConfig reads its options from the ConfigProvider, secrets redacted", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start()
      const provider = ConfigProvider.fromMap(
        new Map([
          ["USDM.ENVIRONMENT", "sandbox"],
          ["USDM.REST_URL", sandbox.urls["binance-usdm"].rest],
          ["USDM.WS_URL", sandbox.urls["binance-usdm"].ws],
          ["USDM.API_KEY", sandbox.credentials["binance-usdm"].apiKey],
          ["USDM.API_SECRET", "wrong-secret"]
        ])
      ).pipe(ConfigProvider.nested("USDM"))
      const exchange = Effect.flatMap(Exchange, (ex) => Effect.all([ex.healthCheck, Effect.succeed(ex.capabilities)]))
      const [health, capabilities] = yield* exchange.pipe(
        Effect.provide(BinanceUsdm.layerConfig(config).pipe(Layer.provide(Loopback.PlatformLive))),
        Effect.withConfigProvider(provider)
      )
      assert.strictEqual(health.venue, "binance-usdm")
      assert.isTrue(health.reachable)
      assert.strictEqual(health.credentials, "invalid")
      assert.notInclude(JSON.stringify(health), "wrong-secret")
      assert.deepStrictEqual(capabilities.marketTypes, ["perp"])
      assert.strictEqual(capabilities.trading.batchPlaceMax, 5)
      assert.strictEqual(capabilities.trading.batchCancelMax, 10)
      assert.isTrue(capabilities.trading.reduceOnly && capabilities.trading.amend)
    }).pipe(Effect.scoped))

  it.effect("the sandbox environment without URLs is a ConfigError naming the key", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(
          Exchange,
          BinanceUsdm.layer({ environment: "sandbox" }).pipe(Layer.provide(Loopback.PlatformLive))
        )
      )
      assert.strictEqual(error._tag, "ConfigError")
      assert.include(error.message, "restUrl")
    }))

  it.effect("a recvWindow beyond Binance's 60 s maximum is a ConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(
          Exchange,
          BinanceUsdm.layer({ environment: "mainnet", recvWindow: "2 minutes" }).pipe(
            Layer.provide(Loopback.PlatformLive)
          )
        )
      )
      assert.strictEqual(error._tag, "ConfigError")
      assert.include(error.message, "recvWindow")
    }))

  it("official URLs", () => {
    assert.deepStrictEqual(BinanceUsdm.urls.mainnet, {
      rest: "https://fapi.binance.com",
      ws: "wss://fstream.binance.com"
    })
    assert.strictEqual(BinanceUsdm.urls.testnet.rest, "https://testnet.binancefuture.com")
  })
})
