/**
 * The publishing side of the market-data bus (`lotusx ingest`): one process per stream group owns
 * the venue's websocket and the authoritative `LiveOrderBook` of each symbol, and republishes every
 * change of those books on Redis, where `BookBus` subscribers rebuild the same books.
 *
 * - **Lease.** The group's lease is taken with `SET … PX` only when free, renewed by every heartbeat
 *   (`heartbeatEvery`, default 500 ms) and lost after `leaseTtl` (default 2 s) without one. A second
 *   ingest of the same group waits as a standby and takes the group when the holder dies. The venue
 *   feeds are opened only while the lease is held (so one websocket per group), and closed when it
 *   is lost.
 * - **Epoch.** Every take of the lease starts a new epoch (`INCR`); so does a resync of a venue
 *   book, and Redis lost and found again by the holder. An epoch starts with the whole book of every
 *   symbol (or a `stale` message for a symbol not live); its messages are numbered 1, 2, 3….
 * - **Snapshot.** Each message and its change of the symbol's snapshot in Redis are one Lua script
 *   (lease and epoch checked first), so a subscriber reading the snapshot and then the messages after
 *   its sequence has exactly the ingest's book.
 *
 * The publisher keeps its own copy of each book as published (exact decimal strings), from which a
 * new epoch republishes; the ladder's integer ticks are turned back into strings with the market's
 * scale, never through floats.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as os from "node:os"
import type * as BookScale from "../book/BookScale.js"
import { formatTicks, formatUnits, normalize } from "../book/internal/bookMachine.js"
import type { Ladder, LadderSide } from "../book/Ladder.js"
import * as LiveOrderBook from "../book/LiveOrderBook.js"
import { ConfigError } from "../errors/ExchangeError.js"
import type { BookUpdate, RawLevel } from "../model/OrderBook.js"
import * as Wire from "./BusWire.js"
import * as Resp from "./Resp.js"

/**
 * The lease of the group was taken by another ingest (this one was paused or cut off longer than the
 * lease's time to live): it stops publishing and goes back to standby.
 * @since 0.1.0
 */
export class LeaseLost extends Data.TaggedError("LeaseLost")<{ readonly group: string; readonly detail: string }> {
  override get message() {
    return `lost the lease of stream group ${this.group}: ${this.detail}`
  }
}

/**
 * One symbol's venue feed: what `LiveOrderBook.make` takes, without the view options.
 * @since 0.1.0
 */
export type Feed<E> = Omit<LiveOrderBook.LiveOrderBook.Options<E>, "depth" | "observer">

/**
 * What the ingest is doing, for the CLI and logs.
 * @since 0.1.0
 */
export type Status =
  | { readonly _tag: "Standby"; readonly group: string }
  | { readonly _tag: "Leading"; readonly group: string; readonly epoch: number; readonly reason: string }
  | { readonly _tag: "Lost"; readonly group: string; readonly reason: string }

/**
 * @since 0.1.0
 */
export interface Options<E, F = E> {
  /** `redis://[[user]:password@]host[:port][/db]`. */
  readonly redis: string | Redacted.Redacted<string>
  /** Key prefix shared with the subscribers. Default `lotusx`. */
  readonly namespace?: string | undefined
  readonly venue: string
  /** Native symbols of the group (their routes are written for subscribers). */
  readonly symbols: ReadonlyArray<string>
  /** The group's name; default: its sorted symbols. */
  readonly group?: string | undefined
  /**
   * Opens the venue feeds, one per symbol of `symbols`, in the same order. Run each time the lease
   * is taken, in a scope closed when it is lost.
   */
  readonly feeds: Effect.Effect<ReadonlyArray<Feed<E>>, F, Scope.Scope>
  /** Default 2 s. */
  readonly leaseTtl?: Duration.DurationInput | undefined
  /** Default 500 ms (at most a third of `leaseTtl`). */
  readonly heartbeatEvery?: Duration.DurationInput | undefined
  /** A Redis command not answered within this counts as Redis lost. Default 1 s. */
  readonly commandTimeout?: Duration.DurationInput | undefined
  readonly onStatus?: ((status: Status) => Effect.Effect<void>) | undefined
  /** Levels per side in the views of the ingest's own books (`onBooks`). Default 1. */
  readonly depth?: number | undefined
  /** Receives the ingest's own (authoritative) books each time the lease is taken, in `symbols` order. */
  readonly onBooks?: ((books: ReadonlyArray<LiveOrderBook.LiveOrderBook<E>>) => Effect.Effect<void>) | undefined
}

type Event =
  | {
    readonly k: "reset"
    readonly y: string
    readonly b: Array<RawLevel>
    readonly a: Array<RawLevel>
    readonly x: number | undefined
    readonly t: number
  }
  | {
    readonly k: "delta"
    readonly y: string
    readonly b: Array<RawLevel>
    readonly a: Array<RawLevel>
    readonly x: number | undefined
    readonly t: number
  }
  | { readonly k: "stale"; readonly y: string; readonly r: string; readonly t: number }

interface Shadow {
  readonly bids: Map<string, string>
  readonly asks: Map<string, string>
  live: boolean
  reason: string
  x: number | undefined
  /** Whether the book was live at some point of the current epoch (a reset then needs a new epoch). */
  liveInEpoch: boolean
  /** Sequence of this symbol's last message in the epoch. */
  last: number
}

interface Outgoing {
  readonly kind: "s" | "d" | "z"
  readonly y: string
  readonly s: number
  readonly x: number | undefined
  readonly r: string
  readonly payload: string
  readonly b: ReadonlyArray<RawLevel>
  readonly a: ReadonlyArray<RawLevel>
}

const sideLevels = (ladder: Ladder, side: LadderSide): Array<RawLevel> => {
  const out: Array<RawLevel> = []
  for (let i = 0; i < side.length; i++) {
    out.push([
      normalize(formatTicks(ladder.scale, side.ticksAt(i))),
      normalize(formatUnits(side.lotsAt(i), ladder.scale.sizeDecimals))
    ])
  }
  return out
}

const normalizeLevels = (levels: ReadonlyArray<RawLevel>): Array<RawLevel> => {
  const out: Array<RawLevel> = new Array(levels.length)
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!
    out[i] = [normalize(l[0]), normalize(l[1])]
  }
  return out
}

const micros = (clock: Clock.Clock): number =>
  // eslint-disable-next-line no-restricted-syntax -- a time in µs (below 2^53), not money
  Number(clock.unsafeCurrentTimeNanos() / 1000n) // lotusx-allow-number: a time in µs

/** An integer reply, or NaN. */
const integer = (reply: Resp.Reply): number => typeof reply === "number" ? reply : Number.NaN

/**
 * Runs the ingest of one stream group until interrupted: standby until it holds the lease, then
 * publishing; back to standby when the lease is lost. Fails only when the feeds cannot be opened,
 * with `UnrepresentableMarket`, or with a `ConfigError` for a bad Redis URL. A feed whose stream
 * fails leaves its symbol `stale` on the bus.
 * @since 0.1.0
 */
export const run = <E, F = E>(
  options: Options<E, F>
): Effect.Effect<never, F | ConfigError | BookScale.UnrepresentableMarket> =>
  Effect.gen(function*() {
    const address = yield* Wire.address(options.redis)
    const namespace = options.namespace ?? "lotusx"
    const gid = Wire.groupId(options.venue, options.symbols, options.group)
    const keys = Wire.groupKeys(namespace, gid)
    const ttl = Duration.toMillis(Duration.decode(options.leaseTtl ?? Duration.seconds(2)))
    const beat = Math.min(
      Duration.toMillis(Duration.decode(options.heartbeatEvery ?? Duration.millis(500))),
      Math.floor(ttl / 3)
    )
    const commandTimeout = Duration.decode(options.commandTimeout ?? Duration.seconds(1))
    const clock = yield* Effect.clock
    const owner = `${os.hostname()}:${process.pid}:${clock.unsafeCurrentTimeNanos()}`
    const status = options.onStatus ?? (() => Effect.void)

    /** One connection, opened at a time (the publisher and the heartbeat may both find none). */
    const connection = yield* Resp.reusable(address, { connectTimeout: commandTimeout, commandTimeout })
    const script = (s: Resp.Script, k: ReadonlyArray<string>, a: ReadonlyArray<string | number>) =>
      Effect.flatMap(connection.get, (c) => c.evalScript(s, k, a)).pipe(Effect.tapError(() => connection.drop))
    const acquire = Effect.map(script(Wire.acquireScript, [keys.lease, keys.epoch], [owner, ttl]), integer)

    /** One term of the lease: publishes until it is lost. */
    const hold = (firstEpoch: number) =>
      Effect.gen(function*() {
        let epoch = firstEpoch
        let seq = 0
        /** Epoch and sequence of the last message handed to Redis (what heartbeats announce). */
        let sent = { e: epoch, s: 0 }
        const shadows = new Map<string, Shadow>()
        for (const symbol of options.symbols) {
          shadows.set(symbol, {
            bids: new Map(),
            asks: new Map(),
            live: false,
            reason: "the ingest is syncing with the venue",
            x: undefined,
            liveInEpoch: false,
            last: 0
          })
        }
        yield* script(
          Resp.script("for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end return 1"),
          [Wire.routesKey(namespace, options.venue)],
          options.symbols.flatMap((s) => [s, gid])
        ).pipe(Effect.orElse(() => Effect.void))

        const events = yield* Queue.unbounded<Event>()
        const observer = (symbol: string): LiveOrderBook.BookObserver => ({
          onReset: (ladder, _sequence, exchangeTime) => {
            events.unsafeOffer({
              k: "reset",
              y: symbol,
              b: sideLevels(ladder, ladder.bids),
              a: sideLevels(ladder, ladder.asks),
              x: exchangeTime,
              t: micros(clock)
            })
          },
          onUpdate: (update: BookUpdate) => {
            events.unsafeOffer({
              k: "delta",
              y: symbol,
              b: normalizeLevels(update.bids),
              a: normalizeLevels(update.asks),
              x: update.exchangeTime,
              t: micros(clock)
            })
          },
          onStale: (reason) => {
            events.unsafeOffer({ k: "stale", y: symbol, r: reason, t: micros(clock) })
          }
        })

        let batch: Array<Outgoing> = []
        const message = (kind: "s" | "d" | "z", y: string, shadow: Shadow, t: number, levels?: {
          readonly b: ReadonlyArray<RawLevel>
          readonly a: ReadonlyArray<RawLevel>
        }) => {
          seq++
          const s = seq
          const b = levels?.b ?? []
          const a = levels?.a ?? []
          const payload = kind === "z"
            ? JSON.stringify({ k: kind, e: epoch, s, y, r: shadow.reason, t })
            : JSON.stringify({
              k: kind,
              e: epoch,
              s,
              ...(kind === "d" ? { p: shadow.last } : {}),
              y,
              b,
              a,
              x: shadow.x,
              t
            })
          shadow.last = s
          batch.push({ kind, y, s, x: shadow.x, r: kind === "z" ? shadow.reason : "", payload, b, a })
        }
        const fullBook = (shadow: Shadow) => ({ b: [...shadow.bids], a: [...shadow.asks] })
        /** The first messages of an epoch: every book as it stands. */
        const opening = () => {
          const t = micros(clock)
          for (const [y, shadow] of shadows) {
            shadow.last = 0
            shadow.liveInEpoch = shadow.live
            message(shadow.live ? "s" : "z", y, shadow, t, shadow.live ? fullBook(shadow) : undefined)
          }
        }
        const send = Effect.suspend(() => {
          if (batch.length === 0) return Effect.succeed(1)
          const args: Array<string | number> = [owner, keys.channel, keys.prefix, epoch]
          for (const m of batch) {
            args.push(m.kind, m.y, m.s, m.x ?? "", m.r, m.payload, m.b.length)
            for (const [p, q] of m.b) args.push(p, q)
            args.push(m.a.length)
            for (const [p, q] of m.a) args.push(p, q)
          }
          const last = batch[batch.length - 1]!.s
          batch = []
          sent = { e: epoch, s: last }
          return Effect.map(script(Wire.publishScript, [keys.lease, keys.epoch], args), integer)
        })
        const lost = (detail: string) => new LeaseLost({ group: gid, detail })
        /** Sends the batch; on a Redis failure, gets Redis back and starts a new epoch from the copies. */
        const flush: Effect.Effect<void, LeaseLost> = Effect.gen(function*() {
          const result = yield* Effect.either(send)
          if (result._tag === "Right") {
            if (result.right === 1) return
            return yield* lost(result.right === 0 ? "another ingest holds it" : "the epoch moved on")
          }
          yield* Effect.logWarning(`[ingest ${gid}] Redis failed (${result.left.message}); starting a new epoch`)
          yield* newEpoch(`Redis failed: ${result.left.message}`)
        })
        const newEpoch = (reason: string): Effect.Effect<void, LeaseLost> =>
          Effect.gen(function*() {
            batch = []
            const next = yield* acquire.pipe(
              Effect.retry(Schedule.spaced(Duration.millis(100)).pipe(Schedule.upTo(Duration.millis(ttl))))
            ).pipe(Effect.orElseSucceed(() => 0))
            if (next === 0) return yield* lost("it expired while Redis could not be reached")
            epoch = next
            seq = 0
            yield* status({ _tag: "Leading", group: gid, epoch, reason })
            opening()
            yield* flush
          })

        const apply = (event: Event): boolean => {
          const shadow = shadows.get(event.y)!
          if (event.k === "stale") {
            shadow.live = false
            shadow.reason = event.r
            shadow.bids.clear()
            shadow.asks.clear()
            message("z", event.y, shadow, event.t)
            return true
          }
          shadow.x = event.x
          if (event.k === "reset") {
            shadow.bids.clear()
            shadow.asks.clear()
            for (const [p, q] of event.b) shadow.bids.set(p, q)
            for (const [p, q] of event.a) shadow.asks.set(p, q)
            shadow.live = true
            if (shadow.liveInEpoch) return false
            shadow.liveInEpoch = true
            message("s", event.y, shadow, event.t, event)
            return true
          }
          if (!shadow.live) return true
          for (const [p, q] of event.b) Wire.isZero(q) ? shadow.bids.delete(p) : shadow.bids.set(p, q)
          for (const [p, q] of event.a) Wire.isZero(q) ? shadow.asks.delete(p) : shadow.asks.set(p, q)
          message("d", event.y, shadow, event.t, event)
          return true
        }

        const publisher = Effect.gen(function*() {
          opening()
          yield* flush
          while (true) {
            const taken = yield* Queue.takeBetween(events, 1, 256)
            let restart: string | undefined = undefined
            for (const event of taken) {
              if (!apply(event)) restart ??= `${event.y} resynced with the venue`
            }
            if (restart === undefined && seq > Wire.maxSequence - 1024) restart = "the sequence wrapped"
            if (restart !== undefined) yield* newEpoch(restart)
            else yield* flush
          }
        })

        const heartbeat = Effect.gen(function*() {
          while (true) {
            yield* Effect.sleep(Duration.millis(beat))
            const { e, s } = sent
            const payload = JSON.stringify({ k: "h", e, s, t: micros(clock) })
            const result = yield* Effect.either(
              script(Wire.heartbeatScript, [keys.lease, keys.epoch], [owner, ttl, keys.channel, payload, e])
            )
            if (result._tag === "Right" && integer(result.right) === 0) {
              return yield* lost("another ingest holds it")
            }
          }
        })

        yield* status({ _tag: "Leading", group: gid, epoch, reason: "took the lease" })
        const feeds = yield* options.feeds
        const books = yield* Effect.forEach(
          feeds,
          (feed, i) =>
            LiveOrderBook.make({ ...feed, depth: options.depth ?? 1, observer: observer(options.symbols[i]!) })
        )
        if (options.onBooks !== undefined) yield* options.onBooks(books)
        return yield* Effect.raceFirst(publisher, heartbeat)
      })

    const release = Effect.suspend(() =>
      connection.held() ? script(Wire.releaseScript, [keys.lease], [owner]).pipe(Effect.ignore) : Effect.void
    )
    yield* Effect.addFinalizer(() => Effect.zipRight(release, connection.drop))

    let standby = false
    while (true) {
      const epoch = yield* acquire.pipe(Effect.orElseSucceed(() => 0))
      if (epoch === 0) {
        if (!standby) yield* status({ _tag: "Standby", group: gid })
        standby = true
        yield* Effect.sleep(Duration.millis(Math.max(50, Math.floor(ttl / 4))))
        continue
      }
      standby = false
      const exit = yield* Effect.either(Effect.scoped(hold(epoch)))
      if (exit._tag === "Left") {
        const error = exit.left
        if (error instanceof LeaseLost) {
          yield* status({ _tag: "Lost", group: gid, reason: error.detail })
          continue
        }
        return yield* Effect.fail(error)
      }
    }
  }).pipe(Effect.scoped)
