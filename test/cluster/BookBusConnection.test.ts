/**
 * The market-data bus's own connection to Redis (issue 17), against a real redis-server: a bus-fed
 * book leaves `live` as soon as its pub/sub connection is lost (closed by Redis, or frozen: open but
 * silent), and comes back live from the Redis snapshot once the bus has reconnected — without the
 * ingest publishing anything in between. Skipped when `redis-server` is not installed.
 */
import { assert, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { OrderBookView } from "../../src/book/OrderBookView.js"
import * as BookBus from "../../src/cluster/BookBus.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import { freezingProxy, handIngest, levelsOf } from "./busHarness.js"
import { describeWithRedis } from "./redisSuite.js"

const market = {
  venue: "binance",
  symbol: "BTCUSDT",
  unified: "BTC/USDT",
  tickSize: Decimal.unsafe("0.1"),
  lotStep: Decimal.unsafe("0.001")
} as Market

const bookOn = (bus: BookBus.BookBus) =>
  LiveOrderBook.make({
    market,
    updates: bus.updates("binance", "BTCUSDT"),
    snapshot: () => bus.snapshot("binance", "BTCUSDT"),
    sync: BookBus.busSync,
    depth: 10,
    retry: { initialDelay: Duration.millis(20), maxDelay: Duration.millis(200) }
  })

const liveView = (book: LiveOrderBook.LiveOrderBook<unknown>, when: (v: OrderBookView) => boolean = () => true) =>
  book.views.pipe(
    Stream.filter((v) => v.state === "live" && when(v)),
    Stream.runHead,
    Effect.flatMap((o) => o._tag === "Some" ? Effect.succeed(o.value) : Effect.fail(new Error("the book ended"))),
    Effect.timeoutFail({ duration: Duration.seconds(20), onTimeout: () => new Error("no live view in 20 s") })
  )

/** The views from now until the book is live again after having left `live`. */
const outageViews = (book: LiveOrderBook.LiveOrderBook<unknown>) => {
  let left = false
  return book.views.pipe(
    Stream.drop(1), // the current (live) view
    Stream.takeUntil((v) => {
      if (v.state !== "live") left = true
      return left && v.state === "live"
    }),
    Stream.runCollect,
    Effect.map((views) => [...views])
  )
}

describeWithRedis("market-data bus: its connection to Redis", (redisServer) => {
  it.live(
    "Redis closes the pub/sub connection: the book leaves live at once and resyncs from the snapshot when the bus is back, with no new message",
    () =>
      Effect.gen(function*() {
        const namespace = `closed-${Date.now()}`
        const ingest = yield* handIngest(redisServer().url, namespace, "binance", "BTCUSDT")
        yield* ingest.publish({ k: "s", s: 1, b: [["100.5", "2"], ["100", "1"]], a: [["101", "3"]] })
        // silence far away: only the lost connection can interrupt the book here
        const bus = yield* BookBus.make({ url: redisServer().url, namespace, silence: Duration.seconds(60) })
        const book = yield* bookOn(bus)
        yield* liveView(book)
        // a change the book will only learn from the snapshot (published where nobody listens)
        yield* ingest.publish({ k: "d", s: 2, p: 1, b: [["99", "4"]], a: [] }, `${namespace}:elsewhere`)
        const outage = yield* Effect.forkScoped(outageViews(book))
        yield* Effect.sleep(Duration.millis(50))
        const killed = yield* ingest.redis.command(["CLIENT", "KILL", "TYPE", "pubsub"])
        assert.isAtLeast(killed as number, 1)
        const views = yield* Fiber.join(outage).pipe(
          Effect.timeoutFail({ duration: Duration.seconds(10), onTimeout: () => new Error("not live again in 10 s") })
        )
        assert.strictEqual(views[0]!.state, "stale", "the first view after the loss leaves live")
        assert.include(views[0]!.reason ?? "", "lost the pub/sub connection")
        const back = views[views.length - 1]!
        assert.strictEqual(levelsOf(back), "b 100.5x2 100x1 99x4 | a 101x3")
        // and the bus delivers again
        yield* ingest.publish({ k: "d", s: 3, p: 2, b: [], a: [["102", "1"]] })
        const after = yield* liveView(book, (v) => v.askCount === 2)
        assert.strictEqual(levelsOf(after), "b 100.5x2 100x1 99x4 | a 101x3 102x1")
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live(
    "a frozen connection (open, nothing passes): the silence interrupts the book, a PING unanswered drops the connection, and the book resyncs through a new one",
    () =>
      Effect.gen(function*() {
        const namespace = `frozen-${Date.now()}`
        const ingest = yield* handIngest(redisServer().url, namespace, "binance", "BTCUSDT")
        yield* ingest.publish({ k: "s", s: 1, b: [["100.5", "2"]], a: [["101", "3"]] })
        // the ingest keeps beating, straight to Redis
        yield* Effect.forkScoped(Effect.forever(Effect.zipRight(ingest.heartbeat, Effect.sleep(Duration.millis(100)))))
        const proxy = yield* freezingProxy(redisServer().url)
        const bus = yield* BookBus.make({
          url: proxy.url,
          namespace,
          silence: Duration.millis(600),
          commandTimeout: Duration.millis(300)
        })
        const book = yield* bookOn(bus)
        yield* liveView(book)
        const before = proxy.accepted()
        const outage = yield* Effect.forkScoped(outageViews(book))
        yield* ingest.publish({ k: "d", s: 2, p: 1, b: [["99", "4"]], a: [] })
        yield* Effect.sleep(Duration.millis(200))
        proxy.freeze()
        yield* ingest.publish({ k: "d", s: 3, p: 2, b: [], a: [["102", "1"]] })
        const views = yield* Fiber.join(outage).pipe(
          Effect.timeoutFail({ duration: Duration.seconds(15), onTimeout: () => new Error("not live again in 15 s") })
        )
        const firstOut = views.find((v) => v.state !== "live")!
        assert.strictEqual(firstOut.state, "stale")
        const back = views[views.length - 1]!
        assert.strictEqual(levelsOf(back), "b 100.5x2 99x4 | a 101x3 102x1")
        assert.isAbove(proxy.accepted(), before, "the bus connected again")
        yield* ingest.publish({ k: "d", s: 4, p: 3, b: [["100.5", "0"]], a: [] })
        const after = yield* liveView(book, (v) => v.bidCount === 1)
        assert.strictEqual(levelsOf(after), "b 99x4 | a 101x3 102x1")
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )
})
