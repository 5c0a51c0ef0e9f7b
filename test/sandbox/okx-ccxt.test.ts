/**
 * Fidelity check with a client we did not write: ccxt's `okx` class, pointed at the sandbox's OKX
 * dialect (key, secret and passphrase), loads SPOT and SWAP markets, reads a ticker and an order
 * book, places / fetches / lists / cancels a limit order on `BTC/USDT` and on `ETH/USDT:USDT`
 * (ccxt sizes SWAP orders in contracts), and reads balances and positions; ccxt.pro's
 * `watchOrders`, `watchMyTrades` and `watchBalance` log in to the private websocket and read the
 * `orders` and `account` pushes.
 */
import { assert, describe, it } from "@effect/vitest"
import ccxt from "ccxt"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { format, unsafe } from "../../src/model/Decimal.js"
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

  it.scopedLive(
    "ccxt.pro: watchOrders, watchMyTrades and watchBalance over the private websocket (login, orders, account)",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ seed: 15, venues: ["okx"] })
        yield* sandbox.market.pause
        const pro = new ccxt.pro.okx({
          apiKey: sandbox.credentials.okx.apiKey,
          secret: Redacted.value(sandbox.credentials.okx.secret),
          password: Redacted.value(sandbox.credentials.okx.passphrase!),
          enableRateLimit: false,
          options: { fetchMarkets: { types: ["spot", "swap"] }, defaultType: "spot" }
        })
        pro.urls["api"] = { rest: sandbox.urls.okx.rest, ws: `${sandbox.urls.okx.ws}/ws/v5` }
        pro.has["fetchCurrencies"] = false
        yield* Effect.addFinalizer(() => Effect.promise(() => pro.close()))
        // ccxt wants an http agent for plain ws:// URLs (a plain node:http Agent; no proxy is set).
        yield* Effect.tryPromise(() => pro.loadHttpProxyAgent())
        yield* Effect.tryPromise(() => pro.loadMarkets())
        const orders = Effect.tryPromise(() => pro.watchOrders("BTC/USDT"))
        const firstOrders = yield* Effect.fork(orders)
        const firstBalance = yield* Effect.fork(Effect.tryPromise(() => pro.watchBalance()))
        yield* Effect.sleep("500 millis")
        const book = yield* Effect.tryPromise(() => pro.fetchOrderBook("BTC/USDT", 5))
        const price = book.bids[0]![0]! + 0.1
        const placed = yield* Effect.tryPromise(() => pro.createOrder("BTC/USDT", "limit", "buy", 0.002, price))
        const seen = yield* firstOrders.await.pipe(
          Effect.flatten,
          Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Error("watchOrders") })
        )
        assert.strictEqual(seen.at(-1)!.id, placed.id)
        assert.strictEqual(seen.at(-1)!.status, "open")
        const balance = yield* firstBalance.await.pipe(
          Effect.flatten,
          Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Error("watchBalance") })
        )
        assert.isAbove(balance["USDT"]!.total!, 0)

        const trades = yield* Effect.fork(Effect.tryPromise(() => pro.watchMyTrades("BTC/USDT")))
        yield* Effect.sleep("1 second")
        const own = sandbox.credentials.okx.accountId
        const resting = (yield* sandbox.ledger.orders(own)).find((o) => String(o.orderId) === placed.id)!
        const symbol = resting.symbol
        const other = yield* sandbox.ledger.createAccount({ USDT: "1000000", BTC: "100" })
        sandbox.engine.placeOrder(other.accountId, {
          symbol,
          side: "sell",
          type: "limit",
          timeInForce: "IOC",
          price: resting.price,
          quantity: unsafe("0.001"),
          postOnly: false,
          clientOrderId: "counter"
        })
        const [trade] = yield* trades.await.pipe(
          Effect.flatten,
          Effect.timeoutFail({ duration: "5 seconds", onTimeout: () => new Error("watchMyTrades") })
        )
        const [fill] = yield* sandbox.ledger.fills(own, symbol)
        assert.strictEqual(trade!.id, String(fill!.tradeId))
        assert.strictEqual(trade!.order, placed.id)
        assert.strictEqual(trade!.amount, 0.001)
        assert.strictEqual(trade!.takerOrMaker, "maker")
        // ccxt passes OKX's signed `fillFee` through: a charged fee is negative.
        assert.strictEqual(trade!.fee?.cost, -Number(format(fill!.commission)))
        assert.strictEqual(trade!.fee?.currency, fill!.commissionAsset)
      }),
    30_000
  )
})
