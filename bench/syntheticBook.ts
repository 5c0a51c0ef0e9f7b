/**
 * A seeded synthetic venue book for the market-data bus bench: the sandbox's venues push at most
 * every 10–100 ms per symbol, far below 1,000 updates per second, so the fan-out phase feeds the
 * ingest's `LiveOrderBook`s from this instead (the same code path from the book on: observer →
 * publisher → Redis → subscribers). Prices and sizes are integer ticks and lots written as exact
 * decimal strings (tick 0.01, lot 0.001); the mid never moves, so the book never crosses.
 */
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import * as BookSync from "../src/model/BookSync.js"
import * as Decimal from "../src/model/Decimal.js"
import type { Market } from "../src/model/Market.js"
import type { BookUpdate, OrderBookSnapshot } from "../src/model/OrderBook.js"
import { mulberry32 } from "./binanceDepthWorkload.js"

/** The bench's markets: `SYN0`…`SYN<n-1>`. */
export const markets = (n: number): ReadonlyArray<Market> =>
  Array.from({ length: n }, (_, i) =>
    ({
      venue: "synthetic",
      symbol: `SYN${i}`,
      unified: `SYN${i}/USD`,
      base: `SYN${i}`,
      quote: "USD",
      type: "spot",
      tickSize: Decimal.unsafe("0.01"),
      lotStep: Decimal.unsafe("0.001")
    }) as unknown as Market)

/** `U`/`u`-style chaining, one id per update. */
export const sync = BookSync.make({
  name: "synthetic",
  first: (snapshot, u) => u.lastUpdateId <= snapshot ? "skip" : u.firstUpdateId === snapshot + 1 ? "apply" : "gap",
  next: (last, u) => u.lastUpdateId <= last ? "skip" : u.firstUpdateId === last + 1 ? "apply" : "gap"
})

const LEVELS = 150
const MID = 10_000

const price = (ticks: number) => `${Math.floor(ticks / 100)}.${String(ticks % 100).padStart(2, "0")}`
const size = (lots: number) => `${Math.floor(lots / 1000)}.${String(lots % 1000).padStart(3, "0")}`

/** One symbol's book and its update stream. */
export interface SyntheticBook {
  readonly updates: Stream.Stream<BookUpdate>
  readonly snapshot: (depth: number) => Effect.Effect<OrderBookSnapshot>
  /** Updates made so far. */
  readonly made: () => number
  /** Makes the next update (called by `drive`). */
  readonly step: (receiveTime: number) => void
}

export const make = (market: Market, seed: number): Effect.Effect<SyntheticBook> =>
  Effect.gen(function*() {
    const next = mulberry32(seed)
    const bids = new Map<number, number>()
    const asks = new Map<number, number>()
    for (let i = 1; i <= LEVELS; i++) {
      bids.set(MID - i, 1 + Math.floor(next() * 5000))
      asks.set(MID + i, 1 + Math.floor(next() * 5000))
    }
    let sequence = 1
    const queue = yield* Queue.unbounded<BookUpdate>()
    const levels = (side: Map<number, number>, descending: boolean) =>
      [...side].sort(([a], [b]) => descending ? b - a : a - b).map(([p, q]) =>
        [Decimal.unsafe(price(p)), Decimal.unsafe(size(q))] as const
      )
    return {
      made: () => sequence - 1,
      updates: Stream.fromQueue(queue),
      snapshot: () =>
        Effect.sync(() => ({
          symbol: market.unified,
          venueSymbol: market.symbol,
          bids: levels(bids, true),
          asks: levels(asks, false),
          sequence
        })),
      step: (receiveTime) => {
        const changes = 1 + Math.floor(next() * 3)
        const b: Array<readonly [string, string]> = []
        const a: Array<readonly [string, string]> = []
        for (let i = 0; i < changes; i++) {
          const isBid = next() < 0.5
          const ticks = isBid ? MID - 1 - Math.floor(next() * LEVELS) : MID + 1 + Math.floor(next() * LEVELS)
          const lots = next() < 0.1 ? 0 : 1 + Math.floor(next() * 5000)
          const side = isBid ? bids : asks
          if (lots === 0) side.delete(ticks)
          else side.set(ticks, lots)
          ;(isBid ? b : a).push([price(ticks), size(lots)])
        }
        sequence++
        queue.unsafeOffer({
          kind: "delta",
          venueSymbol: market.symbol,
          bids: b,
          asks: a,
          firstUpdateId: sequence,
          lastUpdateId: sequence,
          exchangeTime: receiveTime,
          receiveTime
        })
      }
    }
  })

/**
 * Steps the books round-robin at `perSecond` updates per second in all (catching up after a late
 * timer) while `running()` holds; returns how many updates it made.
 */
export const drive = (
  books: ReadonlyArray<SyntheticBook>,
  perSecond: number,
  running: () => boolean
): Effect.Effect<number> =>
  Effect.gen(function*() {
    const start = Date.now()
    let made = 0
    while (running()) {
      const due = Math.floor(((Date.now() - start) * perSecond) / 1000)
      const now = Date.now()
      while (made < due) {
        books[made % books.length]!.step(now)
        made++
      }
      yield* Effect.sleep("2 millis")
    }
    return made
  })
