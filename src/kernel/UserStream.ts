/**
 * The account's own streams (orders, fills, balances, positions), the same on every venue: one
 * private connection per `Exchange`, shared by every `watchOrders` / `watchFills` /
 * `watchBalances` / `watchPositions` consumer, started by the first and stopped by the last.
 *
 * One connection goes: the venue's `open` (a listen key is created or reused; the URL and the
 * login and subscription frames are made) → connect → log in (the frames carry an expiring
 * signature; neither they nor the URL are ever logged or put into an error) → subscribe →
 * **reconcile from REST** (open orders; every order known to be open that is not any more; the
 * fills since the last event seen, and their orders; balances; positions) → the missed events are
 * emitted in time order → the frames that arrived meanwhile follow → live. While connected: the
 * venue's keep-alive (a listen key's), the application heartbeat, a watchdog for a silent
 * connection, and a planned reconnect before the venue's connection-age cut (Binance: 24 h). A
 * lost connection, a terminated stream or an expired listen key is reconnected with a `Schedule`
 * (jittered exponential backoff) and reconciled again; a refused login fails the stream with
 * `AuthenticationFailed`.
 *
 * Nothing doubled: fills are de-duplicated by trade id; an order update is emitted only when its
 * status or filled quantity changed, and never when it is older than what was emitted (less filled,
 * or after a final state). The stream's state (`connecting`, `reconciling`, `live`,
 * `reconnecting`) is observable.
 *
 * An order placed and finished entirely while the connection was down with no fill (canceled,
 * expired, placed and canceled from elsewhere) is found in the venue's order history
 * (`Reconcile.ordersSince`), where the venue adapter reads one; without it, it is not recovered.
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import * as BigDecimal from "effect/BigDecimal"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { AuthenticationFailed } from "../errors/ExchangeError.js"
import type { TradingError } from "../Exchange.js"
import type { Balance } from "../model/Balance.js"
import * as Decimal from "../model/Decimal.js"
import type { Markets } from "../model/Market.js"
import { type Fill, isOpenStatus, type Order } from "../model/Order.js"
import type { Position } from "../model/Position.js"
import type { DecodeFailure } from "./WsSession.js"

/**
 * One thing that happened to the account, in unified form.
 * @since 0.1.0
 */
export type UserEvent =
  | { readonly _tag: "Order"; readonly order: Order }
  | { readonly _tag: "Fill"; readonly fill: Fill }
  /** `complete`: the account's every balance (others are zero); otherwise only the changed ones. */
  | { readonly _tag: "Balances"; readonly balances: ReadonlyArray<Balance>; readonly complete: boolean }
  /** A perpetual's position; size zero when flat. */
  | { readonly _tag: "Position"; readonly position: Position }
  /**
   * The balances changed but the frame does not carry them whole (Binance USDⓈ-M's
   * `ACCOUNT_UPDATE` has wallet balances, not what is available): the kernel reads them from REST.
   */
  | { readonly _tag: "BalancesChanged" }

/**
 * What one private frame means.
 * @since 0.1.0
 */
export type UserFrame =
  | { readonly _tag: "Events"; readonly events: ReadonlyArray<UserEvent> }
  /** The login was accepted. */
  | { readonly _tag: "LoggedIn" }
  /** The login (or a subscription) was refused: the credentials are wrong; not retried. */
  | { readonly _tag: "Refused"; readonly reason: string }
  /** The venue ended the stream (listen key expired, stream terminated): reconnect. */
  | { readonly _tag: "Terminated"; readonly reason: string }
  /** Acks, pongs: they only feed the watchdog. */
  | { readonly _tag: "Control" }
  | DecodeFailure

/**
 * One private connection as the venue wants it opened.
 * @since 0.1.0
 */
export interface UserConnection {
  /** May hold a listen key: never logged. */
  readonly url: string
  /** Frames sent once open (the login). None: the connection is logged in when it opens. */
  readonly login: ReadonlyArray<string>
  /** Frames sent once logged in (the subscriptions). */
  readonly subscribe: ReadonlyArray<string>
  /** Keeps this connection's listen key valid; run every `keepAliveEvery`. A failure reconnects. */
  readonly keepAlive?: Effect.Effect<void, TradingError> | undefined
}

/**
 * The REST reads a reconciliation uses (the connector builds them from the adapter's trading and
 * account operations, signed).
 * @since 0.1.0
 */
export interface Reconcile {
  readonly openOrders: Effect.Effect<ReadonlyArray<Order>, TradingError>
  /** One order by id (any state); fails `OrderNotFound` when the venue has none. */
  readonly lookup: (symbol: string, id: string) => Effect.Effect<Order, TradingError>
  /**
   * The account's fills since `since` (epoch ms). `active`: the unified symbols the account is known
   * to have touched (open and known orders, positions), for venues that ask per symbol.
   */
  readonly fillsSince: (
    since: number,
    active: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<Fill>, TradingError>
  /**
   * The account's orders created or changed since `since`, in any state (the venue's order history),
   * where the venue has one; `active` as for `fillsSince`.
   */
  readonly ordersSince?:
    | ((since: number, active: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Order>, TradingError>)
    | undefined
  readonly balances: Effect.Effect<ReadonlyArray<Balance>, TradingError>
  readonly positions?: Effect.Effect<ReadonlyArray<Position>, TradingError> | undefined
}

/**
 * @since 0.1.0
 */
export type UserStreamState = "idle" | "connecting" | "reconciling" | "live" | "reconnecting"

/**
 * @since 0.1.0
 */
export interface UserStreamOptions {
  readonly venue: string
  /** The venue's connection: listen key, URL, login and subscription frames. */
  readonly open: (now: number) => Effect.Effect<UserConnection, TradingError>
  readonly decode: (frame: unknown, markets: Markets, receivedAt: number) => UserFrame
  readonly markets: Effect.Effect<Markets, TradingError>
  readonly reconcile: Reconcile
  readonly watchdog: Duration.DurationInput
  readonly heartbeat?: { readonly interval: Duration.DurationInput; readonly frame: (id: number) => string } | undefined
  readonly keepAliveEvery?: Duration.DurationInput | undefined
  /** Reconnect (and reconcile) before the venue cuts a connection this old. */
  readonly maxConnectionAge?: Duration.DurationInput | undefined
  /** How long the login may take. Default 10 s. */
  readonly loginTimeout?: Duration.DurationInput | undefined
  /** Reconnect backoff. Default: from 250 ms, jittered, doubling up to 30 s. */
  readonly reconnect?: Schedule.Schedule<unknown, unknown> | undefined
}

/**
 * The shared private stream.
 * @since 0.1.0
 */
export interface UserStream {
  /** Every event, de-duplicated and in order, for as long as it is consumed. */
  readonly events: Stream.Stream<UserEvent, TradingError>
  readonly state: SubscriptionRef.SubscriptionRef<UserStreamState>
  /** Number of connections made so far. */
  readonly connections: Effect.Effect<number>
}

type Inbound =
  | { readonly _tag: "Open" }
  | { readonly _tag: "Frame"; readonly frame: UserFrame }
  | { readonly _tag: "Closed"; readonly reason: string }

type Delivery = { readonly _tag: "Event"; readonly event: UserEvent } | {
  readonly _tag: "Failed"
  readonly error: TradingError
}

/** Why one connection ended: retried, or fatal. */
class ConnectionEnded {
  readonly _tag = "ConnectionEnded"
  constructor(readonly reason: string, readonly fatal: TradingError | undefined) {}
}

/** How one connection ended, and whether it had opened (which restarts the backoff). */
interface Lost {
  readonly ended: ConnectionEnded
  readonly opened: boolean
}

/** Runs `effect` after each `interval` (`Schedule.spaced`) until it fails: the schedule never ends. */
const every = <E, R>(
  interval: Duration.DurationInput,
  effect: Effect.Effect<unknown, E, R>
): Effect.Effect<never, E, R> => Effect.zipRight(Effect.schedule(effect, Schedule.spaced(interval)), Effect.never)

const MAX_FILL_IDS = 20_000

/**
 * The de-duplication and ordering rules, shared by the live path and the reconciliation.
 * @since 0.1.0
 */
export class Dedupe {
  private readonly fills = new Set<string>()
  private readonly orders = new Map<
    string,
    { readonly status: string; readonly final: boolean; readonly filled: Decimal.Decimal }
  >()
  private readonly balances = new Map<string, Balance>()
  private readonly positions = new Map<string, Position>()
  /** Newest event time seen (epoch ms), for the next reconciliation's `fillsSince`. */
  lastEventAt: number | undefined

  private seen(t: number | undefined) {
    if (t !== undefined && (this.lastEventAt === undefined || t > this.lastEventAt)) this.lastEventAt = t
  }

  /** The orders last emitted as still open. */
  openOrders(): ReadonlyArray<string> {
    return [...this.orders.entries()].filter(([, o]) => !o.final).map(([id]) => id)
  }

  knowsOrder(id: string): boolean {
    return this.orders.has(id)
  }

  knowsFill(id: string): boolean {
    return this.fills.has(id)
  }

  /** The events to emit for `event` (none when it is a duplicate or stale). */
  accept(event: UserEvent): ReadonlyArray<UserEvent> {
    switch (event._tag) {
      case "Fill": {
        const key = `${event.fill.symbol}:${event.fill.id}`
        if (this.fills.has(key)) return []
        this.fills.add(key)
        if (this.fills.size > MAX_FILL_IDS) this.fills.delete(this.fills.values().next().value!)
        this.seen(event.fill.timestamp)
        return [event]
      }
      case "Order": {
        const o = event.order
        const status = typeof o.status === "string" ? o.status : o.status.raw
        const previous = this.orders.get(o.id)
        if (previous !== undefined) {
          if (previous.final) return []
          if (BigDecimal.lessThan(o.filledQuantity, previous.filled)) return []
          if (BigDecimal.equals(o.filledQuantity, previous.filled) && previous.status === status) return []
        }
        this.orders.set(o.id, { status, final: !isOpenStatus(o.status), filled: o.filledQuantity })
        this.seen(o.updatedAt)
        return [event]
      }
      case "Balances": {
        const changed: Array<Balance> = []
        if (event.complete) {
          for (const [asset, b] of this.balances) {
            if (!event.balances.some((x) => x.asset === asset) && !BigDecimal.isZero(b.total)) {
              const zero = { asset, free: Decimal.zero, locked: Decimal.zero, total: Decimal.zero }
              this.balances.set(asset, zero)
              changed.push(zero)
            }
          }
        }
        for (const b of event.balances) {
          const previous = this.balances.get(b.asset)
          if (previous !== undefined && sameBalance(previous, b)) continue
          this.balances.set(b.asset, b)
          changed.push(b)
        }
        if (changed.length === 0) return []
        return [{ _tag: "Balances", balances: [...this.balances.values()], complete: true }]
      }
      case "Position": {
        const p = event.position
        const previous = this.positions.get(p.symbol)
        if (previous !== undefined && samePosition(previous, p)) return []
        this.positions.set(p.symbol, p)
        this.seen(p.timestamp)
        return [event]
      }
      case "BalancesChanged":
        return []
    }
  }
}

const sameBalance = (a: Balance, b: Balance) =>
  BigDecimal.equals(a.free, b.free) && BigDecimal.equals(a.locked, b.locked) && BigDecimal.equals(a.total, b.total)

const samePosition = (a: Position, b: Position) =>
  a.side === b.side && BigDecimal.equals(a.size, b.size) && BigDecimal.equals(a.entryPrice, b.entryPrice)

const eventTime = (e: UserEvent): number => {
  switch (e._tag) {
    case "Fill":
      return e.fill.timestamp
    case "Order":
      return e.order.updatedAt ?? 0
    case "Position":
      return e.position.timestamp ?? 0
    case "Balances":
    case "BalancesChanged":
      return Number.MAX_SAFE_INTEGER
  }
}

const rank = (e: UserEvent) => (e._tag === "Fill" ? 0 : e._tag === "Order" ? 1 : e._tag === "Position" ? 2 : 3)

/**
 * Orders the events a reconciliation found: by time; at equal times fills before their orders'
 * updates, positions and balances last.
 * @since 0.1.0
 */
export const inTimeOrder = (events: ReadonlyArray<UserEvent>): ReadonlyArray<UserEvent> =>
  [...events].sort((a, b) => eventTime(a) - eventTime(b) || rank(a) - rank(b))

/**
 * Starts the shared private stream in the current scope. Nothing connects until it is consumed.
 * @since 0.1.0
 */
export const make = (
  options: UserStreamOptions
): Effect.Effect<UserStream, never, Scope.Scope | Socket.WebSocketConstructor> =>
  Effect.gen(function*() {
    const venue = options.venue
    const scope = yield* Effect.scope
    const constructor = yield* Socket.WebSocketConstructor
    const state = yield* SubscriptionRef.make<UserStreamState>("idle")
    const subscribers = new Set<Queue.Queue<Delivery>>()
    const watchdogMs = Duration.toMillis(options.watchdog)
    const loginTimeout = options.loginTimeout ?? Duration.seconds(10)
    let connections = 0
    let loop: Fiber.RuntimeFiber<void> | undefined
    let dedupe = new Dedupe()
    let startedAt = 0

    const publish = (events: ReadonlyArray<UserEvent>) => {
      for (const raw of events) {
        for (const event of dedupe.accept(raw)) {
          for (const q of subscribers) Queue.unsafeOffer(q, { _tag: "Event", event })
        }
      }
    }

    /** Every REST read of one reconciliation, then the missed events in time order. */
    const reconcile = Effect.gen(function*() {
      const r = options.reconcile
      const since = Math.max(0, (dedupe.lastEventAt ?? startedAt) - 1_000)
      const [open, balances, positions] = yield* Effect.all([
        r.openOrders,
        r.balances,
        r.positions ?? Effect.succeed(undefined)
      ], { concurrency: 3 })
      const active = new Set<string>([
        ...open.map((o) => o.symbol),
        ...dedupe.openOrders().flatMap((id) => lastSymbols.get(id) ?? []),
        ...recentSymbols,
        ...(positions ?? []).filter((p) => BigDecimal.isPositive(p.size)).map((p) => p.symbol)
      ])
      const [fills, history] = yield* Effect.all([
        r.fillsSince(since, [...active]),
        r.ordersSince === undefined ? Effect.succeed([]) : r.ordersSince(since, [...active])
      ], { concurrency: 2 })
      const openIds = new Set(open.map((o) => o.id))
      // The history's orders that are not open any more (the open ones are read above, fresher).
      const finished = history.filter((o) => !openIds.has(o.id))
      const inHistory = new Set(finished.map((o) => o.id))
      const symbols = new Map<string, string>()
      for (const f of fills) symbols.set(f.orderId, f.symbol)
      // Orders known open that are not any more, and orders of missed fills never seen.
      const known = dedupe.openOrders().filter((id) => !openIds.has(id))
      const fromFills = [...symbols.keys()].filter((id) => !openIds.has(id) && !dedupe.knowsOrder(id))
      const lastSymbol = lastSymbols
      const toLookUp = [...new Set([...known, ...fromFills])].filter((id) => !inHistory.has(id)).flatMap((id) => {
        const symbol = symbols.get(id) ?? lastSymbol.get(id)
        return symbol === undefined ? [] : [{ id, symbol }]
      })
      const closed = yield* Effect.forEach(
        toLookUp,
        ({ id, symbol }) =>
          r.lookup(symbol, id).pipe(
            Effect.map((o): ReadonlyArray<Order> => [o]),
            Effect.catchIf((e) => e._tag === "OrderNotFound", () => Effect.succeed([]))
          ),
        { concurrency: 4 }
      )
      const events: Array<UserEvent> = [
        ...fills.map((fill): UserEvent => ({ _tag: "Fill", fill })),
        ...[...open, ...finished, ...closed.flat()].map((order): UserEvent => ({ _tag: "Order", order })),
        ...(positions ?? []).map((position): UserEvent => ({ _tag: "Position", position }))
      ]
      return [...inTimeOrder(events), { _tag: "Balances", balances, complete: true } as UserEvent]
    })

    /** The last symbol of each order emitted, for the lookups of the next reconciliation. */
    const lastSymbols = new Map<string, string>()
    /** Symbols with orders or fills since the stream started. */
    const recentSymbols = new Set<string>()
    const remember = (events: ReadonlyArray<UserEvent>) => {
      for (const e of events) {
        if (e._tag === "Order") {
          lastSymbols.set(e.order.id, e.order.symbol)
          recentSymbols.add(e.order.symbol)
        } else if (e._tag === "Fill") recentSymbols.add(e.fill.symbol)
      }
    }

    /** One connection, until it ends. Always fails with why it ended. */
    const connectOnce = Effect.scoped(
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const connection = yield* Effect.mapError(
          options.open(now),
          (e) => new ConnectionEnded(`opening the stream failed: ${e.message}`, fatalOf(e))
        )
        const markets = yield* Effect.mapError(
          options.markets,
          (e) => new ConnectionEnded(`markets: ${e.message}`, undefined)
        )
        const inbox = yield* Queue.unbounded<Inbound>()
        const socket = yield* Effect.mapError(
          Socket.makeWebSocket(connection.url, { closeCodeIsError: () => true, openTimeout: Duration.seconds(10) }),
          () => new ConnectionEnded("the websocket could not be made", undefined)
        )
        const write = yield* socket.writer
        const runtimeClock = yield* Effect.clock
        let lastFrameAt = now
        const onFrame = (data: string | Uint8Array) => {
          const at = runtimeClock.unsafeCurrentTimeMillis()
          lastFrameAt = at
          const text = typeof data === "string" ? data : Buffer.from(data).toString("utf8")
          let parsed: unknown
          try {
            parsed = JSON.parse(text)
          } catch {
            if (text === "pong" || text === "ping") return
            Queue.unsafeOffer(inbox, { _tag: "Frame", frame: { _tag: "DecodeFailure", reason: "malformed JSON" } })
            return
          }
          Queue.unsafeOffer(inbox, { _tag: "Frame", frame: options.decode(parsed, markets, at) })
        }
        yield* socket.runRaw(onFrame, { onOpen: Queue.offer(inbox, { _tag: "Open" }) }).pipe(
          // The socket's error names its URL, which may hold a listen key: only its kind is kept.
          Effect.matchCause({
            onFailure: () => ({ _tag: "Closed" as const, reason: "connection lost" }),
            onSuccess: () => ({ _tag: "Closed" as const, reason: "connection closed" })
          }),
          Effect.flatMap((closed) => Queue.offer(inbox, closed)),
          Effect.forkScoped
        )
        const send = (frames: ReadonlyArray<string>) =>
          Effect.forEach(frames, (f) => write(f), { discard: true }).pipe(
            Effect.mapError(() => new ConnectionEnded("a websocket write failed", undefined))
          )

        const warnings: Array<string> = []
        const next: Effect.Effect<UserFrame, ConnectionEnded> = Effect.flatMap(Queue.take(inbox), (m) => {
          if (m._tag === "Closed") return Effect.fail(new ConnectionEnded(m.reason, undefined))
          if (m._tag === "Open") return Effect.succeed({ _tag: "Control" } as const)
          const f = m.frame
          if (f._tag === "Refused") {
            return Effect.fail(
              new ConnectionEnded(
                `login refused: ${f.reason}`,
                new AuthenticationFailed({ venue, reason: `the private stream refused the login: ${f.reason}` })
              )
            )
          }
          if (f._tag === "Terminated") return Effect.fail(new ConnectionEnded(f.reason, undefined))
          if (f._tag === "DecodeFailure") {
            warnings.push(`[${venue}] skipped a private stream frame: ${f.reason}`)
          }
          return Effect.succeed(f)
        })
        const flushWarnings = Effect.suspend(() => Effect.forEach(warnings.splice(0), Effect.logWarning))

        // open → login → subscribe; events that arrive before the reconciliation ends wait
        const pending: Array<UserEvent> = []
        const handshake = Effect.gen(function*() {
          while (true) {
            const m = yield* Queue.take(inbox)
            if (m._tag === "Open") break
            if (m._tag === "Closed") return yield* Effect.fail(new ConnectionEnded(m.reason, undefined))
          }
          connections++
          if (connection.login.length > 0) {
            yield* send(connection.login)
            while (true) {
              const f = yield* next
              if (f._tag === "LoggedIn") break
              if (f._tag === "Events") pending.push(...f.events)
            }
          }
          yield* send(connection.subscribe)
        })
        yield* handshake.pipe(
          Effect.timeoutFail({
            duration: loginTimeout,
            onTimeout: () => new ConnectionEnded("no login answer in time", undefined)
          })
        )

        yield* SubscriptionRef.set(state, "reconciling")
        // Frames keep arriving into the inbox while the REST reads run.
        const missed = yield* Effect.mapError(
          reconcile,
          (e) => new ConnectionEnded(`reconciliation failed: ${e.message}`, fatalOf(e))
        )
        remember(missed)
        publish(missed)
        remember(pending)
        // Balances are already fresh from the reconciliation.
        publish(pending.filter((e) => e._tag !== "BalancesChanged"))
        yield* SubscriptionRef.set(state, "live")

        const live = Effect.gen(function*() {
          while (true) {
            const f = yield* next
            if (f._tag === "Events") {
              remember(f.events)
              const stale = f.events.some((e) => e._tag === "BalancesChanged")
              publish(f.events.filter((e) => e._tag !== "BalancesChanged"))
              if (stale) {
                const balances = yield* Effect.mapError(
                  options.reconcile.balances,
                  (e) => new ConnectionEnded(`reading balances failed: ${e.message}`, fatalOf(e))
                )
                publish([{ _tag: "Balances", balances, complete: true }])
              }
            }
            if (warnings.length > 0) yield* flushWarnings
          }
        })
        const watchdog = every(
          Duration.millis(Math.max(10, Math.min(1000, Math.floor(watchdogMs / 4)))),
          Effect.flatMap(Clock.currentTimeMillis, (t) =>
            t - lastFrameAt > watchdogMs
              ? Effect.fail(new ConnectionEnded(`no frame for ${t - lastFrameAt} ms`, undefined))
              : Effect.void)
        )
        let heartbeatId = 1
        const heartbeat = options.heartbeat === undefined
          ? Effect.never
          : every(options.heartbeat.interval, Effect.suspend(() => send([options.heartbeat!.frame(heartbeatId++)])))
        const keepAlive = connection.keepAlive === undefined || options.keepAliveEvery === undefined
          ? Effect.never
          : every(
            options.keepAliveEvery,
            Effect.mapError(connection.keepAlive, (e) =>
              new ConnectionEnded(`keep-alive failed: ${e.message}`, undefined))
          )
        const maxAge = options.maxConnectionAge === undefined
          ? Effect.never
          : Effect.zipRight(
            Effect.sleep(options.maxConnectionAge),
            Effect.fail(new ConnectionEnded("planned reconnect before the venue's connection-age limit", undefined))
          )
        // The first of them to end (in failure or not) ends the connection.
        return yield* live.pipe(
          Effect.raceFirst(watchdog),
          Effect.raceFirst(heartbeat),
          Effect.raceFirst(keepAlive),
          Effect.raceFirst(maxAge),
          Effect.zipRight(Effect.fail(new ConnectionEnded("connection ended", undefined))),
          Effect.ensuring(flushWarnings)
        )
      })
    )

    const fail = (error: TradingError) =>
      Effect.sync(() => {
        for (const q of subscribers) {
          Queue.unsafeOffer(q, { _tag: "Failed", error })
        }
      })

    const backoff = options.reconnect ?? Schedule.exponential(Duration.millis(250)).pipe(
      Schedule.jittered,
      Schedule.union(Schedule.spaced(Duration.seconds(30)))
    )

    /** One connection's life: fails with why it ended and whether it had opened. */
    const attempt = Effect.suspend(() => {
      const before = connections
      return Effect.flatMap(
        Effect.flip(connectOnce),
        (ended) =>
          Effect.fail<Lost>({ ended, opened: connections > before })
      )
    })
    /**
     * `backoff` (then every 30 s, should a custom one end), restarted by a connection that opened;
     * a fatal end is not retried.
     */
    const reconnect = Schedule.zipLeft(
      Schedule.identity<Lost>(),
      Schedule.andThen(backoff, Schedule.spaced(Duration.seconds(30)))
    ).pipe(
      Schedule.resetWhen((lost) => lost.opened),
      Schedule.whileInput((lost) => lost.ended.fatal === undefined),
      Schedule.modifyDelayEffect((lost, delay) =>
        SubscriptionRef.set(state, "reconnecting").pipe(
          Effect.zipRight(Effect.logInfo(`[${venue}] private stream lost (${lost.ended.reason}); reconnecting`)),
          Effect.as(delay)
        )
      )
    )

    const connectionLoop = Effect.gen(function*() {
      startedAt = yield* Clock.currentTimeMillis
      const { ended } = yield* Effect.flip(Effect.retry(attempt, reconnect))
      yield* Effect.logWarning(`[${venue}] private stream stopped: ${ended.reason}`)
      if (ended.fatal !== undefined) yield* fail(ended.fatal)
    }).pipe(
      Effect.onInterrupt(() => SubscriptionRef.set(state, "idle")),
      Effect.provideService(Socket.WebSocketConstructor, constructor)
    )

    const ensureRunning = Effect.suspend(() => {
      if (loop !== undefined) return Effect.void
      return Effect.zipRight(
        SubscriptionRef.set(state, "connecting"),
        Effect.map(Effect.forkIn(Effect.interruptible(connectionLoop), scope), (fiber) => {
          loop = fiber
        })
      )
    })

    const events: Stream.Stream<UserEvent, TradingError> = Stream.unwrapScoped(
      Effect.gen(function*() {
        const queue = yield* Queue.unbounded<Delivery>()
        yield* Effect.acquireRelease(
          Effect.suspend(() => {
            subscribers.add(queue)
            return ensureRunning
          }),
          () =>
            Effect.suspend(() => {
              subscribers.delete(queue)
              if (subscribers.size > 0 || loop === undefined) return Queue.shutdown(queue)
              const fiber = loop
              loop = undefined
              dedupe = new Dedupe()
              lastSymbols.clear()
              recentSymbols.clear()
              return Effect.zipRight(Fiber.interrupt(fiber), Queue.shutdown(queue))
            })
        )
        return Stream.fromQueue(queue).pipe(
          Stream.mapEffect((d) => (d._tag === "Event" ? Effect.succeed(d.event) : Effect.fail(d.error)))
        )
      })
    )

    yield* Effect.addFinalizer(() => Effect.suspend(() => (loop === undefined ? Effect.void : Fiber.interrupt(loop))))

    return { events, state, connections: Effect.sync(() => connections) }
  })

/** A failure that retrying cannot fix: wrong or missing credentials, a missing permission. */
const fatalOf = (e: TradingError): TradingError | undefined =>
  e._tag === "AuthenticationFailed" || e._tag === "PermissionDenied" || e._tag === "NotSupported" ? e : undefined
