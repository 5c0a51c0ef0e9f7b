/**
 * Order-book snapshots (REST) and normalized book updates (websocket diffs or snapshots).
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { Decimal, NonNegativeDecimal } from "./Decimal.js"
import { symbolsOf } from "./Market.js"

/**
 * A price level: price and total size at that price.
 * @since 0.1.0
 */
export const BookLevel = Schema.Tuple(Decimal, NonNegativeDecimal)
/** @since 0.1.0 */
export type BookLevel = typeof BookLevel.Type

/**
 * A full (or top-N) book from the venue's REST API. Bids best first (descending), asks best first
 * (ascending).
 * @since 0.1.0
 */
export const OrderBookSnapshot = Schema.Struct({
  symbol: Schema.String,
  venueSymbol: Schema.String,
  bids: Schema.Array(BookLevel),
  asks: Schema.Array(BookLevel),
  /** The venue's book sequence (Binance `lastUpdateId`, Bybit `u`, OKX `seqId`). */
  sequence: Schema.optional(Schema.Number),
  /** Exchange time, epoch ms, where the venue sends it. */
  timestamp: Schema.optional(Schema.Number)
}).annotations({ identifier: "OrderBookSnapshot" })

/** @since 0.1.0 */
export type OrderBookSnapshot = typeof OrderBookSnapshot.Type

/**
 * A market's REST snapshot from the venue's sides, sequence and time (each left out when the venue
 * sends none).
 * @since 0.1.0
 */
export const snapshotOf = (
  market: { readonly unified: string; readonly symbol: string },
  bids: ReadonlyArray<BookLevel>,
  asks: ReadonlyArray<BookLevel>,
  sequence: number | undefined,
  timestamp: number | undefined
): OrderBookSnapshot => ({
  ...symbolsOf(market),
  bids,
  asks,
  ...(sequence !== undefined ? { sequence } : {}),
  ...(timestamp !== undefined ? { timestamp } : {})
})

/**
 * A level as the venue wrote it: exact decimal strings, validated as numbers when decoded. Kept
 * as strings on the per-message hot path so the order book can parse them straight into integer
 * ticks; `Decimal.parse` turns them into `BigDecimal`s. A size of zero removes the level.
 * @since 0.1.0
 */
export type RawLevel = readonly [price: string, size: string]

/**
 * One message of a venue's book channel, normalized. `kind: "snapshot"` replaces the book;
 * `kind: "delta"` sets each listed level (size zero deletes it).
 *
 * Sequence fields are the venue's own, where it has them:
 * - Binance: `firstUpdateId` = `U`, `lastUpdateId` = `u`, `prevUpdateId` = `pu` (USDⓈ-M only);
 * - Bybit: `lastUpdateId` = `u`;
 * - OKX: `lastUpdateId` = `seqId`, `prevUpdateId` = `prevSeqId`.
 * @since 0.1.0
 */
export interface BookUpdate {
  readonly kind: "snapshot" | "delta"
  /** The venue's native symbol. */
  readonly venueSymbol: string
  readonly bids: ReadonlyArray<RawLevel>
  readonly asks: ReadonlyArray<RawLevel>
  readonly firstUpdateId?: number | undefined
  readonly lastUpdateId: number
  readonly prevUpdateId?: number | undefined
  /** Exchange event time, epoch ms. */
  readonly exchangeTime?: number | undefined
  /** Local receive time, epoch ms (from `Clock`). */
  readonly receiveTime: number
  /**
   * The venue's checksum of the book after this message (OKX `checksum`, a signed crc32), where it
   * sends one; checked by the venue's `BookSync.checksum`. `0` or absent: not provided.
   */
  readonly checksum?: number | undefined
  /**
   * Set on the message that says the feed was interrupted (the connection was lost, or went silent
   * past its watchdog) before the next one: the book may have missed updates and must be rebuilt.
   * Such a message carries no levels. See `interruptedBookUpdate`.
   */
  readonly interrupted?: string | undefined
  /**
   * Set on the message that says the feed is back after an interruption (the connection is open
   * again and the book's topic subscribed): a snapshot fetched from now on can be joined to the
   * stream. Such a message carries no levels. See `bookConnectionMarkers`.
   */
  readonly resumed?: true | undefined
}

/**
 * The `BookUpdate` announcing that the feed of `venueSymbol`'s book was interrupted for `reason`
 * (`WsSession.decodeOrSkip`'s `onInterrupted`, for a book channel).
 * @since 0.1.0
 */
export const interruptedBookUpdate = (venueSymbol: string) => (reason: string, receiveTime: number): BookUpdate =>
  marker(venueSymbol, receiveTime, { interrupted: reason })

/**
 * The `BookUpdate` announcing that the feed of `venueSymbol`'s book is back after an interruption
 * (`WsSession.decodeOrSkip`'s `onResumed`, for a book channel).
 * @since 0.1.0
 */
export const resumedBookUpdate = (venueSymbol: string) => (receiveTime: number): BookUpdate =>
  marker(venueSymbol, receiveTime, { resumed: true })

/** A message about the feed rather than the book: no levels, no update id. */
const marker = (
  venueSymbol: string,
  receiveTime: number,
  about: Pick<BookUpdate, "interrupted" | "resumed">
): BookUpdate => ({ kind: "delta", venueSymbol, bids: [], asks: [], lastUpdateId: Number.NaN, receiveTime, ...about })

/**
 * Both connection markers of a book channel, for `WsSession.decodeOrSkip`.
 * @since 0.1.0
 */
export const bookConnectionMarkers = (venueSymbol: string) => ({
  onInterrupted: interruptedBookUpdate(venueSymbol),
  onResumed: resumedBookUpdate(venueSymbol)
})
