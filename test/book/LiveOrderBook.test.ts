import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { OrderBookView } from "../../src/book/OrderBookView.js"
import { ExchangeUnavailable } from "../../src/errors/ExchangeError.js"
import type { Exchange } from "../../src/Exchange.js"
import * as Decimal from "../../src/model/Decimal.js"
import {
  type BookUpdate,
  interruptedBookUpdate,
  type OrderBookSnapshot,
  type RawLevel,
  resumedBookUpdate
} from "../../src/model/OrderBook.js"
import { binanceSpotBookSync } from "../../src/venues/binance/bookSync.js"
import { assertConsistent } from "./invariants.js"
import { testMarket } from "./testMarket.js"

const market = testMarket

const d = Decimal.unsafe
const snapshot = (sequence: number): OrderBookSnapshot => ({
  symbol: "TEST/USDT",
  venueSymbol: "TESTUSDT",
  bids: [[d("10.00"), d("1")], [d("9.99"), d("2")]],
  asks: [[d("10.01"), d("3")], [d("10.02"), d("4")]],
  sequence,
  timestamp: 5
})
const diff = (U: number, u: number, bids: Array<RawLevel>, asks: Array<RawLevel> = []): BookUpdate => ({
  kind: "delta",
  venueSymbol: "TESTUSDT",
  bids,
  asks,
  firstUpdateId: U,
  lastUpdateId: u,
  exchangeTime: u,
  receiveTime: u
})

const summary = (v: OrderBookView) =>
  `${v.state}@${v.sequence}${
    v.state === "live" ? ` ${Decimal.format(v.bestBid![0])}/${Decimal.format(v.bestAsk![0])}` : ""
  }`

/**
 * A book driven step by step: snapshots are served from a queue, updates are offered one by one,
 * and every view is recorded (and checked for consistency).
 */
const harness = Effect.gen(function*() {
  const feed = yield* Queue.unbounded<BookUpdate>()
  const snapshots = yield* Queue.unbounded<OrderBookSnapshot>()
  let fetched = 0
  const book = yield* LiveOrderBook.make({
    market,
    updates: Stream.fromQueue(feed),
    snapshot: (depth) => {
      assert.strictEqual(depth, 1000)
      fetched++
      return Queue.take(snapshots)
    },
    sync: binanceSpotBookSync,
    depth: 10,
    retry: { initialDelay: "0 millis", maxDelay: "0 millis" }
  })
  const views: Array<OrderBookView> = []
  yield* book.views.pipe(
    Stream.runForEach((v) => Effect.sync(() => (assertConsistent(v), views.push(v)))),
    Effect.forkScoped
  )
  const settle = Effect.gen(function*() {
    let seen = -1
    while (seen !== views.length) {
      seen = views.length
      yield* Effect.sleep("5 millis")
    }
  })
  yield* settle
  const step = (input: BookUpdate | OrderBookSnapshot) =>
    Effect.zipRight("kind" in input ? feed.offer(input) : snapshots.offer(input), settle)
  return { book, fetched: () => fetched, step, views }
})

describe("LiveOrderBook", () => {
  it.scopedLive("goes syncing → live and follows the diffs exactly", () =>
    Effect.gen(function*() {
      const { step, views } = yield* harness
      for (
        const input of [
          diff(95, 100, [["10.00", "5"]]),
          snapshot(100),
          diff(101, 101, [["10.00", "0"]]),
          diff(102, 102, [], [["10.01", "0"]]),
          diff(103, 103, [["9.50", "0"]]) // deleting a level the book doesn't have is harmless
        ]
      ) yield* step(input)
      assert.deepStrictEqual(views.map(summary), [
        "syncing@undefined",
        "live@100 10/10.01",
        "live@101 9.99/10.01",
        "live@102 9.99/10.02",
        "live@103 9.99/10.02"
      ])
      const last = views[4]!
      assert.deepStrictEqual(last.bids.map(([p, s]) => [Decimal.format(p), Decimal.format(s)]), [["9.99", "2"]])
      assert.strictEqual(last.exchangeTime, 103)
      assert.strictEqual(last.receiveTime, 103)
      assert.strictEqual(last.symbol, "TEST/USDT")
      assert.strictEqual(last.venueSymbol, "TESTUSDT")
    }))

  const faults: ReadonlyArray<[string, BookUpdate, RegExp]> = [
    ["a gap", diff(103, 103, [["9.98", "1"]]), /sequence gap: expected U = 102, received U = 103/],
    [
      "a crossed book",
      diff(102, 102, [["10.01", "1"]]),
      /crossed book after update 102: best bid 10.01 >= best ask 10.01/
    ],
    ["a negative size", diff(102, 102, [["9.98", "-1"]]), /invalid update 102: bid size "-1" is negative/],
    ["a non-numeric size", diff(102, 102, [], [["10.03", "abc"]]), /invalid update 102: ask size "abc"/],
    ["a price off the tick grid", diff(102, 102, [["9.985", "1"]]), /bid price "9.985" has more than 2 decimals/]
  ]
  for (const [name, fault, reason] of faults) {
    it.scopedLive(`${name} → stale (with the reason), resyncing, then live from a fresh snapshot`, () =>
      Effect.gen(function*() {
        const { fetched, step, views } = yield* harness
        for (const input of [snapshot(100), diff(101, 101, [["9.99", "7"]]), fault]) yield* step(input)
        assert.deepStrictEqual(views.map((v) => v.state), ["syncing", "live", "live", "stale", "resyncing"])
        assert.match(views[3]!.reason!, reason)
        assert.strictEqual(views[3]!.sequence, 101)
        assert.strictEqual(fetched(), 2)
        for (const input of [snapshot(103), diff(104, 104, [["9.97", "1"]])]) yield* step(input)
        assert.deepStrictEqual(views.slice(5).map(summary), ["live@103 10/10.01", "live@104 10/10.01"])
      }))
  }

  const interrupted: BookUpdate = { ...interruptedBookUpdate("TESTUSDT")("connection lost", 0) }
  const resumed: BookUpdate = resumedBookUpdate("TESTUSDT")(0)

  it.scopedLive("an interrupted feed: stale, and no snapshot until the feed is back (never live while it is down)", () =>
    Effect.gen(function*() {
      const { fetched, step, views } = yield* harness
      for (const input of [snapshot(100), diff(101, 101, [["9.99", "7"]]), interrupted]) yield* step(input)
      assert.deepStrictEqual(views.map((v) => v.state), ["syncing", "live", "live", "stale", "resyncing"])
      assert.match(views[3]!.reason!, /the feed was interrupted: connection lost/)
      assert.strictEqual(fetched(), 1, "no snapshot is asked for while the feed is down")
      yield* step(resumed)
      assert.strictEqual(fetched(), 2, "the feed is back: a snapshot is asked for")
      for (const input of [diff(105, 105, [["9.98", "1"]]), snapshot(104)]) yield* step(input)
      assert.deepStrictEqual(views.slice(5).map(summary), ["live@105 10/10.01"])
    }))

  it.scopedLive("an interruption while syncing drops the snapshot in flight; any message of the new connection resumes", () =>
    Effect.gen(function*() {
      const { fetched, step, views } = yield* harness
      assert.strictEqual(fetched(), 1)
      yield* step(interrupted)
      // the snapshot asked for before the interruption arrives now: it must not make the book live
      yield* step(snapshot(100))
      assert.isFalse(views.some((v) => v.state === "live"), views.map(summary).join(", "))
      assert.strictEqual(fetched(), 1)
      // no `resumed` marker: the first diff of the new connection says the feed is back
      yield* step(diff(201, 201, [["9.98", "1"]]))
      assert.strictEqual(fetched(), 2)
      yield* step(snapshot(200))
      assert.deepStrictEqual(views.filter((v) => v.state === "live").map(summary), ["live@201 10/10.01"])
    }))

  it.scopedLive("a snapshot older than the buffered diffs is refused and fetched again", () =>
    Effect.gen(function*() {
      const { fetched, step, views } = yield* harness
      for (const input of [diff(105, 106, [["9.99", "7"]]), diff(107, 107, [["9.98", "1"]]), snapshot(100)]) {
        yield* step(input)
      }
      assert.deepStrictEqual(views.map(summary), ["syncing@undefined", "syncing@undefined"])
      assert.match(
        views[1]!.reason!,
        /the snapshot \(update 100\) is older than the buffered updates \(update 105..106\)/
      )
      assert.strictEqual(fetched(), 2)
      yield* step(snapshot(106))
      assert.deepStrictEqual(views.slice(2).map(summary), ["live@107 10/10.01"])
    }))

  it.scopedLive("a snapshot older than what the book already showed is refused", () =>
    Effect.gen(function*() {
      const { step, views } = yield* harness
      for (const input of [snapshot(100), diff(101, 101, [["10.01", "1"]]), snapshot(99)]) yield* step(input)
      assert.deepStrictEqual(views.map((v) => v.state), ["syncing", "live", "stale", "resyncing", "resyncing"])
      assert.match(views[4]!.reason!, /the snapshot \(update 99\) is older than the stream \(update 101\)/)
      yield* step(snapshot(101))
      assert.deepStrictEqual(views.slice(5).map(summary), ["live@101 10/10.01"])
    }))

  it.effect("snapshot failures are retried with bounded exponential backoff (TestClock)", () =>
    Effect.gen(function*() {
      let calls = 0
      const fiber = yield* LiveOrderBook.stream({
        market,
        updates: Stream.never,
        snapshot: () =>
          Effect.suspend(() =>
            ++calls <= 5
              ? Effect.fail(new ExchangeUnavailable({ venue: "binance", outcome: "transient", detail: "503" }))
              : Effect.succeed(snapshot(100))
          ),
        sync: binanceSpotBookSync,
        depth: 5,
        retry: { initialDelay: "100 millis", maxDelay: "300 millis" }
      }).pipe(Stream.take(7), Stream.runCollect, Effect.fork)
      const callsAfter = [] as Array<number>
      for (const step of [0, 99, 1, 199, 1, 299, 1, 299, 1]) {
        yield* TestClock.adjust(`${step} millis`)
        callsAfter.push(calls)
      }
      // 1st attempt at once, then 100, 200, 300, 300 ms later (capped).
      assert.deepStrictEqual(callsAfter, [1, 1, 2, 2, 3, 3, 4, 4, 5])
      yield* TestClock.adjust("300 millis")
      const views = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
      assert.deepStrictEqual(views.map((v) => v.state), [
        "syncing",
        "syncing",
        "syncing",
        "syncing",
        "syncing",
        "syncing",
        "live"
      ])
      assert.match(views[1]!.reason!, /snapshot failed: \[binance\] exchange unavailable: 503/)
    }))

  it.scoped("make: a hot book with the current view on demand, shared by subscribers", () =>
    Effect.gen(function*() {
      const feed = yield* Queue.unbounded<BookUpdate>()
      const book = yield* LiveOrderBook.make({
        market,
        updates: Stream.fromQueue(feed),
        snapshot: () => Effect.succeed(snapshot(100)),
        sync: binanceSpotBookSync,
        depth: 1
      })
      const firstLive = yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead)
      assert.strictEqual(firstLive._tag, "Some")
      const a = yield* book.views.pipe(Stream.take(3), Stream.runCollect, Effect.fork)
      const b = yield* book.views.pipe(Stream.take(3), Stream.runCollect, Effect.fork)
      yield* Effect.yieldNow()
      yield* feed.offer(diff(101, 101, [["10.00", "9"]]))
      yield* feed.offer(diff(102, 102, [], [["10.01", "0"]]))
      const seqA = Chunk.toReadonlyArray(yield* Fiber.join(a)).map((v) => v.sequence)
      const seqB = Chunk.toReadonlyArray(yield* Fiber.join(b)).map((v) => v.sequence)
      assert.deepStrictEqual(seqA, [100, 101, 102])
      assert.deepStrictEqual(seqB, [100, 101, 102])
      const current = yield* book.current
      assert.strictEqual(current.sequence, 102)
      assert.strictEqual(current.bidCount, 1)
      assert.isTrue(BigDecimal.equals(current.bestAsk![0], d("10.02")))
      yield* feed.shutdown
    }))

  it.scoped("make: when the update stream fails, the views fail and the current view is stale", () =>
    Effect.gen(function*() {
      const failure = new ExchangeUnavailable({ venue: "binance", outcome: "transient", detail: "socket closed" })
      const book = yield* LiveOrderBook.make({
        market,
        updates: Stream.fail(failure),
        snapshot: () => Effect.never,
        sync: binanceSpotBookSync,
        depth: 1
      })
      const exit = yield* book.views.pipe(Stream.runCollect, Effect.exit)
      assert.isTrue(Exit.isFailure(exit))
      const current = yield* book.current
      assert.strictEqual(current.state, "stale")
      assert.match(current.reason!, /the update stream failed: \[binance\] exchange unavailable: socket closed/)
    }))

  it.effect("refuses a market it cannot hold exactly", () =>
    Effect.gen(function*() {
      const exit = yield* LiveOrderBook.make({
        market: { ...market, tickSize: d("0.0000000000000001") },
        updates: Stream.never,
        snapshot: () => Effect.never,
        sync: binanceSpotBookSync,
        depth: 1
      }).pipe(Effect.scoped, Effect.exit)
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit)) assert.match(String(exit.cause), /UnrepresentableMarket|cannot be kept exactly/)
    }))

  it.scoped("fromExchange uses the exchange's market, book channel, snapshot and sync rule", () =>
    Effect.gen(function*() {
      const requested: Array<string> = []
      const exchange = {
        venue: "binance",
        bookSync: binanceSpotBookSync,
        market: (symbol: string) => Effect.sync(() => (requested.push(`market ${symbol}`), market)),
        watchBookUpdates: (symbol: string) => {
          requested.push(`watch ${symbol}`)
          return Stream.make(diff(101, 101, [["10.00", "2"]])).pipe(Stream.concat(Stream.never))
        },
        orderBook: (symbol: string, depth?: number) =>
          Effect.sync(() => (requested.push(`orderBook ${symbol} ${depth}`), snapshot(100)))
      } as unknown as Exchange
      const book = yield* LiveOrderBook.fromExchange(exchange, "TEST/USDT", { depth: 5 })
      const live = yield* book.views.pipe(Stream.filter((v) => v.sequence === 101), Stream.runHead)
      assert.strictEqual(live._tag, "Some")
      // unified symbols: a native one can name several markets on some venues (Bybit spot and linear)
      assert.deepStrictEqual(requested, ["market TEST/USDT", "watch TEST/USDT", "orderBook TEST/USDT 1000"])
      const unsupported = yield* LiveOrderBook.fromExchange({ ...exchange, bookSync: undefined } as Exchange, "X", {
        depth: 5
      }).pipe(Effect.flip)
      assert.strictEqual(unsupported._tag, "NotSupported")
    }))
})
