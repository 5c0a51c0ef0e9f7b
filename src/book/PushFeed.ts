/**
 * A book feed that can be read two ways: as an ordinary `Stream`, or synchronously, each message
 * handed to a callback as it arrives. `LiveOrderBook` takes the second way when its update stream
 * carries one: no queue, no fiber and no stream stage per message, only the book's own work. The
 * market-data bus (`cluster/BookBus.ts`) feeds every book of a process this way, from the one
 * message it decoded: at 1,000 messages per second to ten books per process, the per-message fiber
 * wake-ups and stream stages were most of a subscriber's CPU.
 *
 * The stream is the same feed: running it subscribes a queue, so any other reader sees the same
 * messages in the same order. A stream made from it (`pipe(Stream.map(…))`) is an ordinary stream;
 * `tap` keeps the synchronous way.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"

const FeedId: unique symbol = Symbol.for("lotusx/book/PushFeed")

/**
 * The synchronous way to read a feed.
 * @since 0.1.0
 */
export interface PushFeed<A, E = never> {
  /**
   * Hands every message from now on to `push`, synchronously and in order, until the scope
   * closes. Fails, before any message, when the feed cannot be opened. `push` must not throw.
   */
  readonly subscribe: (push: (message: A) => void) => Effect.Effect<void, E, Scope.Scope>
}

/**
 * A feed's stream, carrying its synchronous way. It never ends; it fails only when `subscribe` does.
 * @since 0.1.0
 */
export const make = <A, E = never>(
  subscribe: (push: (message: A) => void) => Effect.Effect<void, E, Scope.Scope>
): Stream.Stream<A, E> => {
  const stream = Stream.unwrapScoped(Effect.gen(function*() {
    const queue = yield* Effect.acquireRelease(Queue.unbounded<A>(), Queue.shutdown)
    yield* subscribe((message) => queue.unsafeOffer(message))
    return Stream.fromQueue(queue)
  }))
  const feed: PushFeed<A, E> = { subscribe }
  Object.defineProperty(stream, FeedId, { value: feed })
  return stream
}

/**
 * The synchronous way of a stream made by `make` (or `tap`); `undefined` for any other stream.
 * @since 0.1.0
 */
export const get = <A, E, R>(stream: Stream.Stream<A, E, R>): PushFeed<A, E> | undefined =>
  (stream as unknown as { readonly [FeedId]?: PushFeed<A, E> })[FeedId]

/**
 * Calls `f` on every message before it is handed on, keeping the synchronous way of a feed
 * (`Stream.tap` on any other stream). `f` must not throw.
 * @since 0.1.0
 */
export const tap = <A, E>(stream: Stream.Stream<A, E>, f: (message: A) => void): Stream.Stream<A, E> => {
  const feed = get(stream)
  if (feed === undefined) return Stream.tap(stream, (message) => Effect.sync(() => f(message)))
  return make((push) =>
    feed.subscribe((message) => {
      f(message)
      push(message)
    })
  )
}
