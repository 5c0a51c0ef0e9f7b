/**
 * The real recorded Bybit `orderbook.500.XRPUSDT` stream (1 snapshot + 49 deltas, see
 * test/fixtures/recorded/README.md) through the Bybit decoder and LiveOrderBook with the Bybit rule.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { readFileSync } from "node:fs"
import { TextBookUpdate } from "../../src/book/BookText.js"
import { isBookDecodeFailure } from "../../src/book/BookWire.js"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import type { BookUpdate } from "../../src/model/OrderBook.js"
import { bybitBookSync } from "../../src/venues/bybit/bookSync.js"
import { orderBook } from "../../src/venues/bybit/depthCodec.js"
import * as Streams from "../../src/venues/bybit/stream.js"

const lines = readFileSync(new URL("../fixtures/recorded/bybit/2024-12-01_XRPUSDT_ob500.data", import.meta.url), "utf8")
  .split(/\r?\n/).filter((l) => l.trim() !== "") // the recording has CRLF line ends; a frame has none
const protocol = Streams.protocol({ baseUrl: "wss://stream.bybit.com", ...Streams.defaultStreamTimings }, "linear")
/** Each recorded frame through the real stream path: the protocol's `routeText`, then `orderBook.decodePayload`. */
const updates: Array<BookUpdate> = lines.map((l, i) => {
  const routed = protocol.routeText!(l)
  if (routed === undefined) throw new Error(`a recorded frame was not routed from its text: ${l.slice(0, 80)}`)
  const r = orderBook.decodePayload(routed.payload, 1_733_011_200_000 + i)
  if (isBookDecodeFailure(r)) throw new Error(r.message)
  if (!(r instanceof TextBookUpdate)) throw new Error(`a recorded frame was not read from its text: ${l.slice(0, 80)}`)
  return r
})
/** The same frames through `JSON.parse` and the reference decoder. */
const parsedUpdates: Array<BookUpdate> = lines.map((l, i) => {
  const r = orderBook.decode(JSON.parse(l), 1_733_011_200_000 + i)
  if (isBookDecodeFailure(r)) throw new Error(r.message)
  return r
})

const market: Market = {
  venue: "bybit",
  symbol: "XRPUSDT",
  unified: "XRP/USDT:USDT",
  base: "XRP",
  quote: "USDT",
  settle: "USDT",
  type: "perp",
  status: "trading",
  tickSize: Decimal.unsafe("0.0001"),
  lotStep: Decimal.unsafe("1"),
  minQuantity: Decimal.unsafe("1"),
  contractSize: Decimal.unsafe("1")
}

/** Snapshot + deltas applied to a Map per side (the documented semantics, written out independently). */
const reference = () => {
  const bids = new Map<string, BigDecimal.BigDecimal>()
  const asks = new Map<string, BigDecimal.BigDecimal>()
  for (const u of updates) {
    if (u.kind === "snapshot") {
      bids.clear()
      asks.clear()
    }
    for (const [side, levels] of [[bids, u.bids], [asks, u.asks]] as const) {
      for (const [p, q] of levels) {
        const price = Decimal.format(Decimal.unsafe(p))
        const size = Decimal.unsafe(q)
        if (BigDecimal.isZero(size)) side.delete(price)
        else side.set(price, size)
      }
    }
  }
  const sort = (m: Map<string, BigDecimal.BigDecimal>, desc: boolean) =>
    [...m.entries()].sort(([a], [b]) => {
      const c = BigDecimal.Order(Decimal.unsafe(a), Decimal.unsafe(b))
      return desc ? -c : c
    })
  return { bids: sort(bids, true), asks: sort(asks, false) }
}

describe("Bybit recorded orderbook.500 through LiveOrderBook", () => {
  it("decodes one snapshot then 49 deltas with consecutive u", () => {
    assert.strictEqual(updates.length, 50)
    assert.strictEqual(updates[0]!.kind, "snapshot")
    assert.isTrue(updates.slice(1).every((u) => u.kind === "delta"))
    for (let i = 1; i < updates.length; i++) {
      assert.strictEqual(updates[i]!.lastUpdateId, updates[i - 1]!.lastUpdateId + 1)
      assert.strictEqual(bybitBookSync.next(updates[i - 1]!.lastUpdateId, updates[i]!), "apply")
    }
  })

  it("every frame reads from its text to the same update as JSON.parse and the reference decoder", () => {
    assert.deepStrictEqual(
      updates.map((u) => JSON.parse(JSON.stringify(u))),
      parsedUpdates.map((u) => JSON.parse(JSON.stringify(u)))
    )
  })

  it.effect("the stream snapshot replaces the book, every delta is applied, the result equals the reference", () =>
    Effect.gen(function*() {
      const last = updates[updates.length - 1]!
      const views = yield* LiveOrderBook.stream({
        market,
        updates: Stream.concat(Stream.fromIterable(updates), Stream.never),
        snapshot: () => Effect.never,
        sync: bybitBookSync,
        depth: 1000
      }).pipe(
        Stream.takeUntil((v) => v.state === "live" && v.sequence === last.lastUpdateId),
        Stream.runCollect,
        Effect.timeout("10 seconds")
      )
      const all = Chunk.toReadonlyArray(views)
      const live = all.filter((v) => v.state === "live")
      assert.deepStrictEqual(live.map((v) => v.sequence), updates.map((u) => u.lastUpdateId))
      const final = all[all.length - 1]!
      const ref = reference()
      assert.deepStrictEqual(
        final.bids.map(([p, q]) => [Decimal.format(p), Decimal.format(q)]),
        ref.bids.map(([p, q]) => [p, Decimal.format(q)])
      )
      assert.deepStrictEqual(
        final.asks.map(([p, q]) => [Decimal.format(p), Decimal.format(q)]),
        ref.asks.map(([p, q]) => [p, Decimal.format(q)])
      )
    }))

  it.effect("a missing delta makes the book stale; the next snapshot makes it live again", () =>
    Effect.gen(function*() {
      const withGap = [...updates.slice(0, 10), ...updates.slice(11, 20), {
        ...updates[0]!,
        lastUpdateId: 1,
        kind: "snapshot" as const
      }]
      const views = yield* LiveOrderBook.stream({
        market,
        updates: Stream.concat(Stream.fromIterable(withGap), Stream.never),
        snapshot: () => Effect.never,
        sync: bybitBookSync,
        depth: 10
      }).pipe(
        Stream.takeUntil((v) => v.state === "live" && v.sequence === 1),
        Stream.runCollect,
        Effect.timeout("10 seconds")
      )
      const states = Chunk.toReadonlyArray(views).map((v) => v.state)
      assert.include(states, "stale")
      assert.strictEqual(states[states.length - 1], "live")
    }))
})
