/**
 * Fidelity check with a client we did not write: ccxt's `binance` class, pointed at the sandbox,
 * loads markets, reads a ticker and an order book, places, fetches and cancels a limit order, and
 * reads balances.
 */
import { assert, describe, it } from "@effect/vitest"
import ccxt from "ccxt"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Sandbox from "../../src/sandbox/Sandbox.js"

const pointAt = (sandbox: Sandbox.Sandbox) => {
  const base = `${sandbox.urls.binance.rest}/api/v3`
  const exchange = new ccxt.binance({
    apiKey: sandbox.credentials.binance.apiKey,
    secret: Redacted.value(sandbox.credentials.binance.secret),
    enableRateLimit: false,
    options: {
      fetchMarkets: { types: ["spot"] },
      defaultType: "spot",
      fetchCurrencies: false,
      fetchMargins: false
    }
  })
  const api = exchange.urls["api"] as Record<string, string>
  exchange.urls["api"] = { ...api, public: base, private: base, v3: base, v1: base.replace("/v3", "/v1") }
  return exchange
}

describe("ccxt binance against the sandbox", () => {
  it.scopedLive("loads markets, fetches ticker and book, places/fetches/cancels an order, reads balances", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 11 })
      const exchange = pointAt(sandbox)
      const markets = yield* Effect.promise(() => exchange.loadMarkets())
      const btc = markets["BTC/USDT"]!
      assert.strictEqual(btc.id, "BTCUSDT")
      assert.strictEqual(btc.precision.price, 0.01)
      assert.strictEqual(btc.limits.amount?.min, 0.00001)

      const ticker = yield* Effect.promise(() => exchange.fetchTicker("BTC/USDT"))
      assert.isAbove(ticker.last!, 0)
      assert.isBelow(ticker.bid!, ticker.ask!)

      const book = yield* Effect.promise(() => exchange.fetchOrderBook("BTC/USDT", 10))
      assert.isAbove(book.bids.length, 0)
      assert.isBelow(book.bids[0]![0]!, book.asks[0]![0]!)
      assert.isNumber(book.nonce)

      const price = Math.floor(book.bids[0]![0]! * 0.8)
      const order = yield* Effect.promise(() => exchange.createOrder("BTC/USDT", "limit", "buy", 0.001, price))
      assert.strictEqual(order.status, "open")
      const fetched = yield* Effect.promise(() => exchange.fetchOrder(order.id!, "BTC/USDT"))
      assert.strictEqual(fetched.id, order.id)
      assert.strictEqual(fetched.price, price)
      assert.strictEqual(fetched.amount, 0.001)
      const open = yield* Effect.promise(() => exchange.fetchOpenOrders("BTC/USDT"))
      assert.deepStrictEqual(open.map((o) => o.id), [order.id])

      const balance = yield* Effect.promise(() => exchange.fetchBalance())
      // ccxt parses the sandbox's decimal string: the double nearest price / 1000 (the integer price
      // divided exactly once), not price * 0.001, which can be one ulp off (47992 * 0.001)
      assert.strictEqual(balance["USDT"]?.used, price / 1000)

      const canceled = yield* Effect.promise(() => exchange.cancelOrder(order.id!, "BTC/USDT"))
      assert.strictEqual(canceled.status, "canceled")
      const after = yield* Effect.promise(() => exchange.fetchBalance())
      assert.strictEqual(after["USDT"]?.free, 100000)
      assert.strictEqual(after["USDT"]?.used, 0)

      const trades = yield* Effect.promise(() => exchange.fetchTrades("BTC/USDT", undefined, 5))
      assert.strictEqual(trades.length, 5)
      const candles = yield* Effect.promise(() => exchange.fetchOHLCV("BTC/USDT", "1m", undefined, 3))
      assert.isAbove(candles.length, 0)
      const market = yield* Effect.promise(() => exchange.createOrder("BTC/USDT", "market", "sell", 0.001))
      assert.strictEqual(market.status, "closed")
      const mine = yield* Effect.promise(() => exchange.fetchMyTrades("BTC/USDT"))
      assert.isAbove(mine.length, 0)
      const all = yield* Effect.promise(() => exchange.fetchOrders("BTC/USDT"))
      assert.deepStrictEqual(all.map((o) => o.status), ["canceled", "closed"])

      const ledger = yield* sandbox.ledger.orders()
      assert.deepStrictEqual(ledger.map((o) => [String(o.orderId), o.status]), [[order.id, "canceled"], [
        market.id,
        "filled"
      ]])
    }))

  it.scopedLive("ccxt maps the sandbox's errors onto its own exception classes", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 12 })
      const exchange = pointAt(sandbox)
      yield* Effect.promise(() => exchange.loadMarkets())
      const tooBig = yield* Effect.promise(() =>
        exchange.createOrder("BTC/USDT", "limit", "buy", 10, 50000).then(() => undefined, (e: unknown) => e)
      )
      assert.instanceOf(tooBig, ccxt.InsufficientFunds)
      const missing = yield* Effect.promise(() =>
        exchange.fetchOrder("123456789", "BTC/USDT").then(() => undefined, (e: unknown) => e)
      )
      assert.instanceOf(missing, ccxt.OrderNotFound)
      const wrongKey = pointAt(sandbox)
      wrongKey.secret = "x".repeat(64)
      const auth = yield* Effect.promise(() => wrongKey.fetchBalance().then(() => undefined, (e: unknown) => e))
      assert.instanceOf(auth, ccxt.AuthenticationError)
    }))
})
