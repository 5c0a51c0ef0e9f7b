import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { TextBookUpdate } from "../../../src/book/BookText.js"
import * as LiveOrderBook from "../../../src/book/LiveOrderBook.js"
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

  it.live("book updates over a real socket are read from the frames' text, and keep a LiveOrderBook live", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start()
      const context = yield* Layer.build(
        Binance.layer({
          environment: "sandbox",
          restUrl: sandbox.urls.binance.rest,
          wsUrl: sandbox.urls.binance.ws
        }).pipe(Layer.provide(Loopback.PlatformLive))
      )
      const exchange = Context.get(context, Exchange)
      const updates = Chunk.toReadonlyArray(
        yield* exchange.watchBookUpdates("BTC/USDT").pipe(Stream.take(5), Stream.runCollect)
      )
      for (const update of updates) {
        assert.instanceOf(update, TextBookUpdate)
        assert.strictEqual(update.venueSymbol, "BTCUSDT")
        assert.isAbove(update.bids.length + update.asks.length, 0)
        for (const [price, size] of [...update.bids, ...update.asks]) {
          assert.match(price, /^\d+(\.\d+)?$/)
          assert.match(size, /^\d+(\.\d+)?$/)
        }
      }
      const book = yield* LiveOrderBook.fromExchange(exchange, "BTC/USDT", { depth: 5 })
      const live = yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.take(1), Stream.runHead)
      assert.isTrue(Option.isSome(live))
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
