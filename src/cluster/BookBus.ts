/**
 * The subscribing side of the market-data bus: order books fed by `lotusx ingest` through Redis
 * instead of by the venue's websocket (issue 17), so that many bots share one venue feed.
 *
 * One `BookBus` per process (per Redis URL and namespace, however many layers ask for it): one
 * pub/sub connection and one command connection, fanned out inside the process to every book.
 * A bus-fed book is an ordinary `LiveOrderBook` run by the bus's own sync rule (`busSync`), exactly
 * like a venue's: it starts from the snapshot the ingest keeps in Redis, applies the messages after
 * it in sequence, and on any gap — a message missing from the group's numbering, a symbol's chain
 * broken, a new epoch (the ingest was taken over or resynced), an undecodable message, the ingest
 * silent past `silence` (default 2 s; it beats every 500 ms), the pub/sub connection lost — it goes
 * `stale`, then `resyncing`, and comes back from a fresh snapshot. It never shows a book that is
 * not the ingest's.
 *
 * The connection is watched like a venue's websocket: a closed one interrupts the books at once; a
 * quiet bus (no message for half of `silence`) is probed with `PING`, and a connection that does
 * not answer within `commandTimeout` (a half-open socket, a frozen proxy) is dropped. The bus then
 * reconnects (every 50–250 ms) and, once subscribed again, lets every book resync from the Redis
 * snapshot at once, without waiting for the ingest's next message. A command connection that
 * fails or times out is dropped too, and the next snapshot read opens another.
 *
 * `exchange(venueExchange, bus)` is the venue's `Exchange` with its book data (`bookSync`,
 * `watchBookUpdates`, `orderBook`) from the bus; `lotusx.config.toml`'s `[cluster] market_data =
 * "bus"` makes `LotusConfig`'s layers provide it, so a bot changes no code.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as PushFeed from "../book/PushFeed.js"
import { ConfigError, ExchangeUnavailable } from "../errors/ExchangeError.js"
import type { Exchange } from "../Exchange.js"
import * as BookSync from "../model/BookSync.js"
import * as Decimal from "../model/Decimal.js"
import type { BookLevel, BookUpdate, OrderBookSnapshot } from "../model/OrderBook.js"
import { interruptedBookUpdate, resumedBookUpdate } from "../model/OrderBook.js"
import * as Wire from "./BusWire.js"
import * as Resp from "./Resp.js"

/**
 * A bus read failed: no ingest publishes the symbol, its book is not live at the ingest, or Redis
 * could not be read.
 * @since 0.1.0
 */
export class BookBusError extends Data.TaggedError("BookBusError")<{
  readonly reason: "NoIngest" | "NotLive" | "Redis" | "Decode"
  readonly venue: string
  readonly symbol: string
  readonly detail: string
}> {
  override get message() {
    return `market-data bus, ${this.venue} ${this.symbol}: ${this.detail}`
  }
}

/**
 * A book update from the bus, with the ingest's time of the change (µs, its `Clock`).
 * @since 0.1.0
 */
export interface BusUpdate extends BookUpdate {
  readonly publishedAt?: number | undefined
}

/**
 * @since 0.1.0
 */
export interface BookBus {
  /**
   * The bus's messages of one symbol as book updates (sequence numbers `BusWire.combine(epoch,
   * sequence)`), with an `interrupted` update wherever continuity was lost. Never fails. A
   * `PushFeed`: a `LiveOrderBook` made from it is handed each message synchronously (`subscribe`).
   */
  readonly updates: (venue: string, venueSymbol: string) => Stream.Stream<BusUpdate>
  /**
   * The same messages as `updates`, handed to `push` synchronously as the bus decodes them (one
   * decode per process, the same immutable update for every subscriber of the symbol), until the
   * scope closes. `push` must not throw and should be quick: it runs on the connection's reads.
   */
  readonly subscribe: (
    venue: string,
    venueSymbol: string,
    push: (update: BusUpdate) => void
  ) => Effect.Effect<void, never, Scope.Scope>
  /** The ingest's snapshot of one symbol, whole (bids and asks best first), at its sequence. */
  readonly snapshot: (venue: string, venueSymbol: string) => Effect.Effect<OrderBookSnapshot, BookBusError>
  /** Gaps, epoch changes and silences this process detected (for tests and benches). */
  readonly interruptions: Effect.Effect<number>
}

/**
 * @since 0.1.0
 */
export const BookBus: Context.Tag<BookBus, BookBus> = Context.GenericTag<BookBus>("lotusx/cluster/BookBus")

/**
 * @since 0.1.0
 */
export interface Options {
  /** `redis://[[user]:password@]host[:port][/db]`. */
  readonly url: string | Redacted.Redacted<string>
  /** Key prefix shared with the ingests. Default `lotusx`. */
  readonly namespace?: string | undefined
  /** A group silent this long (no message, no heartbeat) interrupts its books. Default 2 s. */
  readonly silence?: Duration.DurationInput | undefined
  /** Default 1 s. */
  readonly commandTimeout?: Duration.DurationInput | undefined
}

/**
 * The bus's sync rule: a message applies when its `prevUpdateId` (the symbol's previous message) is
 * the book's sequence; older ones are skipped; anything else is a gap. The ingest's whole-book
 * messages replace the book.
 * @since 0.1.0
 */
export const busSync: BookSync.BookSync = BookSync.make({
  name: "bus",
  snapshotDepth: 1_000_000,
  streamSnapshotReplaces: true,
  first: (snapshot, update) =>
    update.lastUpdateId <= snapshot ? "skip" : update.prevUpdateId === snapshot ? "apply" : "gap",
  next: (last, update) => update.lastUpdateId <= last ? "skip" : update.prevUpdateId === last ? "apply" : "gap",
  describeGap: (last, update) => {
    const [le, ls] = Wire.split(last)
    const [ue, us] = Wire.split(update.lastUpdateId)
    const [, up] = Wire.split(update.prevUpdateId ?? 0)
    return le !== ue
      ? `the ingest's epoch changed (${le} → ${ue})`
      : `bus sequence gap in epoch ${le}: the book is at ${ls}, the next message (${us}) follows ${up}`
  }
})

interface Group {
  readonly keys: Wire.GroupKeys
  /** Set once the SUBSCRIBE is confirmed. */
  readonly subscribed: Deferred.Deferred<void, BookBusError>
  /** The first SUBSCRIBE was confirmed (only then can its books be told the connection was lost). */
  ready: boolean
  epoch: number
  seq: number
  lastAt: number
  silent: boolean
}

const compareLevels = (a: BookLevel, b: BookLevel) => BigDecimal.Order(a[0], b[0])

/**
 * Starts a bus in the current scope (prefer `layer`, which shares one per process).
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<BookBus, ConfigError, Scope.Scope> =>
  Effect.gen(function*() {
    const address = yield* Wire.address(options.url)
    const namespace = options.namespace ?? "lotusx"
    const silenceMs = Duration.toMillis(Duration.decode(options.silence ?? Duration.seconds(2)))
    const commandTimeout = Duration.decode(options.commandTimeout ?? Duration.seconds(1))
    const clock = yield* Effect.clock
    const now = () => clock.unsafeCurrentTimeMillis()

    /** venue → symbol → subscribers. */
    const subscribers = new Map<string, Map<string, Set<(update: BusUpdate) => void>>>()
    /** group id → state; channel → group. */
    const groups = new Map<string, Group>()
    const byChannel = new Map<string, { readonly group: Group; readonly venue: string }>()
    let interruptions = 0
    const subscribing = yield* Effect.makeSemaphore(1)

    const subscribersOf = (venue: string, symbol: string) => subscribers.get(venue)?.get(symbol)
    const deliver = (venue: string, symbol: string, update: BusUpdate) => {
      const pushes = subscribersOf(venue, symbol)
      if (pushes !== undefined) { for (const push of pushes) push(update) }
    }
    /** The group's books, each told `reason`; `flowing`: the bus still delivers, so each can resync now. */
    const interruptGroup = (venue: string, group: Group, reason: string, flowing = true) => {
      interruptions++
      const t = now()
      eachSubscriber(venue, group, (symbol, push) => {
        push(interruptedBookUpdate(symbol)(reason, t))
        if (flowing) push(resumedBookUpdate(symbol)(t))
      })
    }
    /** The bus delivers the group again (after a silence or a lost connection). */
    const resumeGroup = (venue: string, group: Group) => {
      const t = now()
      eachSubscriber(venue, group, (symbol, push) => push(resumedBookUpdate(symbol)(t)))
    }
    const eachSubscriber = (
      venue: string,
      group: Group,
      f: (symbol: string, push: (update: BusUpdate) => void) => void
    ) => {
      const symbols = subscribers.get(venue)
      if (symbols === undefined) return
      for (const [symbol, pushes] of symbols) {
        if (routes.get(`${venue}|${symbol}`) !== group.keys.id) continue
        for (const push of pushes) f(symbol, push)
      }
    }
    /** symbol's group, as last read from Redis. */
    const routes = new Map<string, string>()

    const onMessage = (channel: string, payload: string) => {
      const entry = byChannel.get(channel)
      if (entry === undefined) return
      const { group, venue } = entry
      const t = now()
      group.lastAt = t
      if (group.silent) {
        group.silent = false
        resumeGroup(venue, group)
      }
      const m = Wire.decode(payload)
      if (typeof m === "string") {
        interruptGroup(venue, group, `undecodable message on the bus (${m})`)
        return
      }
      if (m.k === "h") {
        if (m.e > group.epoch) {
          if (group.epoch !== 0) interruptGroup(venue, group, `missed the start of the ingest's epoch ${m.e}`)
          group.epoch = m.e
          group.seq = m.s
        } else if (m.e === group.epoch && m.s > group.seq) {
          interruptGroup(venue, group, `bus gap: last message ${group.seq}, the ingest is at ${m.s}`)
          group.seq = m.s
        }
        return
      }
      if (m.e < group.epoch || (m.e === group.epoch && m.s <= group.seq)) return
      if (m.e > group.epoch) {
        if (group.epoch !== 0) {
          interruptGroup(venue, group, `the ingest's epoch changed (${group.epoch} → ${m.e}): a takeover or a resync`)
        }
        group.epoch = m.e
      } else if (m.s !== group.seq + 1) {
        interruptGroup(venue, group, `bus gap in epoch ${m.e}: after ${group.seq} came ${m.s}`)
      }
      group.seq = m.s
      if (m.k === "z") {
        deliver(venue, m.y, {
          ...interruptedBookUpdate(m.y)(`the ingest's book is not live: ${m.r}`, t),
          publishedAt: m.t
        })
        deliver(venue, m.y, resumedBookUpdate(m.y)(t))
        return
      }
      const id = Wire.combine(m.e, m.s)
      deliver(venue, m.y, {
        kind: m.k === "s" ? "snapshot" : "delta",
        venueSymbol: m.y,
        bids: m.b,
        asks: m.a,
        firstUpdateId: id,
        lastUpdateId: id,
        prevUpdateId: m.k === "d" ? Wire.combine(m.e, m.p) : undefined,
        exchangeTime: m.x,
        receiveTime: t,
        publishedAt: m.t
      })
    }

    // ---- connections ----------------------------------------------------------------------------
    let sub: Resp.Connection | undefined
    /** Which subscriber connection is current (a closed one's late `onClose` is ignored). */
    let subGeneration = 0
    const lostSubscriber = (generation: number) => () => {
      if (generation !== subGeneration) return
      subGeneration++
      const lost = sub
      sub = undefined
      if (lost !== undefined) Effect.runFork(lost.close)
      for (const { group, venue } of byChannel.values()) {
        if (!group.ready) continue
        interruptGroup(venue, group, "lost the pub/sub connection to Redis", false)
        group.silent = true
        group.epoch = 0
        group.seq = 0
      }
    }
    /** A command on the subscriber connection; one not answered in time closes it (it is lost). */
    const subCommand = (s: Resp.Connection, generation: number, args: ReadonlyArray<string>) =>
      s.command(args).pipe(Effect.tapError(() => Effect.sync(lostSubscriber(generation))))
    const subscriber = Effect.suspend(() => {
      const s = sub
      if (s !== undefined && s.isOpen()) return Effect.succeed(s)
      const [first, ...rest] = [...byChannel.keys()]
      const generation = ++subGeneration
      return Resp.subscribe(address, [first ?? `${namespace}:md:hello`], onMessage, {
        connectTimeout: commandTimeout,
        commandTimeout,
        onClose: lostSubscriber(generation)
      }).pipe(
        Effect.tap((opened) =>
          Effect.forEach(rest, (channel) => subCommand(opened, generation, ["SUBSCRIBE", channel])).pipe(
            Effect.tapError(() => opened.close)
          )
        ),
        Effect.tap((opened) =>
          Effect.sync(() => {
            sub = opened
            // Subscribed again: every book can resync from the snapshot now (the messages after it
            // are delivered), without waiting for the ingest's next message.
            const t = now()
            for (const { group, venue } of byChannel.values()) {
              group.lastAt = t
              if (group.silent) {
                group.silent = false
                resumeGroup(venue, group)
              }
            }
          })
        )
      )
    })
    let probing = false
    /** Asks Redis whether the subscriber connection still answers (a silent bus may be a dead one). */
    const probeSubscriber = Effect.suspend(() => {
      const s = sub
      if (probing || s === undefined || !s.isOpen()) return Effect.void
      probing = true
      return Effect.ignore(subCommand(s, subGeneration, ["PING"])).pipe(
        Effect.ensuring(Effect.sync(() => {
          probing = false
        }))
      )
    })
    /** One command connection, opened at a time however many books read a snapshot at once. */
    const commands = yield* Resp.reusable(address, { connectTimeout: commandTimeout, commandTimeout })
    /** A failure other than an error reply drops the connection (a timed-out one may be dead). */
    const dropCommands = (e: Resp.RedisError) => e.reason === "Reply" ? Effect.void : commands.drop
    const command = (args: ReadonlyArray<string>) =>
      Effect.flatMap(commands.get, (c) => c.command(args)).pipe(Effect.tapError(dropCommands))
    const evalScript = (s: Resp.Script, keys: ReadonlyArray<string>) =>
      Effect.flatMap(commands.get, (c) => c.evalScript(s, keys, [])).pipe(Effect.tapError(dropCommands))

    yield* Effect.addFinalizer(() =>
      Effect.suspend(() => {
        const all = [sub?.close ?? Effect.void, commands.drop]
        sub = undefined
        return Effect.all(all, { discard: true })
      })
    )

    /** Subscribes the group's channel (once) and waits for the confirmation. */
    const ensureGroup = (venue: string, id: string): Effect.Effect<Group, BookBusError> =>
      Effect.gen(function*() {
        const existing = groups.get(id)
        if (existing !== undefined) {
          yield* Deferred.await(existing.subscribed)
          return existing
        }
        const group: Group = {
          keys: Wire.groupKeys(namespace, id),
          subscribed: yield* Deferred.make<void, BookBusError>(),
          ready: false,
          epoch: 0,
          seq: 0,
          lastAt: now(),
          silent: false
        }
        groups.set(id, group)
        byChannel.set(group.keys.channel, { group, venue })
        const done = yield* Effect.exit(
          subscribing.withPermits(1)(
            Effect.flatMap(subscriber, (s) => subCommand(s, subGeneration, ["SUBSCRIBE", group.keys.channel]))
          )
        )
        if (Exit.isFailure(done)) {
          groups.delete(id)
          byChannel.delete(group.keys.channel)
          const error = new BookBusError({
            reason: "Redis",
            venue,
            symbol: id,
            detail: "cannot subscribe to the bus: Redis is unreachable"
          })
          yield* Deferred.fail(group.subscribed, error)
          return yield* error
        }
        group.lastAt = now()
        group.ready = true
        yield* Deferred.succeed(group.subscribed, undefined)
        return group
      })

    const redisError = (venue: string, symbol: string) => (e: Resp.RedisError) =>
      new BookBusError({ reason: "Redis", venue, symbol, detail: e.message })

    const snapshot = (venue: string, symbol: string): Effect.Effect<OrderBookSnapshot, BookBusError> =>
      Effect.gen(function*() {
        const route = yield* command(["HGET", Wire.routesKey(namespace, venue), symbol]).pipe(
          Effect.mapError(redisError(venue, symbol))
        )
        if (typeof route !== "string") {
          return yield* new BookBusError({
            reason: "NoIngest",
            venue,
            symbol,
            detail: `no ingest publishes it (start one: lotusx ingest --exchange ${venue} --symbols ${symbol})`
          })
        }
        routes.set(`${venue}|${symbol}`, route)
        const group = yield* ensureGroup(venue, route)
        const k = group.keys
        const reply = yield* evalScript(Wire.snapshotScript, [
          k.lease,
          k.epoch,
          k.meta(symbol),
          k.bids(symbol),
          k.asks(symbol)
        ])
          .pipe(Effect.mapError(redisError(venue, symbol)))
        const fail = (reason: BookBusError["reason"], detail: string) =>
          new BookBusError({ reason, venue, symbol, detail })
        if (!Array.isArray(reply) || reply.length !== 5) return yield* fail("Decode", "unexpected snapshot reply")
        const [held, epoch, meta, bids, asks] = reply as ReadonlyArray<Resp.Reply>
        if (held !== 1) return yield* fail("NoIngest", `no ingest holds stream group ${route} (the last one stopped)`)
        if (!Array.isArray(meta) || !Array.isArray(bids) || !Array.isArray(asks)) {
          return yield* fail("Decode", "unexpected snapshot reply")
        }
        const [e, s, st, r, x] = meta as ReadonlyArray<Resp.Reply>
        if (e !== epoch) return yield* fail("NotLive", `the ingest of ${route} is starting epoch ${String(epoch)}`)
        if (st !== "live") {
          return yield* fail("NotLive", `the ingest's book is not live: ${String(r ?? "no snapshot yet")}`)
        }
        const epochN = Number.parseInt(String(e), 10)
        const seqN = Number.parseInt(String(s), 10)
        if (!Number.isSafeInteger(epochN) || !Number.isSafeInteger(seqN)) {
          return yield* fail("Decode", "the snapshot's sequence is not a number")
        }
        const levels = (flat: ReadonlyArray<Resp.Reply>, side: string) => {
          const out: Array<BookLevel> = []
          for (let i = 0; i + 1 < flat.length; i += 2) {
            const p = flat[i]
            const q = flat[i + 1]
            const price = typeof p === "string" && Wire.isWireDecimal(p) ? Decimal.parseOrUndefined(p) : undefined
            const size = typeof q === "string" && Wire.isWireDecimal(q) ? Decimal.parseOrUndefined(q) : undefined
            if (price === undefined || size === undefined) {
              return `${side} level ${String(p)} ${String(q)}`
            }
            out.push([price, size])
          }
          return out
        }
        const b = levels(bids as ReadonlyArray<Resp.Reply>, "bid")
        const a = levels(asks as ReadonlyArray<Resp.Reply>, "ask")
        if (typeof b === "string" || typeof a === "string") {
          return yield* fail("Decode", `invalid ${typeof b === "string" ? b : a} in the snapshot`)
        }
        b.sort((l, m) => compareLevels(m, l))
        a.sort(compareLevels)
        const xs = typeof x === "string" && x !== "" ? Number.parseInt(x, 10) : undefined
        return {
          symbol,
          venueSymbol: symbol,
          bids: b,
          asks: a,
          sequence: Wire.combine(epochN, seqN),
          timestamp: xs !== undefined && Number.isSafeInteger(xs) ? xs : undefined
        }
      })

    const subscribe = (venue: string, symbol: string, push: (update: BusUpdate) => void) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          // its own entry, so that one callback given twice is called twice, as two streams would be;
          // one that throws (against the contract) is dropped rather than break the connection's reads
          const entry = (update: BusUpdate) => {
            try {
              push(update)
            } catch (e) {
              subscribersOf(venue, symbol)?.delete(entry)
              Effect.runFork(Effect.logError(`market-data bus: a subscriber of ${venue} ${symbol} threw; dropped`, e))
            }
          }
          let symbols = subscribers.get(venue)
          if (symbols === undefined) subscribers.set(venue, symbols = new Map())
          let set = symbols.get(symbol)
          if (set === undefined) symbols.set(symbol, set = new Set())
          set.add(entry)
          return entry
        }),
        (entry) =>
          Effect.sync(() => {
            const set = subscribersOf(venue, symbol)
            set?.delete(entry)
            if (set !== undefined && set.size === 0) subscribers.get(venue)?.delete(symbol)
          })
      ).pipe(Effect.asVoid)
    const updates = (venue: string, symbol: string): Stream.Stream<BusUpdate> =>
      PushFeed.make((push) => subscribe(venue, symbol, push))

    // ---- watchdog and reconnection --------------------------------------------------------------
    yield* Effect.forkScoped(Effect.forever(Effect.gen(function*() {
      yield* Effect.sleep(Duration.millis(Math.max(50, Math.min(250, silenceMs / 4))))
      // after the event loop was blocked, timers run before sockets are read: let waiting messages in first
      yield* Effect.async<void>((resume) => {
        setImmediate(() => resume(Effect.void))
      })
      const t = now()
      let quiet = false
      for (const { group, venue } of byChannel.values()) {
        if (t - group.lastAt > silenceMs / 2) quiet = true
        if (!group.silent && t - group.lastAt > silenceMs) {
          group.silent = true
          interruptGroup(venue, group, `no message from the ingest of ${group.keys.id} for ${silenceMs} ms`, false)
        }
      }
      // A quiet bus may be a dead connection that never closed (a half-open socket, a frozen
      // proxy): Redis must answer a PING within the command timeout, or the connection is dropped
      // and made again.
      if (quiet) yield* Effect.fork(probeSubscriber)
      if (byChannel.size > 0 && (sub === undefined || !sub.isOpen())) {
        yield* Effect.ignore(subscribing.withPermits(1)(subscriber))
      }
    })))

    return {
      updates,
      subscribe,
      snapshot,
      interruptions: Effect.sync(() => interruptions)
    }
  })

interface SharedEntry {
  refs: number
  readonly ready: Deferred.Deferred<BookBus, ConfigError>
  readonly scope: Scope.CloseableScope
}

const shared = new Map<string, SharedEntry>()

/**
 * The process's bus for these options: made by the first caller, shared by the others, closed when
 * the last scope that asked for it closes.
 * @since 0.1.0
 */
export const acquire = (options: Options): Effect.Effect<BookBus, ConfigError, Scope.Scope> =>
  Effect.gen(function*() {
    const url = Redacted.isRedacted(options.url) ? Redacted.value(options.url) : options.url
    const key = `${url}|${options.namespace ?? "lotusx"}`
    const entry = yield* Effect.acquireRelease(
      Effect.gen(function*() {
        const existing = shared.get(key)
        if (existing !== undefined) {
          existing.refs++
          return existing
        }
        const created: SharedEntry = {
          refs: 1,
          ready: yield* Deferred.make<BookBus, ConfigError>(),
          scope: yield* Scope.make()
        }
        shared.set(key, created)
        // made interruptible: its background fibers must not inherit the acquire's uninterruptible region
        yield* Deferred.complete(created.ready, Effect.interruptible(Scope.extend(make(options), created.scope)))
        return created
      }),
      (e) =>
        Effect.suspend(() => {
          e.refs--
          if (e.refs > 0) return Effect.void
          shared.delete(key)
          return Scope.close(e.scope, Exit.void)
        })
    )
    return yield* Deferred.await(entry.ready)
  })

/**
 * The process's `BookBus` (see `acquire`).
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<BookBus, ConfigError> => Layer.scoped(BookBus, acquire(options))

/**
 * The venue's `Exchange` with its book data from the bus: `bookSync` is `busSync`,
 * `watchBookUpdates` the bus's messages, `orderBook` the ingest's snapshot (top `depth` levels).
 * Everything else still goes to the venue.
 * @since 0.1.0
 */
export const exchange = (venue: Exchange, bus: BookBus): Exchange => {
  const unavailable = (e: BookBusError) =>
    new ExchangeUnavailable({ venue: venue.venue, outcome: "transient", detail: e.message })
  return {
    ...venue,
    bookSync: busSync,
    watchBookUpdates: (symbol) =>
      PushFeed.make((push) => Effect.flatMap(venue.market(symbol), (m) => bus.subscribe(venue.venue, m.symbol, push))),
    orderBook: (symbol, depth) =>
      Effect.flatMap(venue.market(symbol), (m) =>
        Effect.map(
          Effect.mapError(bus.snapshot(venue.venue, m.symbol), unavailable),
          (s): OrderBookSnapshot => ({
            ...s,
            symbol: m.unified,
            bids: depth === undefined ? s.bids : s.bids.slice(0, depth),
            asks: depth === undefined ? s.asks : s.asks.slice(0, depth)
          })
        ))
  }
}
