/**
 * A silent feed is detected on every venue (issue 11, defect 8). With the sandbox's `wsSilence`
 * fault a Binance book used to leave `live` only because the reconnect left a sequence gap; a Bybit
 * book never did, because the first message after the reconnect is a full snapshot that silently
 * replaced the frozen book. Now the session announces every lost connection to its subscribers
 * (`WsSession.Interrupted`), the book channel turns it into an interrupted `BookUpdate`
 * (`interruptedBookUpdate`), and the book goes `stale` at once — within the watchdog plus its check
 * interval — then `live` again.
 *
 * The book channel is wired from each venue adapter's own `streams` (connections, book channel,
 * sync rule) the way the connector wires `watchBookUpdates`, plus `onInterrupted`
 * (`Reliability.silenceOn`).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Loopback from "../support/Loopback.js"
import * as Reliability from "../support/Reliability.js"

describe("a silent feed takes every venue's book out of live within the watchdog + 1 s", () => {
  for (const [harness, adapter] of Reliability.silenceVenues) {
    const limit = Reliability.silenceWatchdogMs + 1000
    it.live(
      `${harness.venue} ${harness.symbol}: wsSilence → stale within ${limit} ms, then live again`,
      () =>
        Effect.gen(function*() {
          const r = yield* Reliability.silenceOn(harness, adapter)
          assert.isAtMost(r.staleAfterMs, limit, `the book left live after ${r.staleAfterMs} ms`)
          assert.isBelow(r.liveAgainAfterMs, Infinity, "the book came back live")
        }).pipe(Effect.provide(Loopback.PlatformLive)),
      30_000
    )
  }
})

describe("the same through the connector (LiveOrderBook.fromExchange, watchBookUpdates)", () => {
  for (const [harness] of Reliability.silenceVenues) {
    const limit = Reliability.silenceWatchdogMs + 1000
    it.live(
      `${harness.venue} ${harness.symbol}: wsSilence → stale within ${limit} ms, then live again`,
      () =>
        Effect.gen(function*() {
          const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
          const exchange = yield* harness.connect(sandbox, { watchdogMs: Reliability.silenceWatchdogMs })
          const book = yield* LiveOrderBook.fromExchange(exchange, harness.symbol, { depth: 5 })
          yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead)
          yield* Effect.sleep("300 millis")
          const start = Date.now()
          yield* sandbox.faults.add({ kind: "wsSilence", path: harness.paths.marketStream, count: 1 })
          yield* book.views.pipe(
            Stream.filter((v) => v.state === "stale" && (v.reason ?? "").includes("interrupted")),
            Stream.runHead,
            Effect.timeout("10 seconds")
          )
          const staleAfter = Date.now() - start
          assert.isAtMost(staleAfter, limit, `the book left live after ${staleAfter} ms`)
          yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead, Effect.timeout("10 seconds"))
        }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
      30_000
    )
  }
})
