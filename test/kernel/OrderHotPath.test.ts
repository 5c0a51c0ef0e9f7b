/**
 * The order hot path (one async step per request on the kernel's own transport) keeps the spans:
 * an order span per `placeOrder` / `cancelOrder`, the request's span its child with the venue,
 * endpoint and status, both ended; and an order id drawn from the seeded `Random`, on both
 * transports (the `HttpClient` one takes the general path).
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Binance from "../../src/venues/binance/Binance.js"
import * as Loopback from "../support/Loopback.js"
import * as RecordingTracer from "../support/RecordingTracer.js"

for (const { name, platform } of Loopback.Platforms) {
  describe(`order hot path (${name})`, () => {
    it.live("order spans are the parents of their request spans; all are ended with the outcome", () =>
      Effect.gen(function*() {
        const { spans, tracer } = yield* RecordingTracer.make
        const sandbox = yield* Sandbox.start({ seed: 3, market: { running: false } })
        const exchange = yield* Binance.make(Sandbox.connection(sandbox, "binance"))
        yield* exchange.market("BTC/USDT")
        const request = {
          symbol: "BTC/USDT",
          side: "buy",
          type: "limit",
          price: BigDecimal.unsafeFromString("30000.00"),
          quantity: BigDecimal.unsafeFromString("0.00100"),
          postOnly: true
        } as const
        // the first signed call measures the server clock; the ones after it are the hot path
        yield* exchange.cancelOrder({ symbol: "BTC/USDT", id: (yield* exchange.placeOrder(request)).id })
        const [a, b] = yield* Effect.all([exchange.placeOrder(request), exchange.placeOrder(request)]).pipe(
          Effect.withRandom(Random.make(11))
        )
        yield* Effect.withTracer(
          Effect.gen(function*() {
            const placed = yield* exchange.placeOrder(request).pipe(Effect.withRandom(Random.make(11)))
            assert.strictEqual(placed.clientOrderId?.slice(-21), a!.clientOrderId?.slice(-21))
            yield* exchange.cancelOrder({ symbol: "BTC/USDT", id: placed.id })
            const unknown = yield* Effect.flip(exchange.cancelOrder({ symbol: "BTC/USDT", id: "999999999" }))
            assert.strictEqual(unknown._tag, "OrderNotFound")
          }),
          tracer
        )
        assert.notStrictEqual(a!.clientOrderId, b!.clientOrderId)
        const names = spans.map((s) => s.name)
        assert.deepStrictEqual(names, [
          "binance.placeOrder",
          "binance POST /api/v3/order",
          "binance.cancelOrder",
          "binance DELETE /api/v3/order",
          "binance.cancelOrder",
          "binance DELETE /api/v3/order"
        ])
        for (let i = 0; i < spans.length; i += 2) {
          const order = spans[i]!
          const rest = spans[i + 1]!
          assert.strictEqual(Option.getOrUndefined(rest.parent)?.spanId, order.spanId)
          assert.strictEqual(rest.traceId, order.traceId)
          assert.match(order.spanId, /^[0-9a-f]{16}$/)
          assert.strictEqual(order.status._tag, "Ended")
          assert.strictEqual(rest.status._tag, "Ended")
          assert.strictEqual(rest.attributes.get("lotusx.venue"), "binance")
          assert.isNumber(rest.attributes.get("http.response.status_code"))
        }
        const failed = spans[5]!
        assert.strictEqual(failed.attributes.get("lotusx.error"), "OrderNotFound")
        assert.strictEqual(failed.status._tag === "Ended" && failed.status.exit._tag, "Failure")
        assert.strictEqual(spans[4]!.status._tag === "Ended" && spans[4]!.status.exit._tag, "Failure")
      }).pipe(Effect.scoped, Effect.provide(platform)))
  })
}
