/**
 * USDⓈ-M perp behaviour of the connector against the sandbox over real sockets: positions,
 * reduce-only, post-only (GTX), FOK, margin, funding, amend, and the batch endpoints' chunking.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import type { Exchange } from "../../../src/Exchange.js"
import * as Decimal from "../../../src/model/Decimal.js"
import type { OrderRequest } from "../../../src/model/Order.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import { binanceUsdm } from "../../e2e/binance-usdm.harness.js"
import * as Loopback from "../../support/Loopback.js"

const d = Decimal.unsafe
const fmt = Decimal.format
const SYMBOL = "BTC/USDT:USDT"

const sent: Array<string> = []
/** The real HTTP client, recording `METHOD path` of every request. */
const Recording = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, (client) =>
    HttpClient.tapRequest(client, (request) =>
      Effect.sync(() => {
        sent.push(`${request.method} ${new URL(request.url).pathname.replace(/^\/binance-usdm/, "")}`)
      })))
)

const withVenue = <A, E>(f: (ex: Exchange, sandbox: Sandbox.Sandbox) => Effect.Effect<A, E, any>) =>
  Effect.gen(function*() {
    sent.length = 0
    const sandbox = yield* Sandbox.start({ market: { running: false } })
    const ex = yield* binanceUsdm.connect(sandbox)
    return yield* f(ex, sandbox)
  }).pipe(
    Effect.scoped,
    Effect.provide(Recording),
    Effect.provide(Loopback.PlatformLive)
  ) as Effect.Effect<A, E>

const top = (ex: Exchange) => Effect.map(ex.orderBook(SYMBOL, 20), (b) => ({ bid: b.bids[0]![0], ask: b.asks[0]![0] }))

const resting = (ex: Exchange, i = 0) =>
  Effect.map(top(ex), ({ bid }): OrderRequest => ({
    symbol: SYMBOL,
    side: "buy",
    type: "limit",
    price: Decimal.roundToStep(
      BigDecimal.subtract(BigDecimal.unsafeDivide(bid, d("2")), d(String(i))),
      d("0.1"),
      "down"
    ),
    quantity: d("0.005"),
    postOnly: true
  }))

const failure = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.either(effect), (r) => {
    assert.isTrue(Either.isLeft(r), "expected a failure")
    return Either.isLeft(r) ? r.left : assert.fail("unreachable")
  })

describe("Binance USDⓈ-M perps on the sandbox", () => {
  it.live("markets are linear perpetuals settled in the margin asset", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const m = yield* ex.market("BTCUSDT")
        assert.strictEqual(m.unified, SYMBOL)
        assert.strictEqual(m.type, "perp")
        assert.strictEqual(m.settle, "USDT")
        assert.strictEqual(fmt(m.contractSize), "1")
        assert.strictEqual(fmt(m.minNotional!), "100")
        const t = yield* ex.ticker(SYMBOL)
        assert.isTrue(BigDecimal.lessThan(t.bid!, t.ask!), "bid/ask from bookTicker")
      })
    ))

  it.live("a market buy opens a long; a reduce-only sell closes it to flat", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        assert.deepStrictEqual(yield* ex.positions(), [])
        const buy = yield* ex.placeOrder({ symbol: SYMBOL, side: "buy", type: "market", quantity: d("0.01") })
        assert.strictEqual(buy.status, "filled")
        const [long] = yield* ex.positions([SYMBOL])
        assert.isDefined(long)
        assert.strictEqual(long!.side, "long")
        assert.strictEqual(fmt(long!.size), "0.01")
        assert.isTrue(BigDecimal.isPositive(long!.entryPrice))
        assert.strictEqual(long!.marginMode, "cross")
        assert.strictEqual(fmt(long!.leverage!), "20")
        const close = yield* ex.placeOrder({
          symbol: SYMBOL,
          side: "sell",
          type: "market",
          quantity: d("0.01"),
          reduceOnly: true
        })
        assert.strictEqual(close.status, "filled")
        assert.isTrue(close.reduceOnly)
        assert.deepStrictEqual(yield* ex.positions(), [])
      })
    ))

  it.live("a reduce-only order that would open a position → InvalidOrder(reduce_only_rejected)", () =>
    withVenue((ex, sandbox) =>
      Effect.gen(function*() {
        const e = yield* failure(
          ex.placeOrder({ symbol: SYMBOL, side: "sell", type: "market", quantity: d("0.01"), reduceOnly: true })
        )
        assert.strictEqual(e._tag, "InvalidOrder")
        if (e._tag === "InvalidOrder") assert.strictEqual(e.reason, "reduce_only_rejected")
        assert.strictEqual((yield* sandbox.ledger.openOrders()).length, 0)
      })
    ))

  it.live("a post-only (GTX) order that would cross → InvalidOrder(post_only_would_cross)", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const { ask } = yield* top(ex)
        const e = yield* failure(
          ex.placeOrder({ symbol: SYMBOL, side: "buy", type: "limit", price: ask, quantity: d("0.01"), postOnly: true })
        )
        assert.strictEqual(e._tag, "InvalidOrder")
        if (e._tag === "InvalidOrder") assert.strictEqual(e.reason, "post_only_would_cross")
        const ok = yield* ex.placeOrder(yield* resting(ex))
        assert.isTrue(ok.postOnly, "GTX reads back as post-only")
        assert.strictEqual(ok.status, "open")
      })
    ))

  it.live("FOK: fills in full, or is rejected (-5021) as InvalidOrder(would_not_fill)", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const book = yield* ex.orderBook(SYMBOL, 20)
        const ask = book.asks[0]![0]
        const atAsk = book.asks.filter(([p]) => BigDecimal.equals(p, ask)).reduce(
          (s, [, q]) => BigDecimal.sum(s, q),
          d("0")
        )
        const filled = yield* ex.placeOrder({
          symbol: SYMBOL,
          side: "buy",
          type: "limit",
          timeInForce: "FOK",
          price: ask,
          quantity: d("0.002")
        })
        assert.strictEqual(filled.status, "filled")
        const e = yield* failure(
          ex.placeOrder({
            symbol: SYMBOL,
            side: "buy",
            type: "limit",
            timeInForce: "FOK",
            price: ask,
            quantity: BigDecimal.sum(atAsk, atAsk)
          })
        )
        assert.strictEqual(e._tag, "InvalidOrder")
        if (e._tag === "InvalidOrder") assert.strictEqual(e.reason, "would_not_fill")
      })
    ))

  it.live("margin beyond the account → InsufficientFunds", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const { bid } = yield* top(ex)
        const price = Decimal.roundToStep(BigDecimal.unsafeDivide(bid, d("2")), d("0.1"), "down")
        const e = yield* failure(
          ex.placeOrder({ symbol: SYMBOL, side: "buy", type: "limit", price, quantity: d("200") })
        )
        assert.strictEqual(e._tag, "InsufficientFunds")
      })
    ))

  it.live("fundingRate (premiumIndex) and fundingRateHistory", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const now = Date.now()
        const f = yield* ex.fundingRate(SYMBOL)
        assert.strictEqual(f.symbol, SYMBOL)
        assert.isAbove(f.nextFundingTime!, now - 1000)
        assert.isTrue(BigDecimal.isPositive(f.markPrice!) && BigDecimal.isPositive(f.indexPrice!))
        const history = yield* ex.fundingRateHistory(SYMBOL, { limit: 3 })
        assert.isAbove(history.length, 0)
        assert.isAtMost(history.length, 3)
        for (const h of history) {
          assert.strictEqual(h.venueSymbol, "BTCUSDT")
          assert.isBelow(h.timestamp, now + 1000)
        }
        const times = history.map((h) => h.timestamp)
        assert.deepStrictEqual(times, [...times].sort((a, b) => a - b))
      })
    ))

  it.live("amendOrder changes price and quantity in place (PUT /fapi/v1/order)", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const request = yield* resting(ex)
        const placed = yield* ex.placeOrder(request)
        const newPrice = BigDecimal.subtract(request.price!, d("10"))
        const amended = yield* ex.amendOrder({ symbol: SYMBOL, id: placed.id }, { price: newPrice })
        assert.strictEqual(amended.id, placed.id)
        assert.strictEqual(fmt(amended.price!), fmt(newPrice))
        assert.strictEqual(fmt(amended.quantity), "0.005")
        const byClientId = yield* ex.amendOrder(
          { symbol: SYMBOL, clientOrderId: placed.clientOrderId! },
          { quantity: d("0.007") }
        )
        assert.strictEqual(fmt(byClientId.quantity), "0.007")
        const fetched = yield* ex.getOrder({ symbol: SYMBOL, id: placed.id })
        assert.strictEqual(fmt(fetched.price!), fmt(newPrice))
        assert.strictEqual(fmt(fetched.quantity), "0.007")
        assert.include(sent, "PUT /fapi/v1/order")
      })
    ))

  it.live("placeOrders of 7 goes out as batches of 5 + 2, with per-item results", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const requests = yield* Effect.forEach([0, 1, 2, 3, 4, 5, 6], (i) => resting(ex, i))
        const bad = { ...requests[5]!, price: BigDecimal.sum(requests[5]!.price!, d("0.05")) }
        sent.length = 0
        const results = yield* ex.placeOrders([...requests.slice(0, 5), bad, requests[6]!])
        assert.strictEqual(results.length, 7)
        assert.deepStrictEqual(results.map(Either.isRight), [true, true, true, true, true, false, true])
        assert.deepStrictEqual(sent.filter((s) => s.endsWith("/batchOrders")), [
          "POST /fapi/v1/batchOrders",
          "POST /fapi/v1/batchOrders"
        ])
        assert.strictEqual((yield* ex.openOrders(SYMBOL)).length, 6)
      })
    ))

  it.live("a rejected batch item is that item's unified error (code/msg → classify)", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const { ask } = yield* top(ex)
        const good = yield* resting(ex)
        const results = yield* ex.placeOrders([
          good,
          { symbol: SYMBOL, side: "buy", type: "limit", price: ask, quantity: d("0.01"), postOnly: true },
          { symbol: SYMBOL, side: "sell", type: "market", quantity: d("0.01"), reduceOnly: true }
        ])
        assert.isTrue(Either.isRight(results[0]!))
        const reasons = results.slice(1).map((r) =>
          Either.isLeft(r) && r.left._tag === "InvalidOrder" ? r.left.reason : ""
        )
        assert.deepStrictEqual(reasons, ["post_only_would_cross", "reduce_only_rejected"])
      })
    ))

  it.live("cancelOrders of 12 goes out as batches of 10 + 2; cancelAllOrders reports what it canceled", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const requests = yield* Effect.forEach(Array.from({ length: 14 }, (_, i) => i), (i) => resting(ex, i))
        const placed = (yield* ex.placeOrders(requests)).flatMap((r) => Either.isRight(r) ? [r.right] : [])
        assert.strictEqual(placed.length, 14)
        sent.length = 0
        const results = yield* ex.cancelOrders(placed.slice(0, 12).map((o) => ({ symbol: SYMBOL, id: o.id })))
        assert.strictEqual(results.length, 12)
        assert.isTrue(results.every(Either.isRight))
        assert.deepStrictEqual(
          results.map((r) => Either.isRight(r) ? r.right.status : "failed"),
          Array(12).fill("canceled")
        )
        assert.deepStrictEqual(sent.filter((s) => s.endsWith("/batchOrders")), [
          "DELETE /fapi/v1/batchOrders",
          "DELETE /fapi/v1/batchOrders"
        ])
        const byClientId = yield* ex.cancelOrders([{ symbol: SYMBOL, clientOrderId: placed[12]!.clientOrderId! }])
        assert.isTrue(Either.isRight(byClientId[0]!) && byClientId[0].right.id === placed[12]!.id)
        const again = yield* ex.cancelOrders([{ symbol: SYMBOL, id: placed[0]!.id }])
        assert.isTrue(Either.isLeft(again[0]!) && again[0].left._tag === "OrderNotFound")
        const all = yield* ex.cancelAllOrders(SYMBOL)
        assert.deepStrictEqual(all.map((o) => o.id).sort(), [placed[13]!.id].sort())
        assert.strictEqual((yield* ex.openOrders(SYMBOL)).length, 0)
      })
    ))

  it.live("balances: wallet balance, available, and margin held", () =>
    withVenue((ex) =>
      Effect.gen(function*() {
        const before = (yield* ex.balances).find((b) => b.asset === "USDT")!
        assert.strictEqual(fmt(before.total), "100000")
        yield* ex.placeOrder(yield* resting(ex))
        const during = (yield* ex.balances).find((b) => b.asset === "USDT")!
        assert.isTrue(BigDecimal.isPositive(during.locked), "initial margin of the open order is held")
        assert.strictEqual(fmt(BigDecimal.sum(during.free, during.locked)), fmt(during.total))
        const health = yield* ex.healthCheck
        assert.strictEqual(health.credentials, "valid")
        assert.isTrue(health.permissions.trade)
      })
    ))
})
