/**
 * Decoder for USDⓈ-M `depthUpdate` events (Diff. Book Depth Streams) on the per-message hot path:
 * `{ e: "depthUpdate", E, T, s, U, u, pu, b: [[price, qty]…], a: [[price, qty]…] }`, where `pu` is
 * the previous event's `u` (the chaining rule of `bookSync.ts`).
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams
 *
 * Hand-written (DESIGN.md §12: Schema decoding costs several times `JSON.parse` on this path). It
 * neither throws nor runs an Effect.
 *
 * @since 0.1.0
 */
import { ObjectScanner, TextBookUpdate, textOrParsed } from "../../book/BookText.js"
import { BookDecodeFailure, checkLevels, isBookDecodeFailure } from "../../book/BookWire.js"
import type { BookUpdate, RawLevel } from "../../model/OrderBook.js"
import { VENUE } from "./convert.js"

/**
 * Whether `decodeDepthUpdate` failed.
 * @since 0.1.0
 */
export const isDepthDecodeFailure: (u: BookUpdate | BookDecodeFailure) => u is BookDecodeFailure = isBookDecodeFailure

const INTEGER_FIELDS = ["E", "T", "U", "u", "pu"] as const

/**
 * Decodes one USDⓈ-M `depthUpdate` event (the `data` of a combined-stream frame) into a
 * `BookUpdate` (`kind: "delta"`, `firstUpdateId` = `U`, `lastUpdateId` = `u`, `prevUpdateId` =
 * `pu`, `exchangeTime` = `E`), keeping prices and quantities as the exact strings sent. Every
 * field is required: an event without `pu` cannot be chained and is a decode failure.
 * @since 0.1.0
 */
export const decodeDepthUpdate = (json: unknown, receiveTime: number): BookUpdate | BookDecodeFailure => {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return new BookDecodeFailure("", "expected an object")
  }
  const o = json as Record<string, unknown>
  if (o.e !== "depthUpdate") return new BookDecodeFailure("e", `expected "depthUpdate"`)
  if (typeof o.s !== "string") return new BookDecodeFailure("s", "expected a string")
  for (const field of INTEGER_FIELDS) {
    if (!Number.isSafeInteger(o[field])) return new BookDecodeFailure(field, "expected an integer")
  }
  const badBids = checkLevels(o.b, "b")
  if (badBids !== undefined) return badBids
  const badAsks = checkLevels(o.a, "a")
  if (badAsks !== undefined) return badAsks
  return {
    kind: "delta",
    venueSymbol: o.s,
    bids: o.b as ReadonlyArray<RawLevel>,
    asks: o.a as ReadonlyArray<RawLevel>,
    firstUpdateId: o.U as number,
    lastUpdateId: o.u as number,
    prevUpdateId: o.pu as number,
    exchangeTime: o.E as number,
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
const [e, E, T, s, U, u, pu, b, a] = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const
const REQUIRED = (1 << e) | (1 << E) | (1 << T) | (1 << s) | (1 << U) | (1 << u) | (1 << pu) | (1 << b) | (1 << a)

/**
 * Reads a USDⓈ-M `depthUpdate` event straight from the frame's text (`text[start, end)`), without
 * `JSON.parse`: the same `BookUpdate` as `decodeDepthUpdate` gives for the parsed event, with the
 * levels left in the text for the ladder. `undefined` for anything but the plain, compact form
 * Binance sends (then decode the parsed event instead).
 * @since 0.1.0
 */
export const scanDepthUpdate = (
  text: string,
  start: number,
  end: number,
  receiveTime: number
): TextBookUpdate | undefined => {
  if (!scanner.scan(text, start, end) || scanner.seen !== REQUIRED) return undefined
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
    values[pu]!,
    values[E]!,
    receiveTime
  )
}

/**
 * The decoder of the diff book depth stream: a payload left as text (`TextPayload`) is read by
 * `scanDepthUpdate` where it can be, and otherwise parsed and given to `decodeDepthUpdate`.
 * @since 0.1.0
 */
export const decodeDepthPayload = textOrParsed(VENUE, scanDepthUpdate, decodeDepthUpdate)
