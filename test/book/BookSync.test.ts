import { assert, describe, it } from "@effect/vitest"
import type { BookUpdate } from "../../src/model/OrderBook.js"
import { binanceSpotBookSync, binanceUsdmBookSync } from "../../src/venues/binance/bookSync.js"

const event = (U: number, u: number, pu?: number): BookUpdate => ({
  kind: "delta",
  venueSymbol: "X",
  bids: [],
  asks: [],
  firstUpdateId: U,
  lastUpdateId: u,
  prevUpdateId: pu,
  receiveTime: 0
})

describe("Binance Spot book sync", () => {
  const { first, next } = binanceSpotBookSync
  it("drops events with u <= lastUpdateId and applies the first with U <= lastUpdateId+1 <= u", () => {
    assert.strictEqual(first(100, event(90, 99)), "skip")
    assert.strictEqual(first(100, event(95, 100)), "skip")
    assert.strictEqual(first(100, event(95, 101)), "apply")
    assert.strictEqual(first(100, event(101, 105)), "apply")
    assert.strictEqual(first(100, event(102, 105)), "gap")
  })
  it("then requires U = previous u + 1", () => {
    assert.strictEqual(next(105, event(106, 110)), "apply")
    assert.strictEqual(next(105, event(107, 110)), "gap")
    assert.strictEqual(next(105, event(104, 110)), "gap")
    assert.strictEqual(next(105, event(100, 105)), "skip")
    assert.match(binanceSpotBookSync.describeGap(105, event(107, 110)), /expected U = 106, received U = 107/)
  })
})

describe("Binance USDⓈ-M book sync", () => {
  const { first, next } = binanceUsdmBookSync
  it("drops events with u < lastUpdateId and applies the first with U <= lastUpdateId <= u", () => {
    assert.strictEqual(first(100, event(90, 99, 89)), "skip")
    assert.strictEqual(first(100, event(95, 100, 94)), "apply")
    assert.strictEqual(first(100, event(100, 120, 99)), "apply")
    assert.strictEqual(first(100, event(101, 120, 100)), "gap")
  })
  it("then requires pu = previous u", () => {
    assert.strictEqual(next(120, event(121, 130, 120)), "apply")
    assert.strictEqual(next(120, event(125, 130, 124)), "gap")
    assert.strictEqual(next(120, event(121, 130, undefined)), "gap")
    assert.strictEqual(next(120, event(110, 120, 109)), "skip")
  })
})
