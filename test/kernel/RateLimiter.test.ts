/**
 * The in-memory gate enforces the venue's further counters (Binance Spot: 100 new orders per 10 s
 * per account, https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits) besides
 * request weight: an order beyond the counter waits for the next window (or fails with
 * `RateLimited` past `maxWaitMs`), while requests that place no order are not held by it.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as RateLimiter from "../../src/kernel/RateLimiter.js"

const policy: RateLimiter.RateLimitPolicy = {
  weightLimit: 6000,
  windowMs: 60_000,
  maxWaitMs: 15_000,
  counters: [
    { name: "orders-10s", limit: 100, windowMs: 10_000, unit: "orders" },
    { name: "orders-1d", limit: 200_000, windowMs: 86_400_000, unit: "orders" }
  ]
}

describe("RateLimiter (in memory)", () => {
  it.effect("the 101st order in a 10 s window waits for the next one; a read goes at once", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(1_000)
      const gate = yield* RateLimiter.make("binance", policy)
      for (let i = 0; i < 100; i++) yield* gate.acquire(1, { orders: 1 })
      assert.isFalse(gate.tryAcquire(1, 1_000, 1), "no order fits now")
      assert.isTrue(gate.tryAcquire(1, 1_000), "a request that places no order is not held")
      const order = yield* Effect.fork(Effect.zipRight(gate.acquire(1, { orders: 1 }), Clock.currentTimeMillis))
      yield* TestClock.adjust(9_000)
      assert.strictEqual(yield* Fiber.join(order), 10_000, "sent when the next 10 s window opened")
      assert.strictEqual((yield* gate.status).used, 102, "weight counted once per request")
    }))

  it.effect("an order that would wait past maxWaitMs fails with RateLimited naming the counter", () =>
    Effect.gen(function*() {
      const gate = yield* RateLimiter.make("binance", { ...policy, maxWaitMs: 2_000 })
      yield* TestClock.setTime(1_000)
      for (let i = 0; i < 100; i++) yield* gate.acquire(1, { orders: 1 })
      const refused = yield* Effect.flip(gate.acquire(1, { orders: 1 }))
      assert.strictEqual(refused._tag, "RateLimited")
      assert.include(refused.message, "orders-10s")
      assert.strictEqual(refused._tag === "RateLimited" ? refused.retryAfterMs : -1, 9_000)
    }))
})
