/**
 * An ambiguous placement's validity window runs from when its request was stamped and sent, not
 * from when the caller asked: a placement that first waited at the rate-limit gate (here, behind a
 * 429's pause) is stamped seconds later, and the venue may still accept it that much later. Before
 * the fix the connector timed the lookup from the call, asked too early, and reported "not placed"
 * for an order the venue then accepted.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Decimal from "../../src/model/Decimal.js"
import * as OrderRules from "../../src/model/OrderRules.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { binance } from "../e2e/binance.harness.js"
import * as Loopback from "../support/Loopback.js"

describe("ambiguous placement after a wait at the gate", () => {
  it.live(
    "a placement held 1.7 s by a 429 pause, then timed out and accepted 2.5 s after it was sent, is found",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
        const exchange = yield* binance.connect(sandbox, { recvWindowMs: 3_000, timeoutMs: 1_000, maxRetries: 0 })
        const market = yield* exchange.market(binance.symbol)
        const book = yield* exchange.orderBook(binance.symbol, 5)
        const price = OrderRules.roundPrice(
          market,
          BigDecimal.unsafeDivide(book.bids[0]![0], Decimal.unsafe("2")),
          "down"
        )
        // A signed call first, so the connector's server clock is measured before the pause.
        yield* exchange.openOrders(binance.symbol)
        // A 429 with Retry-After 2 s pauses the gate; the placement asked for 300 ms later waits ~1.7 s.
        yield* sandbox.faults.add({ kind: "http429", retryAfter: 2, path: binance.paths.ticker, count: 1 })
        yield* Effect.fork(Effect.either(exchange.ticker(binance.symbol)))
        yield* Effect.sleep("300 millis")
        // The placement's request then takes 2.5 s to reach the engine: past the 1 s client timeout,
        // inside the 3 s window counted from its timestamp.
        yield* sandbox.faults.add({
          kind: "latency",
          ms: 2_500,
          path: binance.paths.placeOrder,
          method: "POST",
          count: 1
        })
        const clientOrderId = "gatewait1"
        const placed = yield* Effect.either(exchange.placeOrder({
          symbol: binance.symbol,
          side: "buy",
          type: "limit",
          price,
          quantity: BigDecimal.multiply(market.minQuantity, Decimal.unsafe("1000")),
          postOnly: true,
          clientOrderId
        }))
        // Whatever the library said, give the delayed request time to reach the engine.
        yield* Effect.sleep("3 seconds")
        const ledger = (yield* sandbox.ledger.orders()).filter((o) => o.clientOrderId === clientOrderId)
        assert.strictEqual(ledger.length, 1, "the engine accepted the late request, once")
        assert.isTrue(
          Either.isRight(placed),
          `the placement resolves to the order: ${Either.isLeft(placed) ? placed.left.message : ""}`
        )
        if (Either.isRight(placed)) {
          assert.strictEqual(placed.right.id, String(ledger[0]!.orderId))
          assert.strictEqual(placed.right.status, "open")
        }
      }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
    60_000
  )
})
