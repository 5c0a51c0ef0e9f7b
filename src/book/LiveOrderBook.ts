/**
 * A local order book kept in sync with a venue (DESIGN.md §8): the venue's book channel
 * (`watchBookUpdates`) plus its REST snapshot, synchronised by the venue's `BookSync` rule, held in
 * an exact integer `Ladder`, and published as a `Stream` of consistent views.
 *
 * It never emits a book that is out of sequence, crossed, or built on a gap. When the book turns
 * out inconsistent — a sequence gap, a crossed book, a negative or non-numeric size, a price off the
 * tick grid, a snapshot older than the buffered updates, or an interrupted feed (a `BookUpdate`
 * with `interrupted` set: the connection was lost or went silent past its watchdog, so updates may
 * have been missed even when the venue's next message is a full snapshot) — it emits a `stale` view saying why (with
 * no levels), drops the book, emits `resyncing`, fetches a fresh snapshot (with bounded exponential
 * backoff when snapshots fail or cannot be used) and goes `live` again. After an interrupted feed the
 * snapshot waits until the feed is back (a `BookUpdate` with `resumed` set, or any message of the new
 * connection), so a book never says `live` while its feed is down.
 *
 * Per message, the work is plain synchronous code run by one long-lived consumer of the update
 * stream (one `Effect.sync` per chunk): no Effect is run per message (DESIGN.md §12). An update
 * stream that is a `PushFeed` (the market-data bus's) is not run at all: each message is applied in
 * the feed's own callback. Each reader of `views` has its own buffer, filled as the book publishes.
 * Views copy the top `depth` levels as integers; exact
 * `BigDecimal` levels are built only when a view's `bids`/`asks` are read.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Queue from "effect/Queue"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { NotSupported } from "../errors/ExchangeError.js"
import type { Exchange, MarketDataError } from "../Exchange.js"
import type { BookSync } from "../model/BookSync.js"
import type { Decimal } from "../model/Decimal.js"
import type { Market } from "../model/Market.js"
import type { BookUpdate, OrderBookSnapshot } from "../model/OrderBook.js"
import * as BookScale from "./BookScale.js"
import type { SnapshotRequest } from "./internal/bookMachine.js"
import { BookMachine, SnapshotFailed, SnapshotLoaded } from "./internal/bookMachine.js"
import { ViewHub } from "./internal/viewHub.js"
import type { Ladder } from "./Ladder.js"
import type { OrderBookView } from "./OrderBookView.js"
import * as PushFeed from "./PushFeed.js"

/**
 * A running book: a hot `Stream` of views shared by every subscriber, and the current view.
 * @since 0.1.0
 */
export interface LiveOrderBook<E = never> {
  readonly market: Market
  /**
   * The views, starting with the current one. Every subscriber sees every view emitted after it
   * subscribed. Fails when the update stream fails; ends when it ends.
   */
  readonly views: Stream.Stream<OrderBookView, E>
  /** The latest view. */
  readonly current: Effect.Effect<OrderBookView>
}

/**
 * Told of every change of a book, synchronously, on the per-message path (keep it cheap): what
 * `lotusx ingest` republishes on the market-data bus (`cluster/BookBus.ts`).
 * @since 0.1.0
 */
export interface BookObserver {
  /**
   * The book went live from a snapshot (the REST snapshot plus buffered updates, or the stream's own
   * snapshot): `ladder` holds the whole book at `sequence`. Read it now; it changes afterwards.
   */
  readonly onReset: (ladder: Ladder, sequence: number, exchangeTime: number | undefined, receiveTime: number) => void
  /** A live book applied `update` (its levels set absolute sizes; zero removes); `ladder` is the result. */
  readonly onUpdate: (update: BookUpdate, ladder: Ladder) => void
  /** The book stopped being live (a gap, a crossed book, an interrupted feed, the end of the stream…). */
  readonly onStale: (reason: string) => void
}

/**
 * Types that belong to `LiveOrderBook`.
 * @since 0.1.0
 */
export declare namespace LiveOrderBook {
  /**
   * What a book is made from.
   * @since 0.1.0
   */
  export interface Options<E> {
    readonly market: Market
    /** The venue's book channel for this market, normalized. */
    readonly updates: Stream.Stream<BookUpdate, E>
    /** Fetches a REST snapshot of the given depth. */
    readonly snapshot: (depth: number) => Effect.Effect<OrderBookSnapshot, E>
    /** The venue's synchronisation rule. */
    readonly sync: BookSync
    /** Number of levels per side in each view. */
    readonly depth: number
    /** Depth of the REST snapshot; the sync rule's default when omitted. */
    readonly snapshotDepth?: number | undefined
    /** Largest price the market can trade at, checked against 2^53 ticks when the book is made. */
    readonly maxPrice?: Decimal | undefined
    /**
     * Backoff between snapshot attempts after the first: exponential from `initialDelay`
     * (default 250 ms) up to `maxDelay` (default 10 s). It restarts from zero once the book has
     * stayed live for `maxDelay`.
     */
    readonly retry?: {
      readonly initialDelay?: Duration.DurationInput | undefined
      readonly maxDelay?: Duration.DurationInput | undefined
    } | undefined
    /** Told of every change of the book (the ingest's publisher). */
    readonly observer?: BookObserver | undefined
  }
}

const describeError = (error: unknown): string => {
  if (typeof error === "object" && error !== null) {
    const message = (error as { readonly message?: unknown }).message
    if (typeof message === "string" && message !== "") return message
    const tag = (error as { readonly _tag?: unknown })._tag
    if (typeof tag === "string") return tag
  }
  return String(error)
}

interface Running<E> {
  readonly machine: BookMachine
  /**
   * Consumes the update stream and fetches snapshots, publishing views, until the update stream
   * ends or fails; then publishes a last `stale` view.
   */
  readonly run: Effect.Effect<void, E>
}

/** Sets up the machine and its snapshot fetcher; `publish` receives every batch of views. */
const open = <E>(
  options: LiveOrderBook.Options<E>,
  scale: BookScale.BookScale,
  publish: (views: ReadonlyArray<OrderBookView>) => void
): Effect.Effect<Running<E>> =>
  Effect.gen(function*() {
    const initialDelay = Duration.toMillis(options.retry?.initialDelay ?? Duration.millis(250))
    const maxDelay = Duration.toMillis(options.retry?.maxDelay ?? Duration.seconds(10))
    const depth = options.snapshotDepth ?? options.sync.snapshotDepth
    const requests = yield* Queue.unbounded<SnapshotRequest>()
    const now = yield* Clock.currentTimeMillis
    const machine = new BookMachine({
      market: options.market,
      scale,
      sync: options.sync,
      depth: options.depth,
      requestSnapshot: (request) => requests.unsafeOffer(request),
      backoffResetMs: maxDelay,
      observer: options.observer
    }, now)
    const flush = () => {
      const views = machine.drain()
      if (views.length > 0) publish(views)
    }
    /** Delay before snapshot attempt `attempt` (0: none): `initialDelay`·2^(attempt−1), capped at `maxDelay`. */
    const backoff = (attempt: number): number =>
      attempt <= 0 ? 0 : Math.min(maxDelay, initialDelay * 2 ** Math.min(attempt - 1, 30))
    /** The delays of the attempts after `attempt`: the same doubling, capped, as a schedule. */
    const retries = (attempt: number) =>
      Schedule.union(
        Schedule.exponential(Duration.millis(backoff(Math.max(attempt, 0) + 1))),
        Schedule.spaced(Duration.millis(maxDelay))
      )

    /** Fetches snapshots until one loads, each result given to the machine; a request with `attempt` > 0 backs off first. */
    const fetchOne = (request: SnapshotRequest): Effect.Effect<void> => {
      const load = Effect.zip(Effect.either(Effect.sandbox(options.snapshot(depth))), Clock.currentTimeMillis).pipe(
        Effect.map(([result, receiveTime]) => {
          machine.onSnapshotResult(
            Either.isRight(result)
              ? new SnapshotLoaded(request.generation, result.right, receiveTime)
              : new SnapshotFailed(request.generation, describeError(Cause.squash(result.left)), receiveTime)
          )
          flush()
          return Either.isRight(result)
        })
      )
      const first = backoff(request.attempt)
      return Effect.zipRight(
        first > 0 ? Effect.sleep(Duration.millis(first)) : Effect.void,
        Effect.asVoid(Effect.repeat(load, { schedule: retries(request.attempt), until: (loaded) => loaded }))
      )
    }

    const fetcher = Effect.forever(Effect.flatMap(Queue.take(requests), fetchOne))
    const feed = PushFeed.get(options.updates)
    const consume: Effect.Effect<void, E> = feed === undefined
      ? Stream.runForEachChunk(options.updates, (chunk) =>
        Effect.sync(() => {
          machine.onUpdates(chunk)
          flush()
        }))
      : Effect.scoped(Effect.gen(function*() {
        // each message straight into the machine, from the feed's own callback (no fiber per message)
        const defect = yield* Deferred.make<never>()
        yield* feed.subscribe((update) => {
          try {
            machine.onUpdate(update)
            flush()
          } catch (e) {
            Deferred.unsafeDone(defect, Effect.die(e))
          }
        })
        return yield* Deferred.await(defect)
      }))
    const close = (reason: string) =>
      Effect.flatMap(Clock.currentTimeMillis, (t) => Effect.sync(() => publish([machine.close(reason, t)])))
    const run = Effect.sync(() => publish([machine.current])).pipe(
      Effect.zipRight(Effect.scoped(Effect.zipRight(Effect.forkScoped(fetcher), consume))),
      Effect.tapErrorCause((cause) =>
        Cause.isInterruptedOnly(cause)
          ? Effect.void
          : close(`the update stream failed: ${describeError(Cause.squash(cause))}`)
      ),
      Effect.zipLeft(Effect.suspend(() => close("the update stream ended")))
    )
    return { machine, run }
  })

const scaleOf = <E>(options: LiveOrderBook.Options<E>) => BookScale.make(options.market, { maxPrice: options.maxPrice })

/**
 * A cold stream of views of one book: each run subscribes, syncs and keeps its own book, starting
 * with a `syncing` view and ending with a `stale` one when the update stream ends. Fails with
 * `UnrepresentableMarket` before anything else when the market cannot be held exactly.
 *
 * The update stream is consumed as fast as it arrives, whatever the pace of the reader; views wait
 * for the reader in an unbounded buffer.
 * @since 0.1.0
 */
export const stream = <E>(
  options: LiveOrderBook.Options<E>
): Stream.Stream<OrderBookView, E | BookScale.UnrepresentableMarket> =>
  Stream.unwrap(
    Effect.map(scaleOf(options), (scale) =>
      Stream.asyncPush<OrderBookView, E>((emit) =>
        Effect.gen(function*() {
          const { run } = yield* open(options, scale, (views) => emit.array(views))
          yield* run.pipe(
            Effect.onExit((exit) =>
              Effect.sync(() => {
                if (Exit.isSuccess(exit)) emit.end()
                else if (!Cause.isInterruptedOnly(exit.cause)) emit.halt(exit.cause)
              })
            ),
            Effect.forkScoped
          )
        }), { bufferSize: "unbounded" }))
  )

/**
 * Starts a book in the current scope: it syncs and runs in the background until the scope closes,
 * whether or not anyone reads its views.
 * @since 0.1.0
 */
export const make = <E>(
  options: LiveOrderBook.Options<E>
): Effect.Effect<LiveOrderBook<E>, BookScale.UnrepresentableMarket, Scope.Scope> =>
  Effect.gen(function*() {
    const scale = yield* scaleOf(options)
    const hub = new ViewHub<OrderBookView, E>()
    const { machine, run } = yield* open(options, scale, (views) => hub.publish(views))
    yield* run.pipe(
      Effect.onExit((exit) =>
        Effect.sync(() => {
          // interrupted: the book's scope closed, and its readers' streams end
          hub.end(Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause) ? Exit.void : exit)
        })
      ),
      Effect.forkScoped
    )
    return {
      market: options.market,
      views: hub.stream(() => machine.current),
      current: Effect.sync(() => machine.current)
    }
  })

/**
 * Starts a book for `symbol` (native or unified) on an `Exchange`: its market, `watchBookUpdates`
 * and `orderBook` snapshots, with the connector's sync rule (`exchange.bookSync`) unless one is given.
 * @since 0.1.0
 */
export const fromExchange = (
  exchange: Exchange,
  symbol: string,
  options: {
    readonly depth: number
    readonly sync?: BookSync | undefined
    readonly snapshotDepth?: number | undefined
    readonly retry?: LiveOrderBook.Options<MarketDataError>["retry"]
    readonly observer?: BookObserver | undefined
  }
): Effect.Effect<
  LiveOrderBook<MarketDataError>,
  MarketDataError | BookScale.UnrepresentableMarket,
  Scope.Scope
> =>
  Effect.gen(function*() {
    const sync = options.sync ?? exchange.bookSync
    if (sync === undefined) {
      return yield* new NotSupported({ venue: exchange.venue, feature: "LiveOrderBook (no book sync rule)" })
    }
    const market = yield* exchange.market(symbol)
    return yield* make<MarketDataError>({
      market,
      updates: exchange.watchBookUpdates(market.unified),
      snapshot: (depth) => exchange.orderBook(market.unified, depth),
      sync,
      depth: options.depth,
      snapshotDepth: options.snapshotDepth,
      retry: options.retry,
      observer: options.observer
    })
  })
