import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { OrderBookView } from "../../src/book/OrderBookView.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { BookUpdate, OrderBookSnapshot, RawLevel } from "../../src/model/OrderBook.js"
import { binanceSpotBookSync } from "../../src/venues/binance/bookSync.js"
import { assertConsistent } from "./invariants.js"
import { intBelow, mulberry32 } from "./random.js"
import { testMarket } from "./testMarket.js"

/** Bids live on ticks [LOW, MID), asks on [MID, HIGH): the true book is never crossed. */
const LOW = 1000
const MID = 1040
const HIGH = 1080
const DEPTH = 5

const price = (ticks: number) => Decimal.formatFixed(BigDecimal.make(BigInt(ticks), 2), 8)
const size = (lots: number) => Decimal.formatFixed(BigDecimal.make(BigInt(lots), 3), 8)

type Fault = "gap" | "crossed" | "negative" | "non-numeric" | "off-grid" | "stale-snapshot"
const FAULTS: ReadonlyArray<Fault> = [
  "gap",
  "gap",
  "gap",
  "crossed",
  "negative",
  "non-numeric",
  "off-grid",
  "stale-snapshot"
]

/**
 * A seeded venue: the true book (lots per tick), a Binance-Spot-style diff stream over it (U = u =
 * sequence), and REST snapshots of the truth. Faults are injected into the stream (the truth is
 * never inconsistent), and after each one the stream waits until the book is live again, so that
 * every fault is seen by a live book.
 */
class SyntheticVenue {
  readonly lots = new Array<number>(HIGH).fill(0)
  sequence = 100
  /** Top-of-book signature of the truth at each sequence. */
  readonly truth = new Map<number, string>()
  faults = 0
  readonly faultCounts = new Map<Fault, number>()
  private old: OrderBookSnapshot | undefined = undefined
  private serveOld = false
  readonly random: () => number

  constructor(seed: number) {
    this.random = mulberry32(seed)
    for (let t = LOW; t < HIGH; t++) this.lots[t] = intBelow(this.random, 3) === 0 ? 0 : 1 + intBelow(this.random, 5000)
    this.truth.set(this.sequence, this.signature())
  }

  signature(): string {
    const bids: Array<string> = []
    for (let t = MID - 1; t >= LOW && bids.length < DEPTH; t--) if (this.lots[t]! > 0) bids.push(`${t}:${this.lots[t]}`)
    const asks: Array<string> = []
    for (let t = MID; t < HIGH && asks.length < DEPTH; t++) if (this.lots[t]! > 0) asks.push(`${t}:${this.lots[t]}`)
    return bids.join(",") + "|" + asks.join(",")
  }

  snapshot(): OrderBookSnapshot {
    if (this.serveOld && this.old !== undefined) {
      this.serveOld = false
      return this.old
    }
    const level = (t: number) => [BigDecimal.make(BigInt(t), 2), BigDecimal.make(BigInt(this.lots[t]!), 3)] as const
    const bids = []
    for (let t = MID - 1; t >= LOW; t--) if (this.lots[t]! > 0) bids.push(level(t))
    const asks = []
    for (let t = MID; t < HIGH; t++) if (this.lots[t]! > 0) asks.push(level(t))
    return { symbol: "TEST/USDT", venueSymbol: "TESTUSDT", bids, asks, sequence: this.sequence }
  }

  /** One true change of 1–4 levels, as a message. */
  private change(): BookUpdate {
    const bids: Array<RawLevel> = []
    const asks: Array<RawLevel> = []
    const n = 1 + intBelow(this.random, 4)
    for (let i = 0; i < n; i++) {
      const t = LOW + intBelow(this.random, HIGH - LOW)
      const l = intBelow(this.random, 3) === 0 ? 0 : 1 + intBelow(this.random, 5000)
      this.lots[t] = l
      ;(t < MID ? bids : asks).push([price(t), size(l)])
    }
    return this.message(bids, asks)
  }

  private message(bids: Array<RawLevel>, asks: Array<RawLevel>): BookUpdate {
    this.sequence++
    this.truth.set(this.sequence, this.signature())
    return {
      kind: "delta",
      venueSymbol: "TESTUSDT",
      bids,
      asks,
      firstUpdateId: this.sequence,
      lastUpdateId: this.sequence,
      exchangeTime: this.sequence,
      receiveTime: this.sequence
    }
  }

  /** The next message: normal, or a fault (returned with `fault: true`). */
  next(faultRate: number): { readonly update: BookUpdate; readonly fault: boolean } {
    if (this.random() >= faultRate) return { update: this.change(), fault: false }
    const fault = FAULTS[intBelow(this.random, FAULTS.length)]!
    this.faults++
    this.faultCounts.set(fault, (this.faultCounts.get(fault) ?? 0) + 1)
    switch (fault) {
      case "gap": {
        const dropped = 1 + intBelow(this.random, 3)
        for (let i = 0; i < dropped; i++) this.change()
        return { update: this.change(), fault: true }
      }
      case "stale-snapshot": {
        this.serveOld = this.old !== undefined
        this.change()
        return { update: this.change(), fault: true }
      }
      case "crossed": {
        let bestAsk = MID
        while (bestAsk < HIGH && this.lots[bestAsk] === 0) bestAsk++
        return { update: this.message([[price(Math.min(bestAsk, HIGH - 1)), size(7)]], []), fault: true }
      }
      case "negative":
        return { update: this.message([[price(LOW + 1), "-1.00000000"]], []), fault: true }
      case "non-numeric":
        return { update: this.message([], [[price(MID + 1), "NaN"]]), fault: true }
      case "off-grid":
        return { update: this.message([["10.005", size(1)]], []), fault: true }
    }
  }

  remember(): void {
    this.old = this.snapshot()
  }
}

describe("LiveOrderBook under injected faults", () => {
  it.live(
    "10,000 injected faults: no inconsistent view, every fault followed by a resync",
    () =>
      Effect.gen(function*() {
        const FAULT_TARGET = 10_000
        const venue = new SyntheticVenue(20240601)
        const resynced = yield* Queue.unbounded<void>()
        let waiting = true
        const updates = Stream.repeatEffectOption(
          Effect.suspend(() => {
            const produce = Effect.suspend(() => {
              if (venue.faults >= FAULT_TARGET) return Effect.fail(Option.none())
              if (venue.random() < 0.2) venue.remember()
              const { fault, update } = venue.next(0.2)
              waiting = fault
              return Effect.succeed(update)
            })
            return waiting ? Effect.zipRight(Queue.take(resynced), produce) : produce
          })
        )
        let views = 0
        let stale = 0
        let resyncs = 0
        let lives = 0
        let previous: OrderBookView | undefined
        const reasons = new Map<string, number>()
        yield* LiveOrderBook.stream({
          market: testMarket,
          updates,
          snapshot: () => Effect.sync(() => venue.snapshot()),
          sync: binanceSpotBookSync,
          depth: DEPTH,
          retry: { initialDelay: "0 millis", maxDelay: "0 millis" }
        }).pipe(
          Stream.runForEach((view) => {
            views++
            assertConsistent(view)
            if (view.state === "live") {
              lives++
              const expected = venue.truth.get(view.sequence!)
              const got = Array.from({ length: view.bidCount }, (_, i) => `${view.bidTicks(i)}:${view.bidLots(i)}`)
                .join(",") +
                "|" +
                Array.from({ length: view.askCount }, (_, i) => `${view.askTicks(i)}:${view.askLots(i)}`).join(",")
              if (got !== expected) throw new Error(`view at ${view.sequence} differs from the venue's book`)
              if (previous?.state === "live" && view.sequence !== previous.sequence! + 1) {
                throw new Error(`live views jump from ${previous.sequence} to ${view.sequence} without a resync`)
              }
            }
            if (view.state === "stale") {
              stale++
              const kind = view.reason!.replace(/[\d".-]+/g, "#").slice(0, 40)
              reasons.set(kind, (reasons.get(kind) ?? 0) + 1)
              if (previous?.state !== "live") throw new Error("stale not preceded by live")
            }
            if (view.state === "resyncing" && previous?.state === "stale") resyncs++
            if (previous?.state === "stale" && view.state !== "resyncing") {
              throw new Error("stale not followed by resyncing")
            }
            const signal = view.state === "live" && previous?.state !== "live"
            previous = view
            return signal ? Queue.offer(resynced, undefined) : Effect.void
          })
        )
        assert.strictEqual(venue.faults, FAULT_TARGET)
        // Every fault was detected by a live book, reported stale, and resynced; the last view is the
        // stale "stream ended" one.
        assert.strictEqual(stale, FAULT_TARGET + 1)
        assert.strictEqual(resyncs, FAULT_TARGET)
        assert.strictEqual(previous?.state, "stale")
        assert.isAbove(lives, 3 * FAULT_TARGET)
        for (const fault of FAULTS) assert.isAbove(venue.faultCounts.get(fault) ?? 0, 500, fault)
        assert.isAtLeast(views, lives + 2 * FAULT_TARGET)
      }),
    // CPU-bound: about 10 s on an idle machine, several times that on a loaded one
    { timeout: 120_000 }
  )
})
