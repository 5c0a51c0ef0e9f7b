/**
 * The real recorded OKX `books` channel (test/fixtures/recorded/okx/OKX.ws.1.0, see the README
 * there): 290 messages over three instruments, each with OKX's crc32 `checksum`.
 *
 * 1. The checksum, computed by `okxBookSync`'s function over a plain Map-per-side book (the
 *    documented semantics written out independently), reproduces every recorded checksum.
 * 2. Every message goes through the OKX decoder and `LiveOrderBook` with the OKX rule; the book
 *    checks each checksum (counted) and never goes stale; a corrupted checksum makes it stale.
 *
 * The capture predates `seqId`/`prevSeqId` (OKX added them later); the test numbers each
 * instrument's messages consecutively (snapshot `seqId` 1 / `prevSeqId` -1, then `prevSeqId` = the
 * previous `seqId`) so the sequence rule accepts them. Prices, sizes and checksums are OKX's.
 * UNI-USD-SWAP is replayed as a market whose contract is 10 units (sizes are multiplied by 10 into
 * the book and divided back for the checksum), to exercise the contract conversion.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { readFileSync } from "node:fs"
import { isBookDecodeFailure } from "../../src/book/BookWire.js"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { BookSync } from "../../src/model/BookSync.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import type { BookUpdate } from "../../src/model/OrderBook.js"
import { checksum, okxBookSync, okxChecksum } from "../../src/venues/okx/bookSync.js"
import { booksDecoder } from "../../src/venues/okx/depthCodec.js"

interface Frame {
  readonly arg: { readonly channel: string; readonly instId: string }
  readonly action: "snapshot" | "update"
  readonly data: ReadonlyArray<{
    readonly asks: ReadonlyArray<ReadonlyArray<string>>
    readonly bids: ReadonlyArray<ReadonlyArray<string>>
    readonly ts: string
    readonly checksum: number
    seqId?: number
    prevSeqId?: number
  }>
}

const frames: Array<Frame> = readFileSync(new URL("../fixtures/recorded/okx/OKX.ws.1.0", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.includes(" <-> ") && !l.includes(" <- "))
  .map((l) => JSON.parse(l.slice(l.indexOf(": ") + 2)))
  .filter((f): f is Frame => f.arg?.channel === "books" && f.action !== undefined)

const instruments = ["BTC-USDT", "BTC-USD-220527", "UNI-USD-SWAP"] as const
const byInstrument = (instId: string) => {
  const list = frames.filter((f) => f.arg.instId === instId)
  list.forEach((f, i) => {
    f.data[0]!.seqId = i + 1
    f.data[0]!.prevSeqId = i === 0 ? -1 : i
  })
  return list
}
const streams = Object.fromEntries(instruments.map((id) => [id, byInstrument(id)]))

const decimals = (s: string) => (s.includes(".") ? s.length - s.indexOf(".") - 1 : 0)
const marketOf = (instId: string, contractSize: string): Market => {
  let px = 0
  let sz = 0
  for (const f of streams[instId]!) {
    for (const l of [...f.data[0]!.asks, ...f.data[0]!.bids]) {
      px = Math.max(px, decimals(l[0]!))
      sz = Math.max(sz, decimals(l[1]!))
    }
  }
  const step = (n: number) => Decimal.unsafe(n === 0 ? "1" : `0.${"0".repeat(n - 1)}1`)
  const sizeStep = contractSize === "1" ? step(sz) : Decimal.unsafe(contractSize)
  return {
    venue: "okx",
    symbol: instId,
    unified: instId,
    base: instId.split("-")[0]!,
    quote: instId.split("-")[1]!,
    type: instId === "BTC-USDT" ? "spot" : "perp",
    status: "trading",
    tickSize: step(px),
    lotStep: sizeStep,
    minQuantity: sizeStep,
    contractSize: Decimal.unsafe(contractSize)
  }
}
const contractSizes: Record<string, string> = { "BTC-USDT": "1", "BTC-USD-220527": "1", "UNI-USD-SWAP": "10" }

describe("OKX recorded books: checksums", () => {
  it("holds 290 book messages, each with a checksum", () => {
    assert.strictEqual(frames.length, 290)
    assert.isTrue(frames.every((f) => typeof f.data[0]!.checksum === "number" && f.data[0]!.checksum !== 0))
  })

  it("a plain book keyed by the price strings reproduces all 290 checksums", () => {
    let verified = 0
    for (const id of instruments) {
      const bids = new Map<string, string>()
      const asks = new Map<string, string>()
      for (const f of streams[id]!) {
        const d = f.data[0]!
        if (f.action === "snapshot") {
          bids.clear()
          asks.clear()
        }
        for (const [side, levels] of [[bids, d.bids], [asks, d.asks]] as const) {
          for (const [px, sz] of levels) {
            if (sz === "0") side.delete(px!)
            else side.set(px!, sz!)
          }
        }
        const sorted = (m: Map<string, string>, desc: boolean) =>
          [...m.entries()].sort(([a], [b]) => (desc ? -1 : 1) * (Number(a) - Number(b)))
        assert.strictEqual(checksum(sorted(bids, true), sorted(asks, false)), d.checksum, `${id} ${d.ts}`)
        verified++
      }
    }
    assert.strictEqual(verified, 290)
  })
})

describe("OKX recorded books through LiveOrderBook", () => {
  for (const id of instruments) {
    it.effect(`${id}: every message applied, every checksum checked, never stale`, () =>
      Effect.gen(function*() {
        const market = marketOf(id, contractSizes[id]!)
        const decode = booksDecoder(market)
        const updates: Array<BookUpdate> = streams[id]!.map((f, i) => {
          const r = decode(f, 1_652_459_225_000 + i)
          if (isBookDecodeFailure(r)) throw new Error(r.message)
          return r
        })
        let checked = 0
        const counting: BookSync = {
          ...okxBookSync,
          checksum: {
            depth: okxChecksum.depth,
            verify: (...args) => {
              checked++
              return okxChecksum.verify(...args)
            }
          }
        }
        const last = updates[updates.length - 1]!
        const views = yield* LiveOrderBook.stream({
          market,
          updates: Stream.concat(Stream.fromIterable(updates), Stream.never),
          snapshot: () => Effect.never,
          sync: counting,
          depth: 400
        }).pipe(
          Stream.takeUntil((v) => v.state !== "syncing" && (v.state !== "live" || v.sequence === last.lastUpdateId)),
          Stream.runCollect,
          Effect.timeout("10 seconds")
        )
        const all = Chunk.toReadonlyArray(views)
        assert.deepStrictEqual(all.filter((v) => v.state !== "live" && v.state !== "syncing").map((v) => v.reason), [])
        assert.strictEqual(all.filter((v) => v.state === "live").length, updates.length)
        assert.strictEqual(checked, updates.length)
      }))
  }

  it.effect("a wrong checksum makes the book stale", () =>
    Effect.gen(function*() {
      const market = marketOf("BTC-USDT", "1")
      const decode = booksDecoder(market)
      const updates = streams["BTC-USDT"]!.slice(0, 5).map((f, i) => {
        const r = decode(f, i)
        if (isBookDecodeFailure(r)) throw new Error(r.message)
        return i === 3 ? { ...r, checksum: r.checksum! + 1 } : r
      })
      const views = yield* LiveOrderBook.stream({
        market,
        updates: Stream.concat(Stream.fromIterable(updates), Stream.never),
        snapshot: () => Effect.never,
        sync: okxBookSync,
        depth: 25
      }).pipe(Stream.takeUntil((v) => v.state === "stale"), Stream.runCollect, Effect.timeout("10 seconds"))
      const stale = Chunk.toReadonlyArray(views).find((v) => v.state === "stale")!
      assert.match(stale.reason ?? "", /checksum mismatch/)
    }))

  it("the sequence rule: continue, keep-alive, duplicate, gap", () => {
    const u = (seqId: number, prevSeqId: number) => ({
      kind: "delta" as const,
      venueSymbol: "X",
      bids: [],
      asks: [],
      lastUpdateId: seqId,
      prevUpdateId: prevSeqId,
      receiveTime: 0
    })
    assert.strictEqual(okxBookSync.next(10, u(11, 10)), "apply")
    assert.strictEqual(okxBookSync.next(10, u(10, 10)), "apply")
    assert.strictEqual(okxBookSync.next(10, u(9, 8)), "skip")
    assert.strictEqual(okxBookSync.next(10, u(13, 12)), "gap")
    assert.strictEqual(okxBookSync.next(10, u(3, 10)), "apply")
  })
})
