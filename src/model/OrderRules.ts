/**
 * Checks an order against its market before anything is signed or sent: symbol type, tick size,
 * the market's price rule (significant figures) where it has one, lot step, minimum quantity and notional, price presence. The library never rounds an order
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
  const rule = market.priceRule
  if (
    request.price !== undefined && rule !== undefined &&
    !(rule.integersAllowed && BigDecimal.isInteger(request.price)) &&
    Decimal.significantFigures(request.price) > rule.maxSignificantFigures
  ) {
    return invalid(
      market,
      "tick_size",
      `price ${Decimal.format(request.price)} has more than ${rule.maxSignificantFigures} significant figures` +
        (rule.integersAllowed ? " and is not an integer" : "")
    )
  }
  if (!Decimal.isMultipleOf(request.quantity, market.lotStep)) {
    return invalid(
      market,
      "lot_size",
      `quantity ${Decimal.format(request.quantity)} is not a multiple of the lot step ${Decimal.format(market.lotStep)}`
    )
  }
  if (Decimal.compare(request.quantity, market.minQuantity) < 0) {
    return invalid(
      market,
      "min_quantity",
      `quantity ${Decimal.format(request.quantity)} is below the minimum ${Decimal.format(market.minQuantity)}`
    )
  }
  if (market.maxQuantity !== undefined && Decimal.compare(request.quantity, market.maxQuantity) > 0) {
    return invalid(
      market,
      "max_quantity",
      `quantity ${Decimal.format(request.quantity)} is above the maximum ${Decimal.format(market.maxQuantity)}`
    )
  }
  if (request.price !== undefined && market.minNotional !== undefined) {
    // The unified quantity is in the base asset on every venue (a connector converts to contracts
    // on the wire), so the notional is price × quantity whatever the contract size.
    const notional = BigDecimal.multiply(request.price, request.quantity)
    if (Decimal.compare(notional, market.minNotional) < 0) {
      return invalid(
        market,
        "min_notional",
        `notional ${Decimal.format(BigDecimal.normalize(notional))} is below the minimum ${
          Decimal.format(market.minNotional)
        }`
      )
    }
  }
  return Either.void
}

/**
 * Checks an amendment of a resting order against its market before it is sent: something to
 * change, a new price on the tick grid, a new quantity on the lot step (venues that amend by id
 * only: Bybit, OKX).
 * @since 0.1.0
 */
export const checkAmendment = (
  market: Market,
  amendment: { readonly price?: Decimal.Decimal | undefined; readonly quantity?: Decimal.Decimal | undefined }
): Either.Either<void, InvalidOrder> => {
  const { price, quantity } = amendment
  if (price === undefined && quantity === undefined) return invalid(market, "invalid_parameter", "nothing to amend")
  if (price !== undefined && !Decimal.isMultipleOf(price, market.tickSize)) {
    return invalid(
      market,
      "tick_size",
      `price ${Decimal.format(price)} is not a multiple of the tick size ${Decimal.format(market.tickSize)}`
    )
  }
  if (quantity !== undefined && !Decimal.isMultipleOf(quantity, market.lotStep)) {
    return invalid(
      market,
      "lot_size",
      `quantity ${Decimal.format(quantity)} is not a multiple of the lot step ${Decimal.format(market.lotStep)}`
    )
  }
  return Either.void
}

/**
 * Rounds a price onto the market's grid in a direction: a multiple of the tick size, and, where
 * the market has a `priceRule`, within its significant figures (integers kept when allowed).
 * The result always passes the price checks of `checkOrder`.
 * @since 0.1.0
 */
export const roundPrice = (
  market: Market,
  price: Decimal.Decimal,
  direction: Decimal.RoundingDirection
): Decimal.Decimal => {
  const stepped = Decimal.roundToStep(price, market.tickSize, direction)
  const rule = market.priceRule
  if (rule === undefined) return stepped
  if (rule.integersAllowed && BigDecimal.isInteger(stepped)) return stepped
  if (Decimal.significantFigures(stepped) <= rule.maxSignificantFigures) return stepped
  const n = BigDecimal.normalize(stepped)
  const digits = (n.value < 0n ? -n.value : n.value).toString().length
  const scale = n.scale - (digits - rule.maxSignificantFigures)
  return Decimal.roundToStep(stepped, BigDecimal.make(1n, scale), direction)
}
