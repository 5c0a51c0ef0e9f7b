/**
 * The answers of the Bybit dialect: the v5 envelope `{retCode, retMsg, result, retExtInfo, time}`,
 * the codes of the official error page and the HTTP statuses Bybit uses (200 for most errors, 401
 * for a rejected key, 403 for the IP rate limit, 404 for an unknown path).
 *
 * https://bybit-exchange.github.io/docs/v5/error
 *
 * The sandbox's own table, written from the docs, not the client's (`venues/bybit/errors.ts`).
 *
 * @since 0.1.0
 */
import type { HttpResponse } from "../../server/Dialect.js"
import { json } from "../../server/Dialect.js"

/**
 * A Bybit error answer.
 * @since 0.1.0
 */
export interface BybitError {
  readonly _tag: "BybitError"
  readonly status: number
  readonly retCode: number
  readonly retMsg: string
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/** @since 0.1.0 */
export const error = (
  retCode: number,
  retMsg: string,
  status = 200,
  headers?: Readonly<Record<string, string>>
): BybitError => ({ _tag: "BybitError", status, retCode, retMsg, headers })

/** The success envelope. @since 0.1.0 */
export const ok = (result: unknown, time: number, retExtInfo: unknown = {}) => ({
  retCode: 0,
  retMsg: "OK",
  result,
  retExtInfo,
  time
})

/** @since 0.1.0 */
export const toResponse = (e: BybitError, time: number, headers: Record<string, string> = {}): HttpResponse =>
  json(e.status, { retCode: e.retCode, retMsg: e.retMsg, result: {}, retExtInfo: {}, time }, {
    ...headers,
    ...e.headers
  })

/** 10001 (parameter error). @since 0.1.0 */
export const params = (detail: string) => error(10001, `params error: ${detail}`)
/** 10002. @since 0.1.0 */
export const timestamp = (req: number, server: number, recvWindow: number) =>
  error(
    10002,
    `invalid request, please check your server timestamp or recv_window param. req_timestamp[${req}],server_timestamp[${server}],recv_window[${recvWindow}]`
  )
/** 10003, HTTP 401. @since 0.1.0 */
export const invalidKey = error(10003, "API key is invalid.", 401)
/** 10004. @since 0.1.0 */
export const sign = error(10004, "error sign! please check your signature generation algorithm.")
/** 10005. @since 0.1.0 */
export const permission = error(10005, "Permission denied, please check your API key permissions.")
/** 10006. @since 0.1.0 */
export const tooManyVisits = (headers: Readonly<Record<string, string>>) =>
  error(10006, "Too many visits!", 200, headers)
/** 10016. @since 0.1.0 */
export const serverError = error(10016, "Server error.", 500)
/** 10017, HTTP 404. @since 0.1.0 */
export const routeNotFound = error(10017, "Route not found", 404)
/** 110001 (linear). @since 0.1.0 */
export const orderNotExists = error(110001, "order not exists or too late to cancel")
/** 110007 (linear). @since 0.1.0 */
export const insufficientAvailable = error(110007, "ab not enough for new order")
/** 110072. @since 0.1.0 */
export const duplicateLinkId = error(110072, "OrderLinkedID is duplicate")
/** 170121 (spot). @since 0.1.0 */
export const invalidSymbol = error(170121, "Invalid symbol.")
/** 170131 (spot). @since 0.1.0 */
export const balanceInsufficient = error(170131, "Insufficient balance.")
/** 170134. @since 0.1.0 */
export const priceDecimals = error(170134, "Order price decimal too long.")
/** 170136. @since 0.1.0 */
export const quantityTooSmall = error(170136, "Order quantity lower than the minimum.")
/** 170137. @since 0.1.0 */
export const quantityDecimals = error(170137, "Order volume decimal too long")
/** 170140. @since 0.1.0 */
export const valueTooSmall = error(170140, "Order value exceeded lower limit.")
/** 170151. @since 0.1.0 */
export const notOpen = error(170151, "The trading pair is not open yet")
/** 170213 (spot). @since 0.1.0 */
export const spotOrderNotExists = error(170213, "Order does not exist.")
/** 170218: a post-only (LIMIT-MAKER) order that would take liquidity. @since 0.1.0 */
export const postOnlyRejected = error(170218, "The LIMIT-MAKER order is rejected due to invalid price.")
/** 110017 (linear): a reduce-only order that would open or increase a position. @since 0.1.0 */
export const reduceOnlyRejected = error(110017, "Reduce-only rule not satisfied")
