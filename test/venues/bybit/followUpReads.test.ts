/**
 * The reads that follow a placement (the query after an acknowledged create; the lookups after an
 * ambiguous one) are patient: each attempt may take longer than the client's own timeout
 * (`Persist.attemptTimeoutMs`). Found by the reliability figures (issue 11): under latency beyond a
 * 500 ms timeout on a loaded machine, Bybit and OKX left 304–902 of 1,000 placements
 * `OrderStatusUnknown` (every lookup timed out too, until the deadline), and reported orders already
 * final as `pending` (the query after the create never answered in time).
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Decimal from "../../../src/model/Decimal.js"
import type { OrderRequest } from "../../../src/model/Order.js"
import * as OrderRules from "../../../src/model/OrderRules.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import { bybit } from "../../e2e/bybit.harness.js"
import * as Loopback from "../../support/Loopback.js"

const d = Decimal.unsafe

/** A Bybit spot connector with a 1 s timeout; every order query answers after 2.5 s. */
const slowQueries = Effect.gen(function*() {
  const sandbox = yield* Sandbox.start({ venues: ["bybit"], market: { intervalMs: { min: 50, max: 100 } } })
  const exchange = yield* bybit.connect(sandbox, { recvWindowMs: 3_000, timeoutMs: 1_000, maxRetries: 3 })
  const market = yield* exchange.market(bybit.symbol)
  const book = yield* exchange.orderBook(bybit.symbol, 5)
  const price = OrderRules.roundPrice(market, BigDecimal.unsafeDivide(book.bids[0]![0], d("2")), "down")
  const quantity = BigDecimal.max(
    Decimal.roundToStep(BigDecimal.unsafeDivide(d("5"), price), market.lotStep, "up"),
    market.minQuantity
  )
  const request = (clientOrderId: string, ioc: boolean): OrderRequest => ({
    symbol: bybit.symbol,
    side: "buy",
    type: "limit",
    price,
    quantity,
    ...(ioc ? { timeInForce: "IOC" } : { postOnly: true }),
    clientOrderId
  })
  yield* sandbox.faults.add({ kind: "latency", ms: 2_500, path: "/v5/order/realtime", method: "GET", probability: 1 })
  return { sandbox, exchange, request }
})

const run = <A, E>(effect: Effect.Effect<A, E, any>) =>
  effect.pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)) as Effect.Effect<A, E>

describe("Bybit: the reads after a placement outlast a short client timeout", () => {
  it.live(
    "an acknowledged IOC whose query answers after 2.5 s (timeout 1 s) is reported expired, not pending",
    () =>
      run(Effect.gen(function*() {
        const { exchange, request, sandbox } = yield* slowQueries
        const placed = yield* Effect.either(exchange.placeOrder(request("slowquery1", true)))
        const ledger = (yield* sandbox.ledger.orders()).filter((o) => o.clientOrderId === "slowquery1")
        assert.strictEqual(ledger.length, 1)
        assert.strictEqual(ledger[0]!.status, "expired")
        assert.isTrue(Either.isRight(placed), Either.isLeft(placed) ? placed.left.message : "")
        if (Either.isRight(placed)) assert.strictEqual(placed.right.status, "expired")
      })),
    90_000
  )

  it.live(
    "an ambiguous placement (latency past the timeout) whose lookups answer after 2.5 s is resolved",
    () =>
      run(Effect.gen(function*() {
        const { exchange, request, sandbox } = yield* slowQueries
        yield* sandbox.faults.add({
          kind: "latency",
          ms: 2_500,
          path: bybit.paths.placeOrder,
          method: "POST",
          count: 1
        })
        const placed = yield* Effect.either(exchange.placeOrder(request("slowlookup1", false)))
        assert.isTrue(Either.isRight(placed), Either.isLeft(placed) ? placed.left.message : "")
        const ledger = (yield* sandbox.ledger.orders()).filter((o) => o.clientOrderId === "slowlookup1")
        assert.strictEqual(ledger.length, 1)
        if (Either.isRight(placed)) {
          assert.strictEqual(placed.right.id, String(ledger[0]!.orderId))
          assert.strictEqual(placed.right.status, "open")
        }
      })),
    90_000
  )
})
