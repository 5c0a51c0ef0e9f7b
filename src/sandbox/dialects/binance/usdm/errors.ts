/**
 * The codes only Binance USDⓈ-M answers with (the shared ones are in `../errors.ts`), one row per
 * code and message: `[code, message, HTTP status]`.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 *
 * @since 0.1.0
 */
import type { Rejection } from "../../../engine/Order.js"
import type { Row } from "../../kit/ErrorTable.js"
import { table } from "../../kit/ErrorTable.js"
import type { BinanceError } from "../errors.js"
import * as Errors from "../errors.js"

/** USDⓈ-M's own rows. @since 0.1.0 */
export const codes = {
  DISCONNECTED: [-1001, "Internal error; unable to process your request. Please try again.", 503],
  TOO_MANY_REQUESTS: [
    -1003,
    "Too many requests; current limit is %s requests per minute. Please use the websocket for live updates to avoid polling the API.",
    429
  ],
  TOO_MANY_REQUESTS_BANNED: [
    -1003,
    "Way too many requests; IP banned until %s. Please use the websocket for live updates to avoid bans.",
    418
  ],
  INVALID_LISTEN_KEY: [
    -1125,
    "This listenKey does not exist. Please use POST /fapi/v1/listenKey to recreate listenKey",
    400
  ],
  MARGIN_NOT_SUFFICIEN: [-2019, "Margin is insufficient.", 400],
  ORDER_WOULD_IMMEDIATELY_TRIGGER: [-2021, "Order would immediately trigger.", 400],
  REDUCE_ONLY_REJECT: [-2022, "ReduceOnly Order is rejected.", 400],
  QTY_LESS_THAN_ZERO: [-4003, "Quantity less than or equal to zero.", 400],
  QTY_GREATER_THAN_MAX_QTY: [-4005, "Quantity greater than max quantity.", 400],
  PRICE_NOT_INCREASED_BY_TICK_SIZE: [-4014, "Price not increased by tick size.", 400],
  WRONG_MARKET_STATUS: [-4022, "Market status sent is not valid.", 400],
  QTY_NOT_INCREASED_BY_STEP_SIZE: [-4023, "Quantity not increased by step size.", 400],
  INVALID_LEVERAGE: [-4028, "Leverage is not valid", 400],
  EXCEED_MAX_CANCEL_ORDER_SIZE: [-4032, "Exceed maximum cancel order size.", 400],
  INVALID_POSITION_SIDE: [-4061, "Order's position side does not match user's setting.", 400],
  INVALID_BATCH_PLACE_ORDER_SIZE: [-4082, "Invalid number of batch place orders.", 400],
  DUPLICATED_CLIENT_ORDER_ID: [-4116, "ClientOrderId is duplicated.", 400],
  MARKET_ORDER_REJECT: [-4131, "The counterparty's best price does not meet the PERCENT_PRICE filter limit.", 400],
  MIN_NOTIONAL: [-4164, "Order's notional must be no smaller than %s (unless you choose reduce only).", 400],
  FOK_ORDER_REJECT: [
    -5021,
    "Due to the order could not be filled immediately, the FOK order has been rejected. The order will not be recorded in the order history",
    400
  ],
  GTX_ORDER_REJECT: [
    -5022,
    "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history",
    400
  ]
} as const satisfies Record<string, Row>

/** The error of a USDⓈ-M code, its `%s` filled with `args`. @since 0.1.0 */
export const error = table(codes)

/** USDⓈ-M's codes of the engine's rejections (filter failures aside); the shared ones by the shared table. */
const REJECTED: Record<Exclude<Rejection["_tag"], "FilterFailure">, BinanceError> = {
  UnknownSymbol: Errors.error("BAD_SYMBOL"),
  MarketClosed: error("WRONG_MARKET_STATUS"),
  InsufficientBalance: error("MARGIN_NOT_SUFFICIEN"),
  WouldTake: error("GTX_ORDER_REJECT"),
  DuplicateClientOrderId: error("DUPLICATED_CLIENT_ORDER_ID"),
  NoLiquidity: error("MARKET_ORDER_REJECT"),
  UnknownOrder: Errors.error("CANCEL_REJECTED"),
  UnknownAccount: Errors.error("REJECTED_MBX_KEY"),
  ReduceOnlyRejected: error("REDUCE_ONLY_REJECT")
}

/** The filter failures' codes. */
const FILTERS: Record<string, keyof typeof codes> = {
  PRICE_FILTER: "PRICE_NOT_INCREASED_BY_TICK_SIZE",
  LOT_SIZE: "QTY_NOT_INCREASED_BY_STEP_SIZE"
}

/** What USDⓈ-M answers when the engine refuses an order; `minNotional` as the instrument writes it. @since 0.1.0 */
export const fromRejection = (rejection: Rejection, minNotional: string): BinanceError =>
  rejection._tag === "FilterFailure"
    ? error(FILTERS[rejection.filter] ?? "MIN_NOTIONAL", minNotional)
    : REJECTED[rejection._tag]
