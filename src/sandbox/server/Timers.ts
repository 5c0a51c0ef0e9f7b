/**
 * Timers driven by Effect's `Clock` of the runtime the sandbox was started in, for callback-style
 * code (sockets): under a `TestClock` they fire when the test adjusts time.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Runtime from "effect/Runtime"

/**
 * Repeating and one-shot timers. Each returns the function that cancels it.
 * @since 0.1.0
 */
export interface Timers {
  readonly every: (ms: number, f: () => void) => () => void
  readonly after: (ms: number, f: () => void) => () => void
  /** Current time in milliseconds from the runtime's clock. */
  readonly now: () => number
  /** Runs an effect in the runtime, reporting its outcome to a callback. */
  readonly run: <A>(effect: Effect.Effect<A>, onDone: (a: A) => void) => () => void
}

/**
 * Timers bound to a runtime.
 * @since 0.1.0
 */
export const make = <R>(runtime: Runtime.Runtime<R>, now: () => number): Timers => {
  const fork = <A>(effect: Effect.Effect<A>) => Runtime.runFork(runtime)(effect)
  const cancel = (fiber: Fiber.RuntimeFiber<unknown, unknown>) => () => {
    fork(Fiber.interrupt(fiber))
  }
  return {
    now,
    every: (ms, f) => cancel(fork(Effect.forever(Effect.zipRight(Effect.sleep(Duration.millis(ms)), Effect.sync(f))))),
    after: (ms, f) => cancel(fork(Effect.zipRight(Effect.sleep(Duration.millis(ms)), Effect.sync(f)))),
    run: (effect, onDone) => {
      const fiber = fork(effect)
      fiber.addObserver((exit) => {
        if (exit._tag === "Success") onDone(exit.value)
      })
      return cancel(fiber)
    }
  }
}
