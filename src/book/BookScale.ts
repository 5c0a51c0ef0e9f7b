/**
 * The integer scale an order book is kept in (DESIGN.md §5, §12): prices in integer ticks, sizes
 * in integer units of the lot step's last decimal, both plain JS numbers and therefore exact below
 * 2^53. A scale is made per market, and making it fails when the market's range cannot be held
 * exactly.
 *
 * Decimal strings from the wire are read straight into these integers by a character loop
 * (`parsePriceTicks`, `parseSizeLots`): no `parseFloat`, no intermediate decimal object. Conversion
 * back to an exact `BigDecimal` happens only at the API edge (`ticksToDecimal`, `lotsToDecimal`).
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Data from "effect/Data"
import * as Either from "effect/Either"
import * as Decimal from "../model/Decimal.js"
import type { Market } from "../model/Market.js"

/**
 * The market's tick size, lot step or range cannot be held exactly in integer ticks/lots below
 * 2^53. Raised when a book is created, never later.
 * @since 0.1.0
 */
export class UnrepresentableMarket extends Data.TaggedError("UnrepresentableMarket")<{
  readonly venue: string
  readonly symbol: string
  readonly reason: string
}> {
  override get message() {
    return `[${this.venue}] the order book of ${this.symbol} cannot be kept exactly: ${this.reason}`
  }
}

/**
 * How one market's prices and sizes map to integers.
 *
 * - a price of `p` is `p / tickSize` ticks, and must be a whole number of ticks;
 * - a size of `s` is `s × 10^sizeDecimals` lots, where `sizeDecimals` is the number of decimals of
 *   the lot step (so one "lot" is the lot step whenever the step is a power of ten, as on every
 *   supported venue). Sizes are not required to be multiples of a non-decimal lot step, because
 *   venues aggregate orders placed under older steps into one level.
 * @since 0.1.0
 */
export interface BookScale {
  readonly venue: string
  readonly symbol: string
  readonly tickSize: Decimal.Decimal
  readonly lotStep: Decimal.Decimal
  /** Digits after the point of the tick size. */
  readonly priceDecimals: number
  /** The tick size in units of `10^-priceDecimals` (1 when the tick is a power of ten). */
  readonly tickUnits: number
  /** Digits after the point of the lot step. */
  readonly sizeDecimals: number
  /** `tickUnits` as a bigint, for conversions at the edge. */
  readonly tickUnitsBig: bigint
}

/**
 * Largest number of decimals a scale accepts: with more, even a price of 9 would not fit 2^53.
 * @since 0.1.0
 */
export const maxDecimals = 15

const POW10: ReadonlyArray<number> = Array.from({ length: maxDecimals + 1 }, (_, i) => 10 ** i)

const unitsOf = (value: Decimal.Decimal, decimals: number): bigint => BigDecimal.scale(value, decimals).value

/**
 * Builds the scale of a market. Fails when the tick size or lot step has more than `maxDecimals`
 * decimals, when the tick is not a safe integer number of units, or when the market's largest
 * quantity (`maxQuantity`) or the caller's `maxPrice` would not fit below 2^53.
 * @since 0.1.0
 */
export const make = (
  market: Pick<Market, "venue" | "symbol" | "tickSize" | "lotStep" | "maxQuantity">,
  options?: { readonly maxPrice?: Decimal.Decimal | undefined }
): Either.Either<BookScale, UnrepresentableMarket> => {
  const fail = (reason: string) =>
    Either.left(new UnrepresentableMarket({ venue: market.venue, symbol: market.symbol, reason }))
  if (!BigDecimal.isPositive(market.tickSize)) return fail("the tick size is not positive")
  if (!BigDecimal.isPositive(market.lotStep)) return fail("the lot step is not positive")
  const priceDecimals = Decimal.decimalPlaces(market.tickSize)
  const sizeDecimals = Decimal.decimalPlaces(market.lotStep)
  if (priceDecimals > maxDecimals) return fail(`the tick size has ${priceDecimals} decimals (at most ${maxDecimals})`)
  if (sizeDecimals > maxDecimals) return fail(`the lot step has ${sizeDecimals} decimals (at most ${maxDecimals})`)
  const tickUnitsBig = unitsOf(market.tickSize, priceDecimals)
  const max = BigInt(Number.MAX_SAFE_INTEGER)
  if (tickUnitsBig > max) return fail(`the tick size ${Decimal.format(market.tickSize)} is too large`)
  if (market.maxQuantity !== undefined && unitsOf(market.maxQuantity, sizeDecimals) > max) {
    return fail(`the largest quantity ${Decimal.format(market.maxQuantity)} exceeds 2^53 lots`)
  }
  if (options?.maxPrice !== undefined && unitsOf(options.maxPrice, priceDecimals) > max) {
    return fail(`the largest price ${Decimal.format(options.maxPrice)} exceeds 2^53 ticks`)
  }
  return Either.right({
    venue: market.venue,
    symbol: market.symbol,
    tickSize: market.tickSize,
    lotStep: market.lotStep,
    priceDecimals,
    tickUnits: unitsFromBigInt(tickUnitsBig),
    sizeDecimals,
    tickUnitsBig
  })
}

// A safe integer (checked by the caller), read through the character loop like every other amount.
const unitsFromBigInt = (n: bigint): number => parseUnits(n.toString(), 0)

/**
 * Reads an unsigned decimal string (`"123"`, `"0.35130000"`, `".5"`) as an integer number of
 * `10^-decimals` units. Returns `-1` when the string is not an unsigned decimal (empty, a sign, an
 * exponent, any other character, `"1."`), when it has a non-zero digit past `decimals`, or when the
 * result is not below 2^53. Trailing zeros past `decimals` are accepted.
 * @since 0.1.0
 */
export const parseUnits = (s: string, decimals: number): number => {
  const n = s.length
  let v = 0
  let i = 0
  let digits = 0
  for (; i < n; i++) {
    const c = s.charCodeAt(i) - 48
    if (c >= 0 && c <= 9) {
      v = v * 10 + c
      digits++
    } else if (c === -2) {
      break
    } else {
      return -1
    }
  }
  let frac = 0
  if (i < n) {
    i++
    if (i === n) return -1
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48
      if (c < 0 || c > 9) return -1
      if (frac < decimals) {
        v = v * 10 + c
        frac++
      } else if (c !== 0) {
        return -1
      }
      digits++
    }
  }
  if (digits === 0) return -1
  if (frac < decimals) v = v * POW10[decimals - frac]!
  return v <= Number.MAX_SAFE_INTEGER ? v : -1
}

/**
 * Reads a price string as integer ticks, or `-1` when it is not an unsigned decimal, is off the
 * tick grid, or is out of range.
 * @since 0.1.0
 */
export const parsePriceTicks = (scale: BookScale, s: string): number => {
  const units = parseUnits(s, scale.priceDecimals)
  if (units < 0 || scale.tickUnits === 1) return units
  return units % scale.tickUnits === 0 ? units / scale.tickUnits : -1
}

/**
 * Reads a size string as integer lots, or `-1` when it is not an unsigned decimal, has a non-zero
 * digit past the lot step's decimals, or is out of range.
 * @since 0.1.0
 */
export const parseSizeLots = (scale: BookScale, s: string): number => parseUnits(s, scale.sizeDecimals)

/**
 * Says why `parsePriceTicks` rejected a string (slow path, for error messages only).
 * @since 0.1.0
 */
export const explainPrice = (scale: BookScale, s: string): string => explain(s, scale.priceDecimals, scale.tickUnits)

/**
 * Says why `parseSizeLots` rejected a string (slow path, for error messages only).
 * @since 0.1.0
 */
export const explainSize = (scale: BookScale, s: string): string => explain(s, scale.sizeDecimals, 1)

const explain = (s: string, decimals: number, tickUnits: number): string => {
  const shown = JSON.stringify(s.length > 40 ? s.slice(0, 40) + "…" : s)
  if (s.startsWith("-")) return `${shown} is negative`
  if (!/^(\d+(\.\d+)?|\.\d+)$/.test(s)) return `${shown} is not an unsigned decimal number`
  const fraction = s.split(".")[1] ?? ""
  if (/[1-9]/.test(fraction.slice(decimals))) return `${shown} has more than ${decimals} decimals`
  if (parseUnits(s, decimals) < 0) return `${shown} is out of the exact range (2^53)`
  if (tickUnits !== 1) return `${shown} is not on the tick grid`
  return `${shown} is invalid`
}

/**
 * Converts integer ticks back to an exact price.
 * @since 0.1.0
 */
export const ticksToDecimal = (scale: BookScale, ticks: number): Decimal.Decimal =>
  BigDecimal.make(BigInt(ticks) * scale.tickUnitsBig, scale.priceDecimals)

/**
 * Converts integer lots back to an exact size.
 * @since 0.1.0
 */
export const lotsToDecimal = (scale: BookScale, lots: number): Decimal.Decimal =>
  BigDecimal.make(BigInt(lots), scale.sizeDecimals)

/**
 * Converts an exact price (e.g. from a REST snapshot) to ticks, or `-1` when it is negative, off
 * the grid or out of range. Off the hot path.
 * @since 0.1.0
 */
export const decimalToTicks = (scale: BookScale, price: Decimal.Decimal): number =>
  BigDecimal.isNegative(price) ? -1 : parsePriceTicks(scale, Decimal.format(price))

/**
 * Converts an exact size to lots, or `-1` when it is negative, too precise or out of range.
 * @since 0.1.0
 */
export const decimalToLots = (scale: BookScale, size: Decimal.Decimal): number =>
  BigDecimal.isNegative(size) ? -1 : parseSizeLots(scale, Decimal.format(size))
