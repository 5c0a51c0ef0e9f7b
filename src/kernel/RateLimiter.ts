/**
 * A venue's request gate: a weight budget per window applied before sending, updated from the
 * venue's own usage headers; a pause after a 429 (for at least Retry-After); and a ban (418, or a
 * venue's IP ban) that stops every request to the venue until it ends.
 *
 * All time comes from `Clock`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import { IpBanned, RateLimited } from "../errors/ExchangeError.js"
import * as Telemetry from "./Telemetry.js"

/**
 * @since 0.1.0
 */
export interface RateLimitPolicy {
  /** Request weight allowed per window (Binance Spot: 6000 per minute). */
  readonly weightLimit: number
  /** Window length, ms; windows are aligned to multiples of it, as Binance's are. */
  readonly windowMs: number
  /** Longest a request waits for budget or a pause before failing with `RateLimited`. */
  readonly maxWaitMs: number
}

/**
 * @since 0.1.0
 */
export interface GateStatus {
  readonly used: number
  readonly limit: number
  readonly pausedUntil: number
  readonly bannedUntil: number
}

/**
 * @since 0.1.0
 */
export interface VenueGate {
  readonly venue: string
  /**
   * Waits until `weight` fits in the budget and no pause is in force, then reserves it. Fails at
   * once with `IpBanned` during a ban, and with `RateLimited` if the wait would exceed `maxWaitMs`.
   */
  readonly acquire: (weight: number) => Effect.Effect<void, RateLimited | IpBanned>
  /**
   * The synchronous fast path of `acquire`, for a caller that already read the `Clock`: reserves
   * `weight` and returns `true` when it can go now; returns `false`, reserving nothing, when the
   * caller must go through `acquire` (a pause, a ban, or an exhausted budget).
   */
  readonly tryAcquire: (weight: number, nowMs: number) => boolean
  /** Records the venue's own count of used weight in the current window (from its headers). */
  readonly observeUsed: (used: number) => Effect.Effect<void>
  /** `observeUsed` for a caller that already read the `Clock`. */
  readonly unsafeObserveUsed: (used: number, nowMs: number) => void
  /** Holds back every request until `untilMs` (after a 429). */
  readonly pauseUntil: (untilMs: number) => Effect.Effect<void>
  /** `pauseUntil`, applied at once. */
  readonly unsafePauseUntil: (untilMs: number) => void
  /** Fails every request until `untilMs` (after a 418 / IP ban). */
  readonly banUntil: (untilMs: number) => Effect.Effect<void>
  /** `banUntil`, applied at once. */
  readonly unsafeBanUntil: (untilMs: number) => void
  readonly status: Effect.Effect<GateStatus>
}

type Decision =
  | { readonly _tag: "go" }
  | { readonly _tag: "banned"; readonly until: number }
  | { readonly _tag: "wait"; readonly ms: number; readonly why: "pause" | "budget" }

const go: Decision = { _tag: "go" }

/**
 * The gate's state: one window counter, a pause and a ban, read and written in O(1) by each
 * request. JavaScript runs one fiber step at a time, so a decision and its reservation cannot
 * interleave with another request's.
 */
class GateState {
  windowStart = 0
  used = 0
  pausedUntil = 0
  bannedUntil = 0
  constructor(readonly policy: RateLimitPolicy) {}

  roll(now: number): void {
    const windowStart = now - (now % this.policy.windowMs)
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart
      this.used = 0
    }
  }

  decide(weight: number, now: number): Decision {
    this.roll(now)
    if (now < this.bannedUntil) return { _tag: "banned", until: this.bannedUntil }
    if (now < this.pausedUntil) return { _tag: "wait", ms: this.pausedUntil - now, why: "pause" }
    if (this.used + weight > this.policy.weightLimit && this.used > 0) {
      return { _tag: "wait", ms: this.windowStart + this.policy.windowMs - now, why: "budget" }
    }
    this.used += weight
    return go
  }
}

/**
 * @since 0.1.0
 */
export const make = (venue: string, policy: RateLimitPolicy): Effect.Effect<VenueGate> =>
  Effect.sync(() => {
    const state = new GateState(policy)
    const waits = Telemetry.rateLimitWaits.pipe(Metric.tagged("exchange", venue))

    const slowAcquire = (weight: number): Effect.Effect<void, RateLimited | IpBanned> =>
      Effect.gen(function*() {
        const start = yield* Clock.currentTimeMillis
        while (true) {
          const now = yield* Clock.currentTimeMillis
          const d = state.decide(weight, now)
          if (d._tag === "go") return
          if (d._tag === "banned") return yield* new IpBanned({ venue, untilMs: d.until })
          if (now - start + d.ms > policy.maxWaitMs) {
            return yield* new RateLimited({
              venue,
              retryAfterMs: d.ms,
              venueMessage: d.why === "pause"
                ? "paused after the venue's 429"
                : "local request-weight budget exhausted"
            })
          }
          yield* Metric.update(waits, 1)
          yield* Effect.sleep(Duration.millis(Math.max(1, d.ms)))
        }
      })

    const tryAcquire = (weight: number, now: number): boolean => {
      state.roll(now)
      if (now < state.bannedUntil || now < state.pausedUntil) return false
      if (state.used + weight > policy.weightLimit && state.used > 0) return false
      state.used += weight
      return true
    }

    const unsafeObserveUsed = (used: number, now: number): void => {
      state.roll(now)
      if (used > state.used) state.used = used
    }

    const unsafePauseUntil = (untilMs: number): void => {
      if (untilMs > state.pausedUntil) state.pausedUntil = untilMs
    }
    const unsafeBanUntil = (untilMs: number): void => {
      if (untilMs > state.bannedUntil) state.bannedUntil = untilMs
    }

    return {
      venue,
      acquire: (weight) =>
        Effect.clockWith((clock) =>
          tryAcquire(weight, clock.unsafeCurrentTimeMillis()) ? Effect.void : slowAcquire(weight)
        ),
      tryAcquire,
      observeUsed: (used) =>
        Effect.clockWith((clock) => Effect.sync(() => unsafeObserveUsed(used, clock.unsafeCurrentTimeMillis()))),
      unsafeObserveUsed,
      pauseUntil: (untilMs) => Effect.sync(() => unsafePauseUntil(untilMs)),
      unsafePauseUntil,
      banUntil: (untilMs) => Effect.sync(() => unsafeBanUntil(untilMs)),
      unsafeBanUntil,
      status: Effect.clockWith((clock) =>
        Effect.sync(() => {
          state.roll(clock.unsafeCurrentTimeMillis())
          return {
            used: state.used,
            limit: policy.weightLimit,
            pausedUntil: state.pausedUntil,
            bannedUntil: state.bannedUntil
          }
        })
      )
    }
  })
