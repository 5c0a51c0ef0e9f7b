/**
 * A rate-limit store shared by every process on one IP / account, kept in Redis: the kernel's gate
 * (`RateLimiter.VenueGate`) with its counters in Redis instead of in memory.
 *
 * - One Lua script runs atomically over every counter a request touches (request weight per window,
 *   and `policy.counters` such as Binance's orders per 10 s and per day), in windows aligned on
 *   Redis's own clock plus the venue's offset, keeping `reserve` of each limit for urgent requests
 *   (cancels, reduce-only orders).
 * - `observeUsed` merges the venue's usage headers (they count other programs on the IP too).
 * - A 429 pause and a 418 ban are stored and published to every process at once.
 * - When Redis is unreachable (no answer within `commandTimeout`) a process does not fall back to
 *   the whole budget: it lets no ordinary request through for the rest of the window where Redis was
 *   lost (the others may have spent what it last saw left), then counts locally against
 *   `limit / maxProcesses` per window; it keeps bans and pauses it knows of, and keeps urgent
 *   requests open. It retries Redis every `reconnectEvery`; on reconnect it first writes its
 *   local usage back, then shares again. With `onUnreachable: "fail"` ordinary requests fail with
 *   `RateLimited` instead (urgent ones still pass).
 *
 * Every process sharing a budget must use the same Redis, `namespace` and venue policies. Keys:
 * `<namespace>:rl:{<venue>}:state` and `<namespace>:rl:{<venue>}:c:<counter>:<window ms>`; events on
 * `<namespace>:rl:events`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import { ConfigError, IpBanned, RateLimited } from "../errors/ExchangeError.js"
import * as RateLimiter from "../kernel/RateLimiter.js"
import * as Resp from "./Resp.js"
import * as Scripts from "./scripts.js"

/**
 * @since 0.1.0
 */
export interface Options {
  /** `redis://[[user]:password@]host[:port][/db]`. */
  readonly url: string | Redacted.Redacted<string>
  /** Key prefix; processes sharing a budget share it. Default `lotusx`. */
  readonly namespace?: string | undefined
  /** Processes that may share the budget: each takes `limit / maxProcesses` when Redis is unreachable. Default 8. */
  readonly maxProcesses?: number | undefined
  /** What a process does when Redis is unreachable: count against its share (default) or fail. */
  readonly onUnreachable?: "share" | "fail" | undefined
  /** A command not answered within this is treated as Redis unreachable. Default 500 ms. */
  readonly commandTimeout?: Duration.DurationInput | undefined
  /** How often to retry Redis while it is unreachable. Default 100 ms. */
  readonly reconnectEvery?: Duration.DurationInput | undefined
  /**
   * A request let through this close to its window's end may reach the venue in the next window
   * (network latency, the venue's clock against Redis's): it is charged to both. Default 250 ms.
   */
  readonly edge?: Duration.DurationInput | undefined
  /** Default share of every limit kept for urgent requests, unless the policy sets one. Default 0.02. */
  readonly reserve?: number | undefined
}

/**
 * The store's connection state (for tests, benches and health checks).
 * @since 0.1.0
 */
export interface RedisStore extends RateLimiter.Store {
  /** `shared` while Redis answers, `local` while counting against this process's share. */
  readonly mode: Effect.Effect<"shared" | "local">
}

interface Counter {
  readonly def: RateLimiter.CounterPolicy | {
    readonly name: "weight"
    readonly limit: number
    readonly windowMs: number
    readonly unit: "weight"
  }
  readonly key: string
  readonly reserveUnits: number
  /** Last count Redis returned, with its (local) window start. */
  lastShared: { windowStart: number; used: number }
  /** Local counting while Redis is unreachable. */
  local: { windowStart: number; used: number; venueUsed: number; cap: number; nextUsed: number }
  /**
   * The window in which this process shared again after counting locally against a share (-1:
   * none). For the rest of it the process stays within its local cap as well: the processes that
   * are still local spend their shares there, and Redis does not know it.
   */
  rejoinWindow: number
}

interface GateHooks {
  readonly onHold: (field: "ban" | "pause", ms: number, now: number) => void
  readonly enterLocal: (now: number) => void
  readonly writeBack: (conn: Resp.Connection, now: number) => Effect.Effect<void, Resp.RedisError>
}

const invalid = (detail: string) => new ConfigError({ venue: "cluster", path: "cluster.redis", detail })

/**
 * Connects (or starts unconnected and keeps trying) and returns the store.
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<RedisStore, ConfigError, Scope.Scope> =>
  Effect.gen(function*() {
    const url = Redacted.isRedacted(options.url) ? Redacted.value(options.url) : options.url
    const address = Resp.parseUrl(url)
    if (address === undefined) return yield* invalid("expected a redis://host:port URL")
    const namespace = options.namespace ?? "lotusx"
    const maxProcesses = options.maxProcesses ?? 8
    if (!Number.isInteger(maxProcesses) || maxProcesses < 1) {
      return yield* invalid("maxProcesses must be an integer ≥ 1")
    }
    const onUnreachable = options.onUnreachable ?? "share"
    const commandTimeout = Duration.decode(options.commandTimeout ?? Duration.millis(500))
    const reconnectEvery = Duration.decode(options.reconnectEvery ?? Duration.millis(100))
    const edgeMs = Duration.toMillis(Duration.decode(options.edge ?? Duration.millis(250)))
    const defaultReserve = options.reserve ?? 0.02
    const channel = `${namespace}:rl:events`

    let conn: Resp.Connection | undefined
    let sub: Resp.Connection | undefined
    let mode: "shared" | "local" = "local"
    /** This process's clock minus Redis's, measured at each connect. */
    let clockOffsetMs = 0
    const gates = new Map<string, Set<GateHooks>>()
    const events = yield* Queue.unbounded<string>()
    /** Runs the Redis side of the gate's synchronous methods (`unsafeBanUntil`, …) in the background. */
    const runtime = yield* Effect.runtime<never>()
    const background = (effect: Effect.Effect<unknown>) => {
      Runtime.runFork(runtime)(effect)
    }

    const timed = <A>(effect: Effect.Effect<A, Resp.RedisError>) =>
      Effect.timeoutFail(effect, {
        duration: commandTimeout,
        onTimeout: () =>
          new Resp.RedisError({ reason: "Timeout", detail: `no answer within ${Duration.format(commandTimeout)}` })
      })

    const closeCommands = Effect.suspend(() => {
      const c = conn
      conn = undefined
      return c?.close ?? Effect.void
    })

    const closeAll = Effect.suspend(() => {
      const c = conn
      const s = sub
      conn = undefined
      sub = undefined
      return Effect.all([c?.close ?? Effect.void, s?.close ?? Effect.void], { discard: true })
    })

    const degrade = (error: Resp.RedisError) =>
      Effect.gen(function*() {
        if (mode === "local") return
        mode = "local"
        const now = yield* Clock.currentTimeMillis
        for (const set of gates.values()) for (const g of set) g.enterLocal(now)
        yield* closeCommands
        yield* Effect.logWarning(
          `[cluster] Redis unreachable (${error.message}); ` +
            (onUnreachable === "fail"
              ? "requests fail until it is back"
              : `counting locally against 1/${maxProcesses} of each limit until it is back`)
        )
      })

    /** The subscriber: kept while it is open (also while commands fall back), reopened otherwise. */
    const subscriber = Effect.suspend(() => {
      const current = sub
      if (current !== undefined && current.isOpen()) return Effect.succeed(current)
      return Resp.subscribe(address, [channel], (_channel, payload) => {
        Queue.unsafeOffer(events, payload)
      }, { connectTimeout: commandTimeout }).pipe(
        timed,
        Effect.catchAll(() => Effect.succeed(undefined))
      )
    })

    const connectShared = Effect.gen(function*() {
      const c = yield* Resp.open(address, { connectTimeout: commandTimeout, commandTimeout })
      const ok = yield* c.command(["PING"]).pipe(
        Effect.zipRight(Effect.succeed(true)),
        Effect.catchAll(() => Effect.as(c.close, false))
      )
      if (!ok) return false
      const t0 = yield* Clock.currentTimeMillis
      const time = yield* c.command(["TIME"]).pipe(Effect.catchAll(() => Effect.succeed(undefined)))
      const now = yield* Clock.currentTimeMillis
      if (!Array.isArray(time)) {
        yield* c.close
        return false
      }
      clockOffsetMs = Math.round((t0 + now) / 2) -
        (Number.parseInt(String(time[0]), 10) * 1000 + Math.floor(Number.parseInt(String(time[1]), 10) / 1000))
      const written = yield* Effect.forEach(
        [...gates.values()].flatMap((set) => [...set]),
        (g) => g.writeBack(c, now),
        { discard: true }
      ).pipe(Effect.as(true), Effect.catchAll(() => Effect.as(c.close, false)))
      if (!written) return false
      const s = yield* subscriber
      if (s === undefined) {
        yield* c.close
        return false
      }
      conn = c
      sub = s
      mode = "shared"
      return true
    }).pipe(Effect.catchAll(() => Effect.succeed(false)))

    yield* Effect.addFinalizer(() => closeAll)
    const first = yield* connectShared
    if (!first) yield* Effect.logWarning(`[cluster] Redis at ${address.host}:${address.port} unreachable at start`)

    yield* Effect.forkScoped(Effect.forever(Effect.gen(function*() {
      yield* Effect.sleep(reconnectEvery)
      const c = conn
      if (mode === "shared" && c !== undefined && !c.isOpen()) {
        yield* degrade(new Resp.RedisError({ reason: "Closed", detail: "connection closed" }))
      }
      if (mode === "shared" && (sub === undefined || !sub.isOpen())) sub = yield* subscriber
      if (mode === "local") {
        const back = yield* connectShared
        if (back) yield* Effect.logInfo("[cluster] Redis reachable again: sharing the budget")
      }
    })))

    yield* Effect.forkScoped(Effect.forever(Effect.gen(function*() {
      const payload = yield* Queue.take(events)
      const [venue, field, end] = payload.split(" ")
      const untilRedis = Number.parseInt(end ?? "", 10)
      if (venue === undefined || (field !== "ban" && field !== "pause") || !Number.isFinite(untilRedis)) return
      const now = yield* Clock.currentTimeMillis
      for (const g of gates.get(venue) ?? []) g.onHold(field, untilRedis + clockOffsetMs - now, now)
    })))

    /** Runs a script in shared mode; `undefined` when Redis is (or just became) unreachable. */
    const run = (script: Resp.Script, keys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) =>
      Effect.suspend(() => {
        const c = conn
        if (mode !== "shared" || c === undefined) return Effect.succeed(undefined)
        return c.evalScript(script, keys, args).pipe(
          Effect.catchAll((error) =>
            error.reason === "Reply"
              ? Effect.zipRight(
                Effect.logError(`[cluster] Redis script failed: ${error.detail}`),
                Effect.succeed(undefined)
              )
              : Effect.as(degrade(error), undefined)
          )
        )
      })

    /**
     * Runs a script even while counting locally (bans and pauses must reach the other processes):
     * on the shared connection, else on a connection of its own.
     */
    const runAnyway = (script: Resp.Script, keys: ReadonlyArray<string>, args: ReadonlyArray<string | number>) =>
      Effect.suspend(() =>
        mode === "shared"
          ? run(script, keys, args)
          : Effect.scoped(
            Effect.flatMap(
              Resp.connect(address, { connectTimeout: commandTimeout, commandTimeout }),
              (c) => c.evalScript(script, keys, args)
            )
          ).pipe(Effect.catchAll(() => Effect.succeed(undefined)))
      )

    const gate = (venue: string, policy: RateLimiter.RateLimitPolicy): Effect.Effect<RateLimiter.VenueGate> =>
      Effect.sync(() => {
        const offset = policy.windowOffsetMs ?? 0
        const reserve = policy.reserve ?? defaultReserve
        const prefix = `${namespace}:rl:{${venue}}`
        const stateKey = `${prefix}:state`
        const windowOf = (now: number, windowMs: number) => now - ((((now - offset) % windowMs) + windowMs) % windowMs)
        const counters: Array<Counter> = [
          { name: "weight" as const, limit: policy.weightLimit, windowMs: policy.windowMs, unit: "weight" as const },
          ...(policy.counters ?? [])
        ].map((def) => ({
          def,
          key: `${prefix}:c:${def.name}:${def.windowMs}`,
          reserveUnits: Math.floor(def.limit * reserve),
          lastShared: { windowStart: 0, used: 0 },
          local: { windowStart: 0, used: 0, venueUsed: 0, cap: 0, nextUsed: 0 },
          rejoinWindow: -1
        }))
        const weight = counters[0]!
        let bannedUntil = 0
        let pausedUntil = 0
        const share = (c: Counter) => Math.floor((c.def.limit - c.reserveUnits) / maxProcesses)
        const costOf = (c: Counter, w: number, o: RateLimiter.AcquireOptions | undefined) =>
          c.def.unit === "weight" ? w : c.def.unit === "orders" ? (o?.orders ?? 0) : 1

        const rollLocal = (c: Counter, now: number) => {
          const ws = windowOf(now, c.def.windowMs)
          if (c.local.windowStart !== ws) {
            const carried = ws === c.local.windowStart + c.def.windowMs ? c.local.nextUsed : 0
            c.local = { windowStart: ws, used: carried, venueUsed: carried, cap: share(c), nextUsed: 0 }
          }
        }

        const hooks: GateHooks = {
          onHold: (field, ms, now) => {
            if (field === "ban") {
              bannedUntil = Math.max(bannedUntil, now + ms)
            } else pausedUntil = Math.max(pausedUntil, now + ms)
          },
          enterLocal: (now) => {
            for (const c of counters) {
              const ws = windowOf(now, c.def.windowMs)
              const known = c.lastShared.windowStart === ws ? c.lastShared.used : 0
              // Nothing ordinary more in the window where Redis was lost: the others may have spent
              // what this process last saw left. Its share starts with the next window.
              c.local = { windowStart: ws, used: 0, venueUsed: known, cap: 0, nextUsed: 0 }
            }
          },
          writeBack: (connection, now) =>
            Effect.gen(function*() {
              for (const c of counters) {
                rollLocal(c, now)
                if (c.local.used > 0) {
                  yield* connection.evalScript(Scripts.add, [c.key], [
                    offset,
                    c.def.windowMs,
                    c.local.used,
                    c.local.windowStart
                  ])
                }
                // Past the window where Redis was lost (cap 0 there, for everyone), the others may
                // still be counting locally against their shares: stay within this one's too until
                // the window ends. (`used` stays: it is that cap's count.)
                c.rejoinWindow = c.local.cap > 0 ? c.local.windowStart : -1
              }
              if (bannedUntil > now) {
                yield* connection.evalScript(Scripts.hold, [stateKey], ["ban", bannedUntil - now, channel, venue])
              }
              if (pausedUntil > now) {
                yield* connection.evalScript(Scripts.hold, [stateKey], ["pause", pausedUntil - now, channel, venue])
              }
            })
        }
        const set = gates.get(venue) ?? new Set<GateHooks>()
        set.add(hooks)
        gates.set(venue, set)

        type Decision =
          | { readonly _tag: "go" }
          | { readonly _tag: "banned"; readonly ms: number }
          | { readonly _tag: "wait"; readonly ms: number; readonly why: string }
          | { readonly _tag: "unavailable" }

        const decideShared = (w: number, o: RateLimiter.AcquireOptions | undefined, now: number) =>
          Effect.map(
            run(
              Scripts.acquire,
              [
                stateKey,
                ...counters.map((c) => c.key)
              ],
              [
                offset,
                o?.urgent === true ? "1" : "0",
                now - clockOffsetMs + Duration.toMillis(commandTimeout),
                edgeMs,
                ...counters.flatMap((c) => [c.def.limit, c.def.windowMs, costOf(c, w, o), c.reserveUnits])
              ]
            ),
            (reply): Decision | undefined => {
              if (!Array.isArray(reply)) return undefined
              const code = reply[0] as number
              const ms = reply[1] as number
              if (code === 0) {
                counters.forEach((c, i) => {
                  c.lastShared = { windowStart: windowOf(now, c.def.windowMs), used: reply[i + 2] as number }
                })
                return { _tag: "go" }
              }
              if (code === 1) {
                bannedUntil = Math.max(bannedUntil, now + ms)
                return { _tag: "banned", ms }
              }
              if (code === 4) return { _tag: "wait", ms: 1, why: "Redis answered too late" }
              return {
                _tag: "wait",
                ms,
                why: code === 2 ? "paused after the venue's 429" : "shared request budget exhausted"
              }
            }
          )

        const decideLocal = (w: number, o: RateLimiter.AcquireOptions | undefined, now: number): Decision => {
          if (now < bannedUntil) return { _tag: "banned", ms: bannedUntil - now }
          if (now < pausedUntil) return { _tag: "wait", ms: pausedUntil - now, why: "paused after the venue's 429" }
          const charge = () => {
            for (const c of counters) {
              rollLocal(c, now)
              const cost = costOf(c, w, o)
              c.local.used += cost
              c.local.venueUsed += cost
              if (now + edgeMs >= c.local.windowStart + c.def.windowMs) c.local.nextUsed += cost
            }
          }
          if (o?.urgent === true) {
            charge()
            return { _tag: "go" }
          }
          if (onUnreachable === "fail") return { _tag: "unavailable" }
          let wait = 0
          for (const c of counters) {
            rollLocal(c, now)
            const cost = costOf(c, w, o)
            if (cost === 0) continue
            const end = c.local.windowStart + c.def.windowMs
            const full = c.local.used + cost > c.local.cap ||
              c.local.venueUsed + cost > c.def.limit - c.reserveUnits ||
              (now + edgeMs >= end && c.local.nextUsed + cost > share(c))
            if (full) wait = Math.max(wait, end - now)
          }
          if (wait > 0) {
            return {
              _tag: "wait",
              ms: wait,
              why: `local share (1/${maxProcesses}) exhausted while Redis is unreachable`
            }
          }
          charge()
          return { _tag: "go" }
        }

        /** Ms to wait when a counter in its rejoin window would pass the local cap (0: none). */
        const rejoinWait = (w: number, o: RateLimiter.AcquireOptions | undefined, now: number): number => {
          if (o?.urgent === true) return 0
          let wait = 0
          for (const c of counters) {
            if (c.rejoinWindow < 0) continue
            if (windowOf(now, c.def.windowMs) !== c.rejoinWindow) {
              c.rejoinWindow = -1
              continue
            }
            const cost = costOf(c, w, o)
            if (cost > 0 && c.local.used + cost > c.local.cap) {
              wait = Math.max(wait, c.rejoinWindow + c.def.windowMs - now)
            }
          }
          return wait
        }
        const chargeRejoin = (w: number, o: RateLimiter.AcquireOptions | undefined) => {
          for (const c of counters) if (c.rejoinWindow >= 0) c.local.used += costOf(c, w, o)
        }
        const decide = (w: number, o: RateLimiter.AcquireOptions | undefined, now: number) =>
          Effect.gen(function*() {
            const wait = mode === "shared" ? rejoinWait(w, o, now) : 0
            if (wait > 0) {
              return {
                _tag: "wait",
                ms: wait,
                why: `local share (1/${maxProcesses}) exhausted in the window where Redis came back`
              } as const
            }
            const shared = yield* decideShared(w, o, now)
            if (shared === undefined) return decideLocal(w, o, now)
            if (shared._tag === "go") chargeRejoin(w, o)
            return shared
          })

        const acquire = (w: number, o?: RateLimiter.AcquireOptions): Effect.Effect<void, RateLimited | IpBanned> =>
          Effect.gen(function*() {
            const start = yield* Clock.currentTimeMillis
            while (true) {
              const now = yield* Clock.currentTimeMillis
              if (now < bannedUntil) return yield* new IpBanned({ venue, untilMs: bannedUntil })
              const d: Decision = yield* decide(w, o, now)
              if (d._tag === "go") return
              if (d._tag === "banned") return yield* new IpBanned({ venue, untilMs: now + d.ms })
              if (d._tag === "unavailable") {
                return yield* new RateLimited({
                  venue,
                  retryAfterMs: Duration.toMillis(reconnectEvery),
                  venueMessage: "shared request budget unavailable: Redis is unreachable"
                })
              }
              if (now - start + d.ms > policy.maxWaitMs) {
                return yield* new RateLimited({ venue, retryAfterMs: d.ms, venueMessage: d.why })
              }
              yield* Effect.sleep(Duration.millis(Math.max(1, d.ms)))
            }
          })

        const maxPauseMs = policy.maxPauseMs ?? RateLimiter.defaultMaxPauseMs
        const maxBanMs = policy.maxBanMs ?? RateLimiter.defaultMaxBanMs
        /** Applies a ban or pause here at once (at most `maxBanMs` / `maxPauseMs` from now); returns its end and ms. */
        const holdLocally = (field: "ban" | "pause", untilMs: number, now: number) => {
          const maxMs = field === "ban" ? maxBanMs : maxPauseMs
          const until = Number.isFinite(untilMs) ? Math.min(untilMs, now + maxMs) : now + maxMs
          const ms = Math.max(0, until - now)
          hooks.onHold(field, ms, now)
          return ms
        }
        /** Stores and publishes a ban or pause to every process. */
        const holdShared = (field: "ban" | "pause", ms: number) =>
          runAnyway(Scripts.hold, [stateKey], [field, ms, channel, venue])
        const holdFor = (field: "ban" | "pause", untilMs: number) =>
          Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            yield* holdShared(field, holdLocally(field, untilMs, now))
            return field === "ban" ? bannedUntil : pausedUntil
          })
        const observe = (used: number, now: number) =>
          Effect.gen(function*() {
            const grace = Math.min(1000, Math.floor(policy.windowMs / 20))
            if (mode === "local") {
              rollLocal(weight, now)
              if (now - weight.local.windowStart >= grace) {
                weight.local.venueUsed = Math.max(weight.local.venueUsed, used)
              }
              return
            }
            yield* run(Scripts.observe, [weight.key], [offset, policy.windowMs, used, grace])
          })

        return {
          venue,
          acquire,
          // A shared store decides in Redis: there is no synchronous fast path.
          tryAcquire: () => false,
          observeUsed: (used) => Effect.flatMap(Clock.currentTimeMillis, (now) => observe(used, now)),
          unsafeObserveUsed: (used, now) => background(observe(used, now)),
          unsafePauseUntil: (untilMs, now) => {
            background(holdShared("pause", holdLocally("pause", untilMs, now)))
            return pausedUntil
          },
          unsafeBanUntil: (untilMs, now) => {
            background(holdShared("ban", holdLocally("ban", untilMs, now)))
            return bannedUntil
          },
          pauseUntil: (untilMs) => holdFor("pause", untilMs),
          banUntil: (untilMs) => holdFor("ban", untilMs),
          status: Effect.gen(function*() {
            const now = yield* Clock.currentTimeMillis
            const reply = yield* run(Scripts.status, [stateKey, weight.key], [offset, policy.windowMs])
            if (Array.isArray(reply)) {
              return {
                used: reply[0] as number,
                limit: policy.weightLimit,
                bannedUntil: Math.max(bannedUntil, (reply[1] as number) > 0 ? now + (reply[1] as number) : 0),
                pausedUntil: Math.max(pausedUntil, (reply[2] as number) > 0 ? now + (reply[2] as number) : 0)
              }
            }
            rollLocal(weight, now)
            return { used: weight.local.venueUsed, limit: policy.weightLimit, pausedUntil, bannedUntil }
          })
        }
      })

    return { gate, mode: Effect.sync(() => mode) }
  })

/**
 * The shared store as the `RateLimiter` service.
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<RateLimiter.RateLimiter, ConfigError> =>
  Layer.scoped(RateLimiter.RateLimiter, make(options))
