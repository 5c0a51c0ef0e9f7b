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
import type { BookUpdate, RawLevel } from "../../model/OrderBook.js"

/**
 * Why a message is not a valid orderbook message.
 * @since 0.1.0
 */
export class DepthDecodeFailure {
  readonly _tag = "DepthDecodeFailure"
  constructor(readonly path: string, readonly detail: string) {}
  get message(): string {
    return `invalid orderbook message${this.path === "" ? "" : ` at ${this.path}`}: ${this.detail}`
  }
}

/** @since 0.1.0 */
export const isDepthDecodeFailure = (u: BookUpdate | DepthDecodeFailure): u is DepthDecodeFailure =>
  u instanceof DepthDecodeFailure

const isDecimalString = (s: string): boolean => {
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

const levels = (value: unknown, name: string): ReadonlyArray<RawLevel> | DepthDecodeFailure => {
  if (!Array.isArray(value)) return new DepthDecodeFailure(name, "expected an array of [price, size]")
  for (let i = 0; i < value.length; i++) {
    const level: unknown = value[i]
    if (!Array.isArray(level) || level.length !== 2) {
      return new DepthDecodeFailure(`${name}[${i}]`, "expected a [price, size] pair")
    }
    const price: unknown = level[0]
    const size: unknown = level[1]
    if (typeof price !== "string" || !isDecimalString(price)) {
      return new DepthDecodeFailure(`${name}[${i}][0]`, "expected a decimal string")
    }
    if (typeof size !== "string" || !isDecimalString(size)) {
      return new DepthDecodeFailure(`${name}[${i}][1]`, "expected a decimal string")
    }
  }
  return value as ReadonlyArray<RawLevel>
}

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
  const bids = levels(d.b, "data.b")
  if (bids instanceof DepthDecodeFailure) return bids
  const asks = levels(d.a, "data.a")
  if (asks instanceof DepthDecodeFailure) return asks
  return {
    kind: frame.type === "snapshot" || d.u === 1 ? "snapshot" : "delta",
    venueSymbol: d.s,
    bids,
    asks,
    lastUpdateId: d.u,
    exchangeTime: frame.ts,
    receiveTime
  }
}
