import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"
import {
  decodeDepthUpdate,
  DepthUpdateEvent,
  isDepthDecodeFailure,
  toBookUpdate
} from "../../../src/venues/binance/depthCodec.js"

const decodeSchema = Schema.decodeUnknownEither(DepthUpdateEvent)

const spot = {
  e: "depthUpdate",
  E: 1633998512068,
  s: "NKNUSDT",
  U: 499869750,
  u: 499869752,
  b: [["0.35130000", "6195.00000000"], ["0.34750000", "5548.00000000"]],
  a: []
}
const usdm = {
  e: "depthUpdate",
  E: 1626992741326,
  T: 1626992741322,
  s: "SUSHIUSDT",
  U: 600859607425,
  u: 600859607465,
  pu: 600859607423,
  b: [["7.6110", "6"]],
  a: [["7.6120", "0"]]
}

/** Decimal strings, valid or nearly so. */
const decimalish = fc.oneof(
  fc.stringMatching(/^\d+(\.\d+)?$/),
  fc.constantFrom("", ".", "1.", ".5", "-1", "+1", "1e5", "NaN", " 1", "1 ", "0x10", "1,5", "١٢"),
  fc.string()
)
const levelish = fc.oneof(
  fc.tuple(decimalish, decimalish),
  fc.tuple(decimalish, decimalish, decimalish),
  fc.tuple(decimalish),
  fc.anything()
)
const integerish = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(2 ** 53, -(2 ** 53), NaN, Infinity, 1.5, "1", null, undefined)
)
/** Events that are valid, or invalid in one or a few fields. */
const eventish = fc.record({
  e: fc.oneof(fc.constant("depthUpdate"), fc.constantFrom("depthupdate", "trade", 1, null)),
  E: integerish,
  T: integerish,
  s: fc.oneof(fc.string(), fc.integer()),
  U: integerish,
  u: integerish,
  pu: integerish,
  b: fc.oneof(fc.array(levelish, { maxLength: 4 }), fc.anything()),
  a: fc.oneof(fc.array(levelish, { maxLength: 4 }), fc.anything())
}, { requiredKeys: [] })

describe("Binance depthCodec", () => {
  it("decodes recorded Spot and USDⓈ-M events", () => {
    const s = decodeDepthUpdate(spot, 7)
    assert.isFalse(isDepthDecodeFailure(s))
    assert.deepStrictEqual(s, {
      kind: "delta",
      venueSymbol: "NKNUSDT",
      bids: spot.b as any,
      asks: [],
      firstUpdateId: 499869750,
      lastUpdateId: 499869752,
      prevUpdateId: undefined,
      exchangeTime: 1633998512068,
      receiveTime: 7
    })
    const f = decodeDepthUpdate(usdm, 8)
    assert.isFalse(isDepthDecodeFailure(f))
    if (!isDepthDecodeFailure(f)) assert.strictEqual(f.prevUpdateId, 600859607423)
  })

  it("rejects what is not a depthUpdate, with a path", () => {
    const cases: Array<[unknown, string]> = [
      [null, ""],
      [[], ""],
      [{ ...spot, e: "trade" }, "e"],
      [{ ...spot, s: 1 }, "s"],
      [{ ...spot, U: "1" }, "U"],
      [{ ...spot, u: 2 ** 53 }, "u"],
      [{ ...usdm, pu: 1.5 }, "pu"],
      [{ ...spot, b: [["0.1", "-1"]] }, "b[0][1]"],
      [{ ...spot, a: [["abc", "1"]] }, "a[0][0]"],
      [{ ...spot, a: [["1", "1", "1"]] }, "a[0]"],
      [{ ...spot, b: undefined }, "b"]
    ]
    for (const [input, path] of cases) {
      const r = decodeDepthUpdate(input, 0)
      assert.isTrue(isDepthDecodeFailure(r), JSON.stringify(input))
      if (isDepthDecodeFailure(r)) assert.strictEqual(r.path, path)
      assert.isTrue(Either.isLeft(decodeSchema(input)))
    }
  })

  it("agrees with the Schema on every valid event", () => {
    fc.assert(
      fc.property(Arbitrary.make(DepthUpdateEvent), fc.integer(), (event, receiveTime) => {
        const hand = decodeDepthUpdate(event, receiveTime)
        const schema = decodeSchema(event)
        assert.isTrue(Either.isRight(schema))
        assert.isFalse(isDepthDecodeFailure(hand))
        if (Either.isRight(schema)) assert.deepStrictEqual(hand, toBookUpdate(schema.right, receiveTime))
      }),
      { numRuns: 500 }
    )
  })

  it("rejects exactly what the Schema rejects", () => {
    fc.assert(
      fc.property(fc.oneof(eventish, fc.anything()), (input) => {
        const hand = decodeDepthUpdate(input, 0)
        const schema = decodeSchema(input)
        assert.strictEqual(isDepthDecodeFailure(hand), Either.isLeft(schema), JSON.stringify(input))
        if (Either.isRight(schema) && !isDepthDecodeFailure(hand)) {
          assert.deepStrictEqual(hand, toBookUpdate(schema.right, 0))
        }
      }),
      { numRuns: 3000 }
    )
  })
})
