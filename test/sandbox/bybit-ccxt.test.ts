/**
 * Fidelity check with a client we did not write: ccxt's `bybit` class, pointed at the sandbox,
 * loads markets, reads a ticker and an order book, places, fetches and cancels a limit order, and
 * reads balances.
 */
import { assert, describe, it } from "@effect/vitest"
import ccxt from "ccxt"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Sandbox from "../../src/sandbox/Sandbox.js"

const pointAt = (sandbox: Sandbox.Sandbox) => {
  const base = sandbox.urls.bybit.rest
  const exchange = new ccxt.bybit({
    apiKey: sandbox.credentials.bybit.apiKey,
    secret: Redacted.value(sandbox.credentials.bybit.secret),
    enableRateLimit: false,
    options: {
      fetchMarkets: { types: ["spot", "linear"] },
      defaultType: "spot",
      fetchCurrencies: false,
      enableUnifiedAccount: true,
      enableUnifiedMargin: false,
      loadAllOptions: false
    }
  })
  const api = exchange.urls["api"] as Record<string, string>
  exchange.urls["api"] = Object.fromEntries(Object.keys(api).map((k) => [k, base]))
  // The sandbox has no asset endpoints (`/v5/asset/coin/query-info`).
  exchange.has["fetchCurrencies"] = false
  return exchange
}

describe("ccxt bybit against the sandbox", () => {
  it.scopedLive(
    "loads markets, fetches ticker and book, places/fetches/cancels an order, reads balances",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ seed: 12 })
        const exchange = pointAt(sandbox)
        const markets = yield* Effect.tryPromise(() => exchange.loadMarkets())
        const btc = markets["BTC/USDT"]!
        assert.strictEqual(btc.id, "BTCUSDT")
        assert.strictEqual(btc.precision.price, 0.01)

        const ticker = yield* Effect.tryPromise(() => exchange.fetchTicker("BTC/USDT"))
        assert.isAbove(ticker.last!, 0)
        assert.isBelow(ticker.bid!, ticker.ask!)

        const book = yield* Effect.tryPromise(() => exchange.fetchOrderBook("BTC/USDT", 50))
        assert.isAbove(book.bids.length, 0)
        assert.isBelow(book.bids[0]![0]!, book.asks[0]![0]!)

        const price = Math.floor(book.bids[0]![0]! * 0.8)
        const order = yield* Effect.tryPromise(() => exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, price))
        assert.isString(order.id)
        const fetched = yield* Effect.tryPromise(() =>
          exchange.fetchOrder(order.id!, "BTC/USDT", { acknowledged: true })
        )
        assert.strictEqual(fetched.id, order.id)
        assert.strictEqual(fetched.status, "open")
        assert.strictEqual(fetched.price, price)
        assert.strictEqual(fetched.amount, 0.001)
        const open = yield* Effect.tryPromise(() => exchange.fetchOpenOrders("BTC/USDT"))
        assert.deepStrictEqual(open.map((o) => o.id), [order.id])

        yield* Effect.tryPromise(() => exchange.cancelOrder(order.id!, "BTC/USDT"))
        const after = yield* Effect.tryPromise(() => exchange.fetchOrder(order.id!, "BTC/USDT", { acknowledged: true }))
        assert.strictEqual(after.status, "canceled")

        const balance = yield* Effect.tryPromise(() => exchange.fetchBalance())
        assert.strictEqual(balance["USDT"]?.total, 100000)
        assert.strictEqual(balance["BTC"]?.total, 2)
      }).pipe(Effect.tapError((e) => Effect.logError(String((e as { cause?: unknown }).cause)))),
    30_000
  )
})
