/**
 * The lookup after an ambiguous placement waits out the validity window plus the server clock's
 * uncertainty: a request stamped with an offset too high by up to half the sample's round trip
 * stays acceptable that much longer at the venue.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import { RequestTimeout } from "../../src/errors/ExchangeError.js"
import * as AmbiguousPlacement from "../../src/kernel/AmbiguousPlacement.js"
import * as ServerClock from "../../src/kernel/ServerClock.js"

describe("AmbiguousPlacement: when the lookup runs", () => {
  it.effect("after the window, the margin and the clock's uncertainty (half the sample's round trip)", () =>
    Effect.gen(function*() {
      const clock = yield* ServerClock.make
      // samples whose round trip took 800 ms (three are taken): the offset is known to ±400 ms
      const syncing = yield* Effect.fork(
        clock.sync(Effect.zipRight(Effect.sleep("800 millis"), Clock.currentTimeMillis))
      )
      yield* TestClock.adjust("2400 millis")
      const sample = yield* Fiber.join(syncing)
      assert.strictEqual(sample.roundTripMs, 800)
      assert.strictEqual(yield* clock.uncertainty, 400)

      const sentAt = yield* clock.now
      let lookedUpAt: number | undefined
      const resolving = yield* Effect.fork(AmbiguousPlacement.resolve({
        venue: "test",
        clock,
        recvWindowMs: 1_000,
        resolveWithinMs: 5_000,
        clientOrderId: "c1",
        sentAt,
        cause: new RequestTimeout({ venue: "test", outcome: "ambiguous", detail: "no response" }),
        lookup: Effect.map(clock.now, (now) => {
          lookedUpAt = now
          return "found"
        })
      }))
      // window 1,000 + margin 250 + uncertainty 400
      yield* TestClock.adjust("1600 millis")
      assert.isUndefined(lookedUpAt, "not looked up inside the window plus the clock's uncertainty")
      yield* TestClock.adjust("100 millis")
      assert.strictEqual(yield* Fiber.join(resolving), "found")
      assert.strictEqual(lookedUpAt! - sentAt, 1_000 + AmbiguousPlacement.marginMs + 400)
    }))

  it.effect("an offset set directly carries no uncertainty", () =>
    Effect.gen(function*() {
      const clock = yield* ServerClock.make
      yield* clock.set(1_234)
      assert.strictEqual(yield* clock.uncertainty, 0)
    }))
})
