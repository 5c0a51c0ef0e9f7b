import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Chunk from "effect/Chunk"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { OrderBookView } from "../../src/book/OrderBookView.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { BookUpdate } from "../../src/model/OrderBook.js"
import { binanceSpotBookSync, binanceUsdmBookSync } from "../../src/venues/binance/bookSync.js"
import type { Recording } from "./binanceFixtures.js"
import { load } from "./binanceFixtures.js"
import { assertConsistent } from "./invariants.js"

/** The documented rules, written out independently of the strategies under test. */
const documentedFirst = (venue: "spot" | "usdm", L: number, updates: ReadonlyArray<BookUpdate>): number =>
  updates.findIndex((e) =>
    venue === "spot"
      ? e.lastUpdateId > L && e.firstUpdateId! <= L + 1 && L + 1 <= e.lastUpdateId
      : e.lastUpdateId >= L && e.firstUpdateId! <= L && L <= e.lastUpdateId
  )

const chained = (venue: "spot" | "usdm", previous: BookUpdate, next: BookUpdate): boolean =>
  venue === "spot" ? next.firstUpdateId === previous.lastUpdateId + 1 : next.prevUpdateId === previous.lastUpdateId

/** Snapshot + updates applied to a Map per side keyed by the exact price, sorted at the end. */
const referenceBook = (recording: Recording, updates: ReadonlyArray<BookUpdate>) => {
  const sides = { bids: new Map<string, BigDecimal.BigDecimal>(), asks: new Map<string, BigDecimal.BigDecimal>() }
  const set = (side: Map<string, BigDecimal.BigDecimal>, price: string, size: string) => {
    const p = Decimal.format(Decimal.unsafe(price))
    const s = Decimal.unsafe(size)
    if (BigDecimal.isZero(s)) side.delete(p)
    else side.set(p, s)
  }
  for (const [p, q] of recording.rawBids) set(sides.bids, p, q)
  for (const [p, q] of recording.rawAsks) set(sides.asks, p, q)
  for (const u of updates) {
    for (const [p, q] of u.bids) set(sides.bids, p, q)
    for (const [p, q] of u.asks) set(sides.asks, p, q)
  }
  const sorted = (m: Map<string, BigDecimal.BigDecimal>, descending: boolean) =>
    [...m.entries()].map(([p, s]) => [Decimal.unsafe(p), s] as const)
      .sort((a, b) => (descending ? -1 : 1) * BigDecimal.Order(a[0], b[0]))
  return { bids: sorted(sides.bids, true), asks: sorted(sides.asks, false) }
}

const text = (levels: ReadonlyArray<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>) =>
  levels.map(([p, s]) => `${Decimal.format(p)}@${Decimal.format(s)}`)

/**
 * Replays one recording through LiveOrderBook. `bufferAll`: every update reaches the book before
 * the snapshot does; otherwise, as recorded, only those received before the snapshot response.
 */
const replay = (venue: "spot" | "usdm", recording: Recording, bufferAll: boolean) =>
  Effect.gen(function*() {
    const before = yield* Deferred.make<void>()
    const cut = bufferAll
      ? recording.updates.length
      : recording.updates.filter((u) => u.receiveTime < recording.snapshotTime).length
    const updates = Stream.fromIterable(recording.updates.slice(0, cut)).pipe(
      Stream.concat(Stream.fromEffect(Deferred.succeed(before, undefined)).pipe(Stream.drain)),
      Stream.concat(Stream.fromIterable(recording.updates.slice(cut))),
      Stream.concat(Stream.never)
    )
    let snapshots = 0
    const last = recording.updates[recording.updates.length - 1]!
    const views = yield* LiveOrderBook.stream({
      market: recording.market,
      updates,
      snapshot: (depth) =>
        Effect.sync(() => {
          snapshots++
          assert.strictEqual(depth, 1000)
        }).pipe(Effect.zipRight(Deferred.await(before)), Effect.as(recording.snapshot)),
      sync: venue === "spot" ? binanceSpotBookSync : binanceUsdmBookSync,
      depth: 5000
    }).pipe(
      Stream.takeUntil((v) => v.state === "live" && v.sequence === last.lastUpdateId),
      Stream.runCollect,
      Effect.timeout("10 seconds")
    )
    return { views: Chunk.toReadonlyArray(views), snapshots }
  })

const check = (venue: "spot" | "usdm", recording: Recording, views: ReadonlyArray<OrderBookView>) => {
  const L = recording.snapshot.sequence!
  const first = documentedFirst(venue, L, recording.updates)
  assert.isAtLeast(first, 0, `${recording.symbol}: no event continues the snapshot`)
  for (let i = first + 1; i < recording.updates.length; i++) {
    assert.isTrue(chained(venue, recording.updates[i - 1]!, recording.updates[i]!), "the recording has a gap")
  }
  for (const v of views) assertConsistent(v)
  assert.deepStrictEqual(views.map((v) => v.state).filter((s) => s !== "live"), ["syncing"])
  assert.strictEqual(views[0]!.state, "syncing")
  // Live views follow the chain: each is the snapshot or an applied update, in order, none skipped.
  const applied = recording.updates.slice(first)
  const allowed = [L, ...applied.map((u) => u.lastUpdateId)]
  const live = views.filter((v) => v.state === "live").map((v) => v.sequence!)
  let k = allowed.indexOf(live[0]!)
  assert.isAtLeast(k, 0, `${recording.symbol}: first live view at ${live[0]}, not the snapshot nor an applied event`)
  for (const s of live.slice(1)) {
    assert.strictEqual(s, allowed[++k], `${recording.symbol}: live views are not contiguous`)
  }
  // Events the rule drops never show up as a book state.
  for (const dropped of recording.updates.slice(0, first)) {
    if (dropped.lastUpdateId !== L) assert.notInclude(live, dropped.lastUpdateId)
  }
  const final = views[views.length - 1]!
  const reference = referenceBook(recording, applied)
  assert.deepStrictEqual(text(final.bids), text(reference.bids))
  assert.deepStrictEqual(text(final.asks), text(reference.asks))
  assert.strictEqual(final.exchangeTime, recording.updates[recording.updates.length - 1]!.exchangeTime)
  return first
}

describe("LiveOrderBook replaying recorded Binance streams", () => {
  const spot = load("spot")
  const usdm = load("usdm")

  it("the recordings are what the README says", () => {
    assert.deepStrictEqual(spot.map((r) => r.symbol), ["NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR"])
    assert.deepStrictEqual(usdm.map((r) => r.symbol), ["SUSHIUSDT", "AKROUSDT", "KEEPUSDT", "CTKUSDT"])
    const nkn = spot[0]!
    assert.strictEqual(nkn.snapshot.sequence, 499869752)
    assert.deepStrictEqual([nkn.updates[0]!.firstUpdateId, nkn.updates[0]!.lastUpdateId], [499869750, 499869752])
    assert.strictEqual(documentedFirst("spot", 499869752, nkn.updates), 1)
    assert.strictEqual(nkn.updates[1]!.firstUpdateId, 499869753)
    const sushi = usdm[0]!
    const f = documentedFirst("usdm", sushi.snapshot.sequence!, sushi.updates)
    assert.deepStrictEqual([sushi.updates[f]!.firstUpdateId, sushi.updates[f]!.lastUpdateId], [
      600859605926,
      600859607423
    ])
  })

  it("every recorded frame reads from its text to the same update as JSON.parse and the reference decoder", () => {
    const plain = (u: BookUpdate) => ({
      kind: u.kind,
      venueSymbol: u.venueSymbol,
      bids: [...u.bids],
      asks: [...u.asks],
      firstUpdateId: u.firstUpdateId,
      lastUpdateId: u.lastUpdateId,
      prevUpdateId: u.prevUpdateId,
      exchangeTime: u.exchangeTime,
      receiveTime: u.receiveTime
    })
    for (const [venue, recordings] of [["spot", spot], ["usdm", usdm]] as const) {
      const parsed = load(venue, { path: "parsed" })
      assert.deepStrictEqual(
        recordings.map((r) => r.updates.map(plain)),
        parsed.map((r) => r.updates.map(plain))
      )
      assert.isAbove(recordings.reduce((n, r) => n + r.updates.length, 0), 100)
    }
  })

  for (const [venue, recordings] of [["spot", spot], ["usdm", usdm]] as const) {
    for (const recording of recordings) {
      for (const bufferAll of [false, true]) {
        it.live(`${venue} ${recording.symbol} (${bufferAll ? "all updates buffered" : "as recorded"})`, () =>
          Effect.gen(function*() {
            const { snapshots, views } = yield* replay(venue, recording, bufferAll)
            assert.strictEqual(snapshots, 1, "a gap-free recording needs one snapshot")
            check(venue, recording, views)
          }))
      }
    }
  }

  it.live("a tick size coarser than the recorded prices is refused, never rounded", () =>
    Effect.gen(function*() {
      const nkn = spot[0]!
      const views = yield* LiveOrderBook.stream({
        market: { ...nkn.market, tickSize: Decimal.unsafe("0.001") },
        updates: Stream.fromIterable(nkn.updates).pipe(Stream.concat(Stream.never)),
        snapshot: () => Effect.succeed(nkn.snapshot),
        sync: binanceSpotBookSync,
        depth: 10,
        retry: { initialDelay: "1 millis", maxDelay: "2 millis" }
      }).pipe(Stream.take(3), Stream.runCollect)
      const [first, second, third] = Chunk.toReadonlyArray(views)
      assert.strictEqual(first!.state, "syncing")
      assert.strictEqual(second!.state, "syncing")
      assert.match(second!.reason!, /invalid snapshot 499869752: bid price "0.3521" has more than 3 decimals/)
      assert.strictEqual(third!.state, "syncing")
    }))
})
