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
import { indexTable, makeClassifier } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"

const VENUE = "binance"

/**
 * Every code on Binance's Spot error-code page.
 * @since 0.1.0
 */
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = [
  // 10xx - General Server or Network issues
  {
    code: "-1000",
    name: "UNKNOWN",
    meaning: "An unknown error occurred while processing the request.",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  {
    code: "-1001",
    name: "DISCONNECTED",
    meaning: "Internal error; unable to process your request. Please try again.",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  {
    code: "-1002",
    name: "UNAUTHORIZED",
    meaning: "You are not authorized to execute this request.",
    tag: "AuthenticationFailed"
  },
  // Also "Too much request weight used; current limit is %s request weight per %s. ..." and
  // "Way too much request weight used; IP banned until %s. ..." (sent with HTTP 418, see `classify`).
  { code: "-1003", name: "TOO_MANY_REQUESTS", meaning: "Too many requests queued.", tag: "RateLimited" },
  {
    code: "-1006",
    name: "UNEXPECTED_RESP",
    meaning: "An unexpected response was received from the message bus. Execution status unknown.",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  {
    code: "-1007",
    name: "TIMEOUT",
    meaning: "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
    tag: "RequestTimeout",
    outcome: "ambiguous"
  },
  {
    code: "-1008",
    name: "SERVER_BUSY",
    meaning: "Server is currently overloaded with other requests. Please try again in a few minutes.",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  // Named in the heading "Messages for -1010 ERROR_MSG_RECEIVED, ..."; the message says why.
  {
    code: "-1010",
    name: "ERROR_MSG_RECEIVED",
    meaning: "This code is sent when an error has been returned by the matching engine.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  // The filter-failure messages refine it (see `errorMessages`).
  {
    code: "-1013",
    name: "INVALID_MESSAGE",
    meaning: "The request is rejected by the API. (i.e. The request didn't reach the Matching Engine.)",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "-1014",
    name: "UNKNOWN_ORDER_COMPOSITION",
    meaning: "Unsupported order combination.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  // The order-count rate limit ("Too many new orders; current limit is %s orders per %s.").
  { code: "-1015", name: "TOO_MANY_ORDERS", meaning: "Too many new orders.", tag: "RateLimited" },
  {
    code: "-1016",
    name: "SERVICE_SHUTTING_DOWN",
    meaning: "This service is no longer available.",
    tag: "ExchangeUnavailable",
    outcome: "definitive"
  },
  {
    code: "-1020",
    name: "UNSUPPORTED_OPERATION",
    meaning: "This operation is not supported.",
    tag: "NotSupported"
  },
  {
    code: "-1021",
    name: "INVALID_TIMESTAMP",
    meaning: "Timestamp for this request is outside of the recvWindow.",
    tag: "TimestampOutOfWindow"
  },
  {
    code: "-1022",
    name: "INVALID_SIGNATURE",
    meaning: "Signature for this request is not valid.",
    tag: "AuthenticationFailed"
  },
  {
    code: "-1033",
    name: "COMP_ID_IN_USE",
    meaning:
      "SenderCompId(49) is currently in use. Concurrent use of the same SenderCompId within one account is not allowed.",
    tag: "InvalidRequest"
  },
  {
    code: "-1034",
    name: "TOO_MANY_CONNECTIONS",
    meaning: "Too many concurrent connections; current limit is '%s'.",
    tag: "RateLimited"
  },
  {
    code: "-1035",
    name: "LOGGED_OUT",
    meaning: "Please send Logout<5> message to close the session.",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },

  // 11xx - Request issues
  {
    code: "-1100",
    name: "ILLEGAL_CHARS",
    meaning: "Illegal characters found in a parameter.",
    tag: "InvalidRequest"
  },
  {
    code: "-1101",
    name: "TOO_MANY_PARAMETERS",
    meaning: "Too many parameters sent for this endpoint.",
    tag: "InvalidRequest"
  },
  {
    code: "-1102",
    name: "MANDATORY_PARAM_EMPTY_OR_MALFORMED",
    meaning: "A mandatory parameter was not sent, was empty/null, or malformed.",
    tag: "InvalidRequest"
  },
  { code: "-1103", name: "UNKNOWN_PARAM", meaning: "An unknown parameter was sent.", tag: "InvalidRequest" },
  {
    code: "-1104",
    name: "UNREAD_PARAMETERS",
    meaning: "Not all sent parameters were read.",
    tag: "InvalidRequest"
  },
  { code: "-1105", name: "PARAM_EMPTY", meaning: "A parameter was empty.", tag: "InvalidRequest" },
  {
    code: "-1106",
    name: "PARAM_NOT_REQUIRED",
    meaning: "A parameter was sent when not required.",
    tag: "InvalidRequest"
  },
  { code: "-1108", name: "PARAM_OVERFLOW", meaning: "Parameter '%s' overflowed.", tag: "InvalidRequest" },
  {
    code: "-1111",
    name: "BAD_PRECISION",
    meaning: "Parameter '%s' has too much precision.",
    tag: "InvalidRequest"
  },
  {
    code: "-1112",
    name: "NO_DEPTH",
    meaning: "No orders on book for symbol.",
    tag: "InvalidOrder",
    reason: "would_not_fill"
  },
  {
    code: "-1114",
    name: "TIF_NOT_REQUIRED",
    meaning: "TimeInForce parameter sent when not required.",
    tag: "InvalidRequest"
  },
  { code: "-1115", name: "INVALID_TIF", meaning: "Invalid timeInForce.", tag: "InvalidRequest" },
  { code: "-1116", name: "INVALID_ORDER_TYPE", meaning: "Invalid orderType.", tag: "InvalidRequest" },
  { code: "-1117", name: "INVALID_SIDE", meaning: "Invalid side.", tag: "InvalidRequest" },
  {
    code: "-1118",
    name: "EMPTY_NEW_CL_ORD_ID",
    meaning: "New client order ID was empty.",
    tag: "InvalidRequest"
  },
  {
    code: "-1119",
    name: "EMPTY_ORG_CL_ORD_ID",
    meaning: "Original client order ID was empty.",
    tag: "InvalidRequest"
  },
  { code: "-1120", name: "BAD_INTERVAL", meaning: "Invalid interval.", tag: "InvalidRequest" },
  // Symbols are resolved against the loaded markets before sending; a -1121 is a bad request.
  { code: "-1121", name: "BAD_SYMBOL", meaning: "Invalid symbol.", tag: "InvalidRequest" },
  { code: "-1122", name: "INVALID_SYMBOLSTATUS", meaning: "Invalid symbolStatus.", tag: "InvalidRequest" },
  {
    code: "-1125",
    name: "INVALID_LISTEN_KEY",
    meaning: "This listenKey does not exist.",
    tag: "InvalidRequest"
  },
  { code: "-1127", name: "MORE_THAN_XX_HOURS", meaning: "Lookup interval is too big.", tag: "InvalidRequest" },
  {
    code: "-1128",
    name: "OPTIONAL_PARAMS_BAD_COMBO",
    meaning: "Combination of optional parameters invalid.",
    tag: "InvalidRequest"
  },
  {
    code: "-1130",
    name: "INVALID_PARAMETER",
    meaning: "Invalid data sent for a parameter.",
    tag: "InvalidRequest"
  },
  {
    code: "-1134",
    name: "BAD_STRATEGY_TYPE",
    meaning: "strategyType was less than 1000000.",
    tag: "InvalidRequest"
  },
  { code: "-1135", name: "INVALID_JSON", meaning: "Invalid JSON Request", tag: "InvalidRequest" },
  { code: "-1139", name: "INVALID_TICKER_TYPE", meaning: "Invalid ticker type.", tag: "InvalidRequest" },
  {
    code: "-1145",
    name: "INVALID_CANCEL_RESTRICTIONS",
    meaning: "cancelRestrictions has to be either ONLY_NEW or ONLY_PARTIALLY_FILLED.",
    tag: "InvalidRequest"
  },
  {
    code: "-1151",
    name: "DUPLICATE_SYMBOLS",
    meaning: "Symbol is present multiple times in the list.",
    tag: "InvalidRequest"
  },
  {
    code: "-1152",
    name: "INVALID_SBE_HEADER",
    meaning: "Invalid X-MBX-SBE header; expected <SCHEMA_ID>:<VERSION>.",
    tag: "InvalidRequest"
  },
  {
    code: "-1153",
    name: "UNSUPPORTED_SCHEMA_ID",
    meaning: "Unsupported SBE schema ID or version specified in the X-MBX-SBE header.",
    tag: "InvalidRequest"
  },
  { code: "-1155", name: "SBE_DISABLED", meaning: "SBE is not enabled.", tag: "InvalidRequest" },
  {
    code: "-1158",
    name: "OCO_ORDER_TYPE_REJECTED",
    meaning: "Order type not supported in OCO.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  {
    code: "-1160",
    name: "OCO_ICEBERGQTY_TIMEINFORCE",
    meaning: "Parameter '%s' is not supported if aboveTimeInForce/belowTimeInForce is not GTC.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  {
    code: "-1161",
    name: "DEPRECATED_SCHEMA",
    meaning: "Unable to encode the response in SBE schema 'x'. Please use schema 'y' or higher.",
    tag: "InvalidRequest"
  },
  {
    code: "-1165",
    name: "BUY_OCO_LIMIT_MUST_BE_BELOW",
    meaning: "A limit order in a buy OCO must be below.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "-1166",
    name: "SELL_OCO_LIMIT_MUST_BE_ABOVE",
    meaning: "A limit order in a sell OCO must be above.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "-1168",
    name: "BOTH_OCO_ORDERS_CANNOT_BE_LIMIT",
    meaning: "At least one OCO order must be contingent.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  // -1169 … -1191: FIX API session and message errors.
  { code: "-1169", name: "INVALID_TAG_NUMBER", meaning: "Invalid tag number.", tag: "InvalidRequest" },
  {
    code: "-1170",
    name: "TAG_NOT_DEFINED_IN_MESSAGE",
    meaning: "Tag '%s' not defined for this message type.",
    tag: "InvalidRequest"
  },
  {
    code: "-1171",
    name: "TAG_APPEARS_MORE_THAN_ONCE",
    meaning: "Tag '%s' appears more than once.",
    tag: "InvalidRequest"
  },
  {
    code: "-1172",
    name: "TAG_OUT_OF_ORDER",
    meaning: "Tag '%s' specified out of required order.",
    tag: "InvalidRequest"
  },
  {
    code: "-1173",
    name: "GROUP_FIELDS_OUT_OF_ORDER",
    meaning: "Repeating group '%s' fields out of order.",
    tag: "InvalidRequest"
  },
  {
    code: "-1174",
    name: "INVALID_COMPONENT",
    meaning: "Component '%s' is incorrectly populated on '%s' order. Recommendation: '%s'",
    tag: "InvalidRequest"
  },
  {
    code: "-1175",
    name: "RESET_SEQ_NUM_SUPPORT",
    meaning:
      "Continuation of sequence numbers to new session is currently unsupported. Sequence numbers must be reset for each new session.",
    tag: "InvalidRequest"
  },
  {
    code: "-1176",
    name: "ALREADY_LOGGED_IN",
    meaning: "Logon<A> should only be sent once.",
    tag: "InvalidRequest"
  },
  {
    code: "-1177",
    name: "GARBLED_MESSAGE",
    meaning: "CheckSum(10) contains an incorrect value.",
    tag: "InvalidRequest"
  },
  {
    code: "-1178",
    name: "BAD_SENDER_COMPID",
    meaning:
      "SenderCompId(49) contains an incorrect value. The SenderCompID value should not change throughout the lifetime of a session.",
    tag: "InvalidRequest"
  },
  {
    code: "-1179",
    name: "BAD_SEQ_NUM",
    meaning: "MsgSeqNum(34) contains an unexpected value. Expected: '%d'.",
    tag: "InvalidRequest"
  },
  {
    code: "-1180",
    name: "EXPECTED_LOGON",
    meaning: "Logon<A> must be the first message in the session.",
    tag: "InvalidRequest"
  },
  {
    code: "-1181",
    name: "TOO_MANY_MESSAGES",
    meaning: "Too many messages; current limit is '%d' messages per '%s'.",
    tag: "RateLimited"
  },
  { code: "-1182", name: "PARAMS_BAD_COMBO", meaning: "Conflicting fields: [%s]", tag: "InvalidRequest" },
  {
    code: "-1183",
    name: "NOT_ALLOWED_IN_DROP_COPY_SESSIONS",
    meaning: "Requested operation is not allowed in DropCopy sessions.",
    tag: "InvalidRequest"
  },
  {
    code: "-1184",
    name: "DROP_COPY_SESSION_NOT_ALLOWED",
    meaning: "DropCopy sessions are not supported on this server. Please reconnect to a drop copy server.",
    tag: "InvalidRequest"
  },
  {
    code: "-1185",
    name: "DROP_COPY_SESSION_REQUIRED",
    meaning:
      "Only DropCopy sessions are supported on this server. Either reconnect to order entry server or send DropCopyFlag (9406) field.",
    tag: "InvalidRequest"
  },
  {
    code: "-1186",
    name: "NOT_ALLOWED_IN_ORDER_ENTRY_SESSIONS",
    meaning: "Requested operation is not allowed in order entry sessions.",
    tag: "InvalidRequest"
  },
  {
    code: "-1187",
    name: "NOT_ALLOWED_IN_MARKET_DATA_SESSIONS",
    meaning: "Requested operation is not allowed in market data sessions.",
    tag: "InvalidRequest"
  },
  {
    code: "-1188",
    name: "INCORRECT_NUM_IN_GROUP_COUNT",
    meaning: "Incorrect NumInGroup count for repeating group '%s'.",
    tag: "InvalidRequest"
  },
  {
    code: "-1189",
    name: "DUPLICATE_ENTRIES_IN_A_GROUP",
    meaning: "Group '%s' contains duplicate entries.",
    tag: "InvalidRequest"
  },
  {
    code: "-1190",
    name: "INVALID_REQUEST_ID",
    meaning: "MDReqID (262) contains a subscription request id that is already in use on this connection.",
    tag: "InvalidRequest"
  },
  {
    code: "-1191",
    name: "TOO_MANY_SUBSCRIPTIONS",
    meaning: "Too many subscriptions. Connection may create up to '%s' subscriptions at a time.",
    tag: "InvalidRequest"
  },
  {
    code: "-1194",
    name: "INVALID_TIME_UNIT",
    meaning: "Invalid value for time unit; expected either MICROSECOND or MILLISECOND.",
    tag: "InvalidRequest"
  },
  {
    code: "-1196",
    name: "BUY_OCO_STOP_LOSS_MUST_BE_ABOVE",
    meaning: "A stop loss order in a buy OCO must be above.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "-1197",
    name: "SELL_OCO_STOP_LOSS_MUST_BE_BELOW",
    meaning: "A stop loss order in a sell OCO must be below.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "-1198",
    name: "BUY_OCO_TAKE_PROFIT_MUST_BE_BELOW",
    meaning: "A take profit order in a buy OCO must be below.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "-1199",
    name: "SELL_OCO_TAKE_PROFIT_MUST_BE_ABOVE",
    meaning: "A take profit order in a sell OCO must be above.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  { code: "-1210", name: "INVALID_PEG_PRICE_TYPE", meaning: "Invalid pegPriceType.", tag: "InvalidRequest" },
  { code: "-1211", name: "INVALID_PEG_OFFSET_TYPE", meaning: "Invalid pegOffsetType.", tag: "InvalidRequest" },
  {
    code: "-1220",
    name: "SYMBOL_DOES_NOT_MATCH_STATUS",
    meaning: "The symbol's status does not match the requested symbolStatus.",
    tag: "InvalidRequest"
  },
  {
    code: "-1221",
    name: "INVALID_SBE_MESSAGE_FIELD",
    meaning: "Invalid/missing field(s) in SBE message.",
    tag: "InvalidRequest"
  },
  {
    code: "-1222",
    name: "OPO_WORKING_MUST_BE_BUY",
    meaning: "Working order in an OPO list must be a bid.",
    tag: "InvalidRequest"
  },
  {
    code: "-1223",
    name: "OPO_PENDING_MUST_BE_SELL",
    meaning: "Pending orders in an OPO list must be asks.",
    tag: "InvalidRequest"
  },
  {
    code: "-1224",
    name: "WORKING_PARAM_REQUIRED",
    meaning: "Working order must include the '{param}' tag.",
    tag: "InvalidRequest"
  },
  {
    code: "-1225",
    name: "PENDING_PARAM_NOT_REQUIRED",
    meaning: "Pending orders should not include the '%s' tag.",
    tag: "InvalidRequest"
  },

  // 20xx - Processing issues
  // -2010 / -2011 / -2038 say why in the message (see `errorMessages`).
  {
    code: "-2010",
    name: "NEW_ORDER_REJECTED",
    meaning: "NEW_ORDER_REJECTED",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  { code: "-2011", name: "CANCEL_REJECTED", meaning: "CANCEL_REJECTED", tag: "InvalidOrder", reason: "rejected" },
  { code: "-2013", name: "NO_SUCH_ORDER", meaning: "Order does not exist.", tag: "OrderNotFound" },
  { code: "-2014", name: "BAD_API_KEY_FMT", meaning: "API-key format invalid.", tag: "AuthenticationFailed" },
  {
    code: "-2015",
    name: "REJECTED_MBX_KEY",
    meaning: "Invalid API-key, IP, or permissions for action.",
    tag: "AuthenticationFailed"
  },
  {
    code: "-2016",
    name: "NO_TRADING_WINDOW",
    meaning: "No trading window could be found for the symbol. Try ticker/24hrs instead.",
    tag: "InvalidRequest"
  },
  // "Errors regarding placing orders via cancelReplace": the page gives these two no upper-case
  // name, only a heading, used here as the name. The response's `data` says which half failed.
  {
    code: "-2021",
    name: "Order cancel-replace partially failed",
    meaning:
      "This code is sent when either the cancellation of the order failed or the new order placement failed but not both.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "-2022",
    name: "Order cancel-replace failed.",
    meaning: "This code is sent when both the cancellation of the order failed and the new order placement failed.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "-2026",
    name: "ORDER_ARCHIVED",
    meaning: "Order was canceled or expired with no executed qty over 90 days ago and has been archived.",
    tag: "OrderNotFound"
  },
  {
    code: "-2035",
    name: "SUBSCRIPTION_ACTIVE",
    meaning: "User Data Stream subscription already active.",
    tag: "InvalidRequest"
  },
  {
    code: "-2036",
    name: "SUBSCRIPTION_INACTIVE",
    meaning: "User Data Stream subscription not active.",
    tag: "InvalidRequest"
  },
  // Named in the heading "Messages for ..., and -2038 ORDER_AMEND_REJECTED"; also the
  // MAX_NUM_ORDER_AMENDS filter's code (Filters page).
  {
    code: "-2038",
    name: "ORDER_AMEND_REJECTED",
    meaning: "This code is sent when an error has been returned by the matching engine.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "-2039",
    name: "CLIENT_ORDER_ID_INVALID",
    meaning: "Client order ID is not correct for this order ID.",
    tag: "InvalidRequest"
  },
  {
    code: "-2042",
    name: "MAXIMUM_SUBSCRIPTION_IDS",
    meaning: "Maximum subscription ID reached for this connection.",
    tag: "InvalidRequest"
  }
]

/**
 * The messages that say why a -1010 / -2010 / -2011 / -2038 (section "Messages for -1010
 * ERROR_MSG_RECEIVED, -2010 NEW_ORDER_REJECTED, -2011 CANCEL_REJECTED, and -2038
 * ORDER_AMEND_REJECTED") or a -1013 / -2010 (section "Filter failures") was sent. Matched on the exact
 * text only.
 * @since 0.1.0
 */
export const errorMessages: ReadonlyArray<ErrorMessageEntry> = [
  // Messages for -1010 ERROR_MSG_RECEIVED, -2010 NEW_ORDER_REJECTED, -2011 CANCEL_REJECTED, and
  // -2038 ORDER_AMEND_REJECTED
  { message: "Unknown order sent.", tag: "OrderNotFound" },
  { message: "Duplicate order sent.", tag: "DuplicateClientOrderId" },
  { message: "Market is closed.", tag: "InvalidOrder", reason: "market_closed" },
  { message: "Account has insufficient balance for requested action.", tag: "InsufficientFunds" },
  { message: "Market orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "Iceberg orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "Stop loss orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "Stop loss limit orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "Take profit orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  {
    message: "Take profit limit orders are not supported for this symbol.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  { message: "Order amend is not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "Price * QTY is zero or less.", tag: "InvalidOrder", reason: "min_notional" },
  { message: "IcebergQty exceeds QTY.", tag: "InvalidOrder", reason: "invalid_parameter" },
  { message: "This action is disabled on this account.", tag: "PermissionDenied" },
  { message: "This account may not place or cancel orders.", tag: "PermissionDenied" },
  // Sic: no final period on the page.
  { message: "Unsupported order combination", tag: "InvalidOrder", reason: "invalid_parameter" },
  // The stop price is on the wrong side of the last traded price.
  { message: "Order would trigger immediately.", tag: "InvalidOrder", reason: "price_out_of_range" },
  { message: "Cancel order is invalid. Check origClOrdId and orderId.", tag: "InvalidRequest" },
  { message: "Order would immediately match and take.", tag: "InvalidOrder", reason: "post_only_would_cross" },
  {
    message: "The relationship of the prices for the orders is not correct.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  // Sic: no final period on the page.
  { message: "OCO orders are not supported for this symbol", tag: "InvalidOrder", reason: "rejected" },
  // Sic: "not support" on the page.
  {
    message: "Quote order qty market orders are not support for this symbol.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  { message: "Trailing stop orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "Order cancel-replace is not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "This symbol is not permitted for this account.", tag: "PermissionDenied" },
  { message: "This symbol is restricted for this account.", tag: "PermissionDenied" },
  { message: "Order was not canceled due to cancel restrictions.", tag: "InvalidOrder", reason: "rejected" },
  // The server the order was sent to is not configured to allow access to TRADE endpoints.
  { message: "Rest API trading is not enabled.", tag: "PermissionDenied" },
  { message: "WebSocket API trading is not enabled.", tag: "PermissionDenied" },
  // The page lacks the closing quote on this one.
  { message: "FIX API trading is not enabled.", tag: "PermissionDenied" },
  // Quote-quantity market orders that the book is too thin to fill at the minimum quantity.
  {
    message: "Order book liquidity is less than LOT_SIZE filter minimum quantity.",
    tag: "InvalidOrder",
    reason: "would_not_fill"
  },
  {
    message: "Order book liquidity is less than MARKET_LOT_SIZE filter minimum quantity.",
    tag: "InvalidOrder",
    reason: "would_not_fill"
  },
  {
    message: "Order book liquidity is less than symbol minimum quantity.",
    tag: "InvalidOrder",
    reason: "would_not_fill"
  },
  { message: "Order amend (quantity increase) is not supported.", tag: "InvalidOrder", reason: "invalid_parameter" },
  // The page puts the period outside the quotes; Binance's FIX API page shows the message with it
  // ("...; rejecting."), so both spellings are listed.
  {
    message: "The requested action would change no state; rejecting",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  {
    message: "The requested action would change no state; rejecting.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  { message: "Pegged orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  { message: "This order type may not use pegged price.", tag: "InvalidOrder", reason: "invalid_parameter" },
  { message: "This price peg cannot be used with this order type.", tag: "InvalidOrder", reason: "invalid_parameter" },
  // The book has no best price level to peg to.
  { message: "Order book liquidity is too low for this pegged order.", tag: "InvalidOrder", reason: "rejected" },
  { message: "OPO orders are not supported for this symbol.", tag: "InvalidOrder", reason: "rejected" },
  {
    message: "Order amend (pending OPO order) is not supported.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },

  // Filter failures
  // PRICE_FILTER covers minPrice, maxPrice and tickSize; the tick size is the usual cause.
  { message: "Filter failure: PRICE_FILTER", tag: "InvalidOrder", reason: "tick_size" },
  { message: "Filter failure: PERCENT_PRICE", tag: "InvalidOrder", reason: "price_out_of_range" },
  // Not in the errors page's table; the filter is on the Filters page and the message follows the
  // same "Filter failure: <filterType>" form.
  { message: "Filter failure: PERCENT_PRICE_BY_SIDE", tag: "InvalidOrder", reason: "price_out_of_range" },
  { message: "Filter failure: LOT_SIZE", tag: "InvalidOrder", reason: "lot_size" },
  { message: "Filter failure: MIN_NOTIONAL", tag: "InvalidOrder", reason: "min_notional" },
  // NOTIONAL bounds both minNotional and maxNotional; below the minimum is the usual cause.
  { message: "Filter failure: NOTIONAL", tag: "InvalidOrder", reason: "min_notional" },
  { message: "Filter failure: ICEBERG_PARTS", tag: "InvalidOrder", reason: "invalid_parameter" },
  { message: "Filter failure: MARKET_LOT_SIZE", tag: "InvalidOrder", reason: "lot_size" },
  // The order would take the account's position in the base asset above maxPosition.
  { message: "Filter failure: MAX_POSITION", tag: "InvalidOrder", reason: "max_quantity" },
  { message: "Filter failure: MAX_NUM_ORDERS", tag: "InvalidOrder", reason: "too_many_orders" },
  { message: "Filter failure: MAX_NUM_ALGO_ORDERS", tag: "InvalidOrder", reason: "too_many_orders" },
  { message: "Filter failure: MAX_NUM_ICEBERG_ORDERS", tag: "InvalidOrder", reason: "too_many_orders" },
  // Too many amendments of one order (not too many orders).
  { message: "Filter failure: MAX_NUM_ORDER_AMENDS", tag: "InvalidOrder", reason: "rejected" },
  { message: "Filter failure: MAX_NUM_ORDER_LISTS", tag: "InvalidOrder", reason: "too_many_orders" },
  { message: "Filter failure: TRAILING_DELTA", tag: "InvalidOrder", reason: "invalid_parameter" },
  { message: "Filter failure: EXCHANGE_MAX_NUM_ORDERS", tag: "InvalidOrder", reason: "too_many_orders" },
  { message: "Filter failure: EXCHANGE_MAX_NUM_ALGO_ORDERS", tag: "InvalidOrder", reason: "too_many_orders" },
  { message: "Filter failure: EXCHANGE_MAX_NUM_ICEBERG_ORDERS", tag: "InvalidOrder", reason: "too_many_orders" },
  { message: "Filter failure: EXCHANGE_MAX_NUM_ORDER_LISTS", tag: "InvalidOrder", reason: "too_many_orders" }
]

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
