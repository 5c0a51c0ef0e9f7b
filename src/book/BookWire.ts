/**
 * Helpers shared by the venues' hand-written book-channel decoders (the per-message hot path,
 * DESIGN.md §12): a cheap failure value and the wire grammar of prices and sizes.
 *
 * @since 0.1.0
 */
import type { BookUpdate } from "../model/OrderBook.js"

/**
 * Why a book message could not be decoded: the path of the offending field and what is wrong.
 * Cheap to make (no stack trace, no Effect); map it to `DecodeError` at the connector.
 * @since 0.1.0
 */
export class BookDecodeFailure {
  readonly _tag = "BookDecodeFailure"
  constructor(
    /** Path of the offending field, e.g. `b[3][1]`, or `""` for the message itself. */
    readonly path: string,
    readonly detail: string
  ) {}
  get message(): string {
    return `invalid book message${this.path === "" ? "" : ` at ${this.path}`}: ${this.detail}`
  }
}

/**
 * Whether a decoder returned a failure.
 * @since 0.1.0
 */
export const isBookDecodeFailure = (u: BookUpdate | BookDecodeFailure): u is BookDecodeFailure =>
  u instanceof BookDecodeFailure

/**
 * Whether `s` is an unsigned decimal as venues write prices and sizes: digits, optionally a point
 * and more digits (`"0.0024"`, `"10"`); no sign, no exponent, no leading point. The same grammar as
 * the pattern `^\d+(\.\d+)?$`.
 * @since 0.1.0
 */
export const isDecimalString = (s: string): boolean => {
  const n = s.length
  let i = 0
  while (i < n) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) break
    i++
  }
  if (i === 0) return false
  if (i === n) return true
  if (s.charCodeAt(i) !== 46 || i === n - 1) return false
  for (i++; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/**
 * The Schema pattern of `isDecimalString`.
 * @since 0.1.0
 */
export const decimalStringPattern = /^\d+(\.\d+)?$/

/**
 * Checks a parsed level array, `[[price, size]…]` with both as decimal strings (`isDecimalString`):
 * `undefined` when it is one (it is then a `ReadonlyArray<RawLevel>`), else the failure at
 * `path[i]`, `path[i][0]` or `path[i][1]`. With `more`, a level may carry more entries after the
 * size (OKX's `[px, sz, "0", numOrders]`).
 * @since 0.1.0
 */
export const checkLevels = (value: unknown, path: string, more = false): BookDecodeFailure | undefined => {
  if (!Array.isArray(value)) return new BookDecodeFailure(path, "expected an array of [price, size]")
  for (let i = 0; i < value.length; i++) {
    const level: unknown = value[i]
    if (!Array.isArray(level) || (more ? level.length < 2 : level.length !== 2)) {
      return new BookDecodeFailure(`${path}[${i}]`, "expected a [price, size] pair")
    }
    const price: unknown = level[0]
    const size: unknown = level[1]
    if (typeof price !== "string" || !isDecimalString(price)) {
      return new BookDecodeFailure(`${path}[${i}][0]`, "expected a decimal string")
    }
    if (typeof size !== "string" || !isDecimalString(size)) {
      return new BookDecodeFailure(`${path}[${i}][1]`, "expected a decimal string")
    }
  }
  return undefined
}
