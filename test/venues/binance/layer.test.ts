import { assert, describe, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { Exchange } from "../../../src/Exchange.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import * as Binance from "../../../src/venues/binance/Binance.js"
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

describe("Binance layers", () => {
  it.live("layerConfig reads its options from the ConfigProvider, secrets redacted", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start()
      const provider = ConfigProvider.fromMap(
        new Map([
          ["BINANCE.ENVIRONMENT", "sandbox"],
          ["BINANCE.REST_URL", sandbox.urls.binance.rest],
          ["BINANCE.WS_URL", sandbox.urls.binance.ws],
          ["BINANCE.API_KEY", sandbox.credentials.binance.apiKey],
          ["BINANCE.API_SECRET", "wrong-secret"]
        ])
      ).pipe(ConfigProvider.nested("BINANCE"))
      const health = yield* Effect.flatMap(Exchange, (ex) => ex.healthCheck).pipe(
        Effect.provide(Binance.layerConfig(config).pipe(Layer.provide(Loopback.PlatformLive))),
        Effect.withConfigProvider(provider)
      )
      assert.isTrue(health.reachable)
      assert.strictEqual(health.credentials, "invalid")
      assert.notInclude(JSON.stringify(health), "wrong-secret")
    }).pipe(Effect.scoped))

  it.effect("the sandbox environment without URLs is a ConfigError naming the key", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(Exchange, Binance.layer({ environment: "sandbox" }).pipe(Layer.provide(Loopback.PlatformLive)))
      )
      assert.strictEqual(error._tag, "ConfigError")
      assert.include(error.message, "restUrl")
    }))

  it.effect("a recvWindow beyond Binance's 60 s maximum is a ConfigError", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(
          Exchange,
          Binance.layer({ environment: "mainnet", recvWindow: "2 minutes" }).pipe(Layer.provide(Loopback.PlatformLive))
        )
      )
      assert.strictEqual(error._tag, "ConfigError")
      assert.include(error.message, "recvWindow")
    }))
})
