/**
 * Fidelity check with a client we did not write: ccxt's `okx` class, pointed at the sandbox's OKX
 * dialect (key, secret and passphrase), loads SPOT and SWAP markets, reads a ticker and an order
 * book, places / fetches / lists / cancels a limit order on `BTC/USDT` and on `ETH/USDT:USDT`
 * (ccxt sizes SWAP orders in contracts), and reads balances and positions.
 */
import { assert, describe, it } from "@effect/vitest"
import ccxt from "ccxt"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Sandbox from "../../src/sandbox/Sandbox.js"

const pointAt = (sandbox: Sandbox.Sandbox) => {
  const exchange = new ccxt.okx({
    apiKey: sandbox.credentials.okx.apiKey,
    secret: Redacted.value(sandbox.credentials.okx.secret),
    password: Redacted.value(sandbox.credentials.okx.passphrase!),
    enableRateLimit: false,
    options: { fetchMarkets: { types: ["spot", "swap"] }, defaultType: "spot" }
  })
  exchange.urls["api"] = { rest: sandbox.urls.okx.rest }
  // The sandbox has no asset endpoints (`/api/v5/asset/currencies`).
  exchange.has["fetchCurrencies"] = false
  return exchange
}

const lifecycle = (exchange: InstanceType<typeof ccxt.okx>, symbol: string, amount: number) =>
  Effect.gen(function*() {
    const ticker = yield* Effect.tryPromise(() => exchange.fetchTicker(symbol))
    assert.isAbove(ticker.last!, 0)
    assert.isBelow(ticker.bid!, ticker.ask!)
    const book = yield* Effect.tryPromise(() => exchange.fetchOrderBook(symbol, 50))
    assert.isAbove(book.bids.length, 0)
    assert.isBelow(book.bids[0]![0]!, book.asks[0]![0]!)
    const price = Math.floor(book.bids[0]![0]! * 0.8)
    const order = yield* Effect.tryPromise(() => exchange.createOrder(symbol, "limit", "buy", amount, price))
    assert.isString(order.id)
    const fetched = yield* Effect.tryPromise(() => exchange.fetchOrder(order.id!, symbol))
    assert.strictEqual(fetched.id, order.id)
    assert.strictEqual(fetched.status, "open")
    assert.strictEqual(fetched.price, price)
    assert.strictEqual(fetched.amount, amount)
    const open = yield* Effect.tryPromise(() => exchange.fetchOpenOrders(symbol))
    assert.deepStrictEqual(open.map((o) => o.id), [order.id])
    yield* Effect.tryPromise(() => exchange.cancelOrder(order.id!, symbol))
    const after = yield* Effect.tryPromise(() => exchange.fetchOrder(order.id!, symbol))
    assert.strictEqual(after.status, "canceled")
  })

describe("ccxt okx against the sandbox", () => {
  it.scopedLive(
    "SPOT and SWAP: markets, ticker, book, place / fetch / list / cancel, balances, positions",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ seed: 14 })
        const exchange = pointAt(sandbox)
        const markets = yield* Effect.tryPromise(() => exchange.loadMarkets())
        assert.strictEqual(markets["BTC/USDT"]!.id, "BTC-USDT")
        const eth = markets["ETH/USDT:USDT"]!
        assert.strictEqual(eth.id, "ETH-USDT-SWAP")
        assert.strictEqual(eth.contractSize, 0.1)

        yield* lifecycle(exchange, "BTC/USDT", 0.001)
        yield* lifecycle(exchange, "ETH/USDT:USDT", 0.2) // 0.2 contracts = 0.02 ETH

        const balance = yield* Effect.tryPromise(() => exchange.fetchBalance())
        assert.strictEqual(balance["USDT"]?.total, 100000)
        assert.strictEqual(balance["BTC"]?.total, 2)
        const none = yield* Effect.tryPromise(() => exchange.fetchPositions(["ETH/USDT:USDT"]))
        assert.deepStrictEqual(none, [])
        const bought = yield* Effect.tryPromise(() => exchange.createOrder("ETH/USDT:USDT", "market", "buy", 1))
        const filled = yield* Effect.tryPromise(() => exchange.fetchOrder(bought.id!, "ETH/USDT:USDT"))
        assert.strictEqual(filled.status, "closed")
        assert.strictEqual(filled.filled, 1)
        const positions = yield* Effect.tryPromise(() => exchange.fetchPositions(["ETH/USDT:USDT"]))
        assert.strictEqual(positions.length, 1)
        assert.strictEqual(positions[0]!.side, "long")
        assert.strictEqual(positions[0]!.contracts, 1)
      }).pipe(Effect.tapError((e) => Effect.logError(String((e as { cause?: unknown }).cause)))),
    30_000
  )
})
