/**
 * Binance USDⓈ-M futures error codes and their mapping onto the unified taxonomy (DESIGN.md §6).
 *
 * Source: "Error Codes" of the USDⓈ-M futures API,
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
 * (English page, with its zh-CN version /docs/zh-CN/derivatives/usds-margined-futures/error-code for
 * -4183). The copy read is the one fetched from that URL on 2026-01-15 (updated_at
 * 2026-01-15T23:46:40) and kept in https://github.com/qiuham/crypto-api-docs/blob/de34f52643fd8fecf2241233ecd8696dc1ff72d2/docs/binance/derivatives/usds-margined-futures/error-code.md;
 * An older copy of the page on Binance's mirror developers.binance.me was seen only in part and used
 * only to corroborate. The live page itself was not fetched.
 *
 * Every code, name and message below is copied from that page: all 201 codes it lists, no others.
 * Names are as the page spells them, typos included (-2019 MARGIN_NOT_SUFFICIEN, -4016
 * PRICE_HIGHTER_…); -1008 has no upper-case constant on the page ("Request Throttled"). Where the page
 * lists several messages for one code, `meaning` is the first; markdown (backticks) is dropped.
 * USDⓈ-M differs from Spot: filter failures have their own -4xxx codes, margin is -2019, post-only
 * (GTX) rejection is -5022, reduce-only rejection -2022.
 *
 * @since 0.1.0
 */
import type { ClassifyInput, ErrorCodeEntry } from "../../errors/ErrorCodeTable.js"
import { indexTable, makeClassifier, namedCodes } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"

const VENUE = "binance-usdm"

/**
 * Every code of the USDⓈ-M error-code page.
 * @since 0.1.0
 */
// dprint-ignore
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = namedCodes([
  // 10xx - General Server or Network issues
  ["-1000", "UNKNOWN", "ExchangeUnavailable:ambiguous", "An unknown error occured while processing the request."],
  ["-1001", "DISCONNECTED", "ExchangeUnavailable:transient", "Internal error; unable to process your request. Please try again."],
  ["-1002", "UNAUTHORIZED", "AuthenticationFailed", "You are not authorized to execute this request."],
  // Also "Way too many requests; IP banned until %s. ..." (sent with HTTP 418, see `classify`).
  ["-1003", "TOO_MANY_REQUESTS", "RateLimited", "Too many requests; current limit is %s requests per minute. Please use the websocket for live updates to avoid polling the API."],
  ["-1004", "DUPLICATE_IP", "InvalidRequest", "This IP is already on the white list"],
  ["-1005", "NO_SUCH_IP", "InvalidRequest", "No such IP has been white listed"],
  ["-1006", "UNEXPECTED_RESP", "ExchangeUnavailable:ambiguous", "An unexpected response was received from the message bus. Execution status unknown."],
  ["-1007", "TIMEOUT", "RequestTimeout:ambiguous", "Timeout waiting for response from backend server. Send status unknown; execution status unknown."],
  // The page titles this one "Request Throttled" (no upper-case constant). Also "Request throttled by
  // system-level protection. Reduce-only/close-position orders are exempt. Please try again."
  ["-1008", "Request Throttled", "ExchangeUnavailable:transient", "Server is currently overloaded with other requests. Please try again in a few minutes."],
  ["-1010", "ERROR_MSG_RECEIVED", "InvalidRequest", "ERROR_MSG_RECEIVED."],
  ["-1011", "NON_WHITE_LIST", "PermissionDenied", "This IP cannot access this route."],
  ["-1013", "INVALID_MESSAGE", "InvalidRequest", "INVALID_MESSAGE."],
  ["-1014", "UNKNOWN_ORDER_COMPOSITION", "InvalidOrder:invalid_parameter", "Unsupported order combination."],
  ["-1015", "TOO_MANY_ORDERS", "RateLimited", "Too many new orders."],
  ["-1016", "SERVICE_SHUTTING_DOWN", "ExchangeUnavailable:definitive", "This service is no longer available."],
  ["-1020", "UNSUPPORTED_OPERATION", "NotSupported", "This operation is not supported."],
  // Also "Timestamp for this request was 1000ms ahead of the server's time."
  ["-1021", "INVALID_TIMESTAMP", "TimestampOutOfWindow", "Timestamp for this request is outside of the recvWindow."],
  ["-1022", "INVALID_SIGNATURE", "AuthenticationFailed", "Signature for this request is not valid."],
  ["-1023", "START_TIME_GREATER_THAN_END_TIME", "InvalidRequest", "Start time is greater than end time."],
  ["-1099", "NOT_FOUND", "AuthenticationFailed", "Not found, unauthenticated, or unauthorized."],
  // 11xx - Request issues
  ["-1100", "ILLEGAL_CHARS", "InvalidRequest", "Illegal characters found in a parameter."],
  ["-1101", "TOO_MANY_PARAMETERS", "InvalidRequest", "Too many parameters sent for this endpoint."],
  ["-1102", "MANDATORY_PARAM_EMPTY_OR_MALFORMED", "InvalidRequest", "A mandatory parameter was not sent, was empty/null, or malformed."],
  ["-1103", "UNKNOWN_PARAM", "InvalidRequest", "An unknown parameter was sent."],
  ["-1104", "UNREAD_PARAMETERS", "InvalidRequest", "Not all sent parameters were read."],
  ["-1105", "PARAM_EMPTY", "InvalidRequest", "A parameter was empty."],
  ["-1106", "PARAM_NOT_REQUIRED", "InvalidRequest", "A parameter was sent when not required."],
  ["-1108", "BAD_ASSET", "InvalidRequest", "Invalid asset."],
  ["-1109", "BAD_ACCOUNT", "InvalidRequest", "Invalid account."],
  ["-1110", "BAD_INSTRUMENT_TYPE", "InvalidRequest", "Invalid symbolType."],
  ["-1111", "BAD_PRECISION", "InvalidOrder:invalid_parameter", "Precision is over the maximum defined for this asset."],
  ["-1112", "NO_DEPTH", "InvalidOrder:would_not_fill", "No orders on book for symbol."],
  ["-1113", "WITHDRAW_NOT_NEGATIVE", "InvalidRequest", "Withdrawal amount must be negative."],
  ["-1114", "TIF_NOT_REQUIRED", "InvalidRequest", "TimeInForce parameter sent when not required."],
  ["-1115", "INVALID_TIF", "InvalidRequest", "Invalid timeInForce."],
  ["-1116", "INVALID_ORDER_TYPE", "InvalidRequest", "Invalid orderType."],
  ["-1117", "INVALID_SIDE", "InvalidRequest", "Invalid side."],
  ["-1118", "EMPTY_NEW_CL_ORD_ID", "InvalidRequest", "New client order ID was empty."],
  ["-1119", "EMPTY_ORG_CL_ORD_ID", "InvalidRequest", "Original client order ID was empty."],
  ["-1120", "BAD_INTERVAL", "InvalidRequest", "Invalid interval."],
  ["-1121", "BAD_SYMBOL", "InvalidRequest", "Invalid symbol."],
  ["-1122", "INVALID_SYMBOL_STATUS", "InvalidOrder:market_closed", "Invalid symbol status."],
  ["-1125", "INVALID_LISTEN_KEY", "InvalidRequest", "This listenKey does not exist. Please use POST /fapi/v1/listenKey to recreate listenKey"],
  ["-1126", "ASSET_NOT_SUPPORTED", "InvalidRequest", "This asset is not supported."],
  ["-1127", "MORE_THAN_XX_HOURS", "InvalidRequest", "Lookup interval is too big."],
  ["-1128", "OPTIONAL_PARAMS_BAD_COMBO", "InvalidRequest", "Combination of optional parameters invalid."],
  ["-1130", "INVALID_PARAMETER", "InvalidRequest", "Invalid data sent for a parameter."],
  ["-1136", "INVALID_NEW_ORDER_RESP_TYPE", "InvalidRequest", "Invalid newOrderRespType."],
  // 20xx - Processing Issues
  ["-2010", "NEW_ORDER_REJECTED", "InvalidOrder:rejected", "NEW_ORDER_REJECTED"],
  // Second message: 'Cancel request failure as open order not found in the orderbook: "Unknown order sent".'
  ["-2011", "CANCEL_REJECTED", "OrderNotFound", "CANCEL_REJECTED"],
  ["-2012", "CANCEL_ALL_FAIL", "ExchangeUnavailable:ambiguous", "Batch cancel failure."],
  ["-2013", "NO_SUCH_ORDER", "OrderNotFound", "Order does not exist."],
  ["-2014", "BAD_API_KEY_FMT", "AuthenticationFailed", "API-key format invalid."],
  ["-2015", "REJECTED_MBX_KEY", "AuthenticationFailed", "Invalid API-key, IP, or permissions for action."],
  ["-2016", "NO_TRADING_WINDOW", "InvalidOrder:market_closed", "No trading window could be found for the symbol. Try ticker/24hrs instead."],
  ["-2017", "API_KEYS_LOCKED", "PermissionDenied", "API Keys are locked on this account."],
  ["-2018", "BALANCE_NOT_SUFFICIENT", "InsufficientFunds", "Balance is insufficient."],
  // The page spells the name MARGIN_NOT_SUFFICIEN (sic).
  ["-2019", "MARGIN_NOT_SUFFICIEN", "InsufficientFunds", "Margin is insufficient."],
  ["-2020", "UNABLE_TO_FILL", "InvalidOrder:would_not_fill", "Unable to fill."],
  ["-2021", "ORDER_WOULD_IMMEDIATELY_TRIGGER", "InvalidOrder:rejected", "Order would immediately trigger."],
  ["-2022", "REDUCE_ONLY_REJECT", "InvalidOrder:reduce_only_rejected", "ReduceOnly Order is rejected."],
  ["-2023", "USER_IN_LIQUIDATION", "PermissionDenied", "User in liquidation mode now."],
  ["-2024", "POSITION_NOT_SUFFICIENT", "InsufficientFunds", "Position is not sufficient."],
  ["-2025", "MAX_OPEN_ORDER_EXCEEDED", "InvalidOrder:too_many_orders", "Reach max open order limit."],
  ["-2026", "REDUCE_ONLY_ORDER_TYPE_NOT_SUPPORTED", "InvalidOrder:reduce_only_rejected", "This OrderType is not supported when reduceOnly."],
  ["-2027", "MAX_LEVERAGE_RATIO", "InvalidOrder:max_notional", "Exceeded the maximum allowable position at current leverage."],
  ["-2028", "MIN_LEVERAGE_RATIO", "InsufficientFunds", "Leverage is smaller than permitted: insufficient margin balance."],
  // 40xx - Filters and other Issues
  ["-4000", "INVALID_ORDER_STATUS", "InvalidRequest", "Invalid order status."],
  ["-4001", "PRICE_LESS_THAN_ZERO", "InvalidOrder:price_out_of_range", "Price less than 0."],
  ["-4002", "PRICE_GREATER_THAN_MAX_PRICE", "InvalidOrder:price_out_of_range", "Price greater than max price."],
  ["-4003", "QTY_LESS_THAN_ZERO", "InvalidOrder:min_quantity", "Quantity less than zero."],
  ["-4004", "QTY_LESS_THAN_MIN_QTY", "InvalidOrder:min_quantity", "Quantity less than min quantity."],
  ["-4005", "QTY_GREATER_THAN_MAX_QTY", "InvalidOrder:max_quantity", "Quantity greater than max quantity."],
  ["-4006", "STOP_PRICE_LESS_THAN_ZERO", "InvalidOrder:price_out_of_range", "Stop price less than zero."],
  ["-4007", "STOP_PRICE_GREATER_THAN_MAX_PRICE", "InvalidOrder:price_out_of_range", "Stop price greater than max price."],
  ["-4008", "TICK_SIZE_LESS_THAN_ZERO", "InvalidRequest", "Tick size less than zero."],
  ["-4009", "MAX_PRICE_LESS_THAN_MIN_PRICE", "InvalidRequest", "Max price less than min price."],
  ["-4010", "MAX_QTY_LESS_THAN_MIN_QTY", "InvalidRequest", "Max qty less than min qty."],
  ["-4011", "STEP_SIZE_LESS_THAN_ZERO", "InvalidRequest", "Step size less than zero."],
  ["-4012", "MAX_NUM_ORDERS_LESS_THAN_ZERO", "InvalidRequest", "Max mum orders less than zero."],
  ["-4013", "PRICE_LESS_THAN_MIN_PRICE", "InvalidOrder:price_out_of_range", "Price less than min price."],
  ["-4014", "PRICE_NOT_INCREASED_BY_TICK_SIZE", "InvalidOrder:tick_size", "Price not increased by tick size."],
  // Also "Client order id length should not be more than 36 chars".
  ["-4015", "INVALID_CL_ORD_ID_LEN", "InvalidRequest", "Client order id is not valid."],
  ["-4016", "PRICE_HIGHTER_THAN_MULTIPLIER_UP", "InvalidOrder:price_out_of_range", "Price is higher than mark price multiplier cap."],
  ["-4017", "MULTIPLIER_UP_LESS_THAN_ZERO", "InvalidRequest", "Multiplier up less than zero."],
  ["-4018", "MULTIPLIER_DOWN_LESS_THAN_ZERO", "InvalidRequest", "Multiplier down less than zero."],
  ["-4019", "COMPOSITE_SCALE_OVERFLOW", "InvalidRequest", "Composite scale too large."],
  ["-4020", "TARGET_STRATEGY_INVALID", "InvalidRequest", "Target strategy invalid for orderType '%s',reduceOnly '%b'."],
  ["-4021", "INVALID_DEPTH_LIMIT", "InvalidRequest", "Invalid depth limit."],
  ["-4022", "WRONG_MARKET_STATUS", "InvalidOrder:market_closed", "market status sent is not valid."],
  ["-4023", "QTY_NOT_INCREASED_BY_STEP_SIZE", "InvalidOrder:lot_size", "Qty not increased by step size."],
  ["-4024", "PRICE_LOWER_THAN_MULTIPLIER_DOWN", "InvalidOrder:price_out_of_range", "Price is lower than mark price multiplier floor."],
  ["-4025", "MULTIPLIER_DECIMAL_LESS_THAN_ZERO", "InvalidRequest", "Multiplier decimal less than zero."],
  ["-4026", "COMMISSION_INVALID", "InvalidRequest", "Commission invalid."],
  ["-4027", "INVALID_ACCOUNT_TYPE", "InvalidRequest", "Invalid account type."],
  ["-4028", "INVALID_LEVERAGE", "InvalidRequest", "Invalid leverage"],
  ["-4029", "INVALID_TICK_SIZE_PRECISION", "InvalidRequest", "Tick size precision is invalid."],
  ["-4030", "INVALID_STEP_SIZE_PRECISION", "InvalidRequest", "Step size precision is invalid."],
  ["-4031", "INVALID_WORKING_TYPE", "InvalidRequest", "Invalid parameter working type"],
  ["-4032", "EXCEED_MAX_CANCEL_ORDER_SIZE", "InvalidRequest", "Exceed maximum cancel order size."],
  ["-4033", "INSURANCE_ACCOUNT_NOT_FOUND", "InvalidRequest", "Insurance account not found."],
  ["-4044", "INVALID_BALANCE_TYPE", "InvalidRequest", "Balance Type is invalid."],
  ["-4045", "MAX_STOP_ORDER_EXCEEDED", "InvalidOrder:too_many_orders", "Reach max stop order limit."],
  ["-4046", "NO_NEED_TO_CHANGE_MARGIN_TYPE", "InvalidRequest", "No need to change margin type."],
  ["-4047", "THERE_EXISTS_OPEN_ORDERS", "InvalidRequest", "Margin type cannot be changed if there exists open orders."],
  ["-4048", "THERE_EXISTS_QUANTITY", "InvalidRequest", "Margin type cannot be changed if there exists position."],
  ["-4049", "ADD_ISOLATED_MARGIN_REJECT", "InvalidRequest", "Add margin only support for isolated position."],
  ["-4050", "CROSS_BALANCE_INSUFFICIENT", "InsufficientFunds", "Cross balance insufficient."],
  ["-4051", "ISOLATED_BALANCE_INSUFFICIENT", "InsufficientFunds", "Isolated balance insufficient."],
  ["-4052", "NO_NEED_TO_CHANGE_AUTO_ADD_MARGIN", "InvalidRequest", "No need to change auto add margin."],
  ["-4053", "AUTO_ADD_CROSSED_MARGIN_REJECT", "InvalidRequest", "Auto add margin only support for isolated position."],
  ["-4054", "ADD_ISOLATED_MARGIN_NO_POSITION_REJECT", "InvalidRequest", "Cannot add position margin: position is 0."],
  ["-4055", "AMOUNT_MUST_BE_POSITIVE", "InvalidRequest", "Amount must be positive."],
  ["-4056", "INVALID_API_KEY_TYPE", "AuthenticationFailed", "Invalid api key type."],
  ["-4057", "INVALID_RSA_PUBLIC_KEY", "AuthenticationFailed", "Invalid api public key"],
  ["-4058", "MAX_PRICE_TOO_LARGE", "InvalidRequest", "maxPrice and priceDecimal too large,please check."],
  ["-4059", "NO_NEED_TO_CHANGE_POSITION_SIDE", "InvalidRequest", "No need to change position side."],
  ["-4060", "INVALID_POSITION_SIDE", "InvalidRequest", "Invalid position side."],
  ["-4061", "POSITION_SIDE_NOT_MATCH", "InvalidOrder:invalid_parameter", "Order's position side does not match user's setting."],
  ["-4062", "REDUCE_ONLY_CONFLICT", "InvalidOrder:reduce_only_rejected", "Invalid or improper reduceOnly value."],
  ["-4063", "INVALID_OPTIONS_REQUEST_TYPE", "InvalidRequest", "Invalid options request type"],
  ["-4064", "INVALID_OPTIONS_TIME_FRAME", "InvalidRequest", "Invalid options time frame"],
  ["-4065", "INVALID_OPTIONS_AMOUNT", "InvalidRequest", "Invalid options amount"],
  ["-4066", "INVALID_OPTIONS_EVENT_TYPE", "InvalidRequest", "Invalid options event type"],
  ["-4067", "POSITION_SIDE_CHANGE_EXISTS_OPEN_ORDERS", "InvalidRequest", "Position side cannot be changed if there exists open orders."],
  ["-4068", "POSITION_SIDE_CHANGE_EXISTS_QUANTITY", "InvalidRequest", "Position side cannot be changed if there exists position."],
  ["-4069", "INVALID_OPTIONS_PREMIUM_FEE", "InvalidRequest", "Invalid options premium fee"],
  ["-4070", "INVALID_CL_OPTIONS_ID_LEN", "InvalidRequest", "Client options id is not valid."],
  ["-4071", "INVALID_OPTIONS_DIRECTION", "InvalidRequest", "Invalid options direction"],
  ["-4072", "OPTIONS_PREMIUM_NOT_UPDATE", "InvalidRequest", "premium fee is not updated, reject order"],
  ["-4073", "OPTIONS_PREMIUM_INPUT_LESS_THAN_ZERO", "InvalidRequest", "input premium fee is less than 0, reject order"],
  ["-4074", "OPTIONS_AMOUNT_BIGGER_THAN_UPPER", "InvalidRequest", "Order amount is bigger than upper boundary or less than 0, reject order"],
  ["-4075", "OPTIONS_PREMIUM_OUTPUT_ZERO", "InvalidRequest", "output premium fee is less than 0, reject order"],
  ["-4076", "OPTIONS_PREMIUM_TOO_DIFF", "InvalidRequest", "original fee is too much higher than last fee"],
  ["-4077", "OPTIONS_PREMIUM_REACH_LIMIT", "InvalidRequest", "place order amount has reached to limit, reject order"],
  ["-4078", "OPTIONS_COMMON_ERROR", "ExchangeUnavailable:ambiguous", "options internal error"],
  ["-4079", "INVALID_OPTIONS_ID", "InvalidRequest", "invalid options id"],
  ["-4080", "OPTIONS_USER_NOT_FOUND", "InvalidRequest", "user not found"],
  ["-4081", "OPTIONS_NOT_FOUND", "InvalidRequest", "options not found"],
  ["-4082", "INVALID_BATCH_PLACE_ORDER_SIZE", "InvalidRequest", "Invalid number of batch place orders."],
  ["-4083", "PLACE_BATCH_ORDERS_FAIL", "ExchangeUnavailable:ambiguous", "Fail to place batch orders."],
  ["-4084", "UPCOMING_METHOD", "NotSupported", "Method is not allowed currently. Upcoming soon."],
  ["-4085", "INVALID_NOTIONAL_LIMIT_COEF", "InvalidRequest", "Invalid notional limit coefficient"],
  ["-4086", "INVALID_PRICE_SPREAD_THRESHOLD", "InvalidRequest", "Invalid price spread threshold"],
  ["-4087", "REDUCE_ONLY_ORDER_PERMISSION", "PermissionDenied", "User can only place reduce only order"],
  ["-4088", "NO_PLACE_ORDER_PERMISSION", "PermissionDenied", "User can not place order currently"],
  ["-4104", "INVALID_CONTRACT_TYPE", "InvalidRequest", "Invalid contract type"],
  // Also "Transfer any amount of asset to future wallet to reactive".
  ["-4109", "INACTIVE_ACCOUNT", "PermissionDenied", "Inactive account"],
  ["-4114", "INVALID_CLIENT_TRAN_ID_LEN", "InvalidRequest", "clientTranId is not valid"],
  ["-4115", "DUPLICATED_CLIENT_TRAN_ID", "InvalidRequest", "clientTranId is duplicated"],
  ["-4116", "DUPLICATED_CLIENT_ORDER_ID", "DuplicateClientOrderId", "clientOrderId is duplicated"],
  ["-4117", "STOP_ORDER_TRIGGERING", "InvalidRequest", "stop order is triggering"],
  ["-4118", "REDUCE_ONLY_MARGIN_CHECK_FAILED", "InvalidOrder:reduce_only_rejected", "ReduceOnly Order Failed. Please check your existing position and open orders"],
  ["-4120", "STOP_ORDER_SWITCH_ALGO", "NotSupported", "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead."],
  ["-4131", "MARKET_ORDER_REJECT", "InvalidOrder:would_not_fill", "The counterparty's best price does not meet the PERCENT_PRICE filter limit"],
  ["-4135", "INVALID_ACTIVATION_PRICE", "InvalidOrder:price_out_of_range", "Invalid activation price"],
  ["-4137", "QUANTITY_EXISTS_WITH_CLOSE_POSITION", "InvalidRequest", "Quantity must be zero with closePosition equals true"],
  ["-4138", "REDUCE_ONLY_MUST_BE_TRUE", "InvalidRequest", "Reduce only must be true with closePosition equals true"],
  ["-4139", "ORDER_TYPE_CANNOT_BE_MKT", "InvalidRequest", "Order type can not be market if it's unable to cancel"],
  ["-4140", "INVALID_OPENING_POSITION_STATUS", "InvalidOrder:market_closed", "Invalid symbol status for opening position"],
  ["-4141", "SYMBOL_ALREADY_CLOSED", "InvalidOrder:market_closed", "Symbol is closed"],
  ["-4142", "STRATEGY_INVALID_TRIGGER_PRICE", "InvalidOrder:rejected", "REJECT: take profit or stop order will be triggered immediately"],
  ["-4144", "INVALID_PAIR", "InvalidRequest", "Invalid pair"],
  ["-4161", "ISOLATED_LEVERAGE_REJECT_WITH_POSITION", "InvalidRequest", "Leverage reduction is not supported in Isolated Margin Mode with open positions"],
  // Also "Order's notional must be no smaller than %s (unless you choose reduce only)".
  ["-4164", "MIN_NOTIONAL", "InvalidOrder:min_notional", "Order's notional must be no smaller than 5.0 (unless you choose reduce only)"],
  ["-4165", "INVALID_TIME_INTERVAL", "InvalidRequest", "Invalid time interval"],
  ["-4167", "ISOLATED_REJECT_WITH_JOINT_MARGIN", "InvalidRequest", "Unable to adjust to Multi-Assets mode with symbols of USDⓈ-M Futures under isolated-margin mode."],
  ["-4168", "JOINT_MARGIN_REJECT_WITH_ISOLATED", "InvalidRequest", "Unable to adjust to isolated-margin mode under the Multi-Assets mode."],
  ["-4169", "JOINT_MARGIN_REJECT_WITH_MB", "InsufficientFunds", "Unable to adjust Multi-Assets Mode with insufficient margin balance in USDⓈ-M Futures."],
  ["-4170", "JOINT_MARGIN_REJECT_WITH_OPEN_ORDER", "InvalidRequest", "Unable to adjust Multi-Assets Mode with open orders in USDⓈ-M Futures."],
  ["-4171", "NO_NEED_TO_CHANGE_JOINT_MARGIN", "InvalidRequest", "Adjusted asset mode is currently set and does not need to be adjusted repeatedly."],
  ["-4172", "JOINT_MARGIN_REJECT_WITH_NEGATIVE_BALANCE", "InvalidRequest", "Unable to adjust Multi-Assets Mode with a negative wallet balance of margin available asset in USDⓈ-M Futures account."],
  // The English page heads this code "ISOLATED_REJECT_WITH_JOINT_MARGIN" (the name of -4167, evidently
  // a copy slip); the zh-CN version of the same page names it PRICE_HIGHTER_THAN_STOP_MULTIPLIER_UP,
  // which matches its message and its -4184 twin. Also "Limit price can't be higher than %s."
  ["-4183", "PRICE_HIGHTER_THAN_STOP_MULTIPLIER_UP", "InvalidOrder:price_out_of_range", "Price is higher than stop price multiplier cap."],
  // Also "Limit price can't be lower than %s."
  ["-4184", "PRICE_LOWER_THAN_STOP_MULTIPLIER_DOWN", "InvalidOrder:price_out_of_range", "Price is lower than stop price multiplier floor."],
  ["-4192", "COOLING_OFF_PERIOD", "PermissionDenied", "Trade forbidden due to Cooling-off Period."],
  ["-4202", "ADJUST_LEVERAGE_KYC_FAILED", "PermissionDenied", "Intermediate Personal Verification is required for adjusting leverage over 20x"],
  ["-4203", "ADJUST_LEVERAGE_ONE_MONTH_FAILED", "PermissionDenied", "More than 20x leverage is available one month after account registration."],
  ["-4205", "ADJUST_LEVERAGE_X_DAYS_FAILED", "PermissionDenied", "More than 20x leverage is available %s days after Futures account registration."],
  // Also "Users in your location/country can only access a maximum leverage of %s".
  ["-4206", "ADJUST_LEVERAGE_KYC_LIMIT", "PermissionDenied", "Users in this country has limited adjust leverage."],
  ["-4208", "ADJUST_LEVERAGE_ACCOUNT_SYMBOL_FAILED", "InvalidRequest", "Current symbol leverage cannot exceed 20 when using position limit adjustment service."],
  // Also "Leverage adjustment failed. Current symbol max leverage limit is %sx".
  ["-4209", "ADJUST_LEVERAGE_SYMBOL_FAILED", "InvalidRequest", "The max leverage of Symbol is 20x"],
  // Also "Stop price can't be higher than %s".
  ["-4210", "STOP_PRICE_HIGHER_THAN_PRICE_MULTIPLIER_LIMIT", "InvalidOrder:price_out_of_range", "Stop price is higher than price multiplier cap."],
  // Also "Stop price can't be lower than %s".
  ["-4211", "STOP_PRICE_LOWER_THAN_PRICE_MULTIPLIER_LIMIT", "InvalidOrder:price_out_of_range", "Stop price is lower than price multiplier floor."],
  ["-4400", "TRADING_QUANTITATIVE_RULE", "PermissionDenied", "Futures Trading Quantitative Rules violated, only reduceOnly order is allowed, please try again later."],
  ["-4401", "LARGE_POSITION_SYM_RULE", "PermissionDenied", "Futures Trading Risk Control Rules of large position holding violated, only reduceOnly order is allowed, please reduce the position. ."],
  ["-4402", "COMPLIANCE_BLACK_SYMBOL_RESTRICTION", "PermissionDenied", "Dear user, as per our Terms of Use and compliance with local regulations, this feature is currently not available in your region."],
  // Also "... the leverage can only up to %sx in your region".
  ["-4403", "ADJUST_LEVERAGE_COMPLIANCE_FAILED", "PermissionDenied", "Dear user, as per our Terms of Use and compliance with local regulations, the leverage can only up to 10x in your region"],
  // 50xx - Order Execution Issues
  ["-5021", "FOK_ORDER_REJECT", "InvalidOrder:would_not_fill", "Due to the order could not be filled immediately, the FOK order has been rejected."],
  ["-5022", "GTX_ORDER_REJECT", "InvalidOrder:post_only_would_cross", "Due to the order could not be executed as maker, the Post Only order will be rejected."],
  ["-5024", "MOVE_ORDER_NOT_ALLOWED_SYMBOL_REASON", "InvalidOrder:market_closed", "Symbol is not in trading status. Order amendment is not permitted."],
  ["-5025", "LIMIT_ORDER_ONLY", "InvalidOrder:invalid_parameter", "Only limit order is supported."],
  ["-5026", "Exceed_Maximum_Modify_Order_Limit", "InvalidOrder:too_many_orders", "Exceed maximum modify order limit."],
  ["-5027", "SAME_ORDER", "InvalidOrder:rejected", "No need to modify the order."],
  ["-5028", "ME_RECVWINDOW_REJECT", "TimestampOutOfWindow", "Timestamp for this request is outside of the ME recvWindow."],
  ["-5029", "MODIFICATION_MIN_NOTIONAL", "InvalidOrder:min_notional", "Order's notional must be no smaller than %s"],
  ["-5037", "INVALID_PRICE_MATCH", "InvalidRequest", "Invalid price match"],
  ["-5038", "UNSUPPORTED_ORDER_TYPE_PRICE_MATCH", "InvalidRequest", "Price match only supports order type: LIMIT, STOP AND TAKE_PROFIT"],
  ["-5039", "INVALID_SELF_TRADE_PREVENTION_MODE", "InvalidRequest", "Invalid self trade prevention mode"],
  ["-5040", "FUTURE_GOOD_TILL_DATE", "InvalidRequest", "The goodTillDate timestamp must be greater than the current time plus 600 seconds and smaller than 253402300799000 (UTC 9999-12-31 23:59:59)"],
  ["-5041", "BBO_ORDER_REJECT", "InvalidOrder:would_not_fill", "No depth matches this BBO order"],
  ["-5043", "Existing_Pending_Modification", "InvalidOrder:rejected", "A pending modification already exists for this order."]
])

/** @since 0.1.0 */
export const codeIndex: ReadonlyMap<string, ErrorCodeEntry> = indexTable(errorCodes)

/**
 * Turns a USDⓈ-M error response (`{"code": -2019, "msg": "..."}`) into a unified error: by code;
 * -1003 (or an unknown code) with HTTP 418 is an IP ban; an unknown code is `ExchangeUnavailable`
 * (ambiguous) with HTTP 5xx, `RateLimited` with 429, `InvalidRequest` otherwise. Never by substring.
 * @since 0.1.0
 */
export const classify: (input: ClassifyInput) => TransportError = makeClassifier({
  venue: VENUE,
  codes: codeIndex,
  // Binance answers 418 when the IP has been auto-banned after repeated 429s.
  ban: { status: 418, codes: ["-1003"] }
})
