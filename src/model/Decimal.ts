/**
 * Exact decimals for money (DESIGN.md §5): effect's `BigDecimal`, parsed strictly from the wire
 * string and formatted back without exponents or float artefacts.
 *
 * `BigDecimal.fromString` is not strict enough for money (it reads `""` as zero) and
 * `BigDecimal.format` switches to exponent notation at 16 decimals; this module is the one place the
 * library turns strings into decimals and back.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/** @since 0.1.0 */
export type Decimal = BigDecimal.BigDecimal

const DECIMAL = /^([+-]?)(\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

/**
 * Parses a decimal string (`"0.35130000"`, `"-12"`, `"1e-8"`). Anything else — empty, blank,
 * `NaN`, `Infinity`, `"1,5"`, `"0x10"`, `" 1"` — is a `Left` with a reason. Never zero by default.
 * @since 0.1.0
 */
export const parse = (input: string): Either.Either<Decimal, string> => {
  const m = DECIMAL.exec(input)
  if (m === null || (m[2] === undefined && m[3] === undefined)) {
    return Either.left(`"${input.length > 40 ? input.slice(0, 40) + "…" : input}" is not a decimal number`)
  }
  const sign = m[1] === "-" ? -1n : 1n
  const whole = m[2] ?? ""
  const fraction = m[3] ?? ""
  const exponent = m[4] === undefined ? 0 : parseExponent(m[4])
  if (exponent === undefined) return Either.left(`"${input}" has an exponent out of range`)
  const digits = BigInt(whole + fraction)
  return Either.right(BigDecimal.make(sign * digits, fraction.length - exponent))
}

const parseExponent = (text: string): number | undefined => {
  // eslint-disable-next-line no-restricted-syntax -- an exponent is a small integer, not money
  const n = Number(text) // lotusx-allow-number: an exponent, not money
  return Number.isSafeInteger(n) && Math.abs(n) <= 1000 ? n : undefined
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/

/**
 * Parses a decimal written the way venues document their numbers: digits with an optional
 * fraction (`"0.35130000"`, `"64000"`) and, only when `signed`, an optional leading `-`. No
 * exponent (`"1e-8"`, `"1e400"`), no `+`, no bare `"."`, no leading or trailing point: a venue never
 * sends those, so a payload that has them is not to be trusted.
 * @since 0.1.0
 */
export const parsePlain = (input: string, options: { readonly signed: boolean }): Either.Either<Decimal, string> => {
  const fast = parsePlainFast(input, options.signed)
  if (fast !== undefined) return Either.right(fast)
  const m = PLAIN.exec(input)
  if (m === null || (m[1] === "-" && !options.signed)) {
    const shown = `"${input.length > 40 ? input.slice(0, 40) + "…" : input}"`
    if (m !== null) return Either.left(`${shown} is negative; expected an unsigned decimal number`)
    if (DECIMAL.test(input) && /[eE]/.test(input)) {
      return Either.left(`${shown} is not a plain decimal number (an exponent is not accepted)`)
    }
    if (DECIMAL.test(input) && input.startsWith("+")) {
      return Either.left(`${shown} is not a plain decimal number (a sign "+" is not accepted)`)
    }
    return Either.left(`${shown} is not a decimal number`)
  }
  const fraction = m[3] ?? ""
  const digits = BigInt(m[2]! + fraction)
  return Either.right(BigDecimal.make(m[1] === "-" ? -digits : digits, fraction.length))
}

/**
 * `parsePlain` without the reason: the decimal, or `undefined` for anything `parsePlain` refuses.
 * One pass over the characters (the hot path of every decoded price and size).
 * @since 0.1.0
 */
export const parsePlainFast = (input: string, signed: boolean): Decimal | undefined => {
  const n = input.length
  let i = 0
  if (n > 0 && input.charCodeAt(0) === 45) {
    if (!signed) return undefined
    i = 1
  }
  const wholeStart = i
  while (i < n && isDigit(input.charCodeAt(i))) i++
  if (i === wholeStart) return undefined
  if (i === n) return BigDecimal.make(BigInt(input), 0)
  if (input.charCodeAt(i) !== 46) return undefined
  const point = i
  i++
  while (i < n && isDigit(input.charCodeAt(i))) i++
  if (i === point + 1 || i !== n) return undefined
  return BigDecimal.make(BigInt(input.slice(0, point) + input.slice(point + 1)), n - point - 1)
}

const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Parses a decimal string, or returns `undefined`.
 * @since 0.1.0
 */
export const parseOrUndefined = (input: string): Decimal | undefined => {
  const r = parse(input)
  return Either.isRight(r) ? r.right : undefined
}

/**
 * Formats a decimal as a plain string: no exponent, no trailing zeros, `-` only when negative.
 * `format(parse(s))` denotes the same number as `s`.
 * @since 0.1.0
 */
export const format = (value: Decimal): string => {
  const n = BigDecimal.normalize(value)
  const negative = n.value < 0n
  const digits = (negative ? -n.value : n.value).toString()
  let out: string
  if (n.scale <= 0) {
    out = digits === "0" ? "0" : digits + "0".repeat(-n.scale)
  } else if (n.scale >= digits.length) {
    out = "0." + "0".repeat(n.scale - digits.length) + digits
  } else {
    out = digits.slice(0, digits.length - n.scale) + "." + digits.slice(digits.length - n.scale)
  }
  return negative && out !== "0" ? "-" + out : out
}

/**
 * Formats with exactly `decimals` digits after the point (rounding toward zero if the value has
 * more). For wire formats that want a fixed precision.
 * @since 0.1.0
 */
export const formatFixed = (value: Decimal, decimals: number): string => {
  const scaled = BigDecimal.scale(value, decimals)
  const negative = scaled.value < 0n
  const digits = (negative ? -scaled.value : scaled.value).toString().padStart(decimals + 1, "0")
  const out = decimals === 0
    ? digits
    : digits.slice(0, digits.length - decimals) + "." + digits.slice(digits.length - decimals)
  return negative && scaled.value !== 0n ? "-" + out : out
}

/**
 * Number of digits after the decimal point that `value` needs (`0.0100` → 2).
 * @since 0.1.0
 */
export const decimalPlaces = (value: Decimal): number => Math.max(0, BigDecimal.normalize(value).scale)

/** @since 0.1.0 */
export const zero: Decimal = BigDecimal.make(0n, 0)

/** @since 0.1.0 */
export const fromBigInt = (n: bigint): Decimal => BigDecimal.fromBigInt(n)

const hundred = BigDecimal.fromBigInt(100n)

/**
 * A fraction as a percentage (`0.0123` → `1.23`), exactly.
 * @since 0.1.0
 */
export const percentOf = (fraction: Decimal): Decimal => BigDecimal.normalize(BigDecimal.multiply(fraction, hundred))

/**
 * Builds a decimal from a literal written in code. Only for constants the author controls.
 * @since 0.1.0
 */
export const unsafe = (literal: string): Decimal => {
  const r = parse(literal)
  if (Either.isLeft(r)) throw new Error(r.left)
  return r.right
}

/**
 * Rounding directions. Quantities round `toward-zero` (never more than asked); a buy price rounds
 * `down`, a sell price `up` when the caller wants a passive price.
 * @since 0.1.0
 */
export type RoundingDirection = "down" | "up" | "toward-zero" | "away-from-zero" | "nearest"

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q
}

/**
 * Rounds `value` to a multiple of `step` (a tick size or lot step) in the given direction. The
 * result is always an exact multiple of `step`. `nearest` rounds half away from zero.
 * A zero or negative step returns `value` unchanged.
 * @since 0.1.0
 */
export const roundToStep = (value: Decimal, step: Decimal, direction: RoundingDirection): Decimal => {
  if (step.value <= 0n) return value
  const scale = Math.max(value.scale, step.scale, 0)
  const v = BigDecimal.scale(value, scale).value
  const s = BigDecimal.scale(step, scale).value
  const down = floorDiv(v, s)
  const exact = down * s === v
  let k: bigint
  if (exact) {
    k = down
  } else {
    switch (direction) {
      case "down":
        k = down
        break
      case "up":
        k = down + 1n
        break
      case "toward-zero":
        k = v < 0n ? down + 1n : down
        break
      case "away-from-zero":
        k = v < 0n ? down : down + 1n
        break
      case "nearest": {
        const remainder2 = (v - down * s) * 2n
        k = remainder2 > s || (remainder2 === s && v >= 0n) ? down + 1n : down
        break
      }
    }
  }
  return BigDecimal.normalize(BigDecimal.make(k * s, scale))
}

/**
 * Whether `value` is an exact multiple of `step`.
 * @since 0.1.0
 */
export const isMultipleOf = (value: Decimal, step: Decimal): boolean => {
  if (step.value <= 0n) return true
  const scale = Math.max(value.scale, step.scale, 0)
  return scaledTo(value, scale) % scaledTo(step, scale) === 0n
}

/** 10^n as a bigint, the common ones made once. */
const powers: Array<bigint> = Array.from({ length: 40 }, (_, n) => 10n ** BigInt(n))
const pow10 = (n: number): bigint => powers[n] ?? 10n ** BigInt(n)

/** The unscaled value of `d` at a scale at least its own (`d.value × 10^(scale − d.scale)`). */
const scaledTo = (d: Decimal, scale: number): bigint => scale === d.scale ? d.value : d.value * pow10(scale - d.scale)

/**
 * Compares two decimals exactly: -1, 0 or 1 (what `BigDecimal.Order` says, without making the
 * rescaled `BigDecimal`s it compares through).
 * @since 0.1.0
 */
export const compare = (a: Decimal, b: Decimal): -1 | 0 | 1 => {
  const scale = Math.max(a.scale, b.scale)
  const x = scaledTo(a, scale)
  const y = scaledTo(b, scale)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Number of significant figures of `value` (`0.012300` → 3, `1200` → 2, `0` → 0).
 * @since 0.1.0
 */
export const significantFigures = (value: Decimal): number => {
  const n = BigDecimal.normalize(value)
  return n.value === 0n ? 0 : (n.value < 0n ? -n.value : n.value).toString().length
}

const plainSchema = (signed: boolean): Schema.Schema<Decimal, string> =>
  Schema.transformOrFail(
    Schema.String,
    Schema.BigDecimalFromSelf,
    {
      strict: true,
      decode: (s, _, ast) => Either.mapLeft(parsePlain(s, { signed }), (msg) => new ParseResult.Type(ast, s, msg)),
      encode: (d) => ParseResult.succeed(format(d))
    }
  )

/**
 * A decimal decoded from its wire string and encoded back to a plain string: digits, an optional
 * fraction and an optional `-` (`parsePlain`). Decoding rejects anything that is not such a number
 * — exponents included; it never yields zero for bad input. For fields a venue documents as signed
 * (PnL, funding rates, price changes); prices and sizes use `UnsignedDecimal`.
 * @since 0.1.0
 */
export const Decimal: Schema.Schema<Decimal, string> = plainSchema(true).annotations({
  identifier: "Decimal",
  description: "an exact decimal number written as a string"
})

/**
 * A decimal written without any sign (prices, sizes, volumes, tick sizes): `"-5"` and `"-0"` are
 * decode errors, as are exponents.
 * @since 0.1.0
 */
export const UnsignedDecimal: Schema.Schema<Decimal, string> = plainSchema(false).annotations({
  identifier: "UnsignedDecimal",
  description: "an exact decimal number without a sign, written as a string"
})

/**
 * A decimal that is strictly positive (a price, a tick size), written without a sign.
 * @since 0.1.0
 */
export const PositiveDecimal = UnsignedDecimal.pipe(
  Schema.filter((d) => BigDecimal.isPositive(d) || "expected a positive number")
).annotations({ identifier: "PositiveDecimal" })

/**
 * A decimal that is zero or more (a size, a balance), written without a sign.
 * @since 0.1.0
 */
export const NonNegativeDecimal = UnsignedDecimal.annotations({ identifier: "NonNegativeDecimal" })

/**
 * A wire value some venues write as `""` when there is none (Bybit, OKX): `""` decodes to
 * `undefined` (and encodes back to `""`), anything else through `schema`. Never zero.
 * @since 0.1.0
 */
export const emptyAsUndefined = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.Union(
    Schema.Literal("").pipe(
      Schema.transform(Schema.Undefined, { strict: true, decode: () => undefined, encode: () => "" as const })
    ),
    schema
  )

/**
 * An optional signed decimal: `""` decodes to `undefined`.
 * @since 0.1.0
 */
export const MaybeDecimal = emptyAsUndefined(Decimal)

/**
 * An optional unsigned decimal (a price, a size): `""` decodes to `undefined`; a sign is refused.
 * @since 0.1.0
 */
export const MaybeUnsignedDecimal = emptyAsUndefined(UnsignedDecimal)

/**
 * A decimal the venue may send as a JSON string or as a JSON number. A JSON number is only
 * accepted when it is an exactly representable integer; fractional JSON numbers are rejected.
 * @since 0.1.0
 */
export const DecimalFromStringOrInteger: Schema.Schema<Decimal, string | number> = Schema.Union(
  Decimal,
  Schema.transformOrFail(Schema.Number, Schema.BigDecimalFromSelf, {
    strict: true,
    decode: (n, _, ast) =>
      Number.isSafeInteger(n)
        ? ParseResult.succeed(BigDecimal.fromBigInt(BigInt(n)))
        : ParseResult.fail(new ParseResult.Type(ast, n, `${n} is not an exact integer; expected a decimal string`)),
    encode: (d, _, ast) =>
      BigDecimal.isInteger(d)
        ? ParseResult.succeed(BigDecimal.unsafeToNumber(d)) // lotusx-allow-number: encodes a safe integer back
        : ParseResult.fail(new ParseResult.Type(ast, d, "not an integer"))
  })
)

/**
 * A `JSON.stringify` replacer that writes every `BigDecimal` as its exact decimal string:
 * `JSON.stringify(ticker, Decimal.jsonReplacer)` gives `"last":"60012.5"` where plain
 * `JSON.stringify` gives `"last":{"_id":"BigDecimal","value":"600125","scale":1}`.
 * @since 0.1.0
 */
export const jsonReplacer = function(this: unknown, key: string, value: unknown): unknown {
  const original = typeof this === "object" && this !== null ? (this as Record<string, unknown>)[key] : undefined
  return BigDecimal.isBigDecimal(original) ? format(original) : value
}
