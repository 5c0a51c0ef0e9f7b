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
import type { ClassifyInput, ErrorCodeEntry, MappableTag } from "../../errors/ErrorCodeTable.js"
import { indexTable, makeClassifier } from "../../errors/ErrorCodeTable.js"
import type { InvalidOrderReason, Outcome, TransportError } from "../../errors/ExchangeError.js"

const VENUE = "binance-usdm"

type Row = readonly [
  code: number,
  name: string,
  meaning: string,
  tag: MappableTag,
  extra?: InvalidOrderReason | Outcome
]

const OUTCOMES: ReadonlyArray<string> = ["definitive", "transient", "ambiguous"]

const rows: ReadonlyArray<Row> = [
  // 10xx - General Server or Network issues
  [-1000, "UNKNOWN", "An unknown error occured while processing the request.", "ExchangeUnavailable", "ambiguous"],
  [
    -1001,
    "DISCONNECTED",
    "Internal error; unable to process your request. Please try again.",
    "ExchangeUnavailable",
    "transient"
  ],
  [-1002, "UNAUTHORIZED", "You are not authorized to execute this request.", "AuthenticationFailed"],
  // Also "Way too many requests; IP banned until %s. ..." (sent with HTTP 418, see `classify`).
  [
    -1003,
    "TOO_MANY_REQUESTS",
    "Too many requests; current limit is %s requests per minute. Please use the websocket for live updates to avoid polling the API.",
    "RateLimited"
  ],
  [-1004, "DUPLICATE_IP", "This IP is already on the white list", "InvalidRequest"],
  [-1005, "NO_SUCH_IP", "No such IP has been white listed", "InvalidRequest"],
  [
    -1006,
    "UNEXPECTED_RESP",
    "An unexpected response was received from the message bus. Execution status unknown.",
    "ExchangeUnavailable",
    "ambiguous"
  ],
  [
    -1007,
    "TIMEOUT",
    "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
    "RequestTimeout",
    "ambiguous"
  ],
  // The page titles this one "Request Throttled" (no upper-case constant). Also "Request throttled by
  // system-level protection. Reduce-only/close-position orders are exempt. Please try again."
  [
    -1008,
    "Request Throttled",
    "Server is currently overloaded with other requests. Please try again in a few minutes.",
    "ExchangeUnavailable",
    "transient"
  ],
  [-1010, "ERROR_MSG_RECEIVED", "ERROR_MSG_RECEIVED.", "InvalidRequest"],
  [-1011, "NON_WHITE_LIST", "This IP cannot access this route.", "PermissionDenied"],
  [-1013, "INVALID_MESSAGE", "INVALID_MESSAGE.", "InvalidRequest"],
  [-1014, "UNKNOWN_ORDER_COMPOSITION", "Unsupported order combination.", "InvalidOrder", "invalid_parameter"],
  [-1015, "TOO_MANY_ORDERS", "Too many new orders.", "RateLimited"],
  [-1016, "SERVICE_SHUTTING_DOWN", "This service is no longer available.", "ExchangeUnavailable", "definitive"],
  [-1020, "UNSUPPORTED_OPERATION", "This operation is not supported.", "NotSupported"],
  // Also "Timestamp for this request was 1000ms ahead of the server's time."
  [-1021, "INVALID_TIMESTAMP", "Timestamp for this request is outside of the recvWindow.", "TimestampOutOfWindow"],
  [-1022, "INVALID_SIGNATURE", "Signature for this request is not valid.", "AuthenticationFailed"],
  [-1023, "START_TIME_GREATER_THAN_END_TIME", "Start time is greater than end time.", "InvalidRequest"],
  [-1099, "NOT_FOUND", "Not found, unauthenticated, or unauthorized.", "AuthenticationFailed"],
  // 11xx - Request issues
  [-1100, "ILLEGAL_CHARS", "Illegal characters found in a parameter.", "InvalidRequest"],
  [-1101, "TOO_MANY_PARAMETERS", "Too many parameters sent for this endpoint.", "InvalidRequest"],
  [
    -1102,
    "MANDATORY_PARAM_EMPTY_OR_MALFORMED",
    "A mandatory parameter was not sent, was empty/null, or malformed.",
    "InvalidRequest"
  ],
  [-1103, "UNKNOWN_PARAM", "An unknown parameter was sent.", "InvalidRequest"],
  [-1104, "UNREAD_PARAMETERS", "Not all sent parameters were read.", "InvalidRequest"],
  [-1105, "PARAM_EMPTY", "A parameter was empty.", "InvalidRequest"],
  [-1106, "PARAM_NOT_REQUIRED", "A parameter was sent when not required.", "InvalidRequest"],
  [-1108, "BAD_ASSET", "Invalid asset.", "InvalidRequest"],
  [-1109, "BAD_ACCOUNT", "Invalid account.", "InvalidRequest"],
  [-1110, "BAD_INSTRUMENT_TYPE", "Invalid symbolType.", "InvalidRequest"],
  [
    -1111,
    "BAD_PRECISION",
    "Precision is over the maximum defined for this asset.",
    "InvalidOrder",
    "invalid_parameter"
  ],
  [-1112, "NO_DEPTH", "No orders on book for symbol.", "InvalidOrder", "would_not_fill"],
  [-1113, "WITHDRAW_NOT_NEGATIVE", "Withdrawal amount must be negative.", "InvalidRequest"],
  [-1114, "TIF_NOT_REQUIRED", "TimeInForce parameter sent when not required.", "InvalidRequest"],
  [-1115, "INVALID_TIF", "Invalid timeInForce.", "InvalidRequest"],
  [-1116, "INVALID_ORDER_TYPE", "Invalid orderType.", "InvalidRequest"],
  [-1117, "INVALID_SIDE", "Invalid side.", "InvalidRequest"],
  [-1118, "EMPTY_NEW_CL_ORD_ID", "New client order ID was empty.", "InvalidRequest"],
  [-1119, "EMPTY_ORG_CL_ORD_ID", "Original client order ID was empty.", "InvalidRequest"],
  [-1120, "BAD_INTERVAL", "Invalid interval.", "InvalidRequest"],
  [-1121, "BAD_SYMBOL", "Invalid symbol.", "InvalidRequest"],
  [-1122, "INVALID_SYMBOL_STATUS", "Invalid symbol status.", "InvalidOrder", "market_closed"],
  [
    -1125,
    "INVALID_LISTEN_KEY",
    "This listenKey does not exist. Please use POST /fapi/v1/listenKey to recreate listenKey",
    "InvalidRequest"
  ],
  [-1126, "ASSET_NOT_SUPPORTED", "This asset is not supported.", "InvalidRequest"],
  [-1127, "MORE_THAN_XX_HOURS", "Lookup interval is too big.", "InvalidRequest"],
  [-1128, "OPTIONAL_PARAMS_BAD_COMBO", "Combination of optional parameters invalid.", "InvalidRequest"],
  [-1130, "INVALID_PARAMETER", "Invalid data sent for a parameter.", "InvalidRequest"],
  [-1136, "INVALID_NEW_ORDER_RESP_TYPE", "Invalid newOrderRespType.", "InvalidRequest"],
  // 20xx - Processing Issues
  [-2010, "NEW_ORDER_REJECTED", "NEW_ORDER_REJECTED", "InvalidOrder", "rejected"],
  // Second message: 'Cancel request failure as open order not found in the orderbook: "Unknown order sent".'
  [-2011, "CANCEL_REJECTED", "CANCEL_REJECTED", "OrderNotFound"],
  [-2012, "CANCEL_ALL_FAIL", "Batch cancel failure.", "ExchangeUnavailable", "ambiguous"],
  [-2013, "NO_SUCH_ORDER", "Order does not exist.", "OrderNotFound"],
  [-2014, "BAD_API_KEY_FMT", "API-key format invalid.", "AuthenticationFailed"],
  [-2015, "REJECTED_MBX_KEY", "Invalid API-key, IP, or permissions for action.", "AuthenticationFailed"],
  [
    -2016,
    "NO_TRADING_WINDOW",
    "No trading window could be found for the symbol. Try ticker/24hrs instead.",
    "InvalidOrder",
    "market_closed"
  ],
  [-2017, "API_KEYS_LOCKED", "API Keys are locked on this account.", "PermissionDenied"],
  [-2018, "BALANCE_NOT_SUFFICIENT", "Balance is insufficient.", "InsufficientFunds"],
  // The page spells the name MARGIN_NOT_SUFFICIEN (sic).
  [-2019, "MARGIN_NOT_SUFFICIEN", "Margin is insufficient.", "InsufficientFunds"],
  [-2020, "UNABLE_TO_FILL", "Unable to fill.", "InvalidOrder", "would_not_fill"],
  [-2021, "ORDER_WOULD_IMMEDIATELY_TRIGGER", "Order would immediately trigger.", "InvalidOrder", "rejected"],
  [-2022, "REDUCE_ONLY_REJECT", "ReduceOnly Order is rejected.", "InvalidOrder", "reduce_only_rejected"],
  [-2023, "USER_IN_LIQUIDATION", "User in liquidation mode now.", "PermissionDenied"],
  [-2024, "POSITION_NOT_SUFFICIENT", "Position is not sufficient.", "InsufficientFunds"],
  [-2025, "MAX_OPEN_ORDER_EXCEEDED", "Reach max open order limit.", "InvalidOrder", "too_many_orders"],
  [
    -2026,
    "REDUCE_ONLY_ORDER_TYPE_NOT_SUPPORTED",
    "This OrderType is not supported when reduceOnly.",
    "InvalidOrder",
    "reduce_only_rejected"
  ],
  [
    -2027,
    "MAX_LEVERAGE_RATIO",
    "Exceeded the maximum allowable position at current leverage.",
    "InvalidOrder",
    "max_notional"
  ],
  [
    -2028,
    "MIN_LEVERAGE_RATIO",
    "Leverage is smaller than permitted: insufficient margin balance.",
    "InsufficientFunds"
  ],
  // 40xx - Filters and other Issues
  [-4000, "INVALID_ORDER_STATUS", "Invalid order status.", "InvalidRequest"],
  [-4001, "PRICE_LESS_THAN_ZERO", "Price less than 0.", "InvalidOrder", "price_out_of_range"],
  [-4002, "PRICE_GREATER_THAN_MAX_PRICE", "Price greater than max price.", "InvalidOrder", "price_out_of_range"],
  [-4003, "QTY_LESS_THAN_ZERO", "Quantity less than zero.", "InvalidOrder", "min_quantity"],
  [-4004, "QTY_LESS_THAN_MIN_QTY", "Quantity less than min quantity.", "InvalidOrder", "min_quantity"],
  [-4005, "QTY_GREATER_THAN_MAX_QTY", "Quantity greater than max quantity.", "InvalidOrder", "max_quantity"],
  [-4006, "STOP_PRICE_LESS_THAN_ZERO", "Stop price less than zero.", "InvalidOrder", "price_out_of_range"],
  [
    -4007,
    "STOP_PRICE_GREATER_THAN_MAX_PRICE",
    "Stop price greater than max price.",
    "InvalidOrder",
    "price_out_of_range"
  ],
  [-4008, "TICK_SIZE_LESS_THAN_ZERO", "Tick size less than zero.", "InvalidRequest"],
  [-4009, "MAX_PRICE_LESS_THAN_MIN_PRICE", "Max price less than min price.", "InvalidRequest"],
  [-4010, "MAX_QTY_LESS_THAN_MIN_QTY", "Max qty less than min qty.", "InvalidRequest"],
  [-4011, "STEP_SIZE_LESS_THAN_ZERO", "Step size less than zero.", "InvalidRequest"],
  [-4012, "MAX_NUM_ORDERS_LESS_THAN_ZERO", "Max mum orders less than zero.", "InvalidRequest"],
  [-4013, "PRICE_LESS_THAN_MIN_PRICE", "Price less than min price.", "InvalidOrder", "price_out_of_range"],
  [-4014, "PRICE_NOT_INCREASED_BY_TICK_SIZE", "Price not increased by tick size.", "InvalidOrder", "tick_size"],
  // Also "Client order id length should not be more than 36 chars".
  [-4015, "INVALID_CL_ORD_ID_LEN", "Client order id is not valid.", "InvalidRequest"],
  [
    -4016,
    "PRICE_HIGHTER_THAN_MULTIPLIER_UP",
    "Price is higher than mark price multiplier cap.",
    "InvalidOrder",
    "price_out_of_range"
  ],
  [-4017, "MULTIPLIER_UP_LESS_THAN_ZERO", "Multiplier up less than zero.", "InvalidRequest"],
  [-4018, "MULTIPLIER_DOWN_LESS_THAN_ZERO", "Multiplier down less than zero.", "InvalidRequest"],
  [-4019, "COMPOSITE_SCALE_OVERFLOW", "Composite scale too large.", "InvalidRequest"],
  [
    -4020,
    "TARGET_STRATEGY_INVALID",
    "Target strategy invalid for orderType '%s',reduceOnly '%b'.",
    "InvalidRequest"
  ],
  [-4021, "INVALID_DEPTH_LIMIT", "Invalid depth limit.", "InvalidRequest"],
  [-4022, "WRONG_MARKET_STATUS", "market status sent is not valid.", "InvalidOrder", "market_closed"],
  [-4023, "QTY_NOT_INCREASED_BY_STEP_SIZE", "Qty not increased by step size.", "InvalidOrder", "lot_size"],
  [
    -4024,
    "PRICE_LOWER_THAN_MULTIPLIER_DOWN",
    "Price is lower than mark price multiplier floor.",
    "InvalidOrder",
    "price_out_of_range"
  ],
  [-4025, "MULTIPLIER_DECIMAL_LESS_THAN_ZERO", "Multiplier decimal less than zero.", "InvalidRequest"],
  [-4026, "COMMISSION_INVALID", "Commission invalid.", "InvalidRequest"],
  [-4027, "INVALID_ACCOUNT_TYPE", "Invalid account type.", "InvalidRequest"],
  [-4028, "INVALID_LEVERAGE", "Invalid leverage", "InvalidRequest"],
  [-4029, "INVALID_TICK_SIZE_PRECISION", "Tick size precision is invalid.", "InvalidRequest"],
  [-4030, "INVALID_STEP_SIZE_PRECISION", "Step size precision is invalid.", "InvalidRequest"],
  [-4031, "INVALID_WORKING_TYPE", "Invalid parameter working type", "InvalidRequest"],
  [-4032, "EXCEED_MAX_CANCEL_ORDER_SIZE", "Exceed maximum cancel order size.", "InvalidRequest"],
  [-4033, "INSURANCE_ACCOUNT_NOT_FOUND", "Insurance account not found.", "InvalidRequest"],
  [-4044, "INVALID_BALANCE_TYPE", "Balance Type is invalid.", "InvalidRequest"],
  [-4045, "MAX_STOP_ORDER_EXCEEDED", "Reach max stop order limit.", "InvalidOrder", "too_many_orders"],
  [-4046, "NO_NEED_TO_CHANGE_MARGIN_TYPE", "No need to change margin type.", "InvalidRequest"],
  [-4047, "THERE_EXISTS_OPEN_ORDERS", "Margin type cannot be changed if there exists open orders.", "InvalidRequest"],
  [-4048, "THERE_EXISTS_QUANTITY", "Margin type cannot be changed if there exists position.", "InvalidRequest"],
  [-4049, "ADD_ISOLATED_MARGIN_REJECT", "Add margin only support for isolated position.", "InvalidRequest"],
  [-4050, "CROSS_BALANCE_INSUFFICIENT", "Cross balance insufficient.", "InsufficientFunds"],
  [-4051, "ISOLATED_BALANCE_INSUFFICIENT", "Isolated balance insufficient.", "InsufficientFunds"],
  [-4052, "NO_NEED_TO_CHANGE_AUTO_ADD_MARGIN", "No need to change auto add margin.", "InvalidRequest"],
  [-4053, "AUTO_ADD_CROSSED_MARGIN_REJECT", "Auto add margin only support for isolated position.", "InvalidRequest"],
  [-4054, "ADD_ISOLATED_MARGIN_NO_POSITION_REJECT", "Cannot add position margin: position is 0.", "InvalidRequest"],
  [-4055, "AMOUNT_MUST_BE_POSITIVE", "Amount must be positive.", "InvalidRequest"],
  [-4056, "INVALID_API_KEY_TYPE", "Invalid api key type.", "AuthenticationFailed"],
  [-4057, "INVALID_RSA_PUBLIC_KEY", "Invalid api public key", "AuthenticationFailed"],
  [-4058, "MAX_PRICE_TOO_LARGE", "maxPrice and priceDecimal too large,please check.", "InvalidRequest"],
  [-4059, "NO_NEED_TO_CHANGE_POSITION_SIDE", "No need to change position side.", "InvalidRequest"],
  [-4060, "INVALID_POSITION_SIDE", "Invalid position side.", "InvalidRequest"],
  [
    -4061,
    "POSITION_SIDE_NOT_MATCH",
    "Order's position side does not match user's setting.",
    "InvalidOrder",
    "invalid_parameter"
  ],
  [-4062, "REDUCE_ONLY_CONFLICT", "Invalid or improper reduceOnly value.", "InvalidOrder", "reduce_only_rejected"],
  [-4063, "INVALID_OPTIONS_REQUEST_TYPE", "Invalid options request type", "InvalidRequest"],
  [-4064, "INVALID_OPTIONS_TIME_FRAME", "Invalid options time frame", "InvalidRequest"],
  [-4065, "INVALID_OPTIONS_AMOUNT", "Invalid options amount", "InvalidRequest"],
  [-4066, "INVALID_OPTIONS_EVENT_TYPE", "Invalid options event type", "InvalidRequest"],
  [
    -4067,
    "POSITION_SIDE_CHANGE_EXISTS_OPEN_ORDERS",
    "Position side cannot be changed if there exists open orders.",
    "InvalidRequest"
  ],
  [
    -4068,
    "POSITION_SIDE_CHANGE_EXISTS_QUANTITY",
    "Position side cannot be changed if there exists position.",
    "InvalidRequest"
  ],
  [-4069, "INVALID_OPTIONS_PREMIUM_FEE", "Invalid options premium fee", "InvalidRequest"],
  [-4070, "INVALID_CL_OPTIONS_ID_LEN", "Client options id is not valid.", "InvalidRequest"],
  [-4071, "INVALID_OPTIONS_DIRECTION", "Invalid options direction", "InvalidRequest"],
  [-4072, "OPTIONS_PREMIUM_NOT_UPDATE", "premium fee is not updated, reject order", "InvalidRequest"],
  [-4073, "OPTIONS_PREMIUM_INPUT_LESS_THAN_ZERO", "input premium fee is less than 0, reject order", "InvalidRequest"],
  [
    -4074,
    "OPTIONS_AMOUNT_BIGGER_THAN_UPPER",
    "Order amount is bigger than upper boundary or less than 0, reject order",
    "InvalidRequest"
  ],
  [-4075, "OPTIONS_PREMIUM_OUTPUT_ZERO", "output premium fee is less than 0, reject order", "InvalidRequest"],
  [-4076, "OPTIONS_PREMIUM_TOO_DIFF", "original fee is too much higher than last fee", "InvalidRequest"],
  [-4077, "OPTIONS_PREMIUM_REACH_LIMIT", "place order amount has reached to limit, reject order", "InvalidRequest"],
  [-4078, "OPTIONS_COMMON_ERROR", "options internal error", "ExchangeUnavailable", "ambiguous"],
  [-4079, "INVALID_OPTIONS_ID", "invalid options id", "InvalidRequest"],
  [-4080, "OPTIONS_USER_NOT_FOUND", "user not found", "InvalidRequest"],
  [-4081, "OPTIONS_NOT_FOUND", "options not found", "InvalidRequest"],
  [-4082, "INVALID_BATCH_PLACE_ORDER_SIZE", "Invalid number of batch place orders.", "InvalidRequest"],
  [-4083, "PLACE_BATCH_ORDERS_FAIL", "Fail to place batch orders.", "ExchangeUnavailable", "ambiguous"],
  [-4084, "UPCOMING_METHOD", "Method is not allowed currently. Upcoming soon.", "NotSupported"],
  [-4085, "INVALID_NOTIONAL_LIMIT_COEF", "Invalid notional limit coefficient", "InvalidRequest"],
  [-4086, "INVALID_PRICE_SPREAD_THRESHOLD", "Invalid price spread threshold", "InvalidRequest"],
  [-4087, "REDUCE_ONLY_ORDER_PERMISSION", "User can only place reduce only order", "PermissionDenied"],
  [-4088, "NO_PLACE_ORDER_PERMISSION", "User can not place order currently", "PermissionDenied"],
  [-4104, "INVALID_CONTRACT_TYPE", "Invalid contract type", "InvalidRequest"],
  // Also "Transfer any amount of asset to future wallet to reactive".
  [-4109, "INACTIVE_ACCOUNT", "Inactive account", "PermissionDenied"],
  [-4114, "INVALID_CLIENT_TRAN_ID_LEN", "clientTranId is not valid", "InvalidRequest"],
  [-4115, "DUPLICATED_CLIENT_TRAN_ID", "clientTranId is duplicated", "InvalidRequest"],
  [-4116, "DUPLICATED_CLIENT_ORDER_ID", "clientOrderId is duplicated", "DuplicateClientOrderId"],
  [-4117, "STOP_ORDER_TRIGGERING", "stop order is triggering", "InvalidRequest"],
  [
    -4118,
    "REDUCE_ONLY_MARGIN_CHECK_FAILED",
    "ReduceOnly Order Failed. Please check your existing position and open orders",
    "InvalidOrder",
    "reduce_only_rejected"
  ],
  [
    -4120,
    "STOP_ORDER_SWITCH_ALGO",
    "Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.",
    "NotSupported"
  ],
  [
    -4131,
    "MARKET_ORDER_REJECT",
    "The counterparty's best price does not meet the PERCENT_PRICE filter limit",
    "InvalidOrder",
    "would_not_fill"
  ],
  [-4135, "INVALID_ACTIVATION_PRICE", "Invalid activation price", "InvalidOrder", "price_out_of_range"],
  [
    -4137,
    "QUANTITY_EXISTS_WITH_CLOSE_POSITION",
    "Quantity must be zero with closePosition equals true",
    "InvalidRequest"
  ],
  [-4138, "REDUCE_ONLY_MUST_BE_TRUE", "Reduce only must be true with closePosition equals true", "InvalidRequest"],
  [-4139, "ORDER_TYPE_CANNOT_BE_MKT", "Order type can not be market if it's unable to cancel", "InvalidRequest"],
  [
    -4140,
    "INVALID_OPENING_POSITION_STATUS",
    "Invalid symbol status for opening position",
    "InvalidOrder",
    "market_closed"
  ],
  [-4141, "SYMBOL_ALREADY_CLOSED", "Symbol is closed", "InvalidOrder", "market_closed"],
  [
    -4142,
    "STRATEGY_INVALID_TRIGGER_PRICE",
    "REJECT: take profit or stop order will be triggered immediately",
    "InvalidOrder",
    "rejected"
  ],
  [-4144, "INVALID_PAIR", "Invalid pair", "InvalidRequest"],
  [
    -4161,
    "ISOLATED_LEVERAGE_REJECT_WITH_POSITION",
    "Leverage reduction is not supported in Isolated Margin Mode with open positions",
    "InvalidRequest"
  ],
  // Also "Order's notional must be no smaller than %s (unless you choose reduce only)".
  [
    -4164,
    "MIN_NOTIONAL",
    "Order's notional must be no smaller than 5.0 (unless you choose reduce only)",
    "InvalidOrder",
    "min_notional"
  ],
  [-4165, "INVALID_TIME_INTERVAL", "Invalid time interval", "InvalidRequest"],
  [
    -4167,
    "ISOLATED_REJECT_WITH_JOINT_MARGIN",
    "Unable to adjust to Multi-Assets mode with symbols of USDⓈ-M Futures under isolated-margin mode.",
    "InvalidRequest"
  ],
  [
    -4168,
    "JOINT_MARGIN_REJECT_WITH_ISOLATED",
    "Unable to adjust to isolated-margin mode under the Multi-Assets mode.",
    "InvalidRequest"
  ],
  [
    -4169,
    "JOINT_MARGIN_REJECT_WITH_MB",
    "Unable to adjust Multi-Assets Mode with insufficient margin balance in USDⓈ-M Futures.",
    "InsufficientFunds"
  ],
  [
    -4170,
    "JOINT_MARGIN_REJECT_WITH_OPEN_ORDER",
    "Unable to adjust Multi-Assets Mode with open orders in USDⓈ-M Futures.",
    "InvalidRequest"
  ],
  [
    -4171,
    "NO_NEED_TO_CHANGE_JOINT_MARGIN",
    "Adjusted asset mode is currently set and does not need to be adjusted repeatedly.",
    "InvalidRequest"
  ],
  [
    -4172,
    "JOINT_MARGIN_REJECT_WITH_NEGATIVE_BALANCE",
    "Unable to adjust Multi-Assets Mode with a negative wallet balance of margin available asset in USDⓈ-M Futures account.",
    "InvalidRequest"
  ],
  // The English page heads this code "ISOLATED_REJECT_WITH_JOINT_MARGIN" (the name of -4167, evidently
  // a copy slip); the zh-CN version of the same page names it PRICE_HIGHTER_THAN_STOP_MULTIPLIER_UP,
  // which matches its message and its -4184 twin. Also "Limit price can't be higher than %s."
  [
    -4183,
    "PRICE_HIGHTER_THAN_STOP_MULTIPLIER_UP",
    "Price is higher than stop price multiplier cap.",
    "InvalidOrder",
    "price_out_of_range"
  ],
  // Also "Limit price can't be lower than %s."
  [
    -4184,
    "PRICE_LOWER_THAN_STOP_MULTIPLIER_DOWN",
    "Price is lower than stop price multiplier floor.",
    "InvalidOrder",
    "price_out_of_range"
  ],
  [-4192, "COOLING_OFF_PERIOD", "Trade forbidden due to Cooling-off Period.", "PermissionDenied"],
  [
    -4202,
    "ADJUST_LEVERAGE_KYC_FAILED",
    "Intermediate Personal Verification is required for adjusting leverage over 20x",
    "PermissionDenied"
  ],
  [
    -4203,
    "ADJUST_LEVERAGE_ONE_MONTH_FAILED",
    "More than 20x leverage is available one month after account registration.",
    "PermissionDenied"
  ],
  [
    -4205,
    "ADJUST_LEVERAGE_X_DAYS_FAILED",
    "More than 20x leverage is available %s days after Futures account registration.",
    "PermissionDenied"
  ],
  // Also "Users in your location/country can only access a maximum leverage of %s".
  [-4206, "ADJUST_LEVERAGE_KYC_LIMIT", "Users in this country has limited adjust leverage.", "PermissionDenied"],
  [
    -4208,
    "ADJUST_LEVERAGE_ACCOUNT_SYMBOL_FAILED",
    "Current symbol leverage cannot exceed 20 when using position limit adjustment service.",
    "InvalidRequest"
  ],
  // Also "Leverage adjustment failed. Current symbol max leverage limit is %sx".
  [-4209, "ADJUST_LEVERAGE_SYMBOL_FAILED", "The max leverage of Symbol is 20x", "InvalidRequest"],
  // Also "Stop price can't be higher than %s".
  [
    -4210,
    "STOP_PRICE_HIGHER_THAN_PRICE_MULTIPLIER_LIMIT",
    "Stop price is higher than price multiplier cap.",
    "InvalidOrder",
    "price_out_of_range"
  ],
  // Also "Stop price can't be lower than %s".
  [
    -4211,
    "STOP_PRICE_LOWER_THAN_PRICE_MULTIPLIER_LIMIT",
    "Stop price is lower than price multiplier floor.",
    "InvalidOrder",
    "price_out_of_range"
  ],
  [
    -4400,
    "TRADING_QUANTITATIVE_RULE",
    "Futures Trading Quantitative Rules violated, only reduceOnly order is allowed, please try again later.",
    "PermissionDenied"
  ],
  [
    -4401,
    "LARGE_POSITION_SYM_RULE",
    "Futures Trading Risk Control Rules of large position holding violated, only reduceOnly order is allowed, please reduce the position. .",
    "PermissionDenied"
  ],
  [
    -4402,
    "COMPLIANCE_BLACK_SYMBOL_RESTRICTION",
    "Dear user, as per our Terms of Use and compliance with local regulations, this feature is currently not available in your region.",
    "PermissionDenied"
  ],
  // Also "... the leverage can only up to %sx in your region".
  [
    -4403,
    "ADJUST_LEVERAGE_COMPLIANCE_FAILED",
    "Dear user, as per our Terms of Use and compliance with local regulations, the leverage can only up to 10x in your region",
    "PermissionDenied"
  ],
  // 50xx - Order Execution Issues
  [
    -5021,
    "FOK_ORDER_REJECT",
    "Due to the order could not be filled immediately, the FOK order has been rejected.",
    "InvalidOrder",
    "would_not_fill"
  ],
  [
    -5022,
    "GTX_ORDER_REJECT",
    "Due to the order could not be executed as maker, the Post Only order will be rejected.",
    "InvalidOrder",
    "post_only_would_cross"
  ],
  [
    -5024,
    "MOVE_ORDER_NOT_ALLOWED_SYMBOL_REASON",
    "Symbol is not in trading status. Order amendment is not permitted.",
    "InvalidOrder",
    "market_closed"
  ],
  [-5025, "LIMIT_ORDER_ONLY", "Only limit order is supported.", "InvalidOrder", "invalid_parameter"],
  [-5026, "Exceed_Maximum_Modify_Order_Limit", "Exceed maximum modify order limit.", "InvalidOrder", "too_many_orders"],
  [-5027, "SAME_ORDER", "No need to modify the order.", "InvalidOrder", "rejected"],
  [
    -5028,
    "ME_RECVWINDOW_REJECT",
    "Timestamp for this request is outside of the ME recvWindow.",
    "TimestampOutOfWindow"
  ],
  [-5029, "MODIFICATION_MIN_NOTIONAL", "Order's notional must be no smaller than %s", "InvalidOrder", "min_notional"],
  [-5037, "INVALID_PRICE_MATCH", "Invalid price match", "InvalidRequest"],
  [
    -5038,
    "UNSUPPORTED_ORDER_TYPE_PRICE_MATCH",
    "Price match only supports order type: LIMIT, STOP AND TAKE_PROFIT",
    "InvalidRequest"
  ],
  [-5039, "INVALID_SELF_TRADE_PREVENTION_MODE", "Invalid self trade prevention mode", "InvalidRequest"],
  [
    -5040,
    "FUTURE_GOOD_TILL_DATE",
    "The goodTillDate timestamp must be greater than the current time plus 600 seconds and smaller than 253402300799000 (UTC 9999-12-31 23:59:59)",
    "InvalidRequest"
  ],
  [-5041, "BBO_ORDER_REJECT", "No depth matches this BBO order", "InvalidOrder", "would_not_fill"],
  [
    -5043,
    "Existing_Pending_Modification",
    "A pending modification already exists for this order.",
    "InvalidOrder",
    "rejected"
  ]
]

/**
 * Every code of the USDⓈ-M error-code page.
 * @since 0.1.0
 */
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = rows.map(([code, name, meaning, tag, extra]) => ({
  code: String(code),
  name,
  meaning,
  tag,
  ...(extra === undefined
    ? {}
    : OUTCOMES.includes(extra)
    ? { outcome: extra as Outcome }
    : { reason: extra as InvalidOrderReason })
}))

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
