/**
 * What the opposite side of a book can give an order: pure walks over price levels, best first.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../model/Decimal.js"
import { roundToStep, zero } from "../../model/Decimal.js"
import type { Side } from "./Order.js"
import type { Level } from "./OrderBook.js"
import { crosses } from "./OrderBook.js"

/**
 * How much of `quantity` the opposite levels can fill within a limit price.
 * @since 0.1.0
 */
export const availableToTake = (
  levels: ReadonlyArray<Level>,
  side: Side,
  limit: Decimal | undefined,
  quantity: Decimal
): Decimal => {
  let total = zero
  for (const level of levels) {
    if (!crosses(side, limit, level.price) || BigDecimal.greaterThanOrEqualTo(total, quantity)) break
    total = BigDecimal.sum(total, level.total)
  }
  return total
}

/**
 * What taking `quantity` from the opposite levels costs in the quote asset (what is there of it).
 * @since 0.1.0
 */
export const costToTake = (levels: ReadonlyArray<Level>, quantity: Decimal): Decimal => {
  let left = quantity
  let cost = zero
  for (const level of levels) {
    if (!BigDecimal.isPositive(left)) break
    const take = BigDecimal.min(left, level.total)
    cost = BigDecimal.sum(cost, BigDecimal.multiply(take, level.price))
    left = BigDecimal.subtract(left, take)
  }
  return cost
}

/**
 * The base quantity (a multiple of the lot step) that `quoteAmount` buys or sells on these levels.
 * @since 0.1.0
 */
export const quantityForQuote = (levels: ReadonlyArray<Level>, quoteAmount: Decimal, lotStep: Decimal): Decimal => {
  let left = quoteAmount
  let quantity = zero
  for (const level of levels) {
    const affordable = roundToStep(BigDecimal.unsafeDivide(left, level.price), lotStep, "down")
    const take = BigDecimal.min(affordable, level.total)
    if (!BigDecimal.isPositive(take)) break
    quantity = BigDecimal.sum(quantity, take)
    left = BigDecimal.subtract(left, BigDecimal.multiply(take, level.price))
    if (BigDecimal.lessThan(take, level.total)) break
  }
  return roundToStep(quantity, lotStep, "down")
}
