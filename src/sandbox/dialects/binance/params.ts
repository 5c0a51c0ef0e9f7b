/**
 * Request parameters as the Binance family reads them: from the query string and from an
 * `application/x-www-form-urlencoded` body, the query string winning when a name is in both
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information),
 * and decoders that answer with Binance's own errors (-1100, -1102, -1105, -1106, -1108, -1111,
 * -1121, ...).
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import * as Kit from "../kit/Params.js"
import { FormParams, readers } from "../kit/Params.js"
import type { BinanceError } from "./errors.js"
import { error } from "./errors.js"

/** The parameters of one request. @since 0.1.0 */
export type Params = FormParams

/** Parses query string and body; a name repeated within one of them is -1101. @since 0.1.0 */
export const parseParams = (rawQuery: string, body: string): Either.Either<Params, BinanceError> => {
  const parsed = FormParams.parse(rawQuery, body)
  return parsed instanceof FormParams ? Either.right(parsed) : Either.left(error("TOO_MANY_PARAMETERS"))
}

const read = readers<BinanceError>({
  mandatory: (name) => error("MANDATORY_PARAM_EMPTY_OR_MALFORMED", name),
  empty: (name) => error("PARAM_EMPTY", name),
  notRequired: (name) => error("PARAM_NOT_REQUIRED", name),
  illegal: (name, pattern) => error("ILLEGAL_CHARS", name, pattern),
  overflow: (name) => error("PARAM_OVERFLOW", name),
  precision: (name) => error("BAD_PRECISION", name),
  tooGreat: (name, max) => error("MANDATORY_PARAM_TOO_GREAT", name, max),
  invalid: (name) => error("INVALID_PARAMETER", name),
  decimal: [/^([0-9]{1,20})(\.[0-9]{1,20})?$/, "^([0-9]{1,20})(\\.[0-9]{1,20})?$"],
  integer: [/^[0-9]{1,20}$/, "^[0-9]{1,20}$"]
})

/**
 * The family's parameter readers: `required` (-1102), `optional` (-1105 when empty), `notSent`
 * (-1106), `decimal` (-1100, -1111), `integer` (-1100, -1108), `limit` (-1102 above the maximum),
 * enumerations (-1130 by default), …
 * @since 0.1.0
 */
export const {
  decimal,
  integer,
  limit,
  notSent,
  oneOf,
  optional,
  optionalInteger,
  optionalIntegers,
  optionalOneOf,
  required,
  requiredDecimal
} = read

/** How a product names instruments: the engine's instrument a wire symbol names, if any. @since 0.1.0 */
export type Lookup<I extends Instrument> = (engine: Engine, symbol: string) => I | undefined

/**
 * A product's instrument and order readers, from how it names instruments: a symbol (-1100 outside
 * Binance's characters, -1121 unknown), `orderId` and/or `origClientOrderId` (-1102 naming both when
 * neither is sent), a client order id (-1100).
 * @since 0.1.0
 */
export const naming = <I extends Instrument>(lookup: Lookup<I>) =>
  Kit.naming(read, {
    lookup,
    symbol: [/^[A-Z0-9-_.]{1,20}$/, "^[A-Z0-9-_.]{1,20}$"],
    clientId: [/^[a-zA-Z0-9-_]{1,36}$/, "^[a-zA-Z0-9-_]{1,36}$"],
    illegal: (name, pattern) => error("ILLEGAL_CHARS", name, pattern),
    unknownSymbol: error("BAD_SYMBOL"),
    either: (first, second) => error("MANDATORY_PARAM_EITHER", first, second)
  })

/** The parameters naming an order. @since 0.1.0 */
export const ORDER_IDS = ["orderId", "origClientOrderId"] as const

/** `side`: `BUY` or `SELL` (-1117). @since 0.1.0 */
export const side = (p: Params): Either.Either<"buy" | "sell", BinanceError> =>
  Either.map(oneOf(p, "side", ["BUY", "SELL"], error("INVALID_SIDE")), (s) => s === "BUY" ? "buy" : "sell")
