/**
 * The recorded Hyperliquid `l2Book` snapshots (test/fixtures/recorded/hyperliquid: the official
 * Python SDK's cassette for DYDX, nautilus_trader's BTC sample) as websocket frames through the
 * connector's stream route, decoder and LiveOrderBook with the full-snapshot rule.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { readFileSync } from "node:fs"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { BookUpdate } from "../../src/model/OrderBook.js"
import { hyperliquidBookSync } from "../../src/venues/hyperliquid/bookSync.js"
import * as Convert from "../../src/venues/hyperliquid/convert.js"
import * as Streams from "../../src/venues/hyperliquid/stream.js"

const cassette = readFileSync(
  new URL("../fixtures/recorded/hyperliquid/test_get_l2_snapshot.yaml", import.meta.url),
  "utf8"
)
const dydx = [...cassette.matchAll(/string: '(\{"coin".*\})'/g)].map((m) => JSON.parse(m[1]!))[0]
const btc = JSON.parse(
  readFileSync(new URL("../fixtures/recorded/hyperliquid/http_l2_book_btc.json", import.meta.url), "utf8")
)

const asFrame = (data: unknown) => ({ channel: "l2Book", data })
const decode = (frame: unknown, receivedAt: number): BookUpdate => {
  const routed = Streams.route(frame)
  if (routed === undefined) throw new Error("a recorded l2Book frame was not routed")
  const r = Streams.decodeBook(routed.payload, receivedAt)
  if ("_tag" in r && r._tag === "DecodeFailure") throw new Error(r.reason)
  return r as BookUpdate
}
const market = Convert.perpMarket({ name: "DYDX", szDecimals: 1 }, 4)
const levels = (side: ReadonlyArray<{ px: string; sz: string }>) =>
  side.map((l) => [Decimal.format(Decimal.unsafe(l.px)), Decimal.format(Decimal.unsafe(l.sz))])

describe("Hyperliquid recorded l2Book through LiveOrderBook", () => {
  it("routes to the l2Book topic of its coin and decodes to a full snapshot", () => {
    assert.strictEqual(Streams.route(asFrame(dydx))?.topic, Streams.l2BookTopic(market))
    const u = decode(asFrame(dydx), 1)
    assert.strictEqual(u.kind, "snapshot")
    assert.strictEqual(u.lastUpdateId, 1689630203930)
    assert.strictEqual(u.bids.length, 20)
    const b = decode(asFrame(btc), 2)
    assert.strictEqual(b.venueSymbol, "BTC")
    assert.deepStrictEqual(b.asks[0], ["110428", "3.72573"])
  })

  it.effect("each snapshot replaces the book; an older one is skipped; the view equals the recording", () =>
    Effect.gen(function*() {
      const first = decode(asFrame(dydx), 1)
      // the same book a block later with the best bid gone, then a stale copy of the first
      const later = { ...first, lastUpdateId: first.lastUpdateId + 500, bids: first.bids.slice(1) }
      const stale = { ...first, lastUpdateId: first.lastUpdateId - 1 }
      assert.strictEqual(hyperliquidBookSync.next(later.lastUpdateId, stale), "skip")
      const views = yield* LiveOrderBook.stream({
        market,
        updates: Stream.concat(Stream.fromIterable([first, later, stale]), Stream.never),
        snapshot: () => Effect.never,
        sync: hyperliquidBookSync,
        depth: 20
      }).pipe(
        Stream.filter((v) => v.state === "live"),
        Stream.take(2),
        Stream.runCollect,
        Effect.timeout("5 seconds")
      )
      const [v1, v2] = Chunk.toReadonlyArray(views)
      const fmt = (side: ReadonlyArray<readonly [Decimal.Decimal, Decimal.Decimal]>) =>
        side.map(([p, q]) => [Decimal.format(p), Decimal.format(q)])
      assert.deepStrictEqual(fmt(v1!.bids), levels(dydx.levels[0]))
      assert.deepStrictEqual(fmt(v1!.asks), levels(dydx.levels[1]))
      assert.deepStrictEqual(fmt(v2!.bids), levels(dydx.levels[0].slice(1)))
      assert.strictEqual(v2!.sequence, later.lastUpdateId)
    }))
})
