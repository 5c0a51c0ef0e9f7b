/**
 * The measured offset between the venue's clock and ours. Signed requests carry
 * `Clock.currentTimeMillis + offset`, so a skewed local clock does not fail them.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** @since 0.1.0 */
export interface ServerClock {
  /** Server time minus local time, ms. */
  readonly offset: Effect.Effect<number>
  /** Local `Clock` time corrected by the offset, ms. */
  readonly now: Effect.Effect<number>
  /** `now` for a caller that already holds the `Clock`: `localMs` corrected by the offset. */
  readonly unsafeNow: (localMs: number) => number
  /**
   * Measures the offset with one call to the venue's time endpoint: offset = server − midpoint of
   * the local send/receive times. Returns the offset and the round trip.
   */
  readonly sync: <E, R>(
    serverTime: Effect.Effect<number, E, R>
  ) => Effect.Effect<{ readonly offsetMs: number; readonly roundTripMs: number }, E, R>
  readonly set: (offsetMs: number) => Effect.Effect<void>
}

/** @since 0.1.0 */
export const make: Effect.Effect<ServerClock> = Effect.sync(() => {
  // One number, read on every signed request and written by `sync`/`set`: a plain cell is enough
  // (a fiber step never interleaves with another), and reading it costs nothing.
  let offsetMs = 0
  const set = (next: number) =>
    Effect.sync(() => {
      offsetMs = next
    })
  return {
    offset: Effect.sync(() => offsetMs),
    now: Effect.clockWith((clock) => Effect.sync(() => clock.unsafeCurrentTimeMillis() + offsetMs)),
    unsafeNow: (localMs) => localMs + offsetMs,
    set,
    sync: (serverTime) =>
      Effect.gen(function*() {
        const t0 = yield* Clock.currentTimeMillis
        const server = yield* serverTime
        const t1 = yield* Clock.currentTimeMillis
        const measured = Math.round(server - (t0 + t1) / 2)
        yield* set(measured)
        return { offsetMs: measured, roundTripMs: t1 - t0 }
      })
  }
})
