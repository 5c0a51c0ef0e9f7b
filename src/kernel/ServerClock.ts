/**
 * The measured offset between the venue's clock and ours. Signed requests carry
 * `Clock.currentTimeMillis + offset`, so a skewed local clock does not fail them.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"

/** @since 0.1.0 */
export interface ServerClock {
  /** Server time minus local time, ms. */
  readonly offset: Effect.Effect<number>
  /** Local `Clock` time corrected by the offset, ms. */
  readonly now: Effect.Effect<number>
  /**
   * Measures the offset with calls to the venue's time endpoint: offset = server − midpoint of the
   * local send/receive times, from the sample with the shortest round trip (its midpoint is the
   * most certain): a first sample under 100 ms is taken as it is, otherwise up to three are taken.
   * A busy moment (a slow round trip) then does not skew every later request. Returns the offset
   * and that sample's round trip.
   */
  readonly sync: <E, R>(
    serverTime: Effect.Effect<number, E, R>
  ) => Effect.Effect<{ readonly offsetMs: number; readonly roundTripMs: number }, E, R>
  readonly set: (offsetMs: number) => Effect.Effect<void>
}

/** @since 0.1.0 */
export const make: Effect.Effect<ServerClock> = Effect.map(Ref.make(0), (ref) => ({
  offset: Ref.get(ref),
  now: Effect.zipWith(Clock.currentTimeMillis, Ref.get(ref), (now, offset) => now + offset),
  set: (offsetMs) => Ref.set(ref, offsetMs),
  sync: (serverTime) =>
    Effect.gen(function*() {
      let best: { offsetMs: number; roundTripMs: number } | undefined
      for (let i = 0; i < 3 && (best === undefined || best.roundTripMs >= 100); i++) {
        const t0 = yield* Clock.currentTimeMillis
        const server = yield* serverTime
        const t1 = yield* Clock.currentTimeMillis
        if (best === undefined || t1 - t0 < best.roundTripMs) {
          best = { offsetMs: Math.round(server - (t0 + t1) / 2), roundTripMs: t1 - t0 }
        }
      }
      yield* Ref.set(ref, best!.offsetMs)
      return best!
    })
}))
