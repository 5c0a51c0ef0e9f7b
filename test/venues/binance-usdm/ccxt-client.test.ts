/**
 * Fidelity check with a client we did not write: ccxt's `binanceusdm` class, pointed at the
 * sandbox's USDⓈ-M dialect, loads markets, reads a ticker and an order book, places, fetches and
 * cancels a limit order, and reads balances.
 */
import { assert, describe, it } from "@effect/vitest"
import ccxt from "ccxt"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"

const pointAt = (sandbox: Sandbox.Sandbox) => {
  const base = `${sandbox.urls["binance-usdm"].rest}/fapi`
  const exchange = new ccxt.binanceusdm({
    apiKey: sandbox.credentials["binance-usdm"].apiKey,
    secret: Redacted.value(sandbox.credentials["binance-usdm"].secret),
    enableRateLimit: false,
    options: {
      fetchMarkets: { types: ["linear"] },
      fetchCurrencies: false,
      fetchMargins: false
    }
  })
  const api = exchange.urls["api"] as Record<string, string>
  exchange.urls["api"] = {
    ...api,
    fapiPublic: `${base}/v1`,
    fapiPrivate: `${base}/v1`,
    fapiPublicV2: `${base}/v2`,
    fapiPrivateV2: `${base}/v2`,
    fapiPublicV3: `${base}/v3`,
    fapiPrivateV3: `${base}/v3`
  }
  return exchange
}

describe("ccxt binanceusdm against the sandbox", () => {
  it.scopedLive("loads markets, fetches ticker and book, places/fetches/cancels an order, reads balances", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 21 })
      const exchange = pointAt(sandbox)
      const markets = yield* Effect.promise(() => exchange.loadMarkets())
      const btc = markets["BTC/USDT:USDT"]!
      assert.strictEqual(btc.id, "BTCUSDT")
      assert.isTrue(btc.swap && btc.linear)
      assert.strictEqual(btc.settle, "USDT")
      assert.strictEqual(btc.limits.cost?.min, 100)

      const ticker = yield* Effect.promise(() => exchange.fetchTicker("BTC/USDT:USDT"))
      assert.isAbove(ticker.last!, 0)

      const book = yield* Effect.promise(() => exchange.fetchOrderBook("BTC/USDT:USDT", 10))
      assert.isAbove(book.bids.length, 0)
      assert.isBelow(book.bids[0]![0]!, book.asks[0]![0]!)
      assert.isNumber(book.nonce)

      const price = Math.floor(book.bids[0]![0]! * 0.8)
      const order = yield* Effect.promise(() => exchange.createOrder("BTC/USDT:USDT", "limit", "buy", 0.01, price))
      assert.strictEqual(order.status, "open")
      const fetched = yield* Effect.promise(() => exchange.fetchOrder(order.id!, "BTC/USDT:USDT"))
      assert.strictEqual(fetched.id, order.id)
      assert.strictEqual(fetched.price, price)
      assert.strictEqual(fetched.amount, 0.01)

      const canceled = yield* Effect.promise(() => exchange.cancelOrder(order.id!, "BTC/USDT:USDT"))
      assert.strictEqual(canceled.status, "canceled")

      const balance = yield* Effect.promise(() => exchange.fetchBalance())
      assert.strictEqual(balance["USDT"]?.total, 100000)
      assert.strictEqual(balance["USDT"]?.free, 100000)

      const ledger = yield* sandbox.ledger.orders()
      assert.deepStrictEqual(ledger.map((o) => [String(o.orderId), o.status]), [[order.id, "canceled"]])
    }))
})
