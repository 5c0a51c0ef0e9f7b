/**
 * What `LiveOrderBook` emits: a consistent, immutable view of the top of one book, with its state.
 *
 * A view copies the top N levels as integers when it is made (O(N)); the exact `BigDecimal`
 * levels are built only when read, and then cached. Views of a book that is not `live` carry no
 * levels, so a stale book can never be mistaken for a good one.
 *
 * @since 0.1.0
 */
import type * as BigDecimal from "effect/BigDecimal"
import type { BookLevel } from "../model/OrderBook.js"
import * as BookScale from "./BookScale.js"

/**
 * `syncing`: waiting for the first snapshot. `live`: consistent and current. `stale`: the book was
 * found inconsistent (a gap, a crossed book, an invalid level…; `reason` says which) and dropped.
 * `resyncing`: a fresh snapshot is on its way.
 * @since 0.1.0
 */
export type BookState = "syncing" | "live" | "stale" | "resyncing"

/**
 * A view of the book at one sequence.
 * @since 0.1.0
 */
export interface OrderBookView {
  /** Unified symbol (`BTC/USDT`). */
  readonly symbol: string
  /** The venue's native symbol (`BTCUSDT`). */
  readonly venueSymbol: string
  readonly state: BookState
  /** Why the book is not live (a gap, a crossed book, a failed snapshot…), when it is not. */
  readonly reason: string | undefined
  /** The venue's update id the book is at; for a non-live view, the last one that was consistent. */
  readonly sequence: number | undefined
  /** Exchange time of the last update or snapshot, epoch ms, where the venue sends it. */
  readonly exchangeTime: number | undefined
  /** Local receive time of the last update or snapshot, epoch ms (from `Clock`). */
  readonly receiveTime: number
  /** Top bids, best (highest) first, as exact `[price, size]`. Empty unless `live`. */
  readonly bids: ReadonlyArray<BookLevel>
  /** Top asks, best (lowest) first, as exact `[price, size]`. Empty unless `live`. */
  readonly asks: ReadonlyArray<BookLevel>
  readonly bestBid: BookLevel | undefined
  readonly bestAsk: BookLevel | undefined
  /**
   * Top bids in the market's integer scale, flat: `[ticks, lots, ticks, lots, …]`, best first
   * (`2 × bidCount` numbers). The fastest way to read many levels; `priceOf` / `sizeOf` give the
   * exact values. Empty unless `live`.
   */
  readonly bidsScaled: ReadonlyArray<number>
  /** Top asks the same way, best (lowest) first. */
  readonly asksScaled: ReadonlyArray<number>
  /** Number of bid levels in the view. */
  readonly bidCount: number
  /** Number of ask levels in the view. */
  readonly askCount: number
  /** Price of the `i`-th best bid in integer ticks of the market's tick size. */
  bidTicks(i: number): number
  /** Size of the `i`-th best bid in integer lots (units of the lot step's last decimal). */
  bidLots(i: number): number
  /** Price of the `i`-th best ask in integer ticks. */
  askTicks(i: number): number
  /** Size of the `i`-th best ask in integer lots. */
  askLots(i: number): number
  /** Converts integer ticks of this market to an exact price. */
  priceOf(ticks: number): BigDecimal.BigDecimal
  /** Converts integer lots of this market to an exact size. */
  sizeOf(lots: number): BigDecimal.BigDecimal
}

// an empty array of the same (packed doubles) kind as the levels of live views
const EMPTY: ReadonlyArray<number> = (() => {
  const out = [0.5]
  out.pop()
  return out
})()

/** @internal */
export class View implements OrderBookView {
  private bidsCache: ReadonlyArray<BookLevel> | undefined = undefined
  private asksCache: ReadonlyArray<BookLevel> | undefined = undefined
  readonly bidCount: number
  readonly askCount: number

  constructor(
    readonly symbol: string,
    readonly venueSymbol: string,
    readonly state: BookState,
    readonly reason: string | undefined,
    readonly sequence: number | undefined,
    readonly exchangeTime: number | undefined,
    readonly receiveTime: number,
    private readonly scale: BookScale.BookScale,
    /** Plain arrays of V8's packed-doubles kind: much cheaper to allocate than typed ones, as fast to read. */
    readonly bidsScaled: ReadonlyArray<number>,
    readonly asksScaled: ReadonlyArray<number>
  ) {
    this.bidCount = bidsScaled.length >> 1
    this.askCount = asksScaled.length >> 1
  }

  get bids(): ReadonlyArray<BookLevel> {
    return this.bidsCache ??= this.materialize(this.bidsScaled)
  }

  get asks(): ReadonlyArray<BookLevel> {
    return this.asksCache ??= this.materialize(this.asksScaled)
  }

  get bestBid(): BookLevel | undefined {
    return this.bidCount === 0 ? undefined : this.bids[0]
  }

  get bestAsk(): BookLevel | undefined {
    return this.askCount === 0 ? undefined : this.asks[0]
  }

  bidTicks(i: number): number {
    return this.bidsScaled[i << 1]!
  }
  bidLots(i: number): number {
    return this.bidsScaled[(i << 1) + 1]!
  }
  askTicks(i: number): number {
    return this.asksScaled[i << 1]!
  }
  askLots(i: number): number {
    return this.asksScaled[(i << 1) + 1]!
  }
  priceOf(ticks: number): BigDecimal.BigDecimal {
    return BookScale.ticksToDecimal(this.scale, ticks)
  }
  sizeOf(lots: number): BigDecimal.BigDecimal {
    return BookScale.lotsToDecimal(this.scale, lots)
  }

  private materialize(levels: ReadonlyArray<number>): ReadonlyArray<BookLevel> {
    const count = levels.length >> 1
    const out = new Array<BookLevel>(count)
    for (let i = 0; i < count; i++) {
      out[i] = [
        BookScale.ticksToDecimal(this.scale, levels[2 * i]!),
        BookScale.lotsToDecimal(this.scale, levels[2 * i + 1]!)
      ]
    }
    return out
  }

  /** @internal */
  static empty(
    symbol: string,
    venueSymbol: string,
    scale: BookScale.BookScale,
    state: BookState,
    reason: string | undefined,
    sequence: number | undefined,
    exchangeTime: number | undefined,
    receiveTime: number
  ): View {
    return new View(symbol, venueSymbol, state, reason, sequence, exchangeTime, receiveTime, scale, EMPTY, EMPTY)
  }
}
