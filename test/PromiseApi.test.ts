import { assert, describe, it } from "vitest"
import * as Promised from "../src/PromiseApi.js"

const DECIMAL = /^-?\d+(\.\d+)?$/

describe("lotusx/promise", () => {
  it(
    "an exchange on an embedded sandbox: decimals as exact strings, orders from strings, streams as async iterables",
    async () => {
      const exchange = await Promised.sandbox("binance", { seed: 7, market: { intervalMs: { min: 20, max: 40 } } })
      try {
        assert.strictEqual(exchange.venue, "binance")
        assert.strictEqual(exchange.environment, "sandbox")
        const ticker = await exchange.ticker("BTC/USDT")
        assert.strictEqual(ticker.symbol, "BTC/USDT")
        assert.match(ticker.last, DECIMAL)
        assert.strictEqual(JSON.parse(JSON.stringify(ticker)).last, ticker.last)
        const market = await exchange.market("BTCUSDT")
        assert.strictEqual(market.tickSize, "0.01")
        const book = await exchange.orderBook("BTC/USDT", 5)
        assert.match(book.bids[0]![0], DECIMAL)

        const order = await exchange.placeOrder({
          symbol: "BTC/USDT",
          side: "buy",
          type: "limit",
          price: "10000",
          quantity: "0.001"
        })
        assert.strictEqual(order.price, "10000")
        assert.strictEqual(order.quantity, "0.001")
        assert.strictEqual(order.status, "open")
        const batch = await exchange.cancelOrders([{ symbol: "BTC/USDT", id: order.id }, {
          symbol: "BTC/USDT",
          id: "999999999"
        }])
        assert.strictEqual(batch[0]!.ok && batch[0]!.value.status, "canceled")
        assert.isFalse(batch[1]!.ok)
        if (!batch[1]!.ok) assert.instanceOf(batch[1]!.error, Promised.OrderNotFound)

        const trades: Array<string> = []
        for await (const trade of exchange.watchTrades("BTC/USDT")) {
          trades.push(trade.price)
          if (trades.length === 3) break
        }
        for (const price of trades) assert.match(price, DECIMAL)
      } finally {
        await exchange.close()
      }
    },
    30_000
  )

  it("failures are Error subclasses that keep the unified tag, the venue's code and the outcome", async () => {
    const exchange = await Promised.sandbox("binance", { seed: 8 })
    try {
      const unknown = await exchange.ticker("NOPE/USDT").then(() => undefined, (e: unknown) => e)
      assert.instanceOf(unknown, Error)
      assert.instanceOf(unknown, Promised.LotusXError)
      assert.instanceOf(unknown, Promised.UnknownSymbol)
      const u = unknown as Promised.LotusXError
      assert.strictEqual(u.tag, "UnknownSymbol")
      assert.strictEqual(u.name, "UnknownSymbol")
      assert.strictEqual(u.outcome, "definitive")
      assert.strictEqual(u.venue, "binance")

      const poor = await exchange.placeOrder({
        symbol: "BTC/USDT",
        side: "buy",
        type: "limit",
        price: "50000",
        quantity: "100"
      }).then(() => undefined, (e: unknown) => e as Promised.LotusXError)
      assert.instanceOf(poor, Promised.InsufficientFunds)
      assert.strictEqual(poor!.tag, "InsufficientFunds")
      assert.strictEqual(poor!.venueCode, "-2010")
      assert.strictEqual(poor!.outcome, "definitive")
      assert.strictEqual(poor!.cause._tag, "InsufficientFunds")

      assert.isNumber(await exchange.sandbox.addFault("http429:count=1,retryAfter=0"))
      await exchange.sandbox.clearFaults()
      const bad = await exchange.placeOrder({
        symbol: "BTC/USDT",
        side: "buy",
        type: "limit",
        price: "x",
        quantity: "1"
      })
        .then(() => undefined, (e: unknown) => e)
      assert.instanceOf(bad, TypeError)
    } finally {
      await exchange.close()
    }
  }, 30_000)

  it("connect: a venue layer behind Promises (here pointed at a sandbox)", async () => {
    const sandbox = await Promised.sandbox("bybit", { seed: 9 })
    try {
      const bybit = await Promised.connect("bybit", {
        environment: "sandbox",
        restUrl: sandbox.sandbox.urls.bybit.rest,
        wsUrl: sandbox.sandbox.urls.bybit.ws
      })
      const ticker = await bybit.ticker("BTC/USDT:USDT")
      assert.strictEqual(ticker.symbol, "BTC/USDT:USDT")
      assert.match(ticker.last, DECIMAL)
      await bybit.close()
    } finally {
      await sandbox.close()
    }
  }, 30_000)

  it("a layer that cannot be built rejects with the same Error shape (ConfigError)", async () => {
    const noUrls = await Promised.connect("binance", { environment: "sandbox" }).then(
      () => undefined,
      (e: unknown) => e
    )
    assert.instanceOf(noUrls, Promised.ConfigError)
    assert.strictEqual((noUrls as Promised.LotusXError).tag, "ConfigError")
    const unknown = await Promised.fromConfig("kraken", { env: {} }).then(() => undefined, (e: unknown) => e)
    assert.instanceOf(unknown, Promised.LotusXError)
    assert.include((unknown as Error).message, "unknown exchange \"kraken\"")
  })
})
