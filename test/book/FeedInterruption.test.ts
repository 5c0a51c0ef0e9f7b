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
 * sync rule) the way the connector wires `watchBookUpdates`, with the session's connection markers
 * (`Reliability.silenceOn`).
 *
 * And while the feed is down the book waits: the snapshot it rebuilds from is fetched only once the
 * session says the feed is back (`WsSession.Resumed`), so a book whose websocket cannot reconnect
 * while the venue's REST answers stays `resyncing` instead of going `live` on a snapshot that nothing
 * updates (the sandbox's `wsRefuse` fault).
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

describe("a book never says live while its feed is down (the venue's websocket refused, its REST up)", () => {
  for (const [harness] of Reliability.silenceVenues) {
    it.live(
      `${harness.venue} ${harness.symbol}: wsClose, then 3 refused reconnects → no live view until the stream is back`,
      () =>
        Effect.gen(function*() {
          const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })
          const exchange = yield* harness.connect(sandbox, { watchdogMs: Reliability.silenceWatchdogMs })
          const book = yield* LiveOrderBook.fromExchange(exchange, harness.symbol, { depth: 5 })
          yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead)
          // Every view from here on, with how many refusals were still to come when it was seen.
          const refuse = yield* sandbox.faults.add({ kind: "wsRefuse", path: harness.paths.marketStream, count: 3 })
          const pending = Effect.map(
            sandbox.faults.list,
            (all) => all.find((f) => f.id === refuse)?.remaining ?? 0
          )
          const seen: Array<{ state: string; refusalsLeft: number }> = []
          yield* book.views.pipe(
            Stream.drop(1),
            Stream.mapEffect((v) => Effect.map(pending, (left) => ({ state: v.state, refusalsLeft: left }))),
            Stream.runForEach((s) => Effect.sync(() => seen.push(s))),
            Effect.forkScoped
          )
          yield* Effect.sleep("100 millis")
          yield* sandbox.faults.add({ kind: "wsClose", path: harness.paths.marketStream, count: 1 })
          yield* book.views.pipe(
            Stream.filter((v) => v.state === "stale"),
            Stream.runHead,
            Effect.timeout("10 seconds")
          )
          yield* book.views.pipe(Stream.filter((v) => v.state === "live"), Stream.runHead, Effect.timeout("20 seconds"))
          yield* Effect.sleep("50 millis")
          const firstLive = seen.findIndex((s, i) =>
            s.state === "live" && seen.slice(0, i).some((x) => x.state === "stale")
          )
          assert.isAtLeast(firstLive, 0, seen.map((s) => s.state).join(" → "))
          assert.strictEqual(
            seen[firstLive]!.refusalsLeft,
            0,
            `live again before every refused reconnect had happened: ${JSON.stringify(seen)}`
          )
        }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
      40_000
    )
  }
})
