/**
 * An order a venue accepts and then cancels itself without the engine ever holding it (a post-only
 * order that would have taken liquidity, on venues that answer it that way rather than refusing
 * it): what the dialect keeps to answer queries about it.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Order, PlaceOrder } from "../../engine/Order.js"

/**
 * The canceled order, as the engine would have written it (`orderId` 0: the engine has none).
 * @since 0.1.0
 */
export const venueCanceled = (accountId: string, request: PlaceOrder, now: number): Order => ({
  orderId: 0,
  accountId,
  symbol: request.symbol,
  side: request.side,
  type: request.type,
  timeInForce: request.timeInForce,
  postOnly: true,
  clientOrderId: request.clientOrderId,
  reduceOnly: request.reduceOnly === true,
  price: request.price,
  quantity: request.quantity!,
  quoteQuantity: undefined,
  executedQuantity: BigDecimal.fromBigInt(0n),
  cumulativeQuote: BigDecimal.fromBigInt(0n),
  status: "canceled",
  locked: BigDecimal.fromBigInt(0n),
  createdAt: now,
  updatedAt: now
})
