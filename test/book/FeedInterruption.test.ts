/**
 * A silent feed is detected on every venue (issue 11, defect 8). With the sandbox's `wsSilence`
 * fault a Binance book used to leave `live` only because the reconnect left a sequence gap; a Bybit
 * book never did, because the first message after the reconnect is a full snapshot that silently
 * replaced the frozen book. Now the session announces every lost connection to its subscribers
 * (`WsSession.Interrupted`), the book channel turns it into an interrupted `BookUpdate`, and the
 * book goes `stale` at once — within the watchdog plus its check interval — then `live` again.
 *
 * The book channel here is wired the way a connector's `watchBookUpdates` wires it: the venue's
 * stream protocol and depth decoder, with `onInterrupted: interruptedBookUpdate(symbol)`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { type BookDecodeFailure, isBookDecodeFailure } from "../../src/book/BookWire.js"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { Exchange } from "../../src/Exchange.js"
import * as WsSession from "../../src/kernel/WsSession.js"
import type { Market } from "../../src/model/Market.js"
import { type BookUpdate, interruptedBookUpdate } from "../../src/model/OrderBook.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as BinanceCodec from "../../src/venues/binance/depthCodec.js"
import * as BinanceStreams from "../../src/venues/binance/stream.js"
import * as BybitCodec from "../../src/venues/bybit/depthCodec.js"
import * as BybitStreams from "../../src/venues/bybit/stream.js"
import { binance } from "../e2e/binance.harness.js"
import { bybit } from "../e2e/bybit.harness.js"
import type { VenueHarness } from "../e2e/harness.js"
import * as Loopback from "../support/Loopback.js"

const WATCHDOG_MS = 1500

interface Venue {
  readonly harness: VenueHarness
  readonly wsUrl: (sandbox: Sandbox.Sandbox) => string
  readonly protocol: (baseUrl: string) => WsSession.WsProtocol
  readonly topic: (m: Market) => string
  readonly decode: (payload: unknown, receivedAt: number) => BookUpdate | BookDecodeFailure
}

const timings = { watchdog: `${WATCHDOG_MS} millis`, heartbeat: "1 second" } as const

const venues: ReadonlyArray<Venue> = [
  {
    harness: bybit,
    wsUrl: (s) => s.urls.bybit.ws,
    protocol: (baseUrl) => BybitStreams.protocol({ baseUrl, ...timings }, "spot"),
    topic: BybitStreams.depthTopic,
    decode: BybitCodec.decodeOrderBookPayload
  },
  {
    harness: binance,
    wsUrl: (s) => s.urls.binance.ws,
    protocol: (baseUrl) => BinanceStreams.protocol({ baseUrl, ...timings }),
    topic: BinanceStreams.depthTopic,
    decode: BinanceCodec.decodeDepthPayload
  }
]

const bookUpdates = (session: WsSession.WsSession, venue: Venue, market: Market) =>
  session.messages(venue.topic(market)).pipe(
    WsSession.decodeOrSkip(venue.harness.venue, (payload, receivedAt) => {
      const r = venue.decode(payload, receivedAt)
      return isBookDecodeFailure(r) ? WsSession.decodeFailure(r.message) : r
    }, { onInterrupted: interruptedBookUpdate(market.symbol) })
  )

describe("a silent feed takes every venue's book out of live within the watchdog + 1 s", () => {
  for (const venue of venues) {
    it.live(
      `${venue.harness.venue}: wsSilence → stale within ${WATCHDOG_MS} + 1000 ms, then live again`,
      () =>
        Effect.gen(function*() {
          const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
          const exchange: Exchange = yield* venue.harness.connect(sandbox)
          const market = yield* exchange.market(venue.harness.symbol)
          const session = yield* WsSession.make(venue.protocol(venue.wsUrl(sandbox)))
          const book = yield* LiveOrderBook.make({
            market,
            updates: bookUpdates(session, venue, market),
            snapshot: (depth) => exchange.orderBook(market.unified, depth),
            sync: exchange.bookSync!,
            depth: 5
          })
          yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.take(1), Stream.runDrain)
          yield* Effect.sleep("300 millis")
          const start = yield* Clock.currentTimeMillis
          yield* sandbox.faults.add({ kind: "wsSilence", path: venue.harness.paths.marketStream, count: 1 })
          const seen = yield* book.views.pipe(
            Stream.mapEffect((v) => Effect.map(Clock.currentTimeMillis, (t) => ({ at: t - start, view: v }))),
            Stream.filter(({ view }) => view.state !== "live"),
            Stream.take(1),
            Stream.runHead,
            Effect.timeout("10 seconds")
          )
          assert.isTrue(seen._tag === "Some", "the book left live")
          if (seen._tag !== "Some") return
          assert.isAtMost(seen.value.at, WATCHDOG_MS + 1000, `left live after ${seen.value.at} ms`)
          assert.include(seen.value.view.reason ?? "", "interrupted")
          yield* book.views.pipe(
            Stream.filter((v) => v.state === "live"),
            Stream.take(1),
            Stream.runDrain,
            Effect.timeout("10 seconds")
          )
          assert.isAtLeast(yield* session.connections, 2, "a new connection was made")
        }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
      30_000
    )
  }
})
