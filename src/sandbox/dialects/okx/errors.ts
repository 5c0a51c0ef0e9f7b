/**
 * The answers of the OKX dialect: the v5 envelope `{code, msg, data}` (`code` a string, `"0"` on
 * success), the codes of the official error page and the HTTP statuses OKX uses (200 for business
 * errors, 400 for malformed requests, 401 for rejected credentials, 429 for rate limits, 5xx for
 * outages). A single-order operation that fails answers `code: "1"` with the reason in the item's
 * `sCode`/`sMsg`; a batch answers `"1"` (all failed) or `"2"` (partly).
 *
 * https://www.okx.com/docs-v5/en/#error-code
 *
 * The sandbox's own table, written from the docs, not the client's (`venues/okx/errors.ts`).
 *
 * @since 0.1.0
 */
import type { HttpResponse } from "../../server/Dialect.js"
import { json } from "../../server/Dialect.js"

/**
 * An OKX error answer.
 * @since 0.1.0
 */
export interface OkxError {
  readonly _tag: "OkxError"
  readonly status: number
  readonly code: string
  readonly msg: string
}

/** @since 0.1.0 */
export const error = (code: string, msg: string, status = 200): OkxError => ({ _tag: "OkxError", status, code, msg })

/** The success envelope. @since 0.1.0 */
export const ok = (data: ReadonlyArray<unknown>, code = "0", msg = "") => ({ code, msg, data })

/** @since 0.1.0 */
export const toResponse = (e: OkxError, headers: Record<string, string> = {}): HttpResponse =>
  json(e.status, { code: e.code, msg: e.msg, data: [] }, headers)

/** 50011, HTTP 429. @since 0.1.0 */
export const rateLimited = error("50011", "Too Many Requests", 429)
/** 50014, HTTP 400. @since 0.1.0 */
export const empty = (name: string) => error("50014", `Parameter ${name} can not be empty.`, 400)
/** 51000, HTTP 400. @since 0.1.0 */
export const param = (name: string) => error("51000", `Parameter ${name} error`, 400)
/** 50002, HTTP 400. @since 0.1.0 */
export const jsonSyntax = error("50002", "JSON syntax error", 400)
/** 50026, HTTP 500. @since 0.1.0 */
export const systemError = error("50026", "System error. Try again later", 500)
/**
 * 50036, HTTP 200: the request's `expTime` has passed; it was not processed.
 * https://www.okx.com/docs-v5/en/#error-code-rest-api-public
 * @since 0.1.0
 */
export const expired = error(
  "50036",
  "The expTime can't be earlier than the current system time. Please adjust the expTime and try again.",
  200
)
/** 50102, HTTP 401. @since 0.1.0 */
export const timestampExpired = error("50102", "Timestamp request expired", 401)
/** 50103, HTTP 401. @since 0.1.0 */
export const keyEmpty = error("50103", "Request header \"OK-ACCESS-KEY\" cannot be empty.", 401)
/** 50104, HTTP 401. @since 0.1.0 */
export const passphraseEmpty = error("50104", "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty.", 401)
/** 50105, HTTP 401. @since 0.1.0 */
export const passphraseWrong = error("50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.", 401)
/** 50106, HTTP 401. @since 0.1.0 */
export const signEmpty = error("50106", "Request header \"OK-ACCESS-SIGN\" cannot be empty.", 401)
/** 50107, HTTP 401. @since 0.1.0 */
export const timestampEmpty = error("50107", "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty.", 401)
/** 50111, HTTP 401. @since 0.1.0 */
export const invalidKey = error("50111", "Invalid OK-ACCESS-KEY.", 401)
/** 50112, HTTP 401. @since 0.1.0 */
export const invalidTimestamp = error("50112", "Invalid OK-ACCESS-TIMESTAMP.", 401)
/** 50113, HTTP 401. @since 0.1.0 */
export const invalidSign = error("50113", "Invalid Sign", 401)
/** 50114 (the key may not do this), HTTP 401. @since 0.1.0 */
export const permission = error("50114", "Invalid authorization", 401)
/** 404: unknown path. @since 0.1.0 */
export const notFound = error("404", "Not Found", 404)
/** 51001. @since 0.1.0 */
export const instrumentUnknown = error("51001", "Instrument ID does not exist.")

/**
 * Item-level codes (`sCode`) of the trade endpoints.
 * @since 0.1.0
 */
export const item = {
  insufficient: (ccy: string) => ["51008", `Order failed. Insufficient ${ccy} balance in account.`] as const,
  duplicate: ["51016", "Duplicated clOrdId"] as const,
  suspended: ["51022", "Instrument suspended."] as const,
  lotSize: ["51121", "Order quantity must be a multiple of the lot size."] as const,
  minSize: ["51020", "Order amount should be greater than the min available amount."] as const,
  maxSize: ["51202", "Market order amount exceeds the maximum amount."] as const,
  price: ["51006", "Order price is not within the price limit."] as const,
  noLiquidity: ["51109", "No available offer."] as const,
  reduceOnly: ["51205", "Reduce Only is not available."] as const,
  cancelled: ["51400", "Order cancellation failed as the order has been filled, canceled or does not exist."] as const,
  notExist: ["51603", "Order does not exist"] as const,
  amendNotExist: ["51503", "Order modification failed as the order does not exist."] as const,
  param: (name: string) => ["51000", `Parameter ${name} error`] as const,
  instrument: ["51001", "Instrument ID does not exist."] as const
}
