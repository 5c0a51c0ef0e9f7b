import { assert, describe, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as ExpiringCache from "../../src/kernel/ExpiringCache.js"

describe("ExpiringCache", () => {
  it.effect("loads once, keeps the value for its time to live, then loads again", () =>
    Effect.gen(function*() {
      let loads = 0
      const cache = yield* ExpiringCache.make(Effect.sync(() => ++loads), "1 hour")
      assert.strictEqual(yield* cache.get, 1)
      assert.strictEqual(yield* cache.get, 1)
      yield* TestClock.adjust("59 minutes")
      assert.strictEqual(yield* cache.get, 1)
      yield* TestClock.adjust("1 minute")
      assert.strictEqual(yield* cache.get, 2)
      assert.strictEqual(loads, 2)
    }))

  it.effect("concurrent readers share one load", () =>
    Effect.gen(function*() {
      let loads = 0
      const gate = yield* Deferred.make<void>()
      const cache = yield* ExpiringCache.make(
        Effect.zipRight(Deferred.await(gate), Effect.sync(() => ++loads)),
        "1 hour"
      )
      const readers = yield* Effect.fork(Effect.all([cache.get, cache.get, cache.get], { concurrency: "unbounded" }))
      yield* Effect.yieldNow()
      yield* Deferred.succeed(gate, undefined)
      assert.deepStrictEqual(yield* Fiber.join(readers), [1, 1, 1])
      assert.strictEqual(loads, 1)
    }))

  it.effect("a failure is not kept: the next reader loads again (a venue down once is asked again)", () =>
    Effect.gen(function*() {
      let loads = 0
      const cache = yield* ExpiringCache.make(
        Effect.suspend(() => ++loads === 1 ? Effect.fail("down") : Effect.succeed(loads)),
        "1 hour"
      )
      assert.strictEqual(yield* Effect.flip(cache.get), "down")
      assert.strictEqual(yield* cache.get, 2)
      assert.strictEqual(yield* cache.get, 2)
      assert.strictEqual(loads, 2)
    }))

  it.effect("an interrupted load leaves nothing behind: a waiting reader loads again", () =>
    Effect.gen(function*() {
      let loads = 0
      const cache = yield* ExpiringCache.make(
        Effect.suspend(() => ++loads === 1 ? Effect.never : Effect.succeed(loads)),
        "1 hour"
      )
      const first = yield* Effect.fork(cache.get)
      yield* Effect.yieldNow()
      const waiting = yield* Effect.fork(cache.get)
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(first)
      assert.strictEqual(yield* Fiber.join(waiting), 2)
      assert.strictEqual(yield* cache.get, 2)
    }))
})
