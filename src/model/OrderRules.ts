/**
 * Checks an order against its market before anything is signed or sent: symbol type, tick size,
 * lot step, minimum quantity and notional, price presence. The library never rounds an order
 * silently; a price off the tick grid is an `InvalidOrder`, and `Decimal.roundToStep` is there for
 * callers who want to round explicitly.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { InvalidOrder, type InvalidOrderReason } from "../errors/ExchangeError.js"
import * as Decimal from "./Decimal.js"
import type { Market } from "./Market.js"
import type { OrderRequest } from "./Order.js"

const invalid = (market: Market, reason: InvalidOrderReason, detail: string) =>
  Either.left(new InvalidOrder({ venue: market.venue, reason, detail }))

/**
 * @since 0.1.0
 */
export const checkOrder = (market: Market, request: OrderRequest): Either.Either<void, InvalidOrder> => {
  if (market.status !== "trading") {
    return invalid(market, "market_closed", `${market.symbol} is ${market.venueStatus ?? market.status}`)
  }
  if (request.type === "limit" && request.price === undefined) {
    return invalid(market, "invalid_parameter", "a limit order needs a price")
  }
  if (request.type === "market" && request.price !== undefined) {
    return invalid(market, "invalid_parameter", "a market order takes no price")
  }
  if (request.type === "market" && request.postOnly === true) {
    return invalid(market, "invalid_parameter", "a market order cannot be post-only")
  }
  if (request.price !== undefined && !Decimal.isMultipleOf(request.price, market.tickSize)) {
    return invalid(
      market,
      "tick_size",
      `price ${Decimal.format(request.price)} is not a multiple of the tick size ${Decimal.format(market.tickSize)}`
    )
  }
  if (!Decimal.isMultipleOf(request.quantity, market.lotStep)) {
    return invalid(
      market,
      "lot_size",
      `quantity ${Decimal.format(request.quantity)} is not a multiple of the lot step ${Decimal.format(market.lotStep)}`
    )
  }
  if (BigDecimal.lessThan(request.quantity, market.minQuantity)) {
    return invalid(
      market,
      "min_quantity",
      `quantity ${Decimal.format(request.quantity)} is below the minimum ${Decimal.format(market.minQuantity)}`
    )
  }
  if (market.maxQuantity !== undefined && BigDecimal.greaterThan(request.quantity, market.maxQuantity)) {
    return invalid(
      market,
      "max_quantity",
      `quantity ${Decimal.format(request.quantity)} is above the maximum ${Decimal.format(market.maxQuantity)}`
    )
  }
  if (request.price !== undefined && market.minNotional !== undefined) {
    const notional = BigDecimal.multiply(BigDecimal.multiply(request.price, request.quantity), market.contractSize)
    if (BigDecimal.lessThan(notional, market.minNotional)) {
      return invalid(
        market,
        "min_notional",
        `notional ${Decimal.format(notional)} is below the minimum ${Decimal.format(market.minNotional)}`
      )
    }
  }
  return Either.void
}
