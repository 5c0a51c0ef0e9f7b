/**
 * A silent feed is detected on every venue (issue 11, defect 8). With the sandbox's `wsSilence`
 * fault a Binance book used to leave `live` only because the reconnect left a sequence gap; a Bybit
 * book never did, because the first message after the reconnect is a full snapshot that silently
 * replaced the frozen book. Now the session announces every lost connection to its subscribers
 * (`WsSession.Interrupted`), the book channel turns it into an interrupted `BookUpdate`
 * (`interruptedBookUpdate`), and the book goes `stale` at once — within the watchdog plus its check
 * interval — then `live` again.
 *
 * The book channel is wired here from each venue adapter's own `streams` (connections, book
 * channel, sync rule) the way the connector wires `watchBookUpdates`, plus `onInterrupted`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { MarketDataError } from "../../src/Exchange.js"
import type { VenueAdapter } from "../../src/kernel/VenueAdapter.js"
import * as WsSession from "../../src/kernel/WsSession.js"
import { type BookUpdate, interruptedBookUpdate } from "../../src/model/OrderBook.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Binance from "../../src/venues/binance/Binance.js"
import * as BinanceUsdm from "../../src/venues/binance/BinanceUsdm.js"
import * as Bybit from "../../src/venues/bybit/Bybit.js"
import { binanceUsdm } from "../e2e/binance-usdm.harness.js"
import { binance } from "../e2e/binance.harness.js"
import { bybitLinear } from "../e2e/bybit-linear.harness.js"
import { bybit } from "../e2e/bybit.harness.js"
import type { VenueHarness } from "../e2e/harness.js"
import * as Loopback from "../support/Loopback.js"

const WATCHDOG_MS = 1500

const venues: ReadonlyArray<readonly [VenueHarness, VenueAdapter<any>]> = [
  [bybit, Bybit.adapter],
  [bybitLinear, Bybit.adapter],
  [binance, Binance.adapter],
  [binanceUsdm, BinanceUsdm.adapter]
]

describe("a silent feed takes every venue's book out of live within the watchdog + 1 s", () => {
  for (const [harness, adapter] of venues) {
    it.live(
      `${harness.venue} ${harness.symbol}: wsSilence → stale within ${WATCHDOG_MS} + 1000 ms, then live`,
      () =>
        Effect.gen(function*() {
          const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
          const exchange = yield* harness.connect(sandbox)
          const market = yield* exchange.market(harness.symbol)
          const ops = adapter.streams
          const protocols = ops.connections({
            baseUrl: sandbox.urls[harness.venue as "binance" | "binance-usdm" | "bybit"].ws,
            watchdog: `${WATCHDOG_MS} millis`,
            heartbeat: "1 second"
          })
          const session = yield* WsSession.make(protocols[ops.connectionOf(market)]!)
          const book = yield* LiveOrderBook.make<MarketDataError>({
            market,
            updates: session.messages(ops.book.topic(market)).pipe(
              WsSession.decodeOrSkip(harness.venue, ops.book.decode(market), {
                onInterrupted: interruptedBookUpdate(market.symbol)
              }),
              Stream.mapConcat((u): ReadonlyArray<BookUpdate> => Array.isArray(u) ? u : [u as BookUpdate])
            ),
            snapshot: (depth) => exchange.orderBook(market.unified, depth),
            sync: ops.bookSync,
            depth: 5
          })
          yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.take(1), Stream.runDrain)
          yield* Effect.sleep("300 millis")
          const start = yield* Clock.currentTimeMillis
          yield* sandbox.faults.add({ kind: "wsSilence", path: harness.paths.marketStream, count: 1 })
          const left = yield* book.views.pipe(
            Stream.filter((v) => v.state === "stale" && (v.reason ?? "").includes("interrupted")),
            Stream.runHead,
            Effect.timeout("10 seconds")
          )
          const after = (yield* Clock.currentTimeMillis) - start
          assert.isTrue(left._tag === "Some", "the book left live")
          assert.isAtMost(after, WATCHDOG_MS + 1000, `left live after ${after} ms`)
          yield* book.views.pipe(
            Stream.filter((v) => v.state === "live"),
            Stream.runHead,
            Effect.timeout("10 seconds")
          )
          // The book may be live again from the REST snapshot before the new connection is counted.
          const reconnected = yield* session.connections.pipe(
            Effect.repeat({ until: (n) => n >= 2, schedule: Schedule.spaced("50 millis") }),
            Effect.timeout("5 seconds"),
            Effect.option
          )
          assert.isTrue(Option.isSome(reconnected), "a new connection was made")
        }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
      30_000
    )
  }
})
