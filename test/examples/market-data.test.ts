import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { program } from "../../examples/market-data.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import * as Binance from "../../src/venues/binance/Binance.js"
import * as Loopback from "../support/Loopback.js"
import { recordingConsole } from "../support/RecordingConsole.js"

describe("examples/market-data.ts", () => {
  it.live("prints markets, a ticker, the book and 10 streamed trades from a loopback exchange", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ market: { intervalMs: { min: 20, max: 40 } } })
      const lines: Array<string> = []
      yield* program("BTC/USDT", 10).pipe(
        Effect.withConsole(recordingConsole(lines)),
        Effect.provide(
          Binance.layer({ environment: "sandbox", restUrl: sandbox.urls.binance.rest, wsUrl: sandbox.urls.binance.ws })
            .pipe(Layer.provide(Loopback.PlatformLive))
        )
      )
      assert.match(lines[0]!, /^binance \(sandbox\): \d+ markets$/)
      assert.strictEqual(lines[1], "BTC/USDT: tick 0.01, lot 0.00001, min notional 5")
      assert.match(lines[2]!, /^last \d+(\.\d+)?  24h volume \d+(\.\d+)?$/)
      const asks = lines.filter((l) => l.startsWith("  ask "))
      const bids = lines.filter((l) => l.startsWith("  bid "))
      assert.strictEqual(asks.length, 5)
      assert.strictEqual(bids.length, 5)
      const trades = lines.filter((l) => l.startsWith("trade "))
      assert.strictEqual(trades.length, 10)
      for (const t of trades) assert.match(t, /^trade \d+: (buy|sell) \d+(\.\d+)? @ \d+(\.\d+)?$/)
    }).pipe(Effect.scoped))
})
