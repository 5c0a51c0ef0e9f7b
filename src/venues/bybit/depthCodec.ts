/**
 * Decoder for Bybit `orderbook.<depth>.<symbol>` messages on the per-message hot path.
 *
 * `{ topic, type: "snapshot" | "delta", ts, data: { s, b: [[price, size]…], a: […], u, seq }, cts }`
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
 *
 * A `snapshot`, and any message with `u == 1` ("occasionally you'll receive u=1, which is a
 * snapshot data due to the restart of the service"), becomes `kind: "snapshot"`. Hand-written
 * (DESIGN.md §12): no Schema, no Effect, no throw.
 *
 * @since 0.1.0
 */
import { ObjectScanner, TextBookUpdate, textOrParsed } from "../../book/BookText.js"
import { BookDecodeFailure, checkLevels, isBookDecodeFailure } from "../../book/BookWire.js"
import type { BookUpdate, RawLevel } from "../../model/OrderBook.js"
import { VENUE } from "./convert.js"

/**
 * Why a message is not a valid orderbook message (the book decoders' shared failure value).
 * @since 0.1.0
 */
export const DepthDecodeFailure = BookDecodeFailure
/** @since 0.1.0 */
export type DepthDecodeFailure = BookDecodeFailure

/** @since 0.1.0 */
export const isDepthDecodeFailure: (u: BookUpdate | DepthDecodeFailure) => u is DepthDecodeFailure = isBookDecodeFailure

const isInteger = (u: unknown): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 0

/**
 * Decodes one orderbook message (the whole frame: `type`, `ts` and `data`).
 * @since 0.1.0
 */
export const decodeOrderBookMessage = (payload: unknown, receiveTime: number): BookUpdate | DepthDecodeFailure => {
  if (typeof payload !== "object" || payload === null) return new DepthDecodeFailure("", "expected an object")
  const frame = payload as { readonly type?: unknown; readonly ts?: unknown; readonly data?: unknown }
  if (frame.type !== "snapshot" && frame.type !== "delta") {
    return new DepthDecodeFailure("type", "expected \"snapshot\" or \"delta\"")
  }
  if (!isInteger(frame.ts)) return new DepthDecodeFailure("ts", "expected epoch milliseconds")
  const data = frame.data
  if (typeof data !== "object" || data === null) return new DepthDecodeFailure("data", "expected an object")
  const d = data as { readonly s?: unknown; readonly b?: unknown; readonly a?: unknown; readonly u?: unknown }
  if (typeof d.s !== "string") return new DepthDecodeFailure("data.s", "expected the symbol")
  if (!isInteger(d.u)) return new DepthDecodeFailure("data.u", "expected a non-negative integer")
  const badBids = checkLevels(d.b, "data.b")
  if (badBids !== undefined) return badBids
  const badAsks = checkLevels(d.a, "data.a")
  if (badAsks !== undefined) return badAsks
  return {
    kind: frame.type === "snapshot" || d.u === 1 ? "snapshot" : "delta",
    venueSymbol: d.s,
    bids: d.b as ReadonlyArray<RawLevel>,
    asks: d.a as ReadonlyArray<RawLevel>,
    lastUpdateId: d.u,
    exchangeTime: frame.ts,
    receiveTime
  }
}

const dataScanner = new ObjectScanner([
  ["s", "string"],
  ["b", "levels"],
  ["a", "levels"],
  ["u", "integer"],
  ["seq", "integer"]
])
const [s_, b_, a_, u_] = [0, 1, 2, 3] as const
const DATA_REQUIRED = (1 << s_) | (1 << b_) | (1 << a_) | (1 << u_)
const frameScanner = new ObjectScanner([
  ["topic", "string"],
  ["type", "string"],
  ["ts", "integer"],
  ["data", dataScanner],
  ["cts", "integer"]
])
const [type_, ts_, data_] = [1, 2, 3] as const
const FRAME_REQUIRED = (1 << type_) | (1 << ts_) | (1 << data_)

/**
 * Reads an orderbook message straight from the frame's text (`text[start, end)`), without
 * `JSON.parse`: the same `BookUpdate` as `decodeOrderBookMessage` gives for the parsed frame, with
 * the levels left in the text for the ladder. `undefined` for anything but the plain, compact form
 * Bybit sends (then decode the parsed frame instead).
 * @since 0.1.0
 */
export const scanOrderBookMessage = (
  text: string,
  start: number,
  end: number,
  receiveTime: number
): TextBookUpdate | undefined => {
  if (!frameScanner.scan(text, start, end) || (frameScanner.seen & FRAME_REQUIRED) !== FRAME_REQUIRED) return undefined
  if ((dataScanner.seen & DATA_REQUIRED) !== DATA_REQUIRED) return undefined
  const snapshot = frameScanner.stringEquals(text, type_, "snapshot")
  if (!snapshot && !frameScanner.stringEquals(text, type_, "delta")) return undefined
  const data = dataScanner.values
  const u = data[u_]!
  return new TextBookUpdate(
    snapshot || u === 1 ? "snapshot" : "delta",
    dataScanner.string(text, s_),
    text,
    data[b_]!,
    dataScanner.extents[b_]!,
    data[a_]!,
    dataScanner.extents[a_]!,
    undefined,
    u,
    undefined,
    frameScanner.values[ts_]!,
    receiveTime
  )
}

/**
 * The decoder of the orderbook stream: a frame left as text (`TextPayload`) is read by
 * `scanOrderBookMessage` where it can be, and otherwise parsed and given to `decodeOrderBookMessage`.
 * @since 0.1.0
 */
export const decodeOrderBookPayload = textOrParsed(VENUE, scanOrderBookMessage, decodeOrderBookMessage)
