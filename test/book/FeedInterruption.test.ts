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
          assert.isAtLeast(r.connections, 2, "a new connection was made")
        }).pipe(Effect.provide(Loopback.PlatformLive)),
      30_000
    )
  }
})
