/**
 * The codes both Binance products (Spot and USDⓈ-M) answer alike, one row per code and message:
 * `[code, message, HTTP status]`, in the envelope `{"code":-1121,"msg":"Invalid symbol."}`. Each
 * product's own codes are in its folder (`spot/errors.ts`, `usdm/errors.ts`).
 *
 * Codes and messages: https://developers.binance.com/docs/binance-spot-api-docs/errors and
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/error-code
 * HTTP statuses: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
 * ("HTTP 4XX return codes are used for malformed requests ... 429 ... 418 ... 5XX ...").
 *
 * This table is the sandbox's own, written from the docs, not the client's (`venues/binance/errors.ts`):
 * a client mistake must not be hidden by the same mistake here.
 *
 * @since 0.1.0
 */
import type { HttpResponse } from "../../server/Dialect.js"
import type { Row, VenueError } from "../kit/ErrorTable.js"
import { respond, table } from "../kit/ErrorTable.js"

/** A Binance error answer. @since 0.1.0 */
export type BinanceError = VenueError

/** The shared table, by the docs' names (a second message of a code gets a suffix). @since 0.1.0 */
export const codes = {
  UNKNOWN: [-1000, "An unknown error occurred while processing the request.", 500],
  INVALID_TIMESTAMP: [-1021, "Timestamp for this request is outside of the recvWindow.", 400],
  INVALID_TIMESTAMP_AHEAD: [-1021, "Timestamp for this request was 1000ms ahead of the server's time.", 400],
  INVALID_SIGNATURE: [-1022, "Signature for this request is not valid.", 400],
  ILLEGAL_CHARS: [-1100, "Illegal characters found in parameter '%s'; legal range is '%s'.", 400],
  TOO_MANY_PARAMETERS: [-1101, "Duplicate values for a parameter detected.", 400],
  MANDATORY_PARAM_EMPTY_OR_MALFORMED: [
    -1102,
    "Mandatory parameter '%s' was not sent, was empty/null, or malformed.",
    400
  ],
  MANDATORY_PARAM_EITHER: [-1102, "Param '%s' or '%s' must be sent, but both were empty/null!", 400],
  MANDATORY_PARAM_TOO_GREAT: [-1102, "'%s' contains unexpected value. Cannot be greater than '%s'.", 400],
  UNREAD_PARAMETERS: [-1104, "Not all sent parameters were read; read '%s' parameter(s) but was sent '%s'.", 400],
  PARAM_EMPTY: [-1105, "Parameter '%s' was empty.", 400],
  PARAM_NOT_REQUIRED: [-1106, "Parameter '%s' sent when not required.", 400],
  PARAM_OVERFLOW: [-1108, "Parameter '%s' overflowed.", 400],
  BAD_PRECISION: [-1111, "Parameter '%s' has too much precision.", 400],
  INVALID_TIF: [-1115, "Invalid timeInForce.", 400],
  INVALID_ORDER_TYPE: [-1116, "Invalid orderType.", 400],
  INVALID_SIDE: [-1117, "Invalid side.", 400],
  BAD_INTERVAL: [-1120, "Invalid interval.", 400],
  BAD_SYMBOL: [-1121, "Invalid symbol.", 400],
  INVALID_PARAMETER: [-1130, "Data sent for parameter '%s' is not valid.", 400],
  CANCEL_REJECTED: [-2011, "Unknown order sent.", 400],
  NO_SUCH_ORDER: [-2013, "Order does not exist.", 400],
  BAD_API_KEY_FMT: [-2014, "API-key format invalid.", 401],
  REJECTED_MBX_KEY: [-2015, "Invalid API-key, IP, or permissions for action.", 401]
} as const satisfies Record<string, Row>

/** The error of a shared code, its `%s` filled with `args`. @since 0.1.0 */
export const error = table(codes)

/** An error as Binance's response `{"code":…,"msg":…}`. @since 0.1.0 */
export const toResponse = (e: BinanceError, headers: Record<string, string> = {}): HttpResponse =>
  respond(e, { code: e.code, msg: e.msg }, headers)
