/**
 * The measured offset between the venue's clock and ours. Signed requests carry
 * `Clock.currentTimeMillis + offset`, so a skewed local clock does not fail them.
 *
 * A sample is taken around the request's own round trip only: the REST client reports, through
 * `roundTripProbe`, when the request left (after any rate-limit wait or pause) and when its answer
 * came back, so a `Retry-After` wait before a retried sync never skews the offset. A sample whose
 * round trip is longer than `maxSampleRoundTripMs` is too uncertain to use and leaves the offset as
 * it was.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Ref from "effect/Ref"

/**
 * One request's own round trip, local epoch ms.
 * @since 0.1.0
 */
export interface RoundTrip {
  readonly sentAt: number
  readonly receivedAt: number
}

/**
 * Where the REST client reports each attempt's round trip while a `sync` is measuring; `undefined`
 * otherwise.
 * @since 0.1.0
 */
export const roundTripProbe: FiberRef.FiberRef<((roundTrip: RoundTrip) => void) | undefined> = FiberRef
  .unsafeMake<((roundTrip: RoundTrip) => void) | undefined>(undefined)

/**
 * A sample whose round trip is longer than this (ms) is not used: the server's time could be
 * anywhere in it.
 * @since 0.1.0
 */
export const maxSampleRoundTripMs = 2_000

/** @since 0.1.0 */
export interface ServerClock {
  /** Server time minus local time, ms. */
  readonly offset: Effect.Effect<number>
  /** Local `Clock` time corrected by the offset, ms. */
  readonly now: Effect.Effect<number>
  /**
   * Measures the offset with one call to the venue's time endpoint: offset = server − midpoint of
   * the request's own send/receive times (reported through `roundTripProbe`; the local times just
   * before and after `serverTime` when nothing reported one). Returns the offset in force and the
   * sample's round trip; `used` is false when the sample was too uncertain to use
   * (`maxSampleRoundTripMs`), and the offset is then the previous one.
   */
  readonly sync: <E, R>(
    serverTime: Effect.Effect<number, E, R>
  ) => Effect.Effect<{ readonly offsetMs: number; readonly roundTripMs: number; readonly used: boolean }, E, R>
  readonly set: (offsetMs: number) => Effect.Effect<void>
}

/** @since 0.1.0 */
export const make: Effect.Effect<ServerClock> = Effect.map(Ref.make(0), (ref) => ({
  offset: Ref.get(ref),
  now: Effect.zipWith(Clock.currentTimeMillis, Ref.get(ref), (now, offset) => now + offset),
  set: (offsetMs) => Ref.set(ref, offsetMs),
  sync: (serverTime) =>
    Effect.gen(function*() {
      let reported: RoundTrip | undefined
      const t0 = yield* Clock.currentTimeMillis
      const server = yield* Effect.locally(serverTime, roundTripProbe, (roundTrip) => {
        reported = roundTrip
      })
      const t1 = yield* Clock.currentTimeMillis
      const { receivedAt, sentAt } = reported ?? { sentAt: t0, receivedAt: t1 }
      const roundTripMs = receivedAt - sentAt
      if (!Number.isFinite(server) || roundTripMs > maxSampleRoundTripMs) {
        return { offsetMs: yield* Ref.get(ref), roundTripMs, used: false }
      }
      const offsetMs = Math.round(server - (sentAt + receivedAt) / 2)
      yield* Ref.set(ref, offsetMs)
      return { offsetMs, roundTripMs, used: true }
    })
}))
