/**
 * A venue's limits besides the connector's request gate: per endpoint, per instrument or per
 * order type (Bybit: 10 placements per second per UID on linear, 20 on spot; OKX: 60 placements per
 * 2 s per instrument). Each key keeps the send times of its last `requests` units, so no window of
 * `windowMs` (whether the venue's windows are rolling, as Bybit's are, or clock-aligned, as OKX's
 * are, and wherever they start) ever holds more than the limit; a request waits for its units
 * instead of being refused by the venue. Waiting requests go in the order they came: each is given
 * its time when it arrives (its units counted from then), so none is passed over and a burst of 50
 * at 10 per second waits at most about five seconds.
 *
 * The venue counts a request when it arrives, the gate when it is sent: every window is kept a tenth
 * longer than documented (at least `arrivalMarginMs`), so jitter on the wire does not put one unit
 * too many in the venue's window.
 *
 * All time comes from `Clock`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import { RateLimited, type TransportError } from "../errors/ExchangeError.js"
import type { Endpoint, RequestParams, RestClient } from "./RestClient.js"
import * as Telemetry from "./Telemetry.js"

/**
 * A documented limit: `requests` units (requests, or orders for a batch) per `windowMs`.
 * @since 0.1.0
 */
export interface Limit {
  readonly requests: number
  readonly windowMs: number
}

/**
 * The least margin added to a window, ms.
 * @since 0.1.0
 */
export const arrivalMarginMs = 50

/**
 * The window kept for a documented one of `windowMs`: a tenth longer, at least `arrivalMarginMs`.
 * @since 0.1.0
 */
export const keptWindowMs = (windowMs: number): number => windowMs + Math.max(arrivalMarginMs, Math.ceil(windowMs / 10))

/**
 * One connector's per-key limits.
 * @since 0.1.0
 */
export interface EndpointLimits {
  /**
   * Waits until `units` fit under `limit` for `key`, then counts them as sent now. Fails with
   * `RateLimited` (nothing sent) when that would take longer than the connector's `maxWaitMs`.
   * A request of more units than the limit goes alone, once the key's window is empty.
   */
  readonly acquire: (key: string, limit: Limit, units: number) => Effect.Effect<void, RateLimited>
  /** `acquire` without waiting: counts the units and is `true` when they fit at `nowMs`, else `false` (nothing counted). */
  readonly tryAcquire: (key: string, limit: Limit, units: number, nowMs: number) => boolean
  /**
   * Merges what the venue said about `key` in a response received at `nowMs`: the account's real
   * limit (it replaces the documented one: VIP and PRO accounts get more), and the units it counted
   * in the current window (they include other programs on the same account: units the venue counted
   * beyond the local ones are added as sent now).
   */
  readonly observe: (key: string, seen: Observed, nowMs: number) => void
}

/**
 * What a venue's response headers say about one key.
 * @since 0.1.0
 */
export interface Observed {
  readonly limit?: number | undefined
  readonly used?: number | undefined
}

/**
 * The send times of one key's last units, oldest first (a queue over an array, compacted as it
 * drains), so a decision is O(1) amortised.
 */
class RollingWindow {
  private times: Array<number> = []
  private head = 0
  /** The account's limit as the venue reported it, replacing the documented one. */
  private learned: number | undefined
  /** The window kept, ms (the documented one plus the margin), from the last `slot`. */
  private windowMs = 0

  private used(from: number): number {
    const { times } = this
    while (this.head < times.length && times[this.head]! <= from) this.head++
    if (this.head > 256 && this.head * 2 > times.length) {
      this.times = times.slice(this.head)
      this.head = 0
    }
    return this.times.length - this.head
  }

  /**
   * The earliest time, not before `now` nor before any unit already counted (so waiters go in the
   * order they came), at which `units` fit: no window then holds more than the limit.
   */
  slot(units: number, limit: Limit, now: number): number {
    const windowMs = keptWindowMs(limit.windowMs)
    this.windowMs = windowMs
    const used = this.used(now - windowMs)
    const requests = this.learned ?? limit.requests
    let at = used > 0 ? Math.max(now, this.times[this.times.length - 1]!) : now
    if (used > 0 && used + units > requests) {
      // the oldest units that must have left the window before these fit
      const leaving = Math.min(used, used + units - requests)
      at = Math.max(at, this.times[this.head + leaving - 1]! + windowMs)
    }
    return at
  }

  /** Counts `units` as sent at `at` (a time from `slot`). */
  count(units: number, at: number): void {
    for (let i = 0; i < units; i++) this.times.push(at)
  }

  observe(seen: Observed, now: number): void {
    if (seen.limit !== undefined && Number.isSafeInteger(seen.limit) && seen.limit > 0) this.learned = seen.limit
    if (seen.used === undefined || !Number.isSafeInteger(seen.used) || this.learned === undefined) return
    const used = this.used(now - this.windowMs)
    const last = used > 0 ? Math.max(now, this.times[this.times.length - 1]!) : now
    this.count(Math.min(seen.used, this.learned) - used, last)
  }
}

/**
 * A connector's limits, for `venue`, failing a request that would wait longer than `maxWaitMs`.
 * @since 0.1.0
 */
export const make = (venue: string, maxWaitMs: number): EndpointLimits => {
  const windows = new Map<string, RollingWindow>()
  const waits = Telemetry.rateLimitWaits.pipe(Metric.tagged("exchange", venue))
  const windowOf = (key: string) => {
    let w = windows.get(key)
    if (w === undefined) {
      w = new RollingWindow()
      windows.set(key, w)
    }
    return w
  }
  return {
    acquire: (key, limit, units) =>
      Effect.clockWith((clock) => {
        const window = windowOf(key)
        const now = clock.unsafeCurrentTimeMillis()
        const at = window.slot(units, limit, now)
        const wait = at - now
        if (wait > maxWaitMs) {
          return Effect.fail(
            new RateLimited({
              venue,
              retryAfterMs: wait,
              venueMessage: `local budget of ${key} (${limit.requests} per ${limit.windowMs} ms) used up`
            })
          )
        }
        // the units are counted at their time now: later requests queue behind them (a waiter that
        // is interrupted keeps its place counted, which only errs on the side of waiting)
        window.count(units, at)
        if (wait === 0) return Effect.void
        return Effect.zipRight(
          Effect.zipRight(
            Metric.update(waits, 1),
            Effect.logInfo(`[${venue}] rate limit: waiting ${wait} ms for the budget of ${key}`).pipe(
              Effect.annotateLogs({ venue, rateLimitWaitMs: wait })
            )
          ),
          Effect.sleep(Duration.millis(wait))
        )
      }),
    tryAcquire: (key, limit, units, now) => {
      const window = windowOf(key)
      if (window.slot(units, limit, now) !== now) return false
      window.count(units, now)
      return true
    },
    observe: (key, seen, nowMs) => windowOf(key).observe(seen, nowMs)
  }
}

/**
 * Where a request's units are counted (`EndpointLimits.acquire`), and how the venue's response
 * headers are read for that key (`EndpointLimits.observe`).
 * @since 0.1.0
 */
export interface Budget {
  readonly key: string
  readonly limit: Limit
  readonly observed: (headers: Readonly<Record<string, string>>) => Observed
}

/**
 * The budgets of a venue's limits table (`requests` per `windowMs`, by key and group: Bybit's order
 * endpoints by category), each made once on first use; keys are `"<key> <group>"`.
 * @since 0.1.0
 */
export const budgets = <G extends string>(
  table: Readonly<Record<string, Readonly<Record<G, number>>>>,
  windowMs: number,
  observed: Budget["observed"]
) => {
  const made = new Map<string, Map<G, Budget>>()
  return (key: string, group: G): Budget => {
    let byGroup = made.get(key)
    if (byGroup === undefined) made.set(key, byGroup = new Map())
    let budget = byGroup.get(group)
    if (budget === undefined) {
      budget = { key: `${key} ${group}`, limit: { requests: table[key]![group], windowMs }, observed }
      byGroup.set(group, budget)
    }
    return budget
  }
}

/**
 * Sends a request once its `units` (1, or the orders of a batch) fit under its key's limit (failing
 * with `RateLimited`, nothing sent, when that would take too long), then merges what the response's
 * headers say about the key. A budget is a value made once per key, not per request.
 * @since 0.1.0
 */
export const request = <A, I>(
  api: { readonly rest: RestClient; readonly limits: EndpointLimits },
  endpoint: Endpoint<A, I>,
  params: RequestParams,
  budget: Budget,
  units = 1
): Effect.Effect<A, TransportError> =>
  Effect.withFiberRuntime((fiber) => {
    const { limits, rest } = api
    const send = rest.requestWith(endpoint, params, (value, response) => {
      limits.observe(budget.key, budget.observed(response.headers), response.receivedAt)
      return value
    })
    const now = Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeMillis()
    return limits.tryAcquire(budget.key, budget.limit, units, now)
      ? send
      : Effect.zipRight(limits.acquire(budget.key, budget.limit, units), send)
  })
