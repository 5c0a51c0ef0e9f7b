/**
 * The errors the Binance USDⓈ-M dialect answers with, where they differ from Spot: same envelope
 * `{"code":-2019,"msg":"Margin is insufficient."}`, futures codes and messages.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 *
 * @since 0.1.0
 */
import type { Rejection } from "../../engine/Order.js"
import type { BinanceError } from "../binance/errors.js"
import * as Errors from "../binance/errors.js"

const { error } = Errors

/** -1003, the per-minute request limit (HTTP 429). @since 0.1.0 */
export const tooManyRequests = (limit: number, retryAfterSeconds: number): BinanceError =>
  error(
    -1003,
    `Too many requests; current limit is ${limit} requests per minute. Please use the websocket for live updates to avoid polling the API.`,
    429,
    { "Retry-After": String(retryAfterSeconds) }
  )

/** -1003, the IP ban (HTTP 418). @since 0.1.0 */
export const banned = (until: number, retryAfterSeconds: number): BinanceError =>
  error(
    -1003,
    `Way too many requests; IP banned until ${until}. Please use the websocket for live updates to avoid bans.`,
    418,
    { "Retry-After": String(retryAfterSeconds) }
  )

/** -2019 MARGIN_NOT_SUFFICIEN. @since 0.1.0 */
export const marginInsufficient = error(-2019, "Margin is insufficient.")
/** -2021 ORDER_WOULD_IMMEDIATELY_TRIGGER. @since 0.1.0 */
export const wouldTrigger = error(-2021, "Order would immediately trigger.")
/** -2022 REDUCE_ONLY_REJECT. @since 0.1.0 */
export const reduceOnlyRejected = error(-2022, "ReduceOnly Order is rejected.")
/** -4014 PRICE_NOT_INCREASED_BY_TICK_SIZE. @since 0.1.0 */
export const tickSize = error(-4014, "Price not increased by tick size.")
/** -4023 QTY_NOT_INCREASED_BY_STEP_SIZE. @since 0.1.0 */
export const stepSize = error(-4023, "Quantity not increased by step size.")
/** -4005 QTY_GREATER_THAN_MAX_QTY. @since 0.1.0 */
export const quantityTooBig = error(-4005, "Quantity greater than max quantity.")
/** -4003 QTY_LESS_THAN_ZERO. @since 0.1.0 */
export const quantityNotPositive = error(-4003, "Quantity less than or equal to zero.")
/** -4164 MIN_NOTIONAL. @since 0.1.0 */
export const minNotional = (notional: string): BinanceError =>
  error(-4164, `Order's notional must be no smaller than ${notional} (unless you choose reduce only).`)
/** -4116 DUPLICATED_CLIENT_ORDER_ID. @since 0.1.0 */
export const duplicateClientOrderId = error(-4116, "ClientOrderId is duplicated.")
/** -4082 INVALID_BATCH_PLACE_ORDER_SIZE. @since 0.1.0 */
export const invalidBatchSize = error(-4082, "Invalid number of batch place orders.")
/** -4131 MARKET_ORDER_REJECT (no counterparty within PERCENT_PRICE). @since 0.1.0 */
export const noCounterparty = error(
  -4131,
  "The counterparty's best price does not meet the PERCENT_PRICE filter limit."
)
/** -4028 INVALID_LEVERAGE. @since 0.1.0 */
export const invalidLeverage = error(-4028, "Leverage is not valid")
/** -5021 FOK_ORDER_REJECT. @since 0.1.0 */
export const fokRejected = error(
  -5021,
  "Due to the order could not be filled immediately, the FOK order has been rejected. The order will not be recorded in the order history"
)
/** -5022 GTX_ORDER_REJECT. @since 0.1.0 */
export const gtxRejected = error(
  -5022,
  "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history"
)
/** -4022 WRONG_MARKET_STATUS. @since 0.1.0 */
export const marketClosed = error(-4022, "Market status sent is not valid.")

/**
 * What USDⓈ-M answers when the engine refuses an order.
 * @since 0.1.0
 */
export const fromRejection = (rejection: Rejection, minNotionalText: string): BinanceError => {
  switch (rejection._tag) {
    case "FilterFailure":
      return rejection.filter === "PRICE_FILTER" ? tickSize : rejection.filter === "LOT_SIZE" ? stepSize : minNotional(
        minNotionalText
      )
    case "UnknownSymbol":
      return Errors.invalidSymbol
    case "MarketClosed":
      return marketClosed
    case "InsufficientBalance":
      return marginInsufficient
    case "WouldTake":
      return gtxRejected
    case "DuplicateClientOrderId":
      return duplicateClientOrderId
    case "NoLiquidity":
      return noCounterparty
    case "UnknownOrder":
      return Errors.unknownOrderSent
    case "UnknownAccount":
      return Errors.rejectedApiKey
    case "ReduceOnlyRejected":
      return reduceOnlyRejected
  }
}
