/**
 * An ambiguous OKX placement is looked up only once OKX can no longer accept the request. Found by
 * the reliability figures (issue 11): with a 3 s window, 57–168 of 1,000 ambiguous placements were
 * reported "not placed" while the engine held them, because a request in flight stayed acceptable
 * for as long as its timestamp passed OKX's 30 s check. Placements now carry `expTime` (the
 * timestamp plus the validity window; https://www.okx.com/docs-v5/en/#overview-transaction-timeouts),
 * which OKX (and the sandbox) honour when the request is processed: a request that arrives after
 * it is not processed, so the lookup after the window tells the truth.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Decimal from "../../../src/model/Decimal.js"
import * as OrderRules from "../../../src/model/OrderRules.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import { okx } from "../../e2e/okx.harness.js"
import * as Loopback from "../../support/Loopback.js"

describe("OKX: an ambiguous placement is not called 'not placed' while the venue can still accept it", () => {
  it.live(
    "a request delayed past the client's timeout and its 3 s deadline is not processed, and is reported not placed",
    () =>
      Effect.gen(function*() {
        const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
        const exchange = yield* okx.connect(sandbox, { recvWindowMs: 3_000, timeoutMs: 1_000, maxRetries: 0 })
        const market = yield* exchange.market(okx.symbol)
        const book = yield* exchange.orderBook(okx.symbol, 5)
        const price = OrderRules.roundPrice(
          market,
          BigDecimal.unsafeDivide(book.bids[0]![0], Decimal.unsafe("2")),
          "down"
        )
        yield* sandbox.faults.add({ kind: "latency", ms: 6_000, path: okx.paths.placeOrder, method: "POST", count: 1 })
        const clientOrderId = okx.clientOrderId?.("late1") ?? "late1"
        const placed = yield* Effect.either(exchange.placeOrder({
          symbol: okx.symbol,
          side: "buy",
          type: "limit",
          price,
          quantity: BigDecimal.multiply(market.minQuantity, Decimal.unsafe("10")),
          postOnly: true,
          clientOrderId
        }))
        assert.isTrue(Either.isLeft(placed), "the placement is reported as failed")
        if (Either.isLeft(placed)) assert.match(placed.left.message, /was not placed/)
        // The delayed request reaches the engine at 6 s, after its deadline: give it time to.
        yield* Effect.sleep("4 seconds")
        const ledger = (yield* sandbox.ledger.orders()).filter((o) => o.clientOrderId === clientOrderId)
        assert.strictEqual(ledger.length, 0, "the engine did not process the late request")
      }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
    90_000
  )
})
