/**
 * Decoder for OKX `books` channel messages on the per-message hot path: hand-written (DESIGN.md
 * §12), no Schema, no Effect, no throw.
 *
 * `{ arg: {channel: "books", instId}, action: "snapshot" | "update",
 *    data: [{ asks: [[px, sz, "0", numOrders]…], bids: […], ts, checksum, seqId, prevSeqId }] }`
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws-order-book-channel
 *
 * SWAP sizes are contracts on the wire; they are turned into base units (× `ctVal`, exactly, by
 * moving the decimal point) so the book speaks the unified unit.
 *
 * @since 0.1.0
 */
import { BookDecodeFailure, checkLevels } from "../../book/BookWire.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
import type { BookUpdate, RawLevel } from "../../model/OrderBook.js"
import { powerOfTen, shiftPoint } from "./bookSync.js"

const isInteger = (u: unknown): u is number => typeof u === "number" && Number.isSafeInteger(u)

const levels = (value: unknown, path: string, shift: number): ReadonlyArray<RawLevel> | BookDecodeFailure =>
  checkLevels(value, path, true) ??
    (value as ReadonlyArray<RawLevel>).map(([px, sz]) => [px, shift === 0 || sz === "0" ? sz : shiftPoint(sz, shift)])

/**
 * A decoder of one market's `books` messages (the whole frame).
 * @since 0.1.0
 */
export const booksDecoder = (market: Market) => {
  const shift = market.type === "spot" ? 0 : powerOfTen(Decimal.format(market.contractSize))
  return (payload: unknown, receiveTime: number): BookUpdate | BookDecodeFailure => {
    if (shift === undefined) {
      return new BookDecodeFailure("", `contract size ${Decimal.format(market.contractSize)} is not a power of ten`)
    }
    if (typeof payload !== "object" || payload === null) return new BookDecodeFailure("", "expected an object")
    const frame = payload as { readonly action?: unknown; readonly data?: unknown }
    if (frame.action !== "snapshot" && frame.action !== "update") {
      return new BookDecodeFailure("action", "expected \"snapshot\" or \"update\"")
    }
    if (!Array.isArray(frame.data) || frame.data.length !== 1) {
      return new BookDecodeFailure("data", "expected one book")
    }
    const d = frame.data[0] as {
      readonly asks?: unknown
      readonly bids?: unknown
      readonly ts?: unknown
      readonly checksum?: unknown
      readonly seqId?: unknown
      readonly prevSeqId?: unknown
    }
    if (typeof d !== "object" || d === null) return new BookDecodeFailure("data[0]", "expected an object")
    if (!isInteger(d.seqId)) return new BookDecodeFailure("data[0].seqId", "expected an integer")
    if (!isInteger(d.prevSeqId)) return new BookDecodeFailure("data[0].prevSeqId", "expected an integer")
    if (typeof d.ts !== "string" || !/^\d{1,16}$/.test(d.ts)) {
      return new BookDecodeFailure("data[0].ts", "expected epoch milliseconds as a string")
    }
    if (d.checksum !== undefined && !isInteger(d.checksum)) {
      return new BookDecodeFailure("data[0].checksum", "expected an integer")
    }
    const bids = levels(d.bids, "data[0].bids", shift)
    if (bids instanceof BookDecodeFailure) return bids
    const asks = levels(d.asks, "data[0].asks", shift)
    if (asks instanceof BookDecodeFailure) return asks
    return {
      kind: frame.action === "snapshot" ? "snapshot" : "delta",
      venueSymbol: market.symbol,
      bids,
      asks,
      lastUpdateId: d.seqId,
      prevUpdateId: d.prevSeqId,
      exchangeTime: Number.parseInt(d.ts, 10),
      receiveTime,
      ...(d.checksum !== undefined ? { checksum: d.checksum } : {})
    }
  }
}
