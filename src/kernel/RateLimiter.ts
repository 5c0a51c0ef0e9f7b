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
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
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
  /**
   * Longest pause a 429 can impose, whatever its `Retry-After` says (a proxy or CDN can send
   * garbage such as `1e23`). Default `defaultMaxPauseMs` (5 minutes).
   */
  readonly maxPauseMs?: number | undefined
  /**
   * Longest ban a 418 / IP ban can impose, whatever the venue's `Retry-After` or ban time says.
   * Default `defaultMaxBanMs` (3 days, the longest ban Binance documents).
   */
  readonly maxBanMs?: number | undefined
  /**
   * Where the venue's windows start relative to multiples of their length, ms (0: aligned to the
   * epoch, as Binance's minute windows are). Used by shared stores (see `RateLimiter`).
   */
  readonly windowOffsetMs?: number | undefined
  /**
   * Further counters a request may touch besides request weight (Binance: orders per 10 s and per
   * day), each in its own clock-aligned window; every store enforces them.
   */
  readonly counters?: ReadonlyArray<CounterPolicy> | undefined
  /**
   * Share of every limit (0–1) kept for urgent requests (cancels, reduce-only orders); ordinary
   * requests stop short of it. Shared stores enforce it (default 0.02 there).
   */
  readonly reserve?: number | undefined
}

/**
 * A counter besides request weight, in its own clock-aligned window.
 * @since 0.1.0
 */
export interface CounterPolicy {
  /** Key of the counter (`orders-10s`). */
  readonly name: string
  readonly limit: number
  readonly windowMs: number
  /** What a request adds: `orders` counts `AcquireOptions.orders`, `requests` counts 1 per request. */
  readonly unit: "orders" | "requests"
}

/**
 * What a request spends besides its weight.
 * @since 0.1.0
 */
export interface AcquireOptions {
  /** New orders the request places (counted against `unit: "orders"` counters). */
  readonly orders?: number | undefined
  /** A cancel or a reduce-only order: may spend the reserve, and stays open when a store falls back. */
  readonly urgent?: boolean | undefined
}

/**
 * Default cap on a 429 pause: 5 minutes. Venues ask for seconds (Binance: until the current
 * minute window ends); anything longer is treated as this long, then the venue is asked again.
 * @since 0.1.0
 */
export const defaultMaxPauseMs = 5 * 60_000

/**
 * Default cap on a ban: 3 days. Binance documents bans "from 2 minutes to 3 days" after repeated
 * 429s (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits).
 * @since 0.1.0
 */
export const defaultMaxBanMs = 3 * 24 * 3_600_000

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
  readonly acquire: (weight: number, options?: AcquireOptions) => Effect.Effect<void, RateLimited | IpBanned>
  /**
   * The synchronous fast path of `acquire`, for a caller that already read the `Clock`: reserves
   * `weight` (and `orders` on the order counters) and returns `true` when it can go now; returns
   * `false`, reserving nothing, when the caller must go through `acquire` (a pause, a ban, or an
   * exhausted budget).
   */
  readonly tryAcquire: (weight: number, nowMs: number, orders?: number) => boolean
  /** Records the venue's own count of used weight in the current window (from its headers). */
  readonly observeUsed: (used: number) => Effect.Effect<void>
  /** `observeUsed` for a caller that already read the `Clock`. */
  readonly unsafeObserveUsed: (used: number, nowMs: number) => void
  /**
   * Holds back every request until `untilMs` (after a 429), at most `maxPauseMs` from now.
   * Returns the end of the pause as applied.
   */
  readonly pauseUntil: (untilMs: number) => Effect.Effect<number>
  /** `pauseUntil` for a caller that already read the `Clock` (`nowMs`), applied at once. */
  readonly unsafePauseUntil: (untilMs: number, nowMs: number) => number
  /**
   * Fails every request until `untilMs` (after a 418 / IP ban), at most `maxBanMs` from now.
   * Returns the end of the ban as applied.
   */
  readonly banUntil: (untilMs: number) => Effect.Effect<number>
  /** `banUntil` for a caller that already read the `Clock` (`nowMs`), applied at once. */
  readonly unsafeBanUntil: (untilMs: number, nowMs: number) => number
  readonly status: Effect.Effect<GateStatus>
}

type Decision =
  | { readonly _tag: "go" }
  | { readonly _tag: "banned"; readonly until: number }
  | { readonly _tag: "wait"; readonly ms: number; readonly why: "pause" | "budget" | CounterPolicy }

const go: Decision = { _tag: "go" }

/** One counter besides request weight, in its clock-aligned window. */
class CounterState {
  windowStart = 0
  used = 0
  constructor(readonly policy: CounterPolicy) {}

  /** What a request adds. */
  cost(orders: number): number {
    return this.policy.unit === "orders" ? orders : 1
  }

  /** 0 when `cost` fits in the window of `now`, else how long until the window ends. */
  waitMs(cost: number, now: number): number {
    const windowStart = now - (now % this.policy.windowMs)
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart
      this.used = 0
    }
    return cost > 0 && this.used > 0 && this.used + cost > this.policy.limit
      ? this.windowStart + this.policy.windowMs - now
      : 0
  }
}

/**
 * The gate's state: one window counter (and one per further counter), a pause and a ban, read and
 * written in O(1) by each request. JavaScript runs one fiber step at a time, so a decision and its
 * reservation cannot interleave with another request's.
 */
class GateState {
  windowStart = 0
  used = 0
  pausedUntil = 0
  bannedUntil = 0
  readonly counters: ReadonlyArray<CounterState>
  constructor(readonly policy: RateLimitPolicy) {
    this.counters = (policy.counters ?? []).map((c) => new CounterState(c))
  }

  roll(now: number): void {
    const windowStart = now - (now % this.policy.windowMs)
    if (windowStart !== this.windowStart) {
      this.windowStart = windowStart
      this.used = 0
    }
  }

  decide(weight: number, orders: number, now: number): Decision {
    this.roll(now)
    if (now < this.bannedUntil) return { _tag: "banned", until: this.bannedUntil }
    if (now < this.pausedUntil) return { _tag: "wait", ms: this.pausedUntil - now, why: "pause" }
    if (this.used + weight > this.policy.weightLimit && this.used > 0) {
      return { _tag: "wait", ms: this.windowStart + this.policy.windowMs - now, why: "budget" }
    }
    const { counters } = this
    for (let i = 0; i < counters.length; i++) {
      const c = counters[i]!
      const ms = c.waitMs(c.cost(orders), now)
      if (ms > 0) return { _tag: "wait", ms, why: c.policy }
    }
    this.used += weight
    for (let i = 0; i < counters.length; i++) counters[i]!.used += counters[i]!.cost(orders)
    return go
  }
}

/**
 * The in-memory gate of one process: today's behaviour, and the default store.
 * @since 0.1.0
 */
export const make = (venue: string, policy: RateLimitPolicy): Effect.Effect<VenueGate> =>
  Effect.sync(() => {
    const state = new GateState(policy)
    const waits = Telemetry.rateLimitWaits.pipe(Metric.tagged("exchange", venue))

    const slowAcquire = (weight: number, orders: number): Effect.Effect<void, RateLimited | IpBanned> =>
      Effect.gen(function*() {
        const start = yield* Clock.currentTimeMillis
        while (true) {
          const now = yield* Clock.currentTimeMillis
          const d = state.decide(weight, orders, now)
          if (d._tag === "go") return
          if (d._tag === "banned") return yield* new IpBanned({ venue, untilMs: d.until })
          const why = d.why === "pause"
            ? "paused after the venue's 429"
            : d.why === "budget"
            ? "request-weight budget used up"
            : `${d.why.name} budget used up (${d.why.limit} ${d.why.unit} per ${d.why.windowMs} ms)`
          if (now - start + d.ms > policy.maxWaitMs) {
            return yield* new RateLimited({ venue, retryAfterMs: d.ms, venueMessage: `local limit: ${why}` })
          }
          yield* Metric.update(waits, 1)
          // A wait is not silent: the CLI shows these lines while it waits, bots see them in their logs
          yield* Effect.logWarning(`[${venue}] rate limit: waiting ${Math.max(1, d.ms)} ms before sending (${why})`)
            .pipe(Effect.annotateLogs({ venue, rateLimitWaitMs: Math.max(1, d.ms) }))
          yield* Effect.sleep(Duration.millis(Math.max(1, d.ms)))
        }
      })

    const tryAcquire = (weight: number, now: number, orders = 0): boolean =>
      state.decide(weight, orders, now)._tag === "go"

    const unsafeObserveUsed = (used: number, now: number): void => {
      state.roll(now)
      if (used > state.used) state.used = used
    }

    const maxPauseMs = policy.maxPauseMs ?? defaultMaxPauseMs
    const maxBanMs = policy.maxBanMs ?? defaultMaxBanMs
    const unsafePauseUntil = (untilMs: number, now: number): number => {
      const until = clampUntil(untilMs, now, maxPauseMs)
      if (until > state.pausedUntil) state.pausedUntil = until
      return until
    }
    const unsafeBanUntil = (untilMs: number, now: number): number => {
      const until = clampUntil(untilMs, now, maxBanMs)
      if (until > state.bannedUntil) state.bannedUntil = until
      return until
    }

    return {
      venue,
      acquire: (weight, options) =>
        Effect.clockWith((clock) => {
          const orders = options?.orders ?? 0
          return tryAcquire(weight, clock.unsafeCurrentTimeMillis(), orders) ? Effect.void : slowAcquire(weight, orders)
        }),
      tryAcquire,
      observeUsed: (used) =>
        Effect.clockWith((clock) => Effect.sync(() => unsafeObserveUsed(used, clock.unsafeCurrentTimeMillis()))),
      unsafeObserveUsed,
      pauseUntil: (untilMs) =>
        Effect.clockWith((clock) => Effect.sync(() => unsafePauseUntil(untilMs, clock.unsafeCurrentTimeMillis()))),
      unsafePauseUntil,
      banUntil: (untilMs) =>
        Effect.clockWith((clock) => Effect.sync(() => unsafeBanUntil(untilMs, clock.unsafeCurrentTimeMillis()))),
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

/** `untilMs`, but no later than `maxMs` from `now`; a value that is not a number counts as `maxMs`. */
const clampUntil = (untilMs: number, now: number, maxMs: number): number =>
  Number.isFinite(untilMs) ? Math.min(untilMs, now + maxMs) : now + maxMs

/**
 * Where gates keep their counters: in this process (`layerMemory`, the default) or shared by many
 * processes (`RedisRateLimiter.layer` in `cluster/`). Connectors obtain their gate from this service,
 * so a program switches stores by providing a layer, and `lotusx.config.toml`'s `[cluster] redis`
 * switches them without code changes.
 * @since 0.1.0
 */
export interface Store {
  /** The gate of one venue connection under `policy`. */
  readonly gate: (venue: string, policy: RateLimitPolicy) => Effect.Effect<VenueGate>
}

/**
 * @since 0.1.0
 */
export const memoryStore: Store = { gate: make }

/**
 * The rate-limit store service; the in-memory store when none is provided.
 * @since 0.1.0
 */
export class RateLimiter extends Context.Reference<RateLimiter>()("lotusx/RateLimiter", {
  defaultValue: (): Store => memoryStore
}) {}

/**
 * Every gate in this process, counting on its own (the default).
 * @since 0.1.0
 */
export const layerMemory: Layer.Layer<never> = Layer.succeed(RateLimiter, memoryStore)
