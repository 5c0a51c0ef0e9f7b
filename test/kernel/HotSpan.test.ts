import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as Telemetry from "../../src/kernel/Telemetry.js"
import * as RecordingTracer from "../support/RecordingTracer.js"

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

  it.effect("an interrupted region's span is ended as interrupted once its fiber has exited", () =>
    Effect.gen(function*() {
      const { spans, tracer } = yield* RecordingTracer.make
      const fiber = yield* Effect.fork(Effect.never.pipe(Telemetry.withHotSpan("waiting"), Effect.withTracer(tracer)))
      yield* Effect.yieldNow()
      assert.strictEqual(spans.length, 1)
      assert.strictEqual(spans[0]!.status._tag, "Started")
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      const status = spans[0]!.status
      assert.strictEqual(status._tag, "Ended")
      assert.isTrue(status._tag === "Ended" && Exit.isInterrupted(status.exit))
      // a region that ended normally leaves no observer behind: the fiber's end does not end it again
      const done = yield* Effect.fork(Effect.succeed(1).pipe(Telemetry.withHotSpan("quick"), Effect.withTracer(tracer)))
      yield* Fiber.join(done)
      const quick = spans[1]!.status
      assert.isTrue(quick._tag === "Ended" && Exit.isSuccess(quick.exit))
    }))
})
