import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as fc from "fast-check"
import * as BookScale from "../../src/book/BookScale.js"
import { Ladder } from "../../src/book/Ladder.js"
import * as Decimal from "../../src/model/Decimal.js"
import { intBelow, mulberry32 } from "./random.js"

const market = (tickSize: string, lotStep: string, maxQuantity?: string) => ({
  venue: "test",
  symbol: "TESTUSDT",
  tickSize: Decimal.unsafe(tickSize),
  lotStep: Decimal.unsafe(lotStep),
  maxQuantity: maxQuantity === undefined ? undefined : Decimal.unsafe(maxQuantity)
})

const scaleOf = (tickSize: string, lotStep: string) => Either.getOrThrow(BookScale.make(market(tickSize, lotStep)))

/** Formats an integer number of 10^-decimals units the way Binance writes it (fixed decimals). */
const wire = (units: number, decimals: number, pad = 8): string => {
  const s = Decimal.formatFixed(BigDecimal.make(BigInt(units), decimals), Math.max(decimals, pad))
  return s
}

describe("BookScale", () => {
  it("parses decimal strings straight to integer units", () => {
    assert.strictEqual(BookScale.parseUnits("0.35130000", 4), 3513)
    assert.strictEqual(BookScale.parseUnits("672.00000000", 0), 672)
    assert.strictEqual(BookScale.parseUnits("7.6110", 3), 7611)
    assert.strictEqual(BookScale.parseUnits("12", 2), 1200)
    assert.strictEqual(BookScale.parseUnits(".5", 1), 5)
    assert.strictEqual(BookScale.parseUnits("0", 8), 0)
    for (const bad of ["", ".", "1.", "-1", "+1", "1e5", "NaN", "1,5", " 1", "1 ", "0x10", "1.2.3", "0.35135", "abc"]) {
      assert.strictEqual(BookScale.parseUnits(bad, 4), -1, bad)
    }
    assert.strictEqual(BookScale.parseUnits("9007199254740991", 0), Number.MAX_SAFE_INTEGER)
    assert.strictEqual(BookScale.parseUnits("9007199254740992", 0), -1)
    assert.strictEqual(BookScale.parseUnits("90071992547409.92", 2), -1)
  })

  it("agrees with BigDecimal on random decimal strings", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 17n }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (value, scale, decimals) => {
          const text = Decimal.formatFixed(BigDecimal.make(value, scale), scale)
          const got = BookScale.parseUnits(text, decimals)
          const exact = BigDecimal.scale(BigDecimal.make(value, scale), decimals)
          const representable = BigDecimal.equals(exact, BigDecimal.make(value, scale)) &&
            exact.value <= BigInt(Number.MAX_SAFE_INTEGER)
          if (representable) assert.strictEqual(got, Number(exact.value), text)
          else assert.strictEqual(got, -1, text)
        }
      )
    )
  })

  it("puts prices on the tick grid and rejects off-grid prices", () => {
    const scale = scaleOf("0.05", "0.001")
    assert.strictEqual(BookScale.parsePriceTicks(scale, "1.05"), 21)
    assert.strictEqual(BookScale.parsePriceTicks(scale, "1.10000000"), 22)
    assert.strictEqual(BookScale.parsePriceTicks(scale, "1.07"), -1)
    assert.strictEqual(BookScale.parsePriceTicks(scale, "1.051"), -1)
    assert.match(BookScale.explainPrice(scale, "1.07"), /tick grid/)
    assert.match(BookScale.explainPrice(scale, "1.051"), /more than 2 decimals/)
    assert.match(BookScale.explainSize(scale, "-1"), /negative/)
    assert.match(BookScale.explainSize(scale, "x"), /not an unsigned decimal/)
    assert.strictEqual(BigDecimal.equals(BookScale.ticksToDecimal(scale, 21), Decimal.unsafe("1.05")), true)
    assert.strictEqual(BigDecimal.equals(BookScale.lotsToDecimal(scale, 1234), Decimal.unsafe("1.234")), true)
  })

  it("refuses markets it cannot hold exactly", () => {
    assert.isTrue(Either.isLeft(BookScale.make(market("0.0000000000000001", "1"))))
    assert.isTrue(Either.isLeft(BookScale.make(market("0.01", "0.00000001", "1000000000000"))))
    assert.isTrue(
      Either.isLeft(BookScale.make(market("0.00000001", "1"), { maxPrice: Decimal.unsafe("1000000000") }))
    )
    assert.isTrue(Either.isRight(BookScale.make(market("0.01", "0.00001", "9000"))))
    const failure = BookScale.make(market("0.0000000000000001", "1"))
    if (Either.isLeft(failure)) assert.strictEqual(failure.left._tag, "UnrepresentableMarket")
  })
})

/** The naive reference: a Map per side, sorted on read. */
class ReferenceBook {
  readonly bids = new Map<number, number>()
  readonly asks = new Map<number, number>()
  set(side: "bid" | "ask", ticks: number, lots: number) {
    const m = side === "bid" ? this.bids : this.asks
    if (lots === 0) m.delete(ticks)
    else m.set(ticks, lots)
  }
  sorted(side: "bid" | "ask"): Array<[number, number]> {
    const m = side === "bid" ? this.bids : this.asks
    return [...m.entries()].sort((a, b) => side === "bid" ? b[0] - a[0] : a[0] - b[0])
  }
}

const ladderLevels = (ladder: Ladder, side: "bid" | "ask"): Array<[number, number]> => {
  const s = side === "bid" ? ladder.bids : ladder.asks
  const out: Array<[number, number]> = []
  for (let i = 0; i < s.length; i++) out.push([s.ticksAt(i), s.lotsAt(i)])
  return out
}

describe("Ladder", () => {
  const levelArb = (maxTicks: number) =>
    fc.tuple(
      fc.integer({ min: 1, max: maxTicks }),
      fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 10_000_000 }))
    )
  const messageArb = (maxTicks: number) =>
    fc.record({
      bids: fc.array(levelArb(maxTicks), { maxLength: 30 }),
      asks: fc.array(levelArb(maxTicks), { maxLength: 30 })
    })

  it("applies random diff streams exactly like a Map plus a sort", () => {
    const scale = scaleOf("0.01", "0.001")
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 3000 }).chain((maxTicks) => fc.array(messageArb(maxTicks), { maxLength: 60 })),
        (messages) => {
          const ladder = new Ladder(scale, 4)
          const reference = new ReferenceBook()
          for (const m of messages) {
            const bids = m.bids.map(([t, l]) => [wire(t, 2), wire(l, 3)] as const)
            const asks = m.asks.map(([t, l]) => [wire(t, 2), wire(l, 3)] as const)
            assert.strictEqual(ladder.applyRaw(bids, asks), undefined)
            for (const [t, l] of m.bids) reference.set("bid", t, l)
            for (const [t, l] of m.asks) reference.set("ask", t, l)
            assert.deepStrictEqual(ladderLevels(ladder, "bid"), reference.sorted("bid"))
            assert.deepStrictEqual(ladderLevels(ladder, "ask"), reference.sorted("ask"))
          }
          const top = new Float64Array(20)
          const n = ladder.bids.copyTop(10, top, 0)
          assert.deepStrictEqual(
            Array.from({ length: n }, (_, i) => [top[2 * i], top[2 * i + 1]]),
            reference.sorted("bid").slice(0, 10)
          )
          const best = reference.sorted("ask")[0]
          assert.isTrue(Object.is(ladder.bestAskTicks(), best === undefined ? NaN : best[0]))
        }
      ),
      { numRuns: 300 }
    )
  })

  it("exercises long shifts (copyWithin) and growth against the reference", () => {
    const scale = scaleOf("1", "1")
    const ladder = new Ladder(scale, 2)
    const reference = new ReferenceBook()
    const random = mulberry32(42)
    const next = () => intBelow(random, 2 ** 31)
    for (let i = 0; i < 20_000; i++) {
      const ticks = 1 + (next() % 2000)
      const lots = next() % 4 === 0 ? 0 : 1 + (next() % 100)
      const side = next() % 2 === 0 ? "bid" : "ask"
      if (side === "bid") ladder.bids.set(ticks, lots)
      else ladder.asks.set(ticks, lots)
      reference.set(side, ticks, lots)
    }
    assert.deepStrictEqual(ladderLevels(ladder, "bid"), reference.sorted("bid"))
    assert.deepStrictEqual(ladderLevels(ladder, "ask"), reference.sorted("ask"))
    assert.strictEqual(ladder.bids.lotsAtPrice(reference.sorted("bid")[5]![0]), reference.sorted("bid")[5]![1])
    assert.strictEqual(ladder.bids.lotsAtPrice(1_000_000), 0)
  })

  it("refuses negative, non-numeric and off-grid levels and reports crossing", () => {
    const ladder = new Ladder(scaleOf("0.01", "0.001"))
    assert.match(ladder.applyRaw([["1.00", "-1"]], []) ?? "", /bid size .* negative/)
    assert.match(ladder.applyRaw([], [["1.00", "abc"]]) ?? "", /ask size .*not an unsigned decimal/)
    assert.match(ladder.applyRaw([["1.001", "1"]], []) ?? "", /bid price .*more than 2 decimals/)
    assert.match(ladder.applyRaw([["0.00", "1"]], []) ?? "", /zero/)
    ladder.clear()
    assert.strictEqual(ladder.applyRaw([["1.00", "0"]], [["1.50", "0"]]), undefined)
    assert.strictEqual(ladder.bids.length + ladder.asks.length, 0)
    assert.strictEqual(ladder.applyRaw([["1.00", "1"]], [["1.01", "1"]]), undefined)
    assert.isFalse(ladder.isCrossed())
    assert.strictEqual(ladder.applyRaw([["1.01", "1"]], []), undefined)
    assert.isTrue(ladder.isCrossed())
  })
})
