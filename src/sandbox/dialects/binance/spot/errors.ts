/**
 * The codes only Binance Spot answers with (the shared ones are in `../errors.ts`), one row per code
 * and message: `[code, message, HTTP status]`. -2010 carries the matching engine's message
 * (https://developers.binance.com/docs/binance-spot-api-docs/errors#messages-for--1010-error_msg_received--2010-new_order_rejected-and--2011-cancel_rejected).
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/errors
 * Filter failures: https://developers.binance.com/docs/binance-spot-api-docs/filters
 *
 * @since 0.1.0
 */
import type { Rejection } from "../../../engine/Order.js"
import type { Row } from "../../kit/ErrorTable.js"
import { table } from "../../kit/ErrorTable.js"
import type { BinanceError } from "../errors.js"
import * as Errors from "../errors.js"

/** Spot's own rows. @since 0.1.0 */
export const codes = {
  TOO_MANY_REQUESTS: [
    -1003,
    "Too much request weight used; current limit is %s request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
    429
  ],
  TOO_MANY_REQUESTS_BANNED: [
    -1003,
    "Way too much request weight used; IP banned until %s. Please use WebSocket Streams for live updates to avoid bans.",
    418
  ],
  SERVER_BUSY: [-1008, "Server is currently overloaded with other requests. Please try again in a few minutes.", 503],
  FILTER_FAILURE: [-1013, "Filter failure: %s", 400],
  TOO_MANY_ORDERS: [-1015, "Too many new orders; current limit is %s orders per %s.", 429],
  INVALID_INTERVAL: [-1127, "More than %s hours between startTime and endTime.", 400],
  COMBINATION_INVALID: [-1128, "Combination of optional parameters invalid.", 400],
  INVALID_TICKER_TYPE: [-1139, "Invalid ticker type.", 400],
  INVALID_CANCEL_RESTRICTIONS: [-1145, "cancelRestrictions has to be either ONLY_NEW or ONLY_PARTIALLY_FILLED.", 400],
  DUPLICATE_SYMBOLS: [-1151, "Symbol is present multiple times in the list.", 400],
  NEW_ORDER_REJECTED: [-2010, "%s", 400],
  CANCEL_REJECTED_RESTRICTIONS: [-2011, "Order was not canceled due to cancel restrictions.", 400]
} as const satisfies Record<string, Row>

/** The error of a Spot code, its `%s` filled with `args`. @since 0.1.0 */
export const error = table(codes)

/** The -2010 messages of the matching engine, per rejection. */
const REJECTED: Partial<Record<Rejection["_tag"], string>> = {
  MarketClosed: "Market is closed.",
  InsufficientBalance: "Account has insufficient balance for requested action.",
  WouldTake: "Order would immediately match and take.",
  DuplicateClientOrderId: "Duplicate order sent.",
  NoLiquidity: "Order book liquidity is less than symbol minimum quantity.",
  ReduceOnlyRejected: "ReduceOnly Order is rejected."
}

/** The shared codes of the engine's other rejections. */
const SHARED: Partial<Record<Rejection["_tag"], keyof typeof Errors.codes>> = {
  UnknownSymbol: "BAD_SYMBOL",
  UnknownOrder: "CANCEL_REJECTED",
  UnknownAccount: "REJECTED_MBX_KEY"
}

/** The error Spot answers when its matching engine or filters reject an order. @since 0.1.0 */
export const fromRejection = (rejection: Rejection): BinanceError => {
  if (rejection._tag === "FilterFailure") return error("FILTER_FAILURE", rejection.filter)
  const shared = SHARED[rejection._tag]
  return shared === undefined ? error("NEW_ORDER_REJECTED", REJECTED[rejection._tag]!) : Errors.error(shared)
}
