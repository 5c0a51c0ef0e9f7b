/**
 * Asking the venue again until it answers: a read (a lookup after an ambiguous placement, the query
 * that follows a create) that fails transiently is retried with jittered exponential backoff, and
 * one that is rate limited waits out the venue's Retry-After first; a definitive failure ends it at
 * once, except a request timestamp outside the venue's window (a stalled process or a clock step:
 * a read is safe to sign again with a fresh timestamp); so does the deadline. As a `Schedule`, not
 * a hand-written loop. Each attempt may take at least `attemptTimeoutMs` before it times out,
 * however short the client's own timeout (`RestClient.minimumTimeoutMs`): on a loaded machine or
 * a slow venue, a short timeout would fail every attempt until the deadline.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import type { TradingError } from "../Exchange.js"
import { minimumTimeoutMs } from "./RestClient.js"
import * as Telemetry from "./Telemetry.js"

/**
 * The least per-attempt timeout of a persisted read, ms (the REST client's default timeout).
 * @since 0.1.0
 */
export const attemptTimeoutMs = 10_000

/**
 * The schedule: backoff from 200 ms (capped at 5 s), plus the venue's Retry-After (capped at the
 * budget), while the failure is not definitive, for at most `within`.
 * @since 0.1.0
 */
export const schedule = (within: Duration.DurationInput): Schedule.Schedule<TradingError, TradingError> => {
  const budgetMs = Duration.toMillis(within)
  const backoff: Schedule.Schedule<unknown, TradingError> = Schedule.exponential(Duration.millis(200)).pipe(
    Schedule.jittered,
    Schedule.union(Schedule.spaced(Duration.seconds(5)))
  )
  return Schedule.passthrough(backoff).pipe(
    Schedule.addDelay((e) => Duration.millis(e._tag === "RateLimited" ? Math.min(e.retryAfterMs ?? 0, budgetMs) : 0)),
    Schedule.whileInput((e: TradingError) => e.outcome !== "definitive" || e._tag === "TimestampOutOfWindow"),
    Schedule.upTo(within)
  )
}

/**
 * Runs `effect`, asking again on transient or rate-limited failures until `within` has passed.
 * The schedule is built, and `Effect.retry` entered, only after a first failure (which the
 * schedule then sees first, as it would have): a call that succeeds at once costs one step.
 * @since 0.1.0
 */
export const persist = <A, E extends TradingError>(
  effect: Effect.Effect<A, E>,
  within: Duration.DurationInput,
  /** The client the reads go through: when its own timeout is as patient, none is set. */
  client?: { readonly timeoutMs: number }
): Effect.Effect<A, E> => {
  const patient = client !== undefined && client.timeoutMs >= attemptTimeoutMs
    ? effect
    : Telemetry.locallyHot(minimumTimeoutMs, attemptTimeoutMs)(effect)
  return Effect.catchAll(patient, (first) => {
    let failed = false
    const again = Effect.suspend(() => failed ? patient : (failed = true, Effect.fail(first)))
    return Effect.retry(again, schedule(within))
  })
}
