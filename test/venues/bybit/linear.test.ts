/**
 * Bybit linear (USDT perpetuals) through the connector against the sandbox's Bybit dialect:
 * positions after a fill and a reduce-only close to flat, reduce-only rejection, funding rate and
 * history, amend keeping the order id.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Decimal from "../../../src/model/Decimal.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import { bybitLinear } from "../../e2e/bybit-linear.harness.js"
import * as Loopback from "../../support/Loopback.js"

const SYMBOL = "ETH/USDT:USDT"
const d = Decimal.unsafe
const fmt = Decimal.format

const withExchange = <A, E>(
  f: (
    ctx: { sandbox: Sandbox.Sandbox; exchange: Effect.Effect.Success<ReturnType<typeof bybitLinear.connect>> }
  ) => Effect.Effect<A, E, any>
) =>
  Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
    const exchange = yield* bybitLinear.connect(sandbox)
    yield* sandbox.market.pause
    return yield* f({ sandbox, exchange })
  }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)) as unknown as Effect.Effect<void, unknown>

describe("Bybit linear against the sandbox", () => {
  it.live(
    "a fill opens a long position; a reduce-only IOC closes it to flat",
    () =>
      withExchange(({ exchange }) =>
        Effect.gen(function*() {
          const book = yield* exchange.orderBook(SYMBOL, 5)
          const ask = book.asks[0]![0]
          const bid = book.bids[0]![0]
          const qty = d("0.01")
          const bought = yield* exchange.placeOrder({
            symbol: SYMBOL,
            side: "buy",
            type: "limit",
            timeInForce: "IOC",
            price: ask,
            quantity: qty
          })
          assert.strictEqual(fmt(bought.filledQuantity), fmt(qty))
          const open = yield* exchange.positions([SYMBOL])
          assert.strictEqual(open.length, 1)
          assert.strictEqual(open[0]!.side, "long")
          assert.strictEqual(fmt(open[0]!.size), fmt(qty))
          assert.isTrue(BigDecimal.isPositive(open[0]!.entryPrice))
          assert.isDefined(open[0]!.markPrice)
          assert.strictEqual(fmt(open[0]!.leverage!), "20")
          const usdt = (yield* exchange.balances).find((b) => b.asset === "USDT")!
          assert.isTrue(BigDecimal.isPositive(usdt.locked), "the position's margin is locked")

          const closed = yield* exchange.placeOrder({
            symbol: SYMBOL,
            side: "sell",
            type: "limit",
            timeInForce: "IOC",
            price: bid,
            quantity: d("0.05"),
            reduceOnly: true
          })
          assert.isTrue(closed.reduceOnly)
          assert.strictEqual(fmt(closed.filledQuantity), fmt(qty), "trimmed to the position")
          assert.strictEqual((yield* exchange.positions([SYMBOL])).length, 0, "flat")
          assert.strictEqual((yield* exchange.positions()).length, 0)
        })
      ),
    30_000
  )

  it.live(
    "a reduce-only order with no position is rejected (110017)",
    () =>
      withExchange(({ exchange, sandbox }) =>
        Effect.gen(function*() {
          const book = yield* exchange.orderBook(SYMBOL, 5)
          const r = yield* Effect.either(exchange.placeOrder({
            symbol: SYMBOL,
            side: "sell",
            type: "limit",
            timeInForce: "IOC",
            price: book.bids[0]![0],
            quantity: d("0.01"),
            reduceOnly: true
          }))
          assert.isTrue(Either.isLeft(r))
          if (Either.isLeft(r)) {
            assert.strictEqual(r.left._tag, "InvalidOrder")
            assert.strictEqual(r.left.venueCode, "110017")
          }
          assert.strictEqual((yield* sandbox.ledger.orders()).length, 0)
        })
      ),
    30_000
  )

  it.live(
    "funding rate from the linear ticker, and funding history newest last",
    () =>
      withExchange(({ exchange }) =>
        Effect.gen(function*() {
          const now = Date.now()
          const rate = yield* exchange.fundingRate(SYMBOL)
          assert.strictEqual(rate.symbol, SYMBOL)
          assert.isDefined(rate.nextFundingTime)
          assert.isAbove(rate.nextFundingTime!, now)
          assert.isDefined(rate.markPrice)
          assert.isDefined(rate.indexPrice)
          const history = yield* exchange.fundingRateHistory(SYMBOL)
          assert.isAtLeast(history.length, 10)
          const times = history.map((h) => h.timestamp)
          assert.deepStrictEqual(times, [...times].sort((a, b) => a - b))
          assert.isBelow(times.at(-1)!, rate.nextFundingTime!)
        })
      ),
    30_000
  )

  it.live("amend keeps the order id and moves the price", () =>
    withExchange(({ exchange }) =>
      Effect.gen(function*() {
        const book = yield* exchange.orderBook(SYMBOL, 5)
        const far = Decimal.roundToStep(BigDecimal.unsafeDivide(book.bids[0]![0], d("2")), d("0.01"), "down")
        const placed = yield* exchange.placeOrder({
          symbol: SYMBOL,
          side: "buy",
          type: "limit",
          price: far,
          quantity: d("0.05"),
          clientOrderId: "linear-amend-1"
        })
        assert.strictEqual(placed.status, "open")
        const lower = BigDecimal.subtract(far, d("1"))
        const amended = yield* exchange.amendOrder({ symbol: SYMBOL, id: placed.id }, { price: lower })
        assert.strictEqual(amended.id, placed.id)
        assert.strictEqual(amended.clientOrderId, "linear-amend-1")
        assert.strictEqual(fmt(amended.price!), fmt(lower))
        const open = yield* exchange.openOrders(SYMBOL)
        assert.deepStrictEqual(open.map((o) => o.id), [placed.id])
      })
    ), 30_000)
})
