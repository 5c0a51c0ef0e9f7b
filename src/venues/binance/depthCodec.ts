/**
 * Decoder for Binance `depthUpdate` events (Diff. Depth Stream), Spot and USDⓈ-M, on the
 * per-message hot path.
 *
 * - Spot: https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#diff-depth-stream
 *   `{ e: "depthUpdate", E, s, U, u, b: [[price, qty]…], a: [[price, qty]…] }`
 * - USDⓈ-M: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
 *   adds `T` (transaction time) and `pu` (the previous event's `u`).
 *
 * `decodeDepthUpdate` is hand-written (DESIGN.md §12: Schema decoding costs 2.7× `JSON.parse` on
 * this path) and property-tested to accept exactly what `DepthUpdateEvent` (the Schema of the same
 * wire shape) accepts, with the same result. It neither throws nor runs an Effect.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ObjectScanner, TextBookUpdate, textOrParsed } from "../../book/BookText.js"
import { BookDecodeFailure, checkLevels, decimalStringPattern, isBookDecodeFailure } from "../../book/BookWire.js"
import type { BookUpdate, RawLevel } from "../../model/OrderBook.js"
import { type Product, spot } from "./convert.js"

/**
 * Why an event is not a valid `depthUpdate` (the book decoders' shared failure value): `path` of
 * the offending field (`b[3][1]`, or `""` for the event) and `detail`.
 * @since 0.1.0
 */
export const DepthDecodeFailure = BookDecodeFailure
/** @since 0.1.0 */
export type DepthDecodeFailure = BookDecodeFailure

/**
 * Whether `decodeDepthUpdate` failed.
 * @since 0.1.0
 */
export const isDepthDecodeFailure: (u: BookUpdate | DepthDecodeFailure) => u is DepthDecodeFailure = isBookDecodeFailure

const optionalInteger = (value: unknown): boolean => value === undefined || Number.isSafeInteger(value)

/**
 * Decodes one `depthUpdate` event — the already `JSON.parse`d `data` of a combined-stream frame, or
 * a raw-stream frame — into a `BookUpdate` (`kind: "delta"`, `firstUpdateId` = `U`,
 * `lastUpdateId` = `u`, `prevUpdateId` = `pu`, `exchangeTime` = `E`), keeping prices and
 * quantities as the exact strings Binance sent. Returns a `DepthDecodeFailure` for anything else.
 * @since 0.1.0
 */
export const decodeDepthUpdate = (json: unknown, receiveTime: number): BookUpdate | DepthDecodeFailure => {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return new BookDecodeFailure("", "expected an object")
  }
  const o = json as Record<string, unknown>
  if (o.e !== "depthUpdate") return new BookDecodeFailure("e", `expected "depthUpdate"`)
  const s = o.s
  if (typeof s !== "string") return new BookDecodeFailure("s", "expected a string")
  const U = o.U
  if (!Number.isSafeInteger(U)) return new BookDecodeFailure("U", "expected an integer")
  const u = o.u
  if (!Number.isSafeInteger(u)) return new BookDecodeFailure("u", "expected an integer")
  const pu = o.pu
  if (!optionalInteger(pu)) return new BookDecodeFailure("pu", "expected an integer")
  const E = o.E
  if (!optionalInteger(E)) return new BookDecodeFailure("E", "expected an integer")
  if (!optionalInteger(o.T)) return new BookDecodeFailure("T", "expected an integer")
  const b = o.b
  const badBids = checkLevels(b, "b")
  if (badBids !== undefined) return badBids
  const a = o.a
  const badAsks = checkLevels(a, "a")
  if (badAsks !== undefined) return badAsks
  return {
    kind: "delta",
    venueSymbol: s,
    bids: b as ReadonlyArray<RawLevel>,
    asks: a as ReadonlyArray<RawLevel>,
    firstUpdateId: U as number,
    lastUpdateId: u as number,
    prevUpdateId: pu as number | undefined,
    exchangeTime: E as number | undefined,
    receiveTime
  }
}

const scanner = new ObjectScanner([
  ["e", "string"],
  ["E", "integer"],
  ["T", "integer"],
  ["s", "string"],
  ["U", "integer"],
  ["u", "integer"],
  ["pu", "integer"],
  ["b", "levels"],
  ["a", "levels"]
])
// field indexes in the scanner (`T` is checked but not used)
const [e, E, T, s, U, u, pu, b, a] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const
const REQUIRED = (1 << e) | (1 << s) | (1 << U) | (1 << u) | (1 << b) | (1 << a)
/** USDⓈ-M events always carry `E`, `T` and `pu`. */
const REQUIRED_CHAINED = REQUIRED | (1 << E) | (1 << T) | (1 << pu)

/**
 * Reads a `depthUpdate` event straight from the frame's text (`text[start, end)`), without
 * `JSON.parse`: the same `BookUpdate` as `decodeDepthUpdate` gives for the parsed event, with the
 * levels left in the text for the ladder. `undefined` for anything but the plain, compact form
 * Binance sends (then decode the parsed event instead).
 * @since 0.1.0
 */
export const scanDepthUpdate = (
  text: string,
  start: number,
  end: number,
  receiveTime: number,
  required: number = REQUIRED
): TextBookUpdate | undefined => {
  if (!scanner.scan(text, start, end) || (scanner.seen & required) !== required) return undefined
  if (!scanner.stringEquals(text, e, "depthUpdate")) return undefined
  const values = scanner.values
  const extents = scanner.extents
  return new TextBookUpdate(
    "delta",
    scanner.string(text, s),
    text,
    values[b]!,
    extents[b]!,
    values[a]!,
    extents[a]!,
    values[U]!,
    values[u]!,
    scanner.has(pu) ? values[pu]! : undefined,
    scanner.has(E) ? values[E]! : undefined,
    receiveTime
  )
}

/**
 * `decodeDepthUpdate` for a product: USDⓈ-M events chain by `pu` and always carry it (and `E`, `T`):
 * an event without them cannot be chained and is a decode failure.
 * @since 0.1.0
 */
export const depthUpdateDecoder = (product: Product) =>
  product.type === "spot"
    ? decodeDepthUpdate
    : (json: unknown, receiveTime: number): BookUpdate | BookDecodeFailure => {
      const r = decodeDepthUpdate(json, receiveTime)
      if (isBookDecodeFailure(r)) return r
      const o = json as Record<string, unknown>
      for (const field of ["E", "T", "pu"] as const) {
        if (!Number.isSafeInteger(o[field])) return new BookDecodeFailure(field, "expected an integer")
      }
      return r
    }

/**
 * The decoder of a product's diff depth stream: a payload left as text (`TextPayload`) is read by
 * `scanDepthUpdate` where it can be, and otherwise parsed and given to `depthUpdateDecoder`.
 * @since 0.1.0
 */
export const depthPayloadDecoder = (product: Product) =>
  textOrParsed(
    product.venue,
    product.type === "spot"
      ? scanDepthUpdate
      : (text, start, end, receiveTime) => scanDepthUpdate(text, start, end, receiveTime, REQUIRED_CHAINED),
    depthUpdateDecoder(product)
  )

/**
 * The Spot diff depth stream's decoder.
 * @since 0.1.0
 */
export const decodeDepthPayload = depthPayloadDecoder(spot)

/**
 * A decimal string as Binance writes prices and quantities: unsigned, no exponent.
 * @since 0.1.0
 */
export const DecimalString = Schema.String.pipe(
  Schema.pattern(decimalStringPattern),
  Schema.annotations({ identifier: "DecimalString" })
)

const SafeInteger = Schema.Number.pipe(Schema.int())

/**
 * A price level on the wire: `[price, quantity]`.
 * @since 0.1.0
 */
export const WireLevel = Schema.Tuple(DecimalString, DecimalString)

/**
 * The `depthUpdate` event, Spot and USDⓈ-M, as a Schema: the reference the hand-written decoder is
 * tested against, and the decoder for paths where speed does not matter.
 * @since 0.1.0
 */
export const DepthUpdateEvent = Schema.Struct({
  e: Schema.Literal("depthUpdate"),
  /** Event time, epoch ms. */
  E: Schema.optional(SafeInteger),
  /** Transaction time (USDⓈ-M), epoch ms. */
  T: Schema.optional(SafeInteger),
  s: Schema.String,
  /** First update id in the event. */
  U: SafeInteger,
  /** Final update id in the event. */
  u: SafeInteger,
  /** Final update id of the previous event (USDⓈ-M). */
  pu: Schema.optional(SafeInteger),
  b: Schema.Array(WireLevel),
  a: Schema.Array(WireLevel)
}).annotations({ identifier: "DepthUpdateEvent" })

/** @since 0.1.0 */
export type DepthUpdateEvent = typeof DepthUpdateEvent.Type

/**
 * The `BookUpdate` of a decoded event (what `decodeDepthUpdate` returns for it).
 * @since 0.1.0
 */
export const toBookUpdate = (event: DepthUpdateEvent, receiveTime: number): BookUpdate => ({
  kind: "delta",
  venueSymbol: event.s,
  bids: event.b,
  asks: event.a,
  firstUpdateId: event.U,
  lastUpdateId: event.u,
  prevUpdateId: event.pu,
  exchangeTime: event.E,
  receiveTime
})
