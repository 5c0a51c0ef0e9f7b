/**
 * Book messages read straight from the frame's text (DESIGN.md §12): the per-message hot path of
 * `LiveOrderBook` for venues whose book events are JSON objects with `[["price","size"],…]`
 * level arrays (Binance's `depthUpdate`, Bybit's `orderbook` data).
 *
 * `ObjectScanner` checks, without `JSON.parse` and without allocating, that a range of the text is
 * exactly one JSON object with known keys, each once, whose values are integers, plain strings, objects or
 * level arrays of unsigned decimal strings. It accepts only the plain, compact form venues send; for
 * anything else (whitespace, escapes, an unknown key, a number with a sign, a fraction or an
 * exponent…) it says no, and the caller decodes the frame the ordinary way, `JSON.parse` and the
 * venue's decoder, which is the reference. A `TextBookUpdate` keeps the text and where its levels
 * are; the ladder parses prices and sizes from there straight into integer ticks and lots, so a
 * level costs no string, no array and no number object.
 *
 * @since 0.1.0
 */
import * as Metric from "effect/Metric"
import * as Telemetry from "../kernel/Telemetry.js"
import { TextPayload } from "../kernel/TextPayload.js"
import type { BookUpdate, RawLevel } from "../model/OrderBook.js"
import { BookDecodeFailure } from "./BookWire.js"

const QUOTE = 34
const COMMA = 44
const DOT = 46
const ZERO = 48
const NINE = 57
const COLON = 58
const OPEN_BRACKET = 91
const BACKSLASH = 92
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125

/**
 * A book delta or snapshot whose levels are still in the frame's text: `[["price","size"],…]`
 * arrays at `bidsAt` and `asksAt`, already checked by `scanLevels`. `bids` and `asks` build the
 * exact strings on first read (for consumers of `watchBookUpdates`); the ladder never needs them.
 * They are own enumerable properties, so a spread copy (`{ ...update }`) has them too.
 * @since 0.1.0
 */
export class TextBookUpdate implements BookUpdate {
  declare readonly bids: ReadonlyArray<RawLevel>
  declare readonly asks: ReadonlyArray<RawLevel>
  /** @internal */
  bidsCache: ReadonlyArray<RawLevel> | undefined = undefined
  /** @internal */
  asksCache: ReadonlyArray<RawLevel> | undefined = undefined

  constructor(
    readonly kind: "snapshot" | "delta",
    readonly venueSymbol: string,
    /** The frame's text. */
    readonly text: string,
    /** Index of the `[` opening the bid levels. */
    readonly bidsAt: number,
    readonly bidCount: number,
    /** Index of the `[` opening the ask levels. */
    readonly asksAt: number,
    readonly askCount: number,
    readonly firstUpdateId: number | undefined,
    readonly lastUpdateId: number,
    readonly prevUpdateId: number | undefined,
    readonly exchangeTime: number | undefined,
    readonly receiveTime: number
  ) {
    Object.defineProperty(this, "bids", bidsProperty)
    Object.defineProperty(this, "asks", asksProperty)
  }

  /** The plain `BookUpdate` (for logs and `JSON.stringify`). */
  toJSON(): BookUpdate {
    return {
      kind: this.kind,
      venueSymbol: this.venueSymbol,
      bids: this.bids,
      asks: this.asks,
      firstUpdateId: this.firstUpdateId,
      lastUpdateId: this.lastUpdateId,
      prevUpdateId: this.prevUpdateId,
      exchangeTime: this.exchangeTime,
      receiveTime: this.receiveTime
    }
  }
}

// One pair of descriptors shared by every instance, so that they all keep one hidden class.
const bidsProperty: PropertyDescriptor = {
  get(this: TextBookUpdate) {
    return this.bidsCache ??= levelStrings(this.text, this.bidsAt, this.bidCount)
  },
  enumerable: true
}
const asksProperty: PropertyDescriptor = {
  get(this: TextBookUpdate) {
    return this.asksCache ??= levelStrings(this.text, this.asksAt, this.askCount)
  },
  enumerable: true
}

/**
 * The `[price, size]` strings of `count` checked levels starting at the `[` at `at`.
 * @since 0.1.0
 */
export const levelStrings = (text: string, at: number, count: number): ReadonlyArray<RawLevel> => {
  const out = new Array<RawLevel>(count)
  let i = at + 1
  for (let k = 0; k < count; k++) {
    const priceStart = i + 2
    const priceEnd = text.indexOf("\"", priceStart)
    const sizeStart = priceEnd + 3
    const sizeEnd = text.indexOf("\"", sizeStart)
    out[k] = [text.slice(priceStart, priceEnd), text.slice(sizeStart, sizeEnd)]
    i = sizeEnd + 3
  }
  return out
}

/** Index just past a decimal string's closing quote, or -1 when `text[i]` does not start `"\d+(\.\d+)?"`. */
const scanDecimal = (text: string, i: number, end: number): number => {
  if (i >= end || text.charCodeAt(i) !== QUOTE) return -1
  i++
  const digits = i
  let c = 0
  while (i < end && (c = text.charCodeAt(i)) >= ZERO && c <= NINE) i++
  if (i === digits || i >= end) return -1
  if (c === DOT) {
    i++
    const fraction = i
    while (i < end && (c = text.charCodeAt(i)) >= ZERO && c <= NINE) i++
    if (i === fraction || i >= end) return -1
  }
  return c === QUOTE ? i + 1 : -1
}

/** Number of levels read by the last successful `scanLevels`. */
let levelCount = 0

/**
 * Checks a `[["price","size"],…]` array (no whitespace) starting at `i`; returns the index just
 * past its `]` (the number of levels in `scannedLevelCount()`), or -1.
 * @since 0.1.0
 */
export const scanLevels = (text: string, i: number, end: number): number => {
  if (i >= end || text.charCodeAt(i) !== OPEN_BRACKET) return -1
  i++
  let count = 0
  if (i < end && text.charCodeAt(i) === CLOSE_BRACKET) {
    levelCount = 0
    return i + 1
  }
  while (true) {
    if (i >= end || text.charCodeAt(i) !== OPEN_BRACKET) return -1
    i = scanDecimal(text, i + 1, end)
    if (i < 0 || i >= end || text.charCodeAt(i) !== COMMA) return -1
    i = scanDecimal(text, i + 1, end)
    if (i < 0 || i >= end || text.charCodeAt(i) !== CLOSE_BRACKET) return -1
    count++
    i++
    if (i >= end) return -1
    const c = text.charCodeAt(i)
    if (c === CLOSE_BRACKET) {
      levelCount = count
      return i + 1
    }
    if (c !== COMMA) return -1
    i++
  }
}

/**
 * The number of levels of the last `scanLevels` that succeeded.
 * @since 0.1.0
 */
export const scannedLevelCount = (): number => levelCount

/**
 * What a field of a scanned object holds: a plain string, an integer, a level array, or an object
 * read by another scanner.
 * @since 0.1.0
 */
export type FieldKind = "string" | "integer" | "levels" | ObjectScanner

const KIND_STRING = 0
const KIND_INTEGER = 1
const KIND_LEVELS = 2
const KIND_OBJECT = 3

const KEY_LENGTH = 2 ** 48

/** A key of at most 6 characters below U+0100 as one number (exact: below 2^53); -1 otherwise. */
const keyCode = (text: string, start: number, end: number): number => {
  const n = end - start
  if (n < 1 || n > 6) return -1
  let code = 0
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c >= 256) return -1
    code = code * 256 + c
  }
  return code + n * KEY_LENGTH
}

/**
 * Checks that a range of text is one JSON object with the given keys (each at most once) and
 * records where each value is. One scanner per event shape; its results are valid until its next
 * `scan` (JS runs each call to completion, so the caller reads them right away).
 *
 * Values accepted: `"…"` without escapes or control characters (`string`), `0` or a positive
 * integer of at most 15 digits (`integer`, always a safe integer), `[["p","q"],…]` with unsigned
 * decimal strings (`levels`), and an object read by a nested scanner. No whitespace anywhere.
 * @since 0.1.0
 */
export class ObjectScanner {
  private readonly codes = new Map<number, number>()
  private readonly kinds: Array<number>
  private readonly nested: Array<ObjectScanner | undefined>
  /** Which fields the last scan saw, as bits. */
  seen = 0
  /** Per field: the integer, or the index of the string's first character, of the levels' `[` or of the object's `{`. */
  readonly values: Array<number>
  /** Per field: the index of the string's closing quote, the number of levels, or the index just past the object. */
  readonly extents: Array<number>

  constructor(fields: ReadonlyArray<readonly [key: string, kind: FieldKind]>) {
    if (fields.length > 30) throw new Error("ObjectScanner: at most 30 fields")
    this.kinds = fields.map(([, kind]) =>
      kind === "string"
        ? KIND_STRING
        : kind === "integer"
        ? KIND_INTEGER
        : kind === "levels"
        ? KIND_LEVELS
        : KIND_OBJECT
    )
    this.nested = fields.map(([, kind]) => kind instanceof ObjectScanner ? kind : undefined)
    fields.forEach(([key], index) => {
      const code = keyCode(key, 0, key.length)
      if (code < 0) throw new Error(`ObjectScanner: unsupported key ${key}`)
      this.codes.set(code, index)
    })
    this.values = fields.map(() => 0)
    this.extents = fields.map(() => 0)
  }

  /** Whether `text[start, end)` is exactly such an object; the fields seen are in `seen`. */
  scan(text: string, start: number, end: number): boolean {
    if (start >= end || text.charCodeAt(end - 1) !== CLOSE_BRACE) {
      this.seen = 0
      return false
    }
    return this.scanFrom(text, start, end) === end
  }

  /** Reads such an object starting at `start`; the index just past its `}`, or -1. */
  scanFrom(text: string, start: number, end: number): number {
    this.seen = 0
    if (start >= end || text.charCodeAt(start) !== OPEN_BRACE) return -1
    let i = start + 1
    if (i < end && text.charCodeAt(i) === CLOSE_BRACE) return i + 1
    while (true) {
      if (text.charCodeAt(i) !== QUOTE) return -1
      const keyStart = i + 1
      const keyEnd = text.indexOf("\"", keyStart)
      if (keyEnd < 0 || keyEnd >= end) return -1
      const field = this.codes.get(keyCode(text, keyStart, keyEnd))
      if (field === undefined) return -1
      const bit = 1 << field
      if ((this.seen & bit) !== 0) return -1
      this.seen |= bit
      i = keyEnd + 1
      if (text.charCodeAt(i) !== COLON) return -1
      i++
      const kind = this.kinds[field]!
      if (kind === KIND_INTEGER) {
        const digits = i
        let v = 0
        let c = 0
        while (i < end && (c = text.charCodeAt(i)) >= ZERO && c <= NINE) {
          v = v * 10 + (c - ZERO)
          i++
        }
        const n = i - digits
        if (n === 0 || n > 15 || (n > 1 && text.charCodeAt(digits) === ZERO)) return -1
        this.values[field] = v
      } else if (kind === KIND_STRING) {
        if (text.charCodeAt(i) !== QUOTE) return -1
        const valueStart = i + 1
        let j = valueStart
        let c = 0
        while (j < end && (c = text.charCodeAt(j)) !== QUOTE) {
          if (c === BACKSLASH || c < 32) return -1
          j++
        }
        if (j >= end) return -1
        this.values[field] = valueStart
        this.extents[field] = j
        i = j + 1
      } else if (kind === KIND_LEVELS) {
        const after = scanLevels(text, i, end)
        if (after < 0) return -1
        this.values[field] = i
        this.extents[field] = levelCount
        i = after
      } else {
        const after = this.nested[field]!.scanFrom(text, i, end)
        if (after < 0) return -1
        this.values[field] = i
        this.extents[field] = after
        i = after
      }
      if (i >= end) return -1
      const c = text.charCodeAt(i)
      if (c === CLOSE_BRACE) return i + 1
      if (c !== COMMA) return -1
      i++
    }
  }

  /** Whether the last scan saw field `index`. */
  has(index: number): boolean {
    return (this.seen & (1 << index)) !== 0
  }

  /** Whether string field `index` of the last scan equals `expected`. */
  stringEquals(text: string, index: number, expected: string): boolean {
    const start = this.values[index]!
    return this.extents[index]! - start === expected.length && text.startsWith(expected, start)
  }

  /** String field `index` of the last scan. */
  string(text: string, index: number): string {
    return text.slice(this.values[index]!, this.extents[index]!)
  }
}

/** Index just past the last parsed amount (`parseUnitsAt`). */
let amountEnd = 0

/**
 * Reads the checked decimal string whose first digit is at `i` (it ends at a `"`) as an integer
 * number of `10^-decimals` units, like `BookScale.parseUnits`: -1 when it has a non-zero digit past
 * `decimals` or is not below 2^53. The index of the closing quote is in `parsedAmountEnd()`.
 * @since 0.1.0
 */
export const parseUnitsAt = (text: string, i: number, decimals: number): number => {
  let v = 0
  let c = text.charCodeAt(i)
  while (c !== DOT && c !== QUOTE) {
    v = v * 10 + (c - ZERO)
    c = text.charCodeAt(++i)
  }
  let frac = 0
  let bad = false
  if (c === DOT) {
    c = text.charCodeAt(++i)
    while (c !== QUOTE) {
      if (frac < decimals) {
        v = v * 10 + (c - ZERO)
        frac++
      } else if (c !== ZERO) {
        bad = true
      }
      c = text.charCodeAt(++i)
    }
  }
  amountEnd = i
  if (bad) return -1
  if (frac < decimals) v = v * POW10[decimals - frac]!
  return v <= Number.MAX_SAFE_INTEGER ? v : -1
}

/**
 * The index of the closing quote of the last `parseUnitsAt`.
 * @since 0.1.0
 */
export const parsedAmountEnd = (): number => amountEnd

const POW10: ReadonlyArray<number> = Array.from({ length: 16 }, (_, i) => 10 ** i)

/**
 * A book-channel decoder for a stream whose payloads may arrive as text (`TextPayload`): `scan`
 * reads the plain, compact form straight from the text; whatever it declines is `JSON.parse`d and
 * given to `decode`, the reference decoder (and counted in `book_frames_parsed_total`), as are
 * payloads that arrive parsed.
 * @since 0.1.0
 */
export const textOrParsed = (
  venue: string,
  scan: (text: string, start: number, end: number, receiveTime: number) => BookUpdate | undefined,
  decode: (json: unknown, receiveTime: number) => BookUpdate | BookDecodeFailure
) => {
  const parsedFrames = Metric.tagged(Telemetry.bookFramesParsedTotal, "exchange", venue)
  return (payload: unknown, receiveTime: number): BookUpdate | BookDecodeFailure => {
    if (!(payload instanceof TextPayload)) return decode(payload, receiveTime)
    const fast = scan(payload.text, payload.start, payload.end, receiveTime)
    if (fast !== undefined) return fast
    parsedFrames.unsafeUpdate(1, [])
    const parsed = payload.parse()
    return parsed === undefined
      ? new BookDecodeFailure("", "malformed JSON")
      : decode(parsed.value, receiveTime)
  }
}
