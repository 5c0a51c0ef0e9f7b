/**
 * Decoder for Binance `depthUpdate` events (Diff. Depth Stream), Spot and USDⓈ-M, on the
 * per-message hot path.
 *
 * - Spot: https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#diff-depth-stream
 *   `{ e: "depthUpdate", E, s, U, u, b: [[price, qty]…], a: [[price, qty]…] }`
 * - USDⓈ-M: https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
 *   adds `T` (transaction time) and `pu` (the previous event's `u`).
 *
 * The event is declared as data (`book/BookFrame`), which gives the text reader and the reference
 * decoder (DESIGN.md §12: Schema decoding costs 2.7× `JSON.parse` on this path); the reference is
 * property-tested to accept exactly what `DepthUpdateEvent` (the Schema of the same wire shape)
 * accepts, with the same result. Neither throws nor runs an Effect.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as BookFrame from "../../book/BookFrame.js"
import { BookDecodeFailure, decimalStringPattern, isBookDecodeFailure } from "../../book/BookWire.js"
import type { BookUpdate } from "../../model/OrderBook.js"
import { type Product, spot, usdm } from "./convert.js"

/**
 * Whether `decodeDepthUpdate` failed (the book decoders' shared failure value: `path` of the
 * offending field, `b[3][1]` or `""` for the event, and `detail`).
 * @since 0.1.0
 */
export const isDepthDecodeFailure: (u: BookUpdate | BookDecodeFailure) => u is BookDecodeFailure = isBookDecodeFailure

/** The event's fields (in the order they are checked); `T` is checked but not used. */
const depthUpdate: BookFrame.BookFrame = {
  shape: {
    e: "string",
    s: "string",
    U: "integer",
    u: "integer",
    pu: "integer",
    E: "integer",
    T: "integer",
    b: "levels",
    a: "levels"
  },
  required: ["e", "s", "U", "u", "b", "a"],
  oneOf: { e: ["depthUpdate"] },
  venueSymbol: "s",
  bids: "b",
  asks: "a",
  firstUpdateId: "U",
  lastUpdateId: "u",
  prevUpdateId: "pu",
  exchangeTime: "E"
}

/**
 * The decoders of a product's `depthUpdate` events. USDⓈ-M events chain by `pu` and always carry it
 * (and `E`, `T`): an event without them cannot be chained and is a decode failure.
 */
const spotDecoders = BookFrame.make(spot.venue, depthUpdate)
const usdmDecoders = BookFrame.make(usdm.venue, { ...depthUpdate, required: [...depthUpdate.required, "pu", "E", "T"] })
const decodersOf = (product: Product) => product.type === "spot" ? spotDecoders : usdmDecoders

/**
 * Decodes one Spot `depthUpdate` event — the already `JSON.parse`d `data` of a combined-stream
 * frame, or a raw-stream frame — into a `BookUpdate` (`kind: "delta"`, `firstUpdateId` = `U`,
 * `lastUpdateId` = `u`, `prevUpdateId` = `pu`, `exchangeTime` = `E`), keeping prices and
 * quantities as the exact strings Binance sent. Returns a `DepthDecodeFailure` for anything else.
 * @since 0.1.0
 */
export const decodeDepthUpdate = spotDecoders.decode

/**
 * `decodeDepthUpdate` for a product (USDⓈ-M requires `pu`, `E` and `T`).
 * @since 0.1.0
 */
export const depthUpdateDecoder = (product: Product) => decodersOf(product).decode

/**
 * The decoder of a product's diff depth stream: a payload left as text (`TextPayload`) is read
 * straight from the text where it is in the plain, compact form Binance sends, and otherwise parsed
 * and given to `depthUpdateDecoder`.
 * @since 0.1.0
 */
export const depthPayloadDecoder = (product: Product) => decodersOf(product).decodePayload

/**
 * The Spot diff depth stream's decoder.
 * @since 0.1.0
 */
export const decodeDepthPayload = spotDecoders.decodePayload

/** A level, `[price, quantity]`, as decimal strings the way Binance writes them: unsigned, no exponent. */
const DecimalString = Schema.String.pipe(Schema.pattern(decimalStringPattern))
const Level = Schema.Tuple(DecimalString, DecimalString)

/**
 * The `depthUpdate` event, Spot and USDⓈ-M, as a Schema: the reference `decodeDepthUpdate` is
 * tested against.
 * @since 0.1.0
 */
export const DepthUpdateEvent = Schema.Struct({
  e: Schema.Literal("depthUpdate"),
  /** Event time, epoch ms. */
  E: Schema.optional(Schema.NonNegativeInt),
  /** Transaction time (USDⓈ-M), epoch ms. */
  T: Schema.optional(Schema.NonNegativeInt),
  s: Schema.String,
  /** First update id in the event. */
  U: Schema.NonNegativeInt,
  /** Final update id in the event. */
  u: Schema.NonNegativeInt,
  /** Final update id of the previous event (USDⓈ-M). */
  pu: Schema.optional(Schema.NonNegativeInt),
  b: Schema.Array(Level),
  a: Schema.Array(Level)
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
