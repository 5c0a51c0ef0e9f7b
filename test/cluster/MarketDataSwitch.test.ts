/**
 * `[cluster] market_data`: where a bot's order books come from, switched in lotusx.config.toml (or
 * `LOTUSX_CLUSTER_MARKET_DATA`) without code changes. The layer test needs `redis-server`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as BookBus from "../../src/cluster/BookBus.js"
import * as LotusConfig from "../../src/config/LotusConfig.js"
import { Exchange } from "../../src/Exchange.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Loopback from "../support/Loopback.js"
import { describeWithRedis } from "./redisSuite.js"

const config = (text: string, env: Record<string, string> = {}) =>
  LotusConfig.fromText(text, { env, file: "lotusx.config.toml" })

describe("[cluster] market_data", () => {
  it.effect("defaults to the venue; \"bus\" needs [cluster] redis; anything else is refused with its path", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* LotusConfig.marketDataSource(yield* config("")), "venue")
      assert.strictEqual(
        yield* LotusConfig.marketDataSource(
          yield* config("[cluster]\nredis = \"redis://127.0.0.1:1\"\nmarket_data = \"bus\"\n")
        ),
        "bus"
      )
      const noRedis = yield* Effect.either(
        LotusConfig.marketDataSource(yield* config("[cluster]\nmarket_data = \"bus\"\n"))
      )
      assert.isTrue(Either.isLeft(noRedis))
      if (Either.isLeft(noRedis)) {
        assert.include(noRedis.left.message, "cluster.market_data")
        assert.include(noRedis.left.message, "[cluster] redis")
      }
      const typo = yield* Effect.either(config("[cluster]\nmarket_data = \"buss\"\n"))
      assert.isTrue(Either.isLeft(typo))
      if (Either.isLeft(typo)) assert.include(typo.left.message, "cluster.market_data")
      // environment variables: LOTUSX_CLUSTER_* are known (a typo is refused), and override the file
      const fromEnv = yield* config("", {
        LOTUSX_CLUSTER_REDIS: "redis://127.0.0.1:1",
        LOTUSX_CLUSTER_MARKET_DATA: "bus"
      })
      assert.strictEqual(yield* LotusConfig.marketDataSource(fromEnv), "bus")
      const misspelt = yield* Effect.either(config("", { LOTUSX_CLUSTER_MARKET_DAT: "bus" }))
      assert.isTrue(Either.isLeft(misspelt))
      if (Either.isLeft(misspelt)) assert.include(misspelt.left.message, "LOTUSX_CLUSTER_MARKET_DATA")
    }))
})

describeWithRedis(`[cluster] market_data = "bus" on Redis`, (redisServer) => {
  it.live(
    "the config's Exchange takes its books from the bus, and says so while no ingest publishes",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ venues: ["binance"], market: { running: false } })
        const text = (source: string) =>
          `[exchanges.binance]\nenvironment = "sandbox"\nrest_url = "${sandbox.urls.binance.rest}"\n` +
          `ws_url = "${sandbox.urls.binance.ws}"\n[cluster]\nredis = "${redisServer().url}"\n` +
          `namespace = "switch-${Date.now()}"\nmarket_data = "${source}"\n`
        const exchangeOf = (source: string) =>
          Effect.flatMap(config(text(source)), (c) =>
            Effect.map(
              Layer.build(LotusConfig.exchangeLayer(c, "binance").pipe(Layer.provide(Loopback.PlatformLive))),
              (ctx) => ctx.unsafeMap.get(Exchange.key) as Exchange
            ))
        const bus = yield* exchangeOf("bus")
        assert.strictEqual(bus.bookSync, BookBus.busSync)
        const failure = yield* Effect.flip(bus.orderBook("BTC/USDT", 5))
        assert.strictEqual(failure._tag, "ExchangeUnavailable")
        assert.include(failure.message, "no ingest publishes it (start one: lotusx ingest --exchange binance")
        // other calls still go to the venue
        assert.isAbove((yield* bus.ticker("BTC/USDT")).symbol.length, 0)
        const venue = yield* exchangeOf("venue")
        assert.notStrictEqual(venue.bookSync, BookBus.busSync)
        assert.isAbove((yield* venue.orderBook("BTC/USDT", 5)).bids.length, 0)
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )
})
