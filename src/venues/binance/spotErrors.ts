/**
 * Binance Spot error codes and their mapping onto the unified taxonomy (DESIGN.md §6).
 *
 * Source: "Error codes for Binance" (Spot),
 * https://developers.binance.com/docs/binance-spot-api-docs/errors
 * (mirrored in https://github.com/binance/binance-spot-api-docs/blob/master/errors.md), and the
 * filter names of https://developers.binance.com/docs/binance-spot-api-docs/filters.
 *
 * Every code, name and message below is copied from those pages. Where the page lists several
 * messages for one code, `meaning` is the first (generic) one; markdown formatting (backticks, links)
 * is dropped. Binance USDⓈ-M futures has its own table in `venues/binance-usdm/`; this file is Spot
 * only.
 *
 * @since 0.1.0
 */
import type { ClassifyInput, ErrorCodeEntry, ErrorMessageEntry } from "../../errors/ErrorCodeTable.js"
import { indexTable, makeClassifier, messageEntries, namedCodes } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"

const VENUE = "binance"

/**
 * Every code on Binance's Spot error-code page.
 * @since 0.1.0
 */
// dprint-ignore
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = namedCodes([
  // 10xx - General Server or Network issues
  ["-1000", "UNKNOWN", "ExchangeUnavailable:ambiguous", "An unknown error occurred while processing the request."],
  ["-1001", "DISCONNECTED", "ExchangeUnavailable:transient", "Internal error; unable to process your request. Please try again."],
  ["-1002", "UNAUTHORIZED", "AuthenticationFailed", "You are not authorized to execute this request."],
  // Also "Too much request weight used; current limit is %s request weight per %s. ..." and
  // "Way too much request weight used; IP banned until %s. ..." (sent with HTTP 418, see `classify`).
  ["-1003", "TOO_MANY_REQUESTS", "RateLimited", "Too many requests queued."],
  ["-1006", "UNEXPECTED_RESP", "ExchangeUnavailable:ambiguous", "An unexpected response was received from the message bus. Execution status unknown."],
  ["-1007", "TIMEOUT", "RequestTimeout:ambiguous", "Timeout waiting for response from backend server. Send status unknown; execution status unknown."],
  ["-1008", "SERVER_BUSY", "ExchangeUnavailable:transient", "Server is currently overloaded with other requests. Please try again in a few minutes."],
  // Named in the heading "Messages for -1010 ERROR_MSG_RECEIVED, ..."; the message says why.
  ["-1010", "ERROR_MSG_RECEIVED", "InvalidOrder:rejected", "This code is sent when an error has been returned by the matching engine."],
  // The filter-failure messages refine it (see `errorMessages`).
  ["-1013", "INVALID_MESSAGE", "InvalidOrder:rejected", "The request is rejected by the API. (i.e. The request didn't reach the Matching Engine.)"],
  ["-1014", "UNKNOWN_ORDER_COMPOSITION", "InvalidOrder:invalid_parameter", "Unsupported order combination."],
  // The order-count rate limit ("Too many new orders; current limit is %s orders per %s.").
  ["-1015", "TOO_MANY_ORDERS", "RateLimited", "Too many new orders."],
  ["-1016", "SERVICE_SHUTTING_DOWN", "ExchangeUnavailable:definitive", "This service is no longer available."],
  ["-1020", "UNSUPPORTED_OPERATION", "NotSupported", "This operation is not supported."],
  ["-1021", "INVALID_TIMESTAMP", "TimestampOutOfWindow", "Timestamp for this request is outside of the recvWindow."],
  ["-1022", "INVALID_SIGNATURE", "AuthenticationFailed", "Signature for this request is not valid."],
  ["-1033", "COMP_ID_IN_USE", "InvalidRequest", "SenderCompId(49) is currently in use. Concurrent use of the same SenderCompId within one account is not allowed."],
  ["-1034", "TOO_MANY_CONNECTIONS", "RateLimited", "Too many concurrent connections; current limit is '%s'."],
  ["-1035", "LOGGED_OUT", "ExchangeUnavailable:transient", "Please send Logout<5> message to close the session."],
  // 11xx - Request issues
  ["-1100", "ILLEGAL_CHARS", "InvalidRequest", "Illegal characters found in a parameter."],
  ["-1101", "TOO_MANY_PARAMETERS", "InvalidRequest", "Too many parameters sent for this endpoint."],
  ["-1102", "MANDATORY_PARAM_EMPTY_OR_MALFORMED", "InvalidRequest", "A mandatory parameter was not sent, was empty/null, or malformed."],
  ["-1103", "UNKNOWN_PARAM", "InvalidRequest", "An unknown parameter was sent."],
  ["-1104", "UNREAD_PARAMETERS", "InvalidRequest", "Not all sent parameters were read."],
  ["-1105", "PARAM_EMPTY", "InvalidRequest", "A parameter was empty."],
  ["-1106", "PARAM_NOT_REQUIRED", "InvalidRequest", "A parameter was sent when not required."],
  ["-1108", "PARAM_OVERFLOW", "InvalidRequest", "Parameter '%s' overflowed."],
  ["-1111", "BAD_PRECISION", "InvalidRequest", "Parameter '%s' has too much precision."],
  ["-1112", "NO_DEPTH", "InvalidOrder:would_not_fill", "No orders on book for symbol."],
  ["-1114", "TIF_NOT_REQUIRED", "InvalidRequest", "TimeInForce parameter sent when not required."],
  ["-1115", "INVALID_TIF", "InvalidRequest", "Invalid timeInForce."],
  ["-1116", "INVALID_ORDER_TYPE", "InvalidRequest", "Invalid orderType."],
  ["-1117", "INVALID_SIDE", "InvalidRequest", "Invalid side."],
  ["-1118", "EMPTY_NEW_CL_ORD_ID", "InvalidRequest", "New client order ID was empty."],
  ["-1119", "EMPTY_ORG_CL_ORD_ID", "InvalidRequest", "Original client order ID was empty."],
  ["-1120", "BAD_INTERVAL", "InvalidRequest", "Invalid interval."],
  // Symbols are resolved against the loaded markets before sending; a -1121 is a bad request.
  ["-1121", "BAD_SYMBOL", "InvalidRequest", "Invalid symbol."],
  ["-1122", "INVALID_SYMBOLSTATUS", "InvalidRequest", "Invalid symbolStatus."],
  ["-1125", "INVALID_LISTEN_KEY", "InvalidRequest", "This listenKey does not exist."],
  ["-1127", "MORE_THAN_XX_HOURS", "InvalidRequest", "Lookup interval is too big."],
  ["-1128", "OPTIONAL_PARAMS_BAD_COMBO", "InvalidRequest", "Combination of optional parameters invalid."],
  ["-1130", "INVALID_PARAMETER", "InvalidRequest", "Invalid data sent for a parameter."],
  ["-1134", "BAD_STRATEGY_TYPE", "InvalidRequest", "strategyType was less than 1000000."],
  ["-1135", "INVALID_JSON", "InvalidRequest", "Invalid JSON Request"],
  ["-1139", "INVALID_TICKER_TYPE", "InvalidRequest", "Invalid ticker type."],
  ["-1145", "INVALID_CANCEL_RESTRICTIONS", "InvalidRequest", "cancelRestrictions has to be either ONLY_NEW or ONLY_PARTIALLY_FILLED."],
  ["-1151", "DUPLICATE_SYMBOLS", "InvalidRequest", "Symbol is present multiple times in the list."],
  ["-1152", "INVALID_SBE_HEADER", "InvalidRequest", "Invalid X-MBX-SBE header; expected <SCHEMA_ID>:<VERSION>."],
  ["-1153", "UNSUPPORTED_SCHEMA_ID", "InvalidRequest", "Unsupported SBE schema ID or version specified in the X-MBX-SBE header."],
  ["-1155", "SBE_DISABLED", "InvalidRequest", "SBE is not enabled."],
  ["-1158", "OCO_ORDER_TYPE_REJECTED", "InvalidOrder:invalid_parameter", "Order type not supported in OCO."],
  ["-1160", "OCO_ICEBERGQTY_TIMEINFORCE", "InvalidOrder:invalid_parameter", "Parameter '%s' is not supported if aboveTimeInForce/belowTimeInForce is not GTC."],
  ["-1161", "DEPRECATED_SCHEMA", "InvalidRequest", "Unable to encode the response in SBE schema 'x'. Please use schema 'y' or higher."],
  ["-1165", "BUY_OCO_LIMIT_MUST_BE_BELOW", "InvalidOrder:price_out_of_range", "A limit order in a buy OCO must be below."],
  ["-1166", "SELL_OCO_LIMIT_MUST_BE_ABOVE", "InvalidOrder:price_out_of_range", "A limit order in a sell OCO must be above."],
  ["-1168", "BOTH_OCO_ORDERS_CANNOT_BE_LIMIT", "InvalidOrder:invalid_parameter", "At least one OCO order must be contingent."],
  // -1169 … -1191: FIX API session and message errors.
  ["-1169", "INVALID_TAG_NUMBER", "InvalidRequest", "Invalid tag number."],
  ["-1170", "TAG_NOT_DEFINED_IN_MESSAGE", "InvalidRequest", "Tag '%s' not defined for this message type."],
  ["-1171", "TAG_APPEARS_MORE_THAN_ONCE", "InvalidRequest", "Tag '%s' appears more than once."],
  ["-1172", "TAG_OUT_OF_ORDER", "InvalidRequest", "Tag '%s' specified out of required order."],
  ["-1173", "GROUP_FIELDS_OUT_OF_ORDER", "InvalidRequest", "Repeating group '%s' fields out of order."],
  ["-1174", "INVALID_COMPONENT", "InvalidRequest", "Component '%s' is incorrectly populated on '%s' order. Recommendation: '%s'"],
  ["-1175", "RESET_SEQ_NUM_SUPPORT", "InvalidRequest", "Continuation of sequence numbers to new session is currently unsupported. Sequence numbers must be reset for each new session."],
  ["-1176", "ALREADY_LOGGED_IN", "InvalidRequest", "Logon<A> should only be sent once."],
  ["-1177", "GARBLED_MESSAGE", "InvalidRequest", "CheckSum(10) contains an incorrect value."],
  ["-1178", "BAD_SENDER_COMPID", "InvalidRequest", "SenderCompId(49) contains an incorrect value. The SenderCompID value should not change throughout the lifetime of a session."],
  ["-1179", "BAD_SEQ_NUM", "InvalidRequest", "MsgSeqNum(34) contains an unexpected value. Expected: '%d'."],
  ["-1180", "EXPECTED_LOGON", "InvalidRequest", "Logon<A> must be the first message in the session."],
  ["-1181", "TOO_MANY_MESSAGES", "RateLimited", "Too many messages; current limit is '%d' messages per '%s'."],
  ["-1182", "PARAMS_BAD_COMBO", "InvalidRequest", "Conflicting fields: [%s]"],
  ["-1183", "NOT_ALLOWED_IN_DROP_COPY_SESSIONS", "InvalidRequest", "Requested operation is not allowed in DropCopy sessions."],
  ["-1184", "DROP_COPY_SESSION_NOT_ALLOWED", "InvalidRequest", "DropCopy sessions are not supported on this server. Please reconnect to a drop copy server."],
  ["-1185", "DROP_COPY_SESSION_REQUIRED", "InvalidRequest", "Only DropCopy sessions are supported on this server. Either reconnect to order entry server or send DropCopyFlag (9406) field."],
  ["-1186", "NOT_ALLOWED_IN_ORDER_ENTRY_SESSIONS", "InvalidRequest", "Requested operation is not allowed in order entry sessions."],
  ["-1187", "NOT_ALLOWED_IN_MARKET_DATA_SESSIONS", "InvalidRequest", "Requested operation is not allowed in market data sessions."],
  ["-1188", "INCORRECT_NUM_IN_GROUP_COUNT", "InvalidRequest", "Incorrect NumInGroup count for repeating group '%s'."],
  ["-1189", "DUPLICATE_ENTRIES_IN_A_GROUP", "InvalidRequest", "Group '%s' contains duplicate entries."],
  ["-1190", "INVALID_REQUEST_ID", "InvalidRequest", "MDReqID (262) contains a subscription request id that is already in use on this connection."],
  ["-1191", "TOO_MANY_SUBSCRIPTIONS", "InvalidRequest", "Too many subscriptions. Connection may create up to '%s' subscriptions at a time."],
  ["-1194", "INVALID_TIME_UNIT", "InvalidRequest", "Invalid value for time unit; expected either MICROSECOND or MILLISECOND."],
  ["-1196", "BUY_OCO_STOP_LOSS_MUST_BE_ABOVE", "InvalidOrder:price_out_of_range", "A stop loss order in a buy OCO must be above."],
  ["-1197", "SELL_OCO_STOP_LOSS_MUST_BE_BELOW", "InvalidOrder:price_out_of_range", "A stop loss order in a sell OCO must be below."],
  ["-1198", "BUY_OCO_TAKE_PROFIT_MUST_BE_BELOW", "InvalidOrder:price_out_of_range", "A take profit order in a buy OCO must be below."],
  ["-1199", "SELL_OCO_TAKE_PROFIT_MUST_BE_ABOVE", "InvalidOrder:price_out_of_range", "A take profit order in a sell OCO must be above."],
  ["-1210", "INVALID_PEG_PRICE_TYPE", "InvalidRequest", "Invalid pegPriceType."],
  ["-1211", "INVALID_PEG_OFFSET_TYPE", "InvalidRequest", "Invalid pegOffsetType."],
  ["-1220", "SYMBOL_DOES_NOT_MATCH_STATUS", "InvalidRequest", "The symbol's status does not match the requested symbolStatus."],
  ["-1221", "INVALID_SBE_MESSAGE_FIELD", "InvalidRequest", "Invalid/missing field(s) in SBE message."],
  ["-1222", "OPO_WORKING_MUST_BE_BUY", "InvalidRequest", "Working order in an OPO list must be a bid."],
  ["-1223", "OPO_PENDING_MUST_BE_SELL", "InvalidRequest", "Pending orders in an OPO list must be asks."],
  ["-1224", "WORKING_PARAM_REQUIRED", "InvalidRequest", "Working order must include the '{param}' tag."],
  ["-1225", "PENDING_PARAM_NOT_REQUIRED", "InvalidRequest", "Pending orders should not include the '%s' tag."],
  // 20xx - Processing issues
  // -2010 / -2011 / -2038 say why in the message (see `errorMessages`).
  ["-2010", "NEW_ORDER_REJECTED", "InvalidOrder:rejected", "NEW_ORDER_REJECTED"],
  ["-2011", "CANCEL_REJECTED", "InvalidOrder:rejected", "CANCEL_REJECTED"],
  ["-2013", "NO_SUCH_ORDER", "OrderNotFound", "Order does not exist."],
  ["-2014", "BAD_API_KEY_FMT", "AuthenticationFailed", "API-key format invalid."],
  ["-2015", "REJECTED_MBX_KEY", "AuthenticationFailed", "Invalid API-key, IP, or permissions for action."],
  ["-2016", "NO_TRADING_WINDOW", "InvalidRequest", "No trading window could be found for the symbol. Try ticker/24hrs instead."],
  // "Errors regarding placing orders via cancelReplace": the page gives these two no upper-case
  // name, only a heading, used here as the name. The response's `data` says which half failed.
  ["-2021", "Order cancel-replace partially failed", "InvalidOrder:rejected", "This code is sent when either the cancellation of the order failed or the new order placement failed but not both."],
  ["-2022", "Order cancel-replace failed.", "InvalidOrder:rejected", "This code is sent when both the cancellation of the order failed and the new order placement failed."],
  ["-2026", "ORDER_ARCHIVED", "OrderNotFound", "Order was canceled or expired with no executed qty over 90 days ago and has been archived."],
  ["-2035", "SUBSCRIPTION_ACTIVE", "InvalidRequest", "User Data Stream subscription already active."],
  ["-2036", "SUBSCRIPTION_INACTIVE", "InvalidRequest", "User Data Stream subscription not active."],
  // Named in the heading "Messages for ..., and -2038 ORDER_AMEND_REJECTED"; also the
  // MAX_NUM_ORDER_AMENDS filter's code (Filters page).
  ["-2038", "ORDER_AMEND_REJECTED", "InvalidOrder:rejected", "This code is sent when an error has been returned by the matching engine."],
  ["-2039", "CLIENT_ORDER_ID_INVALID", "InvalidRequest", "Client order ID is not correct for this order ID."],
  ["-2042", "MAXIMUM_SUBSCRIPTION_IDS", "InvalidRequest", "Maximum subscription ID reached for this connection."]
])

/**
 * The messages that say why a -1010 / -2010 / -2011 / -2038 (section "Messages for -1010
 * ERROR_MSG_RECEIVED, -2010 NEW_ORDER_REJECTED, -2011 CANCEL_REJECTED, and -2038
 * ORDER_AMEND_REJECTED") or a -1013 / -2010 (section "Filter failures") was sent. Matched on the exact
 * text only.
 * @since 0.1.0
 */
// dprint-ignore
export const errorMessages: ReadonlyArray<ErrorMessageEntry> = messageEntries([
  // Messages for -1010 ERROR_MSG_RECEIVED, -2010 NEW_ORDER_REJECTED, -2011 CANCEL_REJECTED, and
  // -2038 ORDER_AMEND_REJECTED
  ["Unknown order sent.", "OrderNotFound"],
  ["Duplicate order sent.", "DuplicateClientOrderId"],
  ["Market is closed.", "InvalidOrder:market_closed"],
  ["Account has insufficient balance for requested action.", "InsufficientFunds"],
  ["Market orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Iceberg orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Stop loss orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Stop loss limit orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Take profit orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Take profit limit orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Order amend is not supported for this symbol.", "InvalidOrder:rejected"],
  ["Price * QTY is zero or less.", "InvalidOrder:min_notional"],
  ["IcebergQty exceeds QTY.", "InvalidOrder:invalid_parameter"],
  ["This action is disabled on this account.", "PermissionDenied"],
  ["This account may not place or cancel orders.", "PermissionDenied"],
  // Sic: no final period on the page.
  ["Unsupported order combination", "InvalidOrder:invalid_parameter"],
  // The stop price is on the wrong side of the last traded price.
  ["Order would trigger immediately.", "InvalidOrder:price_out_of_range"],
  ["Cancel order is invalid. Check origClOrdId and orderId.", "InvalidRequest"],
  ["Order would immediately match and take.", "InvalidOrder:post_only_would_cross"],
  ["The relationship of the prices for the orders is not correct.", "InvalidOrder:price_out_of_range"],
  // Sic: no final period on the page.
  ["OCO orders are not supported for this symbol", "InvalidOrder:rejected"],
  // Sic: "not support" on the page.
  ["Quote order qty market orders are not support for this symbol.", "InvalidOrder:rejected"],
  ["Trailing stop orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Order cancel-replace is not supported for this symbol.", "InvalidOrder:rejected"],
  ["This symbol is not permitted for this account.", "PermissionDenied"],
  ["This symbol is restricted for this account.", "PermissionDenied"],
  ["Order was not canceled due to cancel restrictions.", "InvalidOrder:rejected"],
  // The server the order was sent to is not configured to allow access to TRADE endpoints.
  ["Rest API trading is not enabled.", "PermissionDenied"],
  ["WebSocket API trading is not enabled.", "PermissionDenied"],
  // The page lacks the closing quote on this one.
  ["FIX API trading is not enabled.", "PermissionDenied"],
  // Quote-quantity market orders that the book is too thin to fill at the minimum quantity.
  ["Order book liquidity is less than LOT_SIZE filter minimum quantity.", "InvalidOrder:would_not_fill"],
  ["Order book liquidity is less than MARKET_LOT_SIZE filter minimum quantity.", "InvalidOrder:would_not_fill"],
  ["Order book liquidity is less than symbol minimum quantity.", "InvalidOrder:would_not_fill"],
  ["Order amend (quantity increase) is not supported.", "InvalidOrder:invalid_parameter"],
  // The page puts the period outside the quotes; Binance's FIX API page shows the message with it
  // ("...; rejecting."), so both spellings are listed.
  ["The requested action would change no state; rejecting", "InvalidOrder:invalid_parameter"],
  ["The requested action would change no state; rejecting.", "InvalidOrder:invalid_parameter"],
  ["Pegged orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["This order type may not use pegged price.", "InvalidOrder:invalid_parameter"],
  ["This price peg cannot be used with this order type.", "InvalidOrder:invalid_parameter"],
  // The book has no best price level to peg to.
  ["Order book liquidity is too low for this pegged order.", "InvalidOrder:rejected"],
  ["OPO orders are not supported for this symbol.", "InvalidOrder:rejected"],
  ["Order amend (pending OPO order) is not supported.", "InvalidOrder:invalid_parameter"],
  // Filter failures
  // PRICE_FILTER covers minPrice, maxPrice and tickSize; the tick size is the usual cause.
  ["Filter failure: PRICE_FILTER", "InvalidOrder:tick_size"],
  ["Filter failure: PERCENT_PRICE", "InvalidOrder:price_out_of_range"],
  // Not in the errors page's table; the filter is on the Filters page and the message follows the
  // same "Filter failure: <filterType>" form.
  ["Filter failure: PERCENT_PRICE_BY_SIDE", "InvalidOrder:price_out_of_range"],
  ["Filter failure: LOT_SIZE", "InvalidOrder:lot_size"],
  ["Filter failure: MIN_NOTIONAL", "InvalidOrder:min_notional"],
  // NOTIONAL bounds both minNotional and maxNotional; below the minimum is the usual cause.
  ["Filter failure: NOTIONAL", "InvalidOrder:min_notional"],
  ["Filter failure: ICEBERG_PARTS", "InvalidOrder:invalid_parameter"],
  ["Filter failure: MARKET_LOT_SIZE", "InvalidOrder:lot_size"],
  // The order would take the account's position in the base asset above maxPosition.
  ["Filter failure: MAX_POSITION", "InvalidOrder:max_quantity"],
  ["Filter failure: MAX_NUM_ORDERS", "InvalidOrder:too_many_orders"],
  ["Filter failure: MAX_NUM_ALGO_ORDERS", "InvalidOrder:too_many_orders"],
  ["Filter failure: MAX_NUM_ICEBERG_ORDERS", "InvalidOrder:too_many_orders"],
  // Too many amendments of one order (not too many orders).
  ["Filter failure: MAX_NUM_ORDER_AMENDS", "InvalidOrder:rejected"],
  ["Filter failure: MAX_NUM_ORDER_LISTS", "InvalidOrder:too_many_orders"],
  ["Filter failure: TRAILING_DELTA", "InvalidOrder:invalid_parameter"],
  ["Filter failure: EXCHANGE_MAX_NUM_ORDERS", "InvalidOrder:too_many_orders"],
  ["Filter failure: EXCHANGE_MAX_NUM_ALGO_ORDERS", "InvalidOrder:too_many_orders"],
  ["Filter failure: EXCHANGE_MAX_NUM_ICEBERG_ORDERS", "InvalidOrder:too_many_orders"],
  ["Filter failure: EXCHANGE_MAX_NUM_ORDER_LISTS", "InvalidOrder:too_many_orders"]
])

/**
 * `errorCodes` by code.
 * @since 0.1.0
 */
export const codeIndex: ReadonlyMap<string, ErrorCodeEntry> = indexTable(errorCodes)

/**
 * The codes whose message is looked up in `errorMessages` before the code itself.
 * @since 0.1.0
 */
export const messageCodes: ReadonlySet<string> = new Set(["-1010", "-1013", "-2010", "-2011", "-2038"])

/**
 * Turns a Binance Spot error response (`{"code": -2010, "msg": "..."}`) into a unified error.
 *
 * For -1010, -1013, -2010, -2011 and -2038 the exact message is looked up first in
 * `errorMessages`; then the code in `errorCodes`. A -1003 (or an unknown code) with HTTP 418 is an
 * IP ban. An unknown code is `ExchangeUnavailable` (ambiguous) with HTTP 5xx, `RateLimited` with
 * HTTP 429, and `InvalidRequest` otherwise. Never matches on substrings.
 * @since 0.1.0
 */
export const classify: (input: ClassifyInput) => TransportError = makeClassifier({
  venue: VENUE,
  codes: codeIndex,
  messages: { codes: messageCodes, entries: errorMessages },
  // Binance answers 418 when the IP has been auto-banned after repeated 429s.
  ban: { status: 418, codes: ["-1003"] }
})
