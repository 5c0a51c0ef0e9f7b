/**
 * An exact, fast price ladder (DESIGN.md §8, §12): one side of a book is two sorted
 * `Float64Array`s — integer price keys and integer sizes — with the **best level at the end**, so
 * that the changes that dominate real traffic (near the top of the book) move few elements.
 * Lookups are binary searches; short shifts are done by a loop and long ones by `copyWithin`; the
 * arrays grow by doubling.
 *
 * Bids are keyed by `ticks` and asks by `-ticks`, so both sides are ascending arrays whose last
 * element is the best level. Best bid/ask is O(1); the top N levels are O(N).
 *
 * Everything here is plain synchronous code: it is the per-message hot path of `LiveOrderBook`.
 *
 * @since 0.1.0
 */
import * as Decimal from "../model/Decimal.js"
import type { BookLevel, BookUpdate, RawLevel } from "../model/OrderBook.js"
import * as BookScale from "./BookScale.js"
import { levelStrings, parsedAmountEnd, parseUnitsAt, TextBookUpdate } from "./BookText.js"

const SHORT_SHIFT = 16
const NEAR = 16

/**
 * One side of a ladder.
 * @since 0.1.0
 */
export class LadderSide {
  /** Price keys, ascending; the best level is at `length - 1`. */
  keys: Float64Array
  /** Sizes in lots, parallel to `keys`; never zero. */
  sizes: Float64Array
  /** Number of levels. */
  length = 0

  constructor(
    /** `1` for bids (key = ticks), `-1` for asks (key = -ticks). */
    readonly sign: 1 | -1,
    capacity = 256
  ) {
    this.keys = new Float64Array(capacity)
    this.sizes = new Float64Array(capacity)
  }

  /**
   * Sets the level at `ticks` to `lots`; zero lots removes it (a level that is not there is
   * ignored).
   */
  set(ticks: number, lots: number): void {
    const key = this.sign === 1 ? ticks : -ticks
    const keys = this.keys
    const len = this.length
    if (len === 0 || key > keys[len - 1]!) {
      if (lots === 0) return
      if (len === keys.length) this.grow()
      this.keys[len] = key
      this.sizes[len] = lots
      this.length = len + 1
      return
    }
    // Most changes are near the best level (the end): scan the last few levels, then bisect.
    let lo: number
    const stop = len > NEAR ? len - NEAR : 0
    let i = len - 2
    while (i >= stop && keys[i]! >= key) i--
    if (i >= stop || stop === 0) {
      lo = i + 1
    } else {
      lo = 0
      let hi = stop
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (keys[mid]! < key) lo = mid + 1
        else hi = mid
      }
    }
    if (keys[lo] === key) {
      if (lots === 0) this.removeAt(lo)
      else this.sizes[lo] = lots
      return
    }
    if (lots === 0) return
    this.insertAt(lo, key, lots)
  }

  private insertAt(index: number, key: number, lots: number): void {
    const len = this.length
    if (len === this.keys.length) this.grow()
    const keys = this.keys
    const sizes = this.sizes
    if (len - index <= SHORT_SHIFT) {
      for (let j = len; j > index; j--) {
        keys[j] = keys[j - 1]!
        sizes[j] = sizes[j - 1]!
      }
    } else {
      keys.copyWithin(index + 1, index, len)
      sizes.copyWithin(index + 1, index, len)
    }
    keys[index] = key
    sizes[index] = lots
    this.length = len + 1
  }

  private removeAt(index: number): void {
    const len = this.length - 1
    const keys = this.keys
    const sizes = this.sizes
    if (len - index <= SHORT_SHIFT) {
      for (let j = index; j < len; j++) {
        keys[j] = keys[j + 1]!
        sizes[j] = sizes[j + 1]!
      }
    } else {
      keys.copyWithin(index, index + 1, len + 1)
      sizes.copyWithin(index, index + 1, len + 1)
    }
    this.length = len
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2)
    keys.set(this.keys)
    const sizes = new Float64Array(this.sizes.length * 2)
    sizes.set(this.sizes)
    this.keys = keys
    this.sizes = sizes
  }

  /** Removes every level. */
  clear(): void {
    this.length = 0
  }

  /** Price in ticks of the `i`-th best level (0 = best); `i` must be below `length`. */
  ticksAt(i: number): number {
    return this.keys[this.length - 1 - i]! * this.sign
  }

  /** Size in lots of the `i`-th best level (0 = best); `i` must be below `length`. */
  lotsAt(i: number): number {
    return this.sizes[this.length - 1 - i]!
  }

  /** Best price in ticks, or `NaN` when the side is empty. */
  bestTicks(): number {
    return this.length === 0 ? NaN : this.ticksAt(0)
  }

  /** Size in lots at `ticks`, or 0 when there is no such level. */
  lotsAtPrice(ticks: number): number {
    const key = this.sign === 1 ? ticks : -ticks
    let lo = 0
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.keys[mid]! < key) lo = mid + 1
      else hi = mid
    }
    return lo < this.length && this.keys[lo] === key ? this.sizes[lo]! : 0
  }

  /**
   * Writes the best `n` levels as `[ticks, lots]` pairs into `out` from `offset`; returns how many
   * levels were written.
   */
  copyTop(n: number, out: Array<number> | Float64Array, offset: number): number {
    const count = n < this.length ? n : this.length
    const keys = this.keys
    const sizes = this.sizes
    const sign = this.sign
    let k = this.length - 1
    for (let i = 0, o = offset; i < count; i++, k--, o += 2) {
      out[o] = keys[k]! * sign
      out[o + 1] = sizes[k]!
    }
    return count
  }
}

/**
 * Both sides of a book in one market's integer scale.
 * @since 0.1.0
 */
export class Ladder {
  readonly bids: LadderSide
  readonly asks: LadderSide

  constructor(readonly scale: BookScale.BookScale, capacity = 256) {
    this.bids = new LadderSide(1, capacity)
    this.asks = new LadderSide(-1, capacity)
  }

  /** Removes every level. */
  clear(): void {
    this.bids.clear()
    this.asks.clear()
  }

  /** Best bid price in ticks, `NaN` when there is none. O(1). */
  bestBidTicks(): number {
    return this.bids.bestTicks()
  }

  /** Best ask price in ticks, `NaN` when there is none. O(1). */
  bestAskTicks(): number {
    return this.asks.bestTicks()
  }

  /** Whether the best bid is at or above the best ask. */
  isCrossed(): boolean {
    return this.bids.length > 0 && this.asks.length > 0 && this.bids.ticksAt(0) >= this.asks.ticksAt(0)
  }

  /**
   * Applies the levels of a book message (size zero removes a level). Returns `undefined` on
   * success, or why a level was refused; on refusal the ladder may hold part of the message and must
   * be discarded by the caller (`clear`).
   */
  apply(update: BookUpdate): string | undefined {
    if (update instanceof TextBookUpdate) {
      return this.applyText(update.text, update.bidsAt, update.bidCount, this.bids, "bid") ??
        this.applyText(update.text, update.asksAt, update.askCount, this.asks, "ask")
    }
    const bids = update.bids
    const asks = update.asks
    // an update without level arrays (built by hand, or mangled) is refused rather than thrown on
    if (!Array.isArray(bids) || !Array.isArray(asks)) return "the update has no bid or ask levels"
    return this.applyRaw(bids, asks)
  }

  /** Levels still in the frame's text (checked by `BookText.scanLevels`), parsed in place. */
  private applyText(
    text: string,
    at: number,
    count: number,
    side: LadderSide,
    name: string
  ): string | undefined {
    const priceDecimals = this.scale.priceDecimals
    const tickUnits = this.scale.tickUnits
    const sizeDecimals = this.scale.sizeDecimals
    // `[["p","q"],["p","q"]]`: the first price starts 3 characters after the array's `[`
    let i = at + 3
    for (let k = 0; k < count; k++) {
      let ticks = parseUnitsAt(text, i, priceDecimals)
      if (tickUnits !== 1 && ticks > 0) ticks = ticks % tickUnits === 0 ? ticks / tickUnits : -1
      const lots = parseUnitsAt(text, parsedAmountEnd() + 3, sizeDecimals)
      if (ticks <= 0 || lots < 0) {
        return refusal(name, levelStrings(text, at, count)[k]!, this.scale)
      }
      side.set(ticks, lots)
      // `"],["` to the next price
      i = parsedAmountEnd() + 5
    }
    return undefined
  }

  /**
   * Applies a venue's levels (exact decimal strings; size zero removes the level). Returns
   * `undefined` on success, or why a level was refused. On refusal the ladder may hold part of the
   * message and must be discarded by the caller (`clear`).
   */
  applyRaw(bids: ReadonlyArray<RawLevel>, asks: ReadonlyArray<RawLevel>): string | undefined {
    return this.applyRawSide("bid", this.bids, bids) ?? this.applyRawSide("ask", this.asks, asks)
  }

  private applyRawSide(name: "bid" | "ask", side: LadderSide, levels: ReadonlyArray<RawLevel>): string | undefined {
    const scale = this.scale
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!
      const ticks = BookScale.parsePriceTicks(scale, level[0])
      const lots = BookScale.parseSizeLots(scale, level[1])
      if (ticks <= 0 || lots < 0) return refusal(name, level, scale)
      side.set(ticks, lots)
    }
    return undefined
  }

  /**
   * Replaces the book with exact levels (a REST snapshot). Zero sizes are skipped. Returns
   * `undefined` on success or why a level was refused (the ladder must then be discarded).
   */
  load(bids: ReadonlyArray<BookLevel>, asks: ReadonlyArray<BookLevel>): string | undefined {
    this.clear()
    const scale = this.scale
    const sides: ReadonlyArray<readonly [string, LadderSide, ReadonlyArray<BookLevel>]> = [
      ["bid", this.bids, bids],
      ["ask", this.asks, asks]
    ]
    for (const [name, side, levels] of sides) {
      for (const [price, size] of levels) {
        const ticks = BookScale.decimalToTicks(scale, price)
        const lots = BookScale.decimalToLots(scale, size)
        if (ticks <= 0 || lots < 0) return refusal(name, [Decimal.format(price), Decimal.format(size)], scale)
        side.set(ticks, lots)
      }
    }
    return undefined
  }
}

const refusal = (side: string, level: RawLevel, scale: BookScale.BookScale): string => {
  const ticks = BookScale.parsePriceTicks(scale, level[0])
  if (ticks < 0) return `${side} price ${BookScale.explainPrice(scale, level[0])}`
  if (ticks === 0) return `${side} price is zero`
  return `${side} size ${BookScale.explainSize(scale, level[1])}`
}
