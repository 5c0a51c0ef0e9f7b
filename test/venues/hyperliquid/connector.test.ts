/**
 * The Hyperliquid connector against the sandbox's Hyperliquid dialect, for what the shared E2E
 * scenarios do not cover: refusals before anything is signed (FOK, the price rule), market orders
 * as slippage-bounded IOC limits, positions, amend, cancel by cloid, the health check's
 * permissions, `authFailure` on a placement, candles, funding and the streams.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../../src/book/LiveOrderBook.js"
import * as Decimal from "../../../src/model/Decimal.js"
import { roundPrice } from "../../../src/model/OrderRules.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import { connectHyperliquid } from "../../e2e/hyperliquid.harness.js"
import * as Loopback from "../../support/Loopback.js"

const d = Decimal.unsafe

const setup = Effect.gen(function*() {
  const sandbox = yield* Sandbox.start({
    seed: 31,
    venues: ["hyperliquid"],
    market: { intervalMs: { min: 50, max: 100 } }
  })
  const exchange = yield* connectHyperliquid(sandbox)
  return { sandbox, exchange }
})

const run = <A, E>(effect: Effect.Effect<A, E, any>) =>
  effect.pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)) as Effect.Effect<A, E>

describe("Hyperliquid connector on the sandbox", () => {
  it.live("FOK and off-rule prices are refused before anything is signed or sent", () =>
    run(Effect.gen(function*() {
      const { exchange, sandbox } = yield* setup
      const fok = yield* Effect.either(
        exchange.placeOrder({
          symbol: "ETH",
          side: "buy",
          type: "limit",
          price: d("1000"),
          quantity: d("0.1"),
          timeInForce: "FOK"
        })
      )
      assert.isTrue(Either.isLeft(fok) && fok.left._tag === "NotSupported")
      const offRule = yield* Effect.either(
        exchange.placeOrder({
          symbol: "ETH/USDC:USDC",
          side: "buy",
          type: "limit",
          price: d("1000.01"),
          quantity: d("0.1")
        })
      )
      assert.isTrue(
        Either.isLeft(offRule) && offRule.left._tag === "InvalidOrder" && offRule.left.reason === "tick_size"
      )
      // nothing reached the venue: no order, and the venue never saw a nonce from this key
      assert.strictEqual((yield* sandbox.ledger.orders()).length, 0)
    })))

  it.live("a market order is an IOC limit within the slippage bound; it opens a position", () =>
    run(Effect.gen(function*() {
      const { exchange } = yield* setup
      const before = yield* exchange.orderBook("ETH", 5)
      const placed = yield* exchange.placeOrder({ symbol: "ETH", side: "buy", type: "market", quantity: d("0.1") })
      assert.isTrue(BigDecimal.isPositive(placed.filledQuantity))
      assert.strictEqual(placed.timeInForce, "IOC")
      const mid = BigDecimal.unsafeDivide(BigDecimal.sum(before.bids[0]![0], before.asks[0]![0]), d("2"))
      assert.isTrue(BigDecimal.lessThanOrEqualTo(placed.price!, BigDecimal.multiply(mid, d("1.06"))))
      const positions = yield* exchange.positions(["ETH/USDC:USDC"])
      assert.strictEqual(positions.length, 1)
      assert.strictEqual(positions[0]!.side, "long")
      assert.strictEqual(Decimal.format(positions[0]!.size), Decimal.format(placed.filledQuantity))
    })))

  it.live("amend moves price and size; cancel by cloid; batch with a bad item", () =>
    run(Effect.gen(function*() {
      const { exchange, sandbox } = yield* setup
      const m = yield* exchange.market("ETH")
      const book = yield* exchange.orderBook("ETH", 5)
      const price = roundPrice(m, BigDecimal.unsafeDivide(book.bids[0]![0], d("2")), "down")
      const placed = yield* exchange.placeOrder({
        symbol: "ETH",
        side: "buy",
        type: "limit",
        price,
        quantity: d("0.1"),
        postOnly: true
      })
      assert.match(placed.clientOrderId!, /^0x[0-9a-f]{32}$/)
      const lower = roundPrice(m, BigDecimal.subtract(price, d("10")), "down")
      const amended = yield* exchange.amendOrder({ symbol: "ETH", id: placed.id }, { price: lower, quantity: d("0.2") })
      assert.strictEqual(Decimal.format(amended.price!), Decimal.format(lower))
      assert.strictEqual(Decimal.format(amended.quantity), "0.2")
      const results = yield* exchange.cancelOrders([
        { symbol: "ETH", clientOrderId: placed.clientOrderId! },
        { symbol: "ETH", clientOrderId: "0x" + "0".repeat(32) }
      ])
      assert.isTrue(Either.isRight(results[0]!) && results[0]!.right.status === "canceled")
      assert.isTrue(Either.isLeft(results[1]!) && results[1]!.left._tag === "OrderNotFound")
      assert.strictEqual((yield* sandbox.ledger.openOrders()).length, 0)
    })))

  it.live("health check: the agent may trade, not withdraw; authFailure on a placement is AuthenticationFailed", () =>
    run(Effect.gen(function*() {
      const { exchange, sandbox } = yield* setup
      const health = yield* exchange.healthCheck
      assert.strictEqual(health.credentials, "valid")
      assert.deepStrictEqual(health.permissions, { read: true, trade: true, withdraw: false })
      yield* sandbox.faults.add({ kind: "authFailure", venue: "hyperliquid", path: "/exchange", count: 1 })
      const m = yield* exchange.market("ETH")
      const price = roundPrice(
        m,
        BigDecimal.unsafeDivide((yield* exchange.orderBook("ETH", 1)).bids[0]![0], d("2")),
        "down"
      )
      const refused = yield* Effect.either(
        exchange.placeOrder({ symbol: "ETH", side: "buy", type: "limit", price, quantity: d("0.1"), postOnly: true })
      )
      assert.isTrue(Either.isLeft(refused) && refused.left._tag === "AuthenticationFailed")
      assert.strictEqual((yield* sandbox.ledger.orders()).length, 0)
    })))

  it.live("tickers, candles, funding and the streams (bbo ticker, trades, l2Book through LiveOrderBook)", () =>
    run(Effect.gen(function*() {
      const { exchange } = yield* setup
      const tickers = yield* exchange.tickers()
      assert.includeMembers(tickers.map((t) => t.symbol), ["BTC/USDC:USDC", "ETH/USDC:USDC", "BTC/USDC"])
      const candles = yield* exchange.candles("BTC", "1m", { limit: 5 })
      assert.isAbove(candles.length, 0)
      const funding = yield* exchange.fundingRate("BTC")
      assert.isDefined(funding.markPrice)
      const history = yield* exchange.fundingRateHistory("BTC", { since: 0 })
      assert.isAbove(history.length, 0)
      const ticker = yield* exchange.watchTicker("ETH").pipe(
        Stream.take(1),
        Stream.runCollect,
        Effect.timeout("10 seconds")
      )
      const t = Chunk.unsafeHead(ticker)
      assert.isTrue(BigDecimal.lessThan(t.bid!, t.ask!))
      const trades = yield* exchange.watchTrades("BTC").pipe(
        Stream.take(2),
        Stream.runCollect,
        Effect.timeout("10 seconds")
      )
      assert.strictEqual(Chunk.size(trades), 2)
      const book = yield* LiveOrderBook.fromExchange(exchange, "BTC/USDC", { depth: 10 })
      const live = yield* book.views.pipe(
        Stream.filter((v) => v.state === "live"),
        Stream.take(1),
        Stream.runCollect,
        Effect.timeout("10 seconds")
      )
      const view = Chunk.unsafeHead(live)
      assert.isTrue(BigDecimal.lessThan(view.bids[0]![0], view.asks[0]![0]))
    })))
})
