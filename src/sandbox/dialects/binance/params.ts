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
import type { Engine, OrderRef } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import { FormParams, readers } from "../kit/Params.js"
import type { BinanceError } from "./errors.js"
import { error } from "./errors.js"

/** The legal ranges Binance quotes in its -1100 messages. */
const SYMBOL_RANGE = "^[A-Z0-9-_.]{1,20}$"
const SYMBOL = /^[A-Z0-9-_.]{1,20}$/
const CLIENT_ID_RANGE = "^[a-zA-Z0-9-_]{1,36}$"
const CLIENT_ID = /^[a-zA-Z0-9-_]{1,36}$/

/** The parameters of one request. @since 0.1.0 */
export type Params = FormParams

/** Parses query string and body; a name repeated within one of them is -1101. @since 0.1.0 */
export const parseParams = (rawQuery: string, body: string): Either.Either<Params, BinanceError> => {
  const parsed = FormParams.parse(rawQuery, body)
  return parsed instanceof FormParams ? Either.right(parsed) : Either.left(error("TOO_MANY_PARAMETERS"))
}

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
} = readers<BinanceError>({
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

/** How a product names instruments: the engine's instrument a wire symbol names, if any. @since 0.1.0 */
export type Lookup<I extends Instrument> = (engine: Engine, symbol: string) => I | undefined

/**
 * A product's symbol readers, from how it names instruments: `instrumentOf` checks a symbol's
 * characters (-1100) and looks it up (-1121); `symbol` and `optionalSymbol` resolve the mandatory
 * and the optional `symbol` parameter (`undefined` when not sent).
 * @since 0.1.0
 */
export const naming = <I extends Instrument>(lookup: Lookup<I>) => {
  const instrumentOf = (engine: Engine, symbol: string, name = "symbol"): Either.Either<I, BinanceError> => {
    if (!SYMBOL.test(symbol)) return Either.left(error("ILLEGAL_CHARS", name, SYMBOL_RANGE))
    const instrument = lookup(engine, symbol)
    return instrument === undefined ? Either.left(error("BAD_SYMBOL")) : Either.right(instrument)
  }
  return {
    lookup,
    instrumentOf,
    symbol: (p: Params, engine: Engine): Either.Either<I, BinanceError> =>
      Either.flatMap(required(p, "symbol"), (s) => instrumentOf(engine, s)),
    optionalSymbol: (p: Params, engine: Engine): Either.Either<I | undefined, BinanceError> =>
      Either.flatMap(optional(p, "symbol"), (s) => s === undefined ? Either.right(undefined) : instrumentOf(engine, s))
  }
}

/** A client order id: -1100 outside Binance's allowed characters and length. @since 0.1.0 */
export const clientOrderId = (name: string, value: string): Either.Either<string, BinanceError> =>
  CLIENT_ID.test(value) ? Either.right(value) : Either.left(error("ILLEGAL_CHARS", name, CLIENT_ID_RANGE))

/** `orderId` and/or `origClientOrderId`; -1102 naming both (in the product's order) when neither. @since 0.1.0 */
export const orderRef = (p: Params, first: "orderId" | "origClientOrderId"): Either.Either<OrderRef, BinanceError> =>
  Either.gen(function*() {
    const orderId = yield* optionalInteger(p, "orderId")
    const clientOrderId = yield* optional(p, "origClientOrderId")
    if (orderId === undefined && clientOrderId === undefined) {
      const other = first === "orderId" ? "origClientOrderId" : "orderId"
      return yield* Either.left(error("MANDATORY_PARAM_EITHER", first, other))
    }
    return { orderId, clientOrderId }
  })

/** `side`: `BUY` or `SELL` (-1117). @since 0.1.0 */
export const side = (p: Params): Either.Either<"buy" | "sell", BinanceError> =>
  Either.map(oneOf(p, "side", ["BUY", "SELL"], error("INVALID_SIDE")), (s) => s === "BUY" ? "buy" : "sell")

/** An optional client order id parameter, else one the venue makes up. @since 0.1.0 */
export const clientOrderIdOr = (p: Params, name: string, made: () => string): Either.Either<string, BinanceError> =>
  Either.flatMap(optional(p, name), (v) => v === undefined ? Either.right(made()) : clientOrderId(name, v))
