/**
 * The errors the Binance Spot dialect answers with: the envelope `{"code":-1121,"msg":"Invalid
 * symbol."}`, the HTTP status Binance uses, and the exact messages of the official pages.
 *
 * Codes and messages: https://developers.binance.com/docs/binance-spot-api-docs/errors
 * HTTP statuses: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
 * ("HTTP 4XX return codes are used for malformed requests ... 429 ... 418 ... 5XX ...").
 *
 * This table is the sandbox's own, written from the docs, not the client's (`venues/binance/errors.ts`):
 * a client mistake must not be hidden by the same mistake here.
 *
 * @since 0.1.0
 */
import type { Rejection } from "../../engine/Order.js"
import type { HttpResponse } from "../../server/Dialect.js"
import { json } from "../../server/Dialect.js"

/**
 * A Binance error response.
 * @since 0.1.0
 */
export interface BinanceError {
  readonly _tag: "BinanceError"
  readonly status: number
  readonly code: number
  readonly msg: string
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/** @since 0.1.0 */
export const error = (
  code: number,
  msg: string,
  status = 400,
  headers?: Readonly<Record<string, string>>
): BinanceError => ({ _tag: "BinanceError", status, code, msg, headers })

/** @since 0.1.0 */
export const toResponse = (e: BinanceError, headers: Record<string, string> = {}): HttpResponse =>
  json(e.status, { code: e.code, msg: e.msg }, { ...headers, ...e.headers })

// 10xx — general server or network issues

/** -1000 UNKNOWN (HTTP 500). @since 0.1.0 */
export const unknown = error(-1000, "An unknown error occurred while processing the request.", 500)

/** -1003 TOO_MANY_REQUESTS, the weight limit (HTTP 429). @since 0.1.0 */
export const tooMuchWeight = (limit: number, retryAfterSeconds: number): BinanceError =>
  error(
    -1003,
    `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
    429,
    { "Retry-After": String(retryAfterSeconds) }
  )

/** -1003 TOO_MANY_REQUESTS, the IP ban (HTTP 418). @since 0.1.0 */
export const banned = (until: number, retryAfterSeconds: number): BinanceError =>
  error(
    -1003,
    `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
    418,
    { "Retry-After": String(retryAfterSeconds) }
  )

/** -1008 SERVER_BUSY (HTTP 503). @since 0.1.0 */
export const serverBusy = error(
  -1008,
  "Server is currently overloaded with other requests. Please try again in a few minutes.",
  503
)

/** -1021 INVALID_TIMESTAMP. @since 0.1.0 */
export const outsideRecvWindow = error(-1021, "Timestamp for this request is outside of the recvWindow.")
/** -1021 INVALID_TIMESTAMP, ahead of the server. @since 0.1.0 */
export const aheadOfServer = error(-1021, "Timestamp for this request was 1000ms ahead of the server's time.")

/** -1022 INVALID_SIGNATURE. @since 0.1.0 */
export const invalidSignature = error(-1022, "Signature for this request is not valid.")

// 11xx — request issues

/** -1100 ILLEGAL_CHARS. @since 0.1.0 */
export const illegalChars = (param: string, legalRange: string): BinanceError =>
  error(-1100, `Illegal characters found in parameter '${param}'; legal range is '${legalRange}'.`)

/** -1101 TOO_MANY_PARAMETERS, duplicates. @since 0.1.0 */
export const duplicateParameter = error(-1101, "Duplicate values for a parameter detected.")

/** -1102 MANDATORY_PARAM_EMPTY_OR_MALFORMED. @since 0.1.0 */
export const mandatory = (param: string): BinanceError =>
  error(-1102, `Mandatory parameter '${param}' was not sent, was empty/null, or malformed.`)

/** -1102, one of two parameters. @since 0.1.0 */
export const eitherMandatory = (a: string, b: string): BinanceError =>
  error(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`)

/** -1102, a value above its maximum. @since 0.1.0 */
export const tooGreat = (param: string, max: string): BinanceError =>
  error(-1102, `'${param}' contains unexpected value. Cannot be greater than '${max}'.`)

/** -1104 UNREAD_PARAMETERS. @since 0.1.0 */
export const unreadParameters = (read: number, sent: number): BinanceError =>
  error(-1104, `Not all sent parameters were read; read '${read}' parameter(s) but was sent '${sent}'.`)

/** -1105 PARAM_EMPTY. @since 0.1.0 */
export const emptyParameter = (param: string): BinanceError => error(-1105, `Parameter '${param}' was empty.`)

/** -1106 PARAM_NOT_REQUIRED. @since 0.1.0 */
export const notRequired = (param: string): BinanceError => error(-1106, `Parameter '${param}' sent when not required.`)

/** -1108 PARAM_OVERFLOW. @since 0.1.0 */
export const overflow = (param: string): BinanceError => error(-1108, `Parameter '${param}' overflowed.`)

/** -1111 BAD_PRECISION. @since 0.1.0 */
export const badPrecision = (param: string): BinanceError =>
  error(-1111, `Parameter '${param}' has too much precision.`)

/** -1115 INVALID_TIF. @since 0.1.0 */
export const invalidTimeInForce = error(-1115, "Invalid timeInForce.")
/** -1116 INVALID_ORDER_TYPE. @since 0.1.0 */
export const invalidOrderType = error(-1116, "Invalid orderType.")
/** -1117 INVALID_SIDE. @since 0.1.0 */
export const invalidSide = error(-1117, "Invalid side.")
/** -1120 BAD_INTERVAL. @since 0.1.0 */
export const invalidInterval = error(-1120, "Invalid interval.")
/** -1121 BAD_SYMBOL. @since 0.1.0 */
export const invalidSymbol = error(-1121, "Invalid symbol.")
/** -1130 INVALID_PARAMETER. @since 0.1.0 */
export const invalidParameter = (param: string): BinanceError =>
  error(-1130, `Data sent for parameter '${param}' is not valid.`)

// 20xx — processing issues; -2010/-2011 carry the matching engine's message
// (https://developers.binance.com/docs/binance-spot-api-docs/errors#messages-for--1010-error_msg_received--2010-new_order_rejected-and--2011-cancel_rejected)

/** -2010 NEW_ORDER_REJECTED with its reason. @since 0.1.0 */
export const newOrderRejected = (msg: string): BinanceError => error(-2010, msg)
/** -2011 CANCEL_REJECTED "Unknown order sent.". @since 0.1.0 */
export const unknownOrderSent = error(-2011, "Unknown order sent.")
/** -2013 NO_SUCH_ORDER. @since 0.1.0 */
export const noSuchOrder = error(-2013, "Order does not exist.")
/** -2014 BAD_API_KEY_FMT (HTTP 401). @since 0.1.0 */
export const badApiKeyFormat = error(-2014, "API-key format invalid.", 401)
/** -2015 REJECTED_MBX_KEY (HTTP 401). @since 0.1.0 */
export const rejectedApiKey = error(-2015, "Invalid API-key, IP, or permissions for action.", 401)

/**
 * The error Binance answers when its matching engine or filters reject a new order.
 * Filter failures are -1013 (https://developers.binance.com/docs/binance-spot-api-docs/filters).
 * @since 0.1.0
 */
export const fromRejection = (rejection: Rejection): BinanceError => {
  switch (rejection._tag) {
    case "FilterFailure":
      return error(-1013, `Filter failure: ${rejection.filter}`)
    case "UnknownSymbol":
      return invalidSymbol
    case "MarketClosed":
      return newOrderRejected("Market is closed.")
    case "InsufficientBalance":
      return newOrderRejected("Account has insufficient balance for requested action.")
    case "WouldTake":
      return newOrderRejected("Order would immediately match and take.")
    case "DuplicateClientOrderId":
      return newOrderRejected("Duplicate order sent.")
    case "NoLiquidity":
      return newOrderRejected("Order book liquidity is less than symbol minimum quantity.")
    case "ReduceOnlyRejected":
      return newOrderRejected("ReduceOnly Order is rejected.")
    case "UnknownOrder":
      return unknownOrderSent
    case "UnknownAccount":
      return rejectedApiKey
  }
}
