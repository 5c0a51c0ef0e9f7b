/**
 * Signed calls, the same on every venue: refuse at once without credentials; measure the server
 * clock before the first signed request; and when the venue rejects a request's timestamp
 * (`TimestampOutOfWindow`, which means it did not take effect), measure again and send it once more.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import { AuthenticationFailed } from "../errors/ExchangeError.js"
import type { MarketDataError, TradingError } from "../Exchange.js"
import type { RestClient } from "./RestClient.js"

/**
 * Wraps an effect that sends signed requests.
 * @since 0.1.0
 */
export type Signed = <A, E extends TradingError>(call: Effect.Effect<A, E>) => Effect.Effect<A, E | TradingError>

/**
 * @since 0.1.0
 */
export const make = (options: {
  readonly venue: string
  readonly rest: RestClient
  /** The venue's server time, epoch ms (an unsigned request). */
  readonly serverTime: Effect.Effect<number, MarketDataError>
}): Signed => {
  const { rest, venue } = options
  const missingCredentials: Effect.Effect<never, AuthenticationFailed> = Effect.fail(
    new AuthenticationFailed({ venue, reason: "no API credentials are configured" })
  )
  // One measurement at a time: callers that find the clock already measured since they asked for it
  // (many placements in flight, each rejected for the same skew) reuse that measurement.
  const lock = Effect.unsafeMakeSemaphore(1)
  let generation = 0
  const syncClock = (seen: number) =>
    lock.withPermits(1)(Effect.gen(function*() {
      if (generation !== seen) return
      const { offsetMs } = yield* rest.clock.sync(options.serverTime)
      generation++
      if (Math.abs(offsetMs) > 1000) {
        yield* Effect.logWarning(`[${venue}] local clock is off by ${offsetMs} ms; requests are corrected`)
      }
    }))
  const isTimestampOutOfWindow = (e: TradingError): e is TradingError & { readonly _tag: "TimestampOutOfWindow" } =>
    e._tag === "TimestampOutOfWindow"
  return <A, E extends TradingError>(call: Effect.Effect<A, E>): Effect.Effect<A, E | TradingError> =>
    Effect.suspend(() => {
      if (!rest.hasCredentials) return missingCredentials
      const seen = generation
      const guarded = Effect.catchIf(
        call,
        isTimestampOutOfWindow,
        () => Effect.zipRight(syncClock(Math.max(seen, 1)), call)
      )
      return seen === 0 ? Effect.zipRight(syncClock(0), guarded) : guarded
    })
}
