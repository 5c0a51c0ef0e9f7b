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
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"

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
  /**
   * How far the offset may be from the truth, ms: half the round trip of the sample it came from
   * (the server read its clock somewhere inside that round trip); 0 for an offset `set` directly.
   */
  readonly uncertainty: Effect.Effect<number>
  /** Local `Clock` time corrected by the offset, ms. */
  readonly now: Effect.Effect<number>
  /** `now` for a caller that already holds the `Clock`: `localMs` corrected by the offset. */
  readonly unsafeNow: (localMs: number) => number
  /**
   * Measures the offset with calls to the venue's time endpoint: offset = server − midpoint of the
   * request's own send/receive times (reported through `roundTripProbe`; the local times just
   * before and after `serverTime` when nothing reported one). A first sample under 100 ms is taken
   * as it is, otherwise up to three are taken and the one with the shortest round trip (the most
   * certain midpoint) is used, so a busy moment does not skew every later request. `used` is false
   * when even that sample was too uncertain (`maxSampleRoundTripMs`): the offset is then the
   * previous one.
   */
  readonly sync: <E, R>(
    serverTime: Effect.Effect<number, E, R>
  ) => Effect.Effect<{ readonly offsetMs: number; readonly roundTripMs: number; readonly used: boolean }, E, R>
  readonly set: (offsetMs: number) => Effect.Effect<void>
}

/** @since 0.1.0 */
export const make: Effect.Effect<ServerClock> = Effect.sync(() => {
  // One number, read on every signed request and written by `sync`/`set`: a plain cell is enough
  // (a fiber step never interleaves with another), and reading it costs nothing.
  let offsetMs = 0
  let uncertaintyMs = 0
  const set = (next: number) =>
    Effect.sync(() => {
      offsetMs = next
      uncertaintyMs = 0
    })
  return {
    offset: Effect.sync(() => offsetMs),
    uncertainty: Effect.sync(() => uncertaintyMs),
    now: Effect.clockWith((clock) => Effect.sync(() => clock.unsafeCurrentTimeMillis() + offsetMs)),
    unsafeNow: (localMs) => localMs + offsetMs,
    set,
    sync: (serverTime) =>
      Effect.gen(function*() {
        let best: { offsetMs: number; roundTripMs: number } | undefined
        for (let i = 0; i < 3 && (best === undefined || best.roundTripMs >= 100); i++) {
          let reported: RoundTrip | undefined
          const t0 = yield* Clock.currentTimeMillis
          const server = yield* Effect.locally(serverTime, roundTripProbe, (roundTrip) => {
            reported = roundTrip
          })
          const t1 = yield* Clock.currentTimeMillis
          const { receivedAt, sentAt } = reported ?? { sentAt: t0, receivedAt: t1 }
          const roundTripMs = receivedAt - sentAt
          if (!Number.isFinite(server)) continue
          if (best === undefined || roundTripMs < best.roundTripMs) {
            best = { offsetMs: Math.round(server - (sentAt + receivedAt) / 2), roundTripMs }
          }
        }
        if (best === undefined || best.roundTripMs > maxSampleRoundTripMs) {
          return { offsetMs, roundTripMs: best?.roundTripMs ?? 0, used: false }
        }
        yield* set(best.offsetMs)
        uncertaintyMs = Math.ceil(best.roundTripMs / 2)
        return { ...best, used: true }
      })
  }
})

/**
 * What gives each venue connection its server clock.
 * @since 0.1.0
 */
export interface Factory {
  /** The clock of one connection to `venue`. */
  readonly make: (venue: string) => Effect.Effect<ServerClock>
}

/**
 * The server clock service: connectors obtain each connection's clock from it, so a test or an
 * application can provide another (a fixed offset, a clock shared by connections) with `layer`; a
 * fresh `make` (offset 0 until measured) per connection when none is provided.
 * @since 0.1.0
 */
export class ServerClockFactory extends Context.Reference<ServerClockFactory>()("lotusx/ServerClockFactory", {
  defaultValue: (): Factory => ({ make: () => make })
}) {}

/**
 * Provides `factory` as the server clock service.
 * @since 0.1.0
 */
export const layer = (factory: Factory): Layer.Layer<never> => Layer.succeed(ServerClockFactory, factory)
