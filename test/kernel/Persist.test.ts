import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { InvalidRequest, RateLimited, TimestampOutOfWindow } from "../../src/errors/ExchangeError.js"
import type { TradingError } from "../../src/Exchange.js"
import { persist } from "../../src/kernel/Persist.js"

/** A read that fails with each of `failures` in turn, then answers "ok"; counts its calls. */
const scripted = (failures: ReadonlyArray<TradingError>) => {
  let calls = 0
  const read = Effect.suspend(() => {
    const f = failures[calls++]
    return f === undefined ? Effect.succeed("ok") : Effect.fail(f)
  })
  return { read, calls: () => calls }
}

describe("Persist: asking the venue again", () => {
  it.effect("a read refused for its timestamp (a stalled process, a clock step) is signed and sent again", () =>
    Effect.gen(function*() {
      const s = scripted([
        new TimestampOutOfWindow({ venue: "bybit", venueCode: "10002" }),
        new TimestampOutOfWindow({ venue: "bybit", venueCode: "10002" })
      ])
      const fiber = yield* Effect.fork(persist(s.read, "30 seconds"))
      yield* TestClock.adjust("10 seconds")
      assert.strictEqual(yield* Fiber.join(fiber), "ok")
      assert.strictEqual(s.calls(), 3)
    }))

  it.effect("a rate-limited read waits out the Retry-After before asking again", () =>
    Effect.gen(function*() {
      const s = scripted([new RateLimited({ venue: "bybit", venueCode: "10006", retryAfterMs: 2_000 })])
      const fiber = yield* Effect.fork(persist(s.read, "30 seconds"))
      yield* TestClock.adjust("1900 millis")
      assert.strictEqual(s.calls(), 1, "not asked again inside the Retry-After")
      yield* TestClock.adjust("5 seconds")
      assert.strictEqual(yield* Fiber.join(fiber), "ok")
      assert.strictEqual(s.calls(), 2)
    }))

  it.effect("any other definitive failure ends it at once", () =>
    Effect.gen(function*() {
      const s = scripted([new InvalidRequest({ venue: "bybit", detail: "bad parameter" })])
      const e = yield* Effect.flip(persist(s.read, "30 seconds"))
      assert.strictEqual(e._tag, "InvalidRequest")
      assert.strictEqual(s.calls(), 1)
    }))
})
