/**
 * One instrument's resting orders: two ladders of price levels, best first, each level a FIFO
 * queue (price-time priority). Quantities are exact decimals; a level's total is kept alongside.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../model/Decimal.js"
import { zero } from "../../model/Decimal.js"
import type { Order, Side } from "./Order.js"

/**
 * A price level: its orders in arrival order and the sum of their remaining quantities.
 * @since 0.1.0
 */
export interface Level {
  readonly price: Decimal
  readonly orders: Array<Order>
  total: Decimal
}

/**
 * The remaining (unfilled) quantity of an order.
 * @since 0.1.0
 */
export const remaining = (order: Order): Decimal => BigDecimal.subtract(order.quantity, order.executedQuantity)

/**
 * One side of a book, best level first.
 * @since 0.1.0
 */
export class Ladder {
  readonly levels: Array<Level> = []
  constructor(readonly side: Side) {}

  /** Whether price `a` is strictly better than `b` on this side. */
  better(a: Decimal, b: Decimal): boolean {
    return this.side === "buy" ? BigDecimal.greaterThan(a, b) : BigDecimal.lessThan(a, b)
  }

  /** Index of the level at `price`, or where it would be inserted (`found` false). */
  find(price: Decimal): { readonly index: number; readonly found: boolean } {
    let lo = 0
    let hi = this.levels.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const level = this.levels[mid]!
      if (BigDecimal.equals(level.price, price)) return { index: mid, found: true }
      if (this.better(level.price, price)) lo = mid + 1
      else hi = mid
    }
    return { index: lo, found: false }
  }

  best(): Level | undefined {
    return this.levels[0]
  }

  /** Appends an order at the back of its price level's queue; returns the level's new total. */
  add(order: Order): Decimal {
    const price = order.price!
    const { found, index } = this.find(price)
    const qty = remaining(order)
    if (found) {
      const level = this.levels[index]!
      level.orders.push(order)
      level.total = BigDecimal.sum(level.total, qty)
      return level.total
    }
    this.levels.splice(index, 0, { price, orders: [order], total: qty })
    return qty
  }

  /** Removes an order (cancel); returns the level's new total (zero when the level is gone). */
  remove(order: Order, remainingBefore: Decimal): Decimal {
    const { found, index } = this.find(order.price!)
    if (!found) return zero
    const level = this.levels[index]!
    const at = level.orders.indexOf(order)
    if (at < 0) return level.total
    level.orders.splice(at, 1)
    level.total = BigDecimal.subtract(level.total, remainingBefore)
    if (level.orders.length === 0) {
      this.levels.splice(index, 1)
      return zero
    }
    return level.total
  }

  /** Top `limit` levels as [price, total] pairs. */
  top(limit: number): Array<readonly [Decimal, Decimal]> {
    return this.levels.slice(0, limit).map((l) => [l.price, l.total] as const)
  }
}

/**
 * Bids and asks of one instrument.
 * @since 0.1.0
 */
export interface OrderBook {
  readonly bids: Ladder
  readonly asks: Ladder
}

/** @since 0.1.0 */
export const makeOrderBook = (): OrderBook => ({ bids: new Ladder("buy"), asks: new Ladder("sell") })

/**
 * Whether a limit price on `side` reaches a resting level at `levelPrice` on the other side.
 * @since 0.1.0
 */
export const crosses = (side: Side, limit: Decimal | undefined, levelPrice: Decimal): boolean =>
  limit === undefined ||
  (side === "buy"
    ? BigDecimal.greaterThanOrEqualTo(limit, levelPrice)
    : BigDecimal.lessThanOrEqualTo(limit, levelPrice))
