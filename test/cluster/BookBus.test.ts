/**
 * The market-data bus (issue 17) against a real redis-server (started per file on a free port,
 * persistence off) and the sandbox: bus-fed books equal the ingest's, a gap makes them resync from
 * the Redis snapshot, and a killed `lotusx ingest` is taken over by a standby (new epoch) while the
 * subscribers resync. Skipped when `redis-server` is not installed.
 */
import { assert, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { OrderBookView } from "../../src/book/OrderBookView.js"
import * as PushFeed from "../../src/book/PushFeed.js"
import * as BookBus from "../../src/cluster/BookBus.js"
import * as BookIngest from "../../src/cluster/BookIngest.js"
import * as Wire from "../../src/cluster/BusWire.js"
import { Exchange } from "../../src/Exchange.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Binance from "../../src/venues/binance/Binance.js"
import * as Loopback from "../support/Loopback.js"
import { handIngest, levelsOf, sandboxProxy, spawnIngest, waitFor } from "./busHarness.js"
import { describeWithRedis } from "./redisSuite.js"

const liveView = (book: LiveOrderBook.LiveOrderBook<unknown>, when: (v: OrderBookView) => boolean = () => true) =>
  book.views.pipe(
    Stream.filter((v) => v.state === "live" && when(v)),
    Stream.runHead,
    Effect.flatMap((o) => o._tag === "Some" ? Effect.succeed(o.value) : Effect.fail(new Error("the book ended"))),
    Effect.timeoutFail({ duration: Duration.seconds(20), onTimeout: () => new Error("no live view in 20 s") })
  )

/** A Binance `Exchange` on the sandbox, for the current scope. */
const binance = (restUrl: string, wsUrl: string) =>
  Effect.map(
    Layer.build(
      Binance.layer({ environment: "sandbox", restUrl, wsUrl }).pipe(Layer.provide(Loopback.PlatformLive))
    ),
    (context) => Context.get(context, Exchange)
  )

/** Waits until both books are live and show the same levels (the market is paused by then). */
const sameBook = (a: LiveOrderBook.LiveOrderBook<unknown>, b: LiveOrderBook.LiveOrderBook<unknown>) =>
  Effect.gen(function*() {
    for (let i = 0; i < 100; i++) {
      const [x, y] = [yield* a.current, yield* b.current]
      if (x.state === "live" && y.state === "live" && levelsOf(x) === levelsOf(y)) return [x, y] as const
      yield* Effect.sleep(Duration.millis(100))
    }
    const [x, y] = [yield* a.current, yield* b.current]
    assert.strictEqual(levelsOf(x), levelsOf(y), `${x.state}/${y.state}`)
    return [x, y] as const
  })

describeWithRedis(`market-data bus on Redis`, (redisServer) => {
  it.live("a bus-fed book equals the ingest's, and stays equal while the market moves", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ venues: ["binance"], market: { intervalMs: { min: 10, max: 20 } } })
      const exchange = yield* binance(sandbox.urls.binance.rest, sandbox.urls.binance.ws)
      const namespace = `equal-${Date.now()}`
      const markets = yield* Effect.forEach(["BTCUSDT", "ETHUSDT"], (s) => exchange.market(s))
      let ingestBooks: ReadonlyArray<LiveOrderBook.LiveOrderBook<unknown>> = []
      yield* Effect.forkScoped(BookIngest.run({
        redis: redisServer().url,
        namespace,
        venue: "binance",
        symbols: markets.map((m) => m.symbol),
        depth: 5000,
        feeds: Effect.succeed(markets.map((market: Market) => ({
          market,
          updates: exchange.watchBookUpdates(market.symbol),
          snapshot: (depth: number) => exchange.orderBook(market.symbol, depth),
          sync: exchange.bookSync!
        }))),
        onBooks: (books) =>
          Effect.sync(() => {
            ingestBooks = books
          })
      }))
      const bus = yield* BookBus.make({ url: redisServer().url, namespace })
      const busExchange = BookBus.exchange(exchange, bus)
      // the books are handed each message synchronously, from the one decode of the process
      assert.isDefined(PushFeed.get(busExchange.watchBookUpdates("BTC/USDT")))
      assert.isDefined(PushFeed.get(bus.updates("binance", "BTCUSDT")))
      const subscriber = yield* LiveOrderBook.fromExchange(busExchange, "BTC/USDT", { depth: 5000 })
      const second = yield* LiveOrderBook.fromExchange(busExchange, "BTCUSDT", { depth: 5000 })
      const eth = yield* LiveOrderBook.fromExchange(busExchange, "ETHUSDT", { depth: 5000 })
      yield* liveView(subscriber)
      yield* liveView(eth)
      // the market keeps moving for a while: views arrive through the bus
      const seen = yield* subscriber.views.pipe(
        Stream.filter((v) => v.state === "live"),
        Stream.take(30),
        Stream.runCollect,
        Effect.timeout(Duration.seconds(20))
      )
      assert.strictEqual(seen.length, 30)
      yield* sandbox.market.pause
      assert.strictEqual(ingestBooks.length, 2)
      const [mine, theirs] = yield* sameBook(ingestBooks[0]!, subscriber)
      assert.isAbove(mine.bidCount + mine.askCount, 10)
      assert.strictEqual(theirs.symbol, "BTC/USDT")
      yield* sameBook(subscriber, second)
      yield* sameBook(ingestBooks[1]!, eth)
      // orderBook in bus mode: the ingest's snapshot, best first, exact
      const top = yield* busExchange.orderBook("BTC/USDT", 3)
      assert.strictEqual(top.bids.length, 3)
      assert.deepStrictEqual(
        top.bids.map(([p, q]) => [p, q].map(String)),
        mine.bids.slice(0, 3).map(([p, q]) => [p, q].map(String))
      )
    }).pipe(Effect.scoped), { timeout: 90_000 })

  it.live(
    "a gap in the bus's numbering: the book goes stale, resyncs from the Redis snapshot, and has the missed change",
    () =>
      Effect.gen(function*() {
        const namespace = `gap-${Date.now()}`
        const { publish } = yield* handIngest(redisServer().url, namespace, "binance", "BTCUSDT")
        yield* publish({ k: "s", s: 1, b: [["100.5", "2"], ["100", "1"]], a: [["101", "3"]] })

        const market = {
          venue: "binance",
          symbol: "BTCUSDT",
          unified: "BTC/USDT",
          tickSize: Decimal.unsafe("0.1"),
          lotStep: Decimal.unsafe("0.001")
        } as Market
        const bus = yield* BookBus.make({ url: redisServer().url, namespace, silence: Duration.seconds(30) })
        const book = yield* LiveOrderBook.make({
          market,
          updates: bus.updates("binance", "BTCUSDT"),
          snapshot: () => bus.snapshot("binance", "BTCUSDT"),
          sync: BookBus.busSync,
          depth: 10,
          retry: { initialDelay: Duration.millis(20), maxDelay: Duration.millis(200) }
        })
        const first = yield* liveView(book)
        assert.strictEqual(levelsOf(first), "b 100.5x2 100x1 | a 101x3")
        const states = yield* Effect.forkScoped(
          book.views.pipe(Stream.map((v) => v.state), Stream.take(5), Stream.runCollect)
        )
        yield* Effect.sleep(Duration.millis(50))
        yield* publish({ k: "d", s: 2, p: 1, b: [["100.5", "0"]], a: [] })
        yield* publish({ k: "d", s: 3, p: 2, b: [["99", "4"]], a: [] }, `${namespace}:elsewhere`)
        yield* publish({ k: "d", s: 4, p: 3, b: [], a: [["102", "1"]] })
        const after = yield* liveView(book, (v) => v.askCount === 2)
        assert.strictEqual(levelsOf(after), "b 100x1 99x4 | a 101x3 102x1")
        const seen = [...(yield* Fiber.join(states))]
        assert.deepStrictEqual(seen.slice(0, 4), ["live", "live", "stale", "resyncing"])
        assert.isAtLeast(yield* bus.interruptions, 1)
        // and the book goes on from there
        yield* publish({ k: "d", s: 5, p: 4, b: [["100", "0"]], a: [] })
        const last = yield* liveView(book, (v) => v.bidCount === 1)
        assert.strictEqual(levelsOf(last), "b 99x4 | a 101x3 102x1")
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live(
    "killed ingest: the standby takes the lease, a new epoch starts, subscribers resync to its book; one venue websocket at a time",
    () =>
      Effect.gen(function*() {
        const proxy = yield* sandboxProxy({ intervalMs: { min: 20, max: 40 } })
        const namespace = `takeover-${Date.now()}`
        const first = spawnIngest({ proxy, redisUrl: redisServer().url, namespace, symbols: "BTCUSDT,ETHUSDT" })
        yield* Effect.addFinalizer(() => Effect.sync(() => first.kill()))
        yield* Effect.promise(() => first.waitFor((s) => s.status === "leading"))
        const second = spawnIngest({ proxy, redisUrl: redisServer().url, namespace, symbols: "BTCUSDT,ETHUSDT" })
        yield* Effect.addFinalizer(() => Effect.sync(() => second.kill()))
        yield* Effect.promise(() => second.waitFor((s) => s.status === "standby"))

        const exchange = yield* binance(proxy.rest, proxy.ws)
        const bus = yield* BookBus.make({ url: redisServer().url, namespace })
        const busExchange = BookBus.exchange(exchange, bus)
        const book = yield* LiveOrderBook.fromExchange(busExchange, "BTCUSDT", { depth: 5000 })
        const before = yield* liveView(book)
        const [epochBefore] = Wire.split(before.sequence!)
        assert.strictEqual(proxy.open(), 1, "one venue websocket (the holder's)")

        const states = yield* Effect.forkScoped(
          book.views.pipe(
            Stream.takeUntil((v) => v.state === "live" && Wire.split(v.sequence!)[0] > epochBefore),
            Stream.runCollect
          )
        )
        first.kill("SIGKILL")
        const took = yield* Effect.promise(() => second.waitFor((s) => s.status === "leading"))
        assert.isAbove(took.epoch as number, epochBefore)
        const views = [...(yield* Fiber.join(states).pipe(Effect.timeout(Duration.seconds(20))))]
        const last = views[views.length - 1]!
        assert.strictEqual(last.state, "live")
        assert.strictEqual(Wire.split(last.sequence!)[0], took.epoch)
        assert.include(views.map((v) => v.state), "stale", "the book said it was not live in between")
        // the new holder's feed is the only venue websocket
        yield* Effect.promise(() => waitFor(() => proxy.open() === 1, 5000))
        assert.strictEqual(proxy.open(), 1)
        // equal to the new ingest's book: its snapshot in Redis once the market stops
        yield* proxy.pause
        yield* Effect.sleep(Duration.millis(600))
        const snapshot = yield* bus.snapshot("binance", "BTCUSDT")
        const now = yield* book.current
        assert.strictEqual(now.sequence, snapshot.sequence)
        assert.strictEqual(
          levelsOf(now),
          levelsOf({
            bids: snapshot.bids,
            asks: snapshot.asks
          })
        )
      }).pipe(Effect.scoped),
    { timeout: 120_000 }
  )
})
