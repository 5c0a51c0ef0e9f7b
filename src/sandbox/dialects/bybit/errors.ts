/**
 * The answers of the Bybit dialect: the v5 envelope `{retCode, retMsg, result, retExtInfo, time}`,
 * and its error table, one row per code: `[retCode, retMsg, HTTP status]` with the codes of the
 * official error page and the statuses Bybit uses (200 for most errors, 401 for a rejected key, 404
 * for an unknown path; the IP rate limit's 403 is not in the envelope).
 *
 * https://bybit-exchange.github.io/docs/v5/error
 *
 * The sandbox's own table, written from the docs, not the client's (`venues/bybit/errors.ts`).
 *
 * @since 0.1.0
 */
import type { HttpResponse } from "../../server/Dialect.js"
import type { Row, VenueError } from "../kit/ErrorTable.js"
import { fromRow, respond, withHeaders } from "../kit/ErrorTable.js"

/** A Bybit error answer (`code` is its `retCode`, `msg` its `retMsg`). @since 0.1.0 */
export type BybitError = VenueError

/** The table; `(linear)` and `(spot)` codes are those categories'. @since 0.1.0 */
export const codes = {
  PARAMS: [10001, "params error: %s", 200],
  TIMESTAMP: [
    10002,
    "invalid request, please check your server timestamp or recv_window param. req_timestamp[%s],server_timestamp[%s],recv_window[%s]",
    200
  ],
  INVALID_KEY: [10003, "API key is invalid.", 401],
  SIGN: [10004, "error sign! please check your signature generation algorithm.", 200],
  PERMISSION: [10005, "Permission denied, please check your API key permissions.", 200],
  TOO_MANY_VISITS: [10006, "Too many visits!", 200],
  SERVER_ERROR: [10016, "Server error.", 500],
  ROUTE_NOT_FOUND: [10017, "Route not found", 404],
  ORDER_NOT_EXISTS: [110001, "order not exists or too late to cancel", 200], // linear
  INSUFFICIENT_AVAILABLE: [110007, "ab not enough for new order", 200], // linear
  REDUCE_ONLY_RULE: [110017, "Reduce-only rule not satisfied", 200], // linear: would open or increase a position
  DUPLICATE_LINK_ID: [110072, "OrderLinkedID is duplicate", 200],
  INVALID_SYMBOL: [170121, "Invalid symbol.", 200], // spot
  BALANCE_INSUFFICIENT: [170131, "Insufficient balance.", 200], // spot
  PRICE_DECIMALS: [170134, "Order price decimal too long.", 200],
  QUANTITY_TOO_SMALL: [170136, "Order quantity lower than the minimum.", 200],
  QUANTITY_DECIMALS: [170137, "Order volume decimal too long", 200],
  VALUE_TOO_SMALL: [170140, "Order value exceeded lower limit.", 200],
  NOT_OPEN: [170151, "The trading pair is not open yet", 200],
  SPOT_ORDER_NOT_EXISTS: [170213, "Order does not exist.", 200], // spot
  POST_ONLY_REJECTED: [170218, "The LIMIT-MAKER order is rejected due to invalid price.", 200] // would take liquidity
} as const satisfies Record<string, Row>

/** The error of a code, its `%s` filled with `args`. @since 0.1.0 */
export const error = (name: keyof typeof codes, ...args: ReadonlyArray<string | number>): BybitError =>
  fromRow(codes[name], ...args)

/** 10001 with its detail. @since 0.1.0 */
export const params = (detail: string): BybitError => error("PARAMS", detail)

/** 10006 with the limit headers. @since 0.1.0 */
export const tooManyVisits = (headers: Readonly<Record<string, string>>): BybitError =>
  withHeaders(error("TOO_MANY_VISITS"), headers)

/** The success envelope. @since 0.1.0 */
export const ok = (result: unknown, time: number, retExtInfo: unknown = {}) => ({
  retCode: 0,
  retMsg: "OK",
  result,
  retExtInfo,
  time
})

/** An error in the envelope. @since 0.1.0 */
export const toResponse = (e: BybitError, time: number, headers: Record<string, string> = {}): HttpResponse =>
  respond(e, { retCode: e.code, retMsg: e.msg, result: {}, retExtInfo: {}, time }, headers)
