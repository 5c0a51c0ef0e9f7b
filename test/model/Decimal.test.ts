import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Decimal from "../../src/model/Decimal.js"

/** Decimal strings as venues write them: optional sign, digits, optional fraction (trailing zeros too). */
const wireDecimal = FastCheck.tuple(
  FastCheck.constantFrom("", "-"),
  FastCheck.bigInt({ min: 0n, max: 10n ** 30n }),
  FastCheck.option(FastCheck.stringMatching(/^[0-9]{1,18}$/), { nil: undefined })
).map(([sign, whole, fraction]) => `${sign}${whole}${fraction === undefined ? "" : "." + fraction}`)

const decimalArb = Arbitrary.make(Schema.BigDecimalFromSelf)
const positiveStep = FastCheck.tuple(
  FastCheck.bigInt({ min: 1n, max: 10n ** 12n }),
  FastCheck.integer({ min: -4, max: 12 })
)
  .map(([v, s]) => BigDecimal.make(v, s))

describe("Decimal", () => {
  it("parses what format prints and denotes the same number (round trip)", () => {
    FastCheck.assert(FastCheck.property(decimalArb, (d) => {
      const text = Decimal.format(d)
      assert.notMatch(text, /[eE]/, "no exponent")
      const back = Decimal.parse(text)
      assert.isTrue(Either.isRight(back))
      assert.isTrue(BigDecimal.equals(Either.getOrThrow(back), d))
    }))
  })

  it("reads wire strings exactly, and formatting is canonical", () => {
    FastCheck.assert(FastCheck.property(wireDecimal, (s) => {
      const d = Either.getOrThrow(Decimal.parse(s))
      const formatted = Decimal.format(d)
      // Canonical: no trailing fractional zeros, no leading zeros, no "-0".
      assert.notMatch(formatted, /\.\d*0$|^-?0\d|^-0$/)
      assert.isTrue(BigDecimal.equals(Either.getOrThrow(Decimal.parse(formatted)), d))
    }))
  })

  it("compare and isMultipleOf agree with BigDecimal's own order and arithmetic", () => {
    FastCheck.assert(FastCheck.property(decimalArb, decimalArb, (a, b) => {
      assert.strictEqual(Decimal.compare(a, b), BigDecimal.Order(a, b))
    }))
    FastCheck.assert(FastCheck.property(decimalArb, positiveStep, (a, step) => {
      const scale = Math.max(a.scale, step.scale, 0)
      const expected = BigDecimal.scale(a, scale).value % BigDecimal.scale(step, scale).value === 0n
      assert.strictEqual(Decimal.isMultipleOf(a, step), expected)
      // a multiple of the step by construction
      const multiple = BigDecimal.multiply(step, BigDecimal.make(a.value, 0))
      assert.isTrue(Decimal.isMultipleOf(multiple, step))
    }))
    assert.strictEqual(Decimal.compare(Decimal.unsafe("1e3"), Decimal.unsafe("999.999")), 1)
    assert.strictEqual(Decimal.compare(Decimal.unsafe("-0.50"), Decimal.unsafe("-0.5")), 0)
  })

  it("formats tiny and huge values without exponents or float artefacts", () => {
    assert.strictEqual(Decimal.format(Decimal.unsafe("0.00000000000000000001")), "0.00000000000000000001")
    assert.strictEqual(Decimal.format(Decimal.unsafe("1e-8")), "0.00000001")
    assert.strictEqual(Decimal.format(Decimal.unsafe("12345678901234567890.5")), "12345678901234567890.5")
    assert.strictEqual(Decimal.format(Decimal.unsafe("1E3")), "1000")
    assert.strictEqual(Decimal.format(Decimal.unsafe("0.35130000")), "0.3513")
    assert.strictEqual(Decimal.format(Decimal.unsafe("-0.000")), "0")
    assert.strictEqual(
      Decimal.format(BigDecimal.sum(Decimal.unsafe("0.1"), Decimal.unsafe("0.2"))),
      "0.3",
      "exact: 0.1 + 0.2 is 0.3"
    )
    assert.strictEqual(Decimal.formatFixed(Decimal.unsafe("1.5"), 8), "1.50000000")
    assert.strictEqual(Decimal.formatFixed(Decimal.unsafe("-0.123456789"), 4), "-0.1234")
  })

  it("rejects malformed numbers instead of reading them as zero", () => {
    for (
      const bad of [
        "",
        " ",
        " 1",
        "1 ",
        "NaN",
        "Infinity",
        "-Infinity",
        "1,5",
        "0x10",
        "1.2.3",
        "--1",
        "+-1",
        ".",
        "-",
        "1e",
        "e5",
        "1e99999",
        "١٢",
        "null"
      ]
    ) {
      assert.isTrue(Either.isLeft(Decimal.parse(bad)), `"${bad}" must be rejected`)
      assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Decimal.Decimal)(bad)))
    }
    FastCheck.assert(FastCheck.property(
      FastCheck.string().filter((s) => !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)),
      (s) => Either.isLeft(Decimal.parse(s))
    ))
  })

  it("the Schema rejects non-strings and names the problem", () => {
    const r = Schema.decodeUnknownEither(Schema.Struct({ price: Decimal.Decimal }))({ price: "abc" })
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) assert.include(r.left.message, "\"abc\" is not a decimal number")
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Decimal.Decimal)(0.1)))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Decimal.DecimalFromStringOrInteger)(0.1)))
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(Decimal.DecimalFromStringOrInteger)(42)))
  })
})

describe("roundToStep", () => {
  const directions: ReadonlyArray<Decimal.RoundingDirection> = [
    "down",
    "up",
    "toward-zero",
    "away-from-zero",
    "nearest"
  ]

  it("always gives a multiple of the step, and is idempotent", () => {
    FastCheck.assert(
      FastCheck.property(decimalArb, positiveStep, FastCheck.constantFrom(...directions), (v, step, dir) => {
        const r = Decimal.roundToStep(v, step, dir)
        assert.isTrue(Decimal.isMultipleOf(r, step))
        assert.isTrue(BigDecimal.equals(Decimal.roundToStep(r, step, dir), r))
        // never more than one step away
        assert.isTrue(BigDecimal.lessThan(BigDecimal.abs(BigDecimal.subtract(r, v)), step))
      })
    )
  })

  it("quantities round toward zero: never exceed the input in magnitude", () => {
    FastCheck.assert(FastCheck.property(decimalArb, positiveStep, (v, step) => {
      const r = Decimal.roundToStep(v, step, "toward-zero")
      assert.isTrue(BigDecimal.lessThanOrEqualTo(BigDecimal.abs(r), BigDecimal.abs(v)))
    }))
  })

  it("down never exceeds the input and up is never below it", () => {
    FastCheck.assert(FastCheck.property(decimalArb, positiveStep, (v, step) => {
      assert.isTrue(BigDecimal.lessThanOrEqualTo(Decimal.roundToStep(v, step, "down"), v))
      assert.isTrue(BigDecimal.greaterThanOrEqualTo(Decimal.roundToStep(v, step, "up"), v))
    }))
  })

  it("matches hand-worked cases", () => {
    const r = (v: string, s: string, d: Decimal.RoundingDirection) =>
      Decimal.format(Decimal.roundToStep(Decimal.unsafe(v), Decimal.unsafe(s), d))
    assert.strictEqual(r("0.123456", "0.001", "toward-zero"), "0.123")
    assert.strictEqual(r("-0.123456", "0.001", "toward-zero"), "-0.123")
    assert.strictEqual(r("-0.123456", "0.001", "down"), "-0.124")
    assert.strictEqual(r("101.27", "0.05", "nearest"), "101.25")
    assert.strictEqual(r("101.275", "0.05", "nearest"), "101.3")
    assert.strictEqual(r("37", "5", "up"), "40")
    assert.strictEqual(r("1.5", "1", "nearest"), "2")
    assert.strictEqual(r("-1.5", "1", "nearest"), "-2")
  })
})

describe("Decimal.jsonReplacer", () => {
  it("serialises every BigDecimal as its exact string, nested and in arrays", () => {
    const value = {
      last: Decimal.unsafe("60012.50"),
      bids: [[Decimal.unsafe("0.00000001"), Decimal.unsafe("1e3")]],
      symbol: "BTC/USDT",
      n: 1
    }
    assert.strictEqual(
      JSON.stringify(value, Decimal.jsonReplacer),
      "{\"last\":\"60012.5\",\"bids\":[[\"0.00000001\",\"1000\"]],\"symbol\":\"BTC/USDT\",\"n\":1}"
    )
    assert.include(JSON.stringify(value), "\"_id\":\"BigDecimal\"")
  })
})
