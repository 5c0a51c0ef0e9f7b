import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { program } from "../../examples/live-book.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Binance from "../../src/venues/binance/Binance.js"
import * as Loopback from "../support/Loopback.js"
import { recordingConsole } from "../support/RecordingConsole.js"

describe("examples/live-book.ts", () => {
  it.live("prints the book's state, then best bid and ask and the top-5 sizes of 8 live views", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 20, max: 40 } } })
      const lines: Array<string> = []
      yield* program("BTC/USDT", 8).pipe(
        Effect.withConsole(recordingConsole(lines)),
        Effect.provide(
          Binance.layer({ environment: "sandbox", restUrl: sandbox.urls.binance.rest, wsUrl: sandbox.urls.binance.ws })
            .pipe(Layer.provide(Loopback.PlatformLive))
        )
      )
      assert.strictEqual(lines[0], "syncing")
      const live = lines.filter((l) => l.startsWith("#"))
      assert.strictEqual(live.length, 8)
      let previous = 0
      for (const line of live) {
        const m =
          /^#(\d+) (\d+(?:\.\d+)?) @ (\d+(?:\.\d+)?) \| (\d+(?:\.\d+)?) @ (\d+(?:\.\d+)?)  top 5: (\d+(?:\.\d+)?) bid \/ (\d+(?:\.\d+)?) ask$/
            .exec(line)
        assert.isNotNull(m, line)
        const [, sequence, bidSize, bid, ask, askSize, top5Bid, top5Ask] = m!.map(Number)
        assert.isAbove(sequence!, previous)
        previous = sequence!
        assert.isBelow(bid!, ask!)
        assert.isAtLeast(top5Bid!, bidSize!)
        assert.isAtLeast(top5Ask!, askSize!)
      }
    }).pipe(Effect.scoped))
})
