import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import * as PushFeed from "../../src/book/PushFeed.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { BookUpdate, RawLevel } from "../../src/model/OrderBook.js"
import { binanceSpotBookSync } from "../../src/venues/binance/bookSync.js"
import { testMarket } from "./testMarket.js"

const market = testMarket
const d = Decimal.unsafe
const diff = (U: number, u: number, bids: ReadonlyArray<RawLevel>): BookUpdate => ({
  kind: "delta",
  venueSymbol: "TESTUSDT",
  bids,
  asks: [],
  firstUpdateId: U,
  lastUpdateId: u,
  receiveTime: u
})

/** A feed whose subscribers the test calls by hand, as the bus's connection does. */
const handFeed = () => {
  const pushes = new Set<(u: BookUpdate) => void>()
  const stream = PushFeed.make<BookUpdate>((push) =>
    Effect.acquireRelease(Effect.sync(() => pushes.add(push)), () => Effect.sync(() => pushes.delete(push)))
  )
  return { stream, push: (u: BookUpdate) => pushes.forEach((p) => p(u)), subscribers: () => pushes.size }
}

const bookOn = (updates: Stream.Stream<BookUpdate>) =>
  LiveOrderBook.make({
    market,
    updates,
    snapshot: () =>
      Effect.succeed({
        symbol: "TEST/USDT",
        venueSymbol: "TESTUSDT",
        bids: [[d("10.00"), d("1")]],
        asks: [[d("10.01"), d("3")]],
        sequence: 100
      }),
    sync: binanceSpotBookSync,
    depth: 10
  })

const waitLive = (book: LiveOrderBook.LiveOrderBook) =>
  book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead)

describe("PushFeed", () => {
  it.scopedLive("a book made from a feed applies each message within the feed's own call", () =>
    Effect.gen(function*() {
      const feed = handFeed()
      const book = yield* bookOn(feed.stream)
      yield* waitLive(book)
      assert.strictEqual(feed.subscribers(), 1)
      const started = yield* Deferred.make<void>()
      const reader = yield* book.views.pipe(
        Stream.tap(() => Deferred.succeed(started, undefined)),
        Stream.take(3),
        Stream.runCollect,
        Effect.fork
      )
      yield* Deferred.await(started)
      // no fiber runs between the push and the read: the book is already at 101
      const after = yield* Effect.sync(() => {
        feed.push(diff(101, 101, [["10.00", "4"]]))
        return Effect.runSync(book.current)
      })
      assert.strictEqual(after.sequence, 101)
      assert.strictEqual(Decimal.format(after.bestBid![1]), "4")
      feed.push(diff(102, 102, [["9.99", "2"]]))
      const views = Chunk.toReadonlyArray(yield* Fiber.join(reader))
      assert.deepStrictEqual(views.map((v) => v.sequence), [100, 101, 102])
    }))

  it.scopedLive("its stream is the same feed for any other reader; tap keeps the synchronous way", () =>
    Effect.gen(function*() {
      const feed = handFeed()
      const tapped: Array<number> = []
      const withTap = PushFeed.tap(feed.stream, (u) => tapped.push(u.lastUpdateId))
      assert.isDefined(PushFeed.get(feed.stream))
      assert.isDefined(PushFeed.get(withTap))
      assert.isUndefined(PushFeed.get(feed.stream.pipe(Stream.map((u) => u))))
      const plain = yield* feed.stream.pipe(Stream.take(2), Stream.runCollect, Effect.fork)
      const book = yield* bookOn(withTap)
      yield* waitLive(book)
      assert.strictEqual(feed.subscribers(), 2)
      feed.push(diff(101, 101, [["10.00", "4"]]))
      feed.push(diff(102, 102, [["10.00", "5"]]))
      const read = Chunk.toReadonlyArray(yield* Fiber.join(plain))
      assert.deepStrictEqual(read.map((u) => u.lastUpdateId), [101, 102])
      assert.deepStrictEqual(tapped, [101, 102])
      assert.strictEqual((yield* book.current).sequence, 102)
      // the plain reader's stream ended: its subscription is gone
      assert.strictEqual(feed.subscribers(), 1)
    }))

  it.scopedLive("a defect in the book does not escape into the feed's caller: the book fails, stale, and unsubscribes", () =>
    Effect.gen(function*() {
      const feed = handFeed()
      const book = yield* bookOn(feed.stream)
      yield* waitLive(book)
      const started = yield* Deferred.make<void>()
      const views = yield* book.views.pipe(
        Stream.tap(() => Deferred.succeed(started, undefined)),
        Stream.runCollect,
        Effect.exit,
        Effect.fork
      )
      yield* Deferred.await(started)
      const poisoned: Array<RawLevel> = []
      Object.defineProperty(poisoned, 0, {
        get: () => {
          throw new Error("level unreadable")
        }
      })
      poisoned.length = 1
      feed.push(diff(101, 101, poisoned))
      const exit = yield* Fiber.join(views)
      assert.isTrue(Exit.isFailure(exit))
      const current = yield* book.current
      assert.strictEqual(current.state, "stale")
      assert.match(current.reason!, /the update stream failed: level unreadable/)
      assert.strictEqual(feed.subscribers(), 0)
    }))
})
