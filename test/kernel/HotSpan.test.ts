import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as Telemetry from "../../src/kernel/Telemetry.js"

const currentName = Effect.map(Effect.option(Effect.currentSpan), Option.map((s) => s.name))

describe("Telemetry.withHotSpan", () => {
  it.effect("is the current span inside, and the outer context is back after it", () =>
    Effect.gen(function*() {
      const inside = yield* currentName.pipe(Telemetry.withHotSpan("inner"))
      assert.deepStrictEqual(inside, Option.some("inner"))
      assert.deepStrictEqual(yield* currentName, Option.some("outer"))
      // failures restore it too
      const failed = yield* Effect.either(Effect.fail("no").pipe(Telemetry.withHotSpan("inner")))
      assert.isTrue(failed._tag === "Left")
      assert.deepStrictEqual(yield* currentName, Option.some("outer"))
    }).pipe(Effect.withSpan("outer")))

  it.effect("keeps what the region set in other fiber refs, and nests", () =>
    Effect.gen(function*() {
      const ref = FiberRef.unsafeMake(0)
      const [parent, name] = yield* Effect.gen(function*() {
        yield* FiberRef.set(ref, 7)
        const child = yield* Effect.currentSpan.pipe(Telemetry.withHotSpan("child"))
        return [Option.map(child.parent, (p) => (p as { name?: string }).name), child.name] as const
      }).pipe(Telemetry.withHotSpan("region"))
      assert.deepStrictEqual(parent, Option.some("region"))
      assert.strictEqual(name, "child")
      assert.strictEqual(yield* FiberRef.get(ref), 7, "a ref set in the region is not reverted")
      assert.deepStrictEqual(yield* currentName, Option.none())
    }))
})
