/**
 * Request parameters as the Binance family reads them: from the query string and from an
 * `application/x-www-form-urlencoded` body, the query string winning when a name is in both
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information),
 * and decoders that answer with Binance's own errors (-1100, -1102, -1105, -1106, -1108, -1111,
 * -1121, ...).
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { decimalPlaces, parse as parseDecimal } from "../../../model/Decimal.js"
import type { Engine, OrderRef } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import { FormParams } from "../kit/Params.js"
import type { BinanceError } from "./errors.js"
import { error } from "./errors.js"

/** The legal ranges Binance quotes in its -1100 messages. */
const DECIMAL_RANGE = "^([0-9]{1,20})(\\.[0-9]{1,20})?$"
const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/
const INTEGER_RANGE = "^[0-9]{1,20}$"
const INTEGER = /^[0-9]{1,20}$/
const SYMBOL_RANGE = "^[A-Z0-9-_.]{1,20}$"
const SYMBOL = /^[A-Z0-9-_.]{1,20}$/
const CLIENT_ID_RANGE = "^[a-zA-Z0-9-_]{1,36}$"
const CLIENT_ID = /^[a-zA-Z0-9-_]{1,36}$/

/**
 * The parameters of one request.
 * @since 0.1.0
 */
export type Params = FormParams

/**
 * Parses query string and body; a name repeated within one of them is -1101.
 * @since 0.1.0
 */
export const parseParams = (rawQuery: string, body: string): Either.Either<Params, BinanceError> => {
  const parsed = FormParams.parse(rawQuery, body)
  return parsed instanceof FormParams ? Either.right(parsed) : Either.left(error("TOO_MANY_PARAMETERS"))
}

/**
 * A mandatory parameter's raw value (absent or empty: -1102).
 * @since 0.1.0
 */
export const required = (p: Params, name: string): Either.Either<string, BinanceError> => {
  const v = p.raw(name)
  return v === undefined || v === "" ? Either.left(error("MANDATORY_PARAM_EMPTY_OR_MALFORMED", name)) : Either.right(v)
}

/**
 * An optional parameter's raw value (empty: -1105).
 * @since 0.1.0
 */
export const optional = (p: Params, name: string): Either.Either<string | undefined, BinanceError> => {
  const v = p.raw(name)
  return v === "" ? Either.left(error("PARAM_EMPTY", name)) : Either.right(v)
}

/**
 * -1106 for the first of `names` that was sent.
 * @since 0.1.0
 */
export const notSent = (p: Params, ...names: ReadonlyArray<string>): Either.Either<void, BinanceError> => {
  for (const name of names) if (p.has(name)) return Either.left(error("PARAM_NOT_REQUIRED", name))
  return Either.void
}

/**
 * How a product names instruments: the engine's instrument a wire symbol names, if any.
 * @since 0.1.0
 */
export type Lookup<I extends Instrument> = (engine: Engine, symbol: string) => I | undefined

/**
 * Checks a symbol's characters (-1100) and looks it up (-1121).
 * @since 0.1.0
 */
export const instrumentOf = <I extends Instrument>(
  lookup: Lookup<I>,
  engine: Engine,
  symbol: string,
  name = "symbol"
): Either.Either<I, BinanceError> => {
  if (!SYMBOL.test(symbol)) return Either.left(error("ILLEGAL_CHARS", name, SYMBOL_RANGE))
  const instrument = lookup(engine, symbol)
  return instrument === undefined ? Either.left(error("BAD_SYMBOL")) : Either.right(instrument)
}

/**
 * The mandatory `symbol` parameter, resolved.
 * @since 0.1.0
 */
export const symbol = <I extends Instrument>(
  lookup: Lookup<I>,
  p: Params,
  engine: Engine
): Either.Either<I, BinanceError> => Either.flatMap(required(p, "symbol"), (s) => instrumentOf(lookup, engine, s))

/**
 * The optional `symbol` parameter, resolved (`undefined` when not sent).
 * @since 0.1.0
 */
export const optionalSymbol = <I extends Instrument>(
  lookup: Lookup<I>,
  p: Params,
  engine: Engine
): Either.Either<I | undefined, BinanceError> =>
  Either.flatMap(
    optional(p, "symbol"),
    (s) => s === undefined ? Either.right(undefined) : instrumentOf(lookup, engine, s)
  )

/**
 * A decimal parameter: -1100 when not a plain decimal, -1111 beyond `precision` digits.
 * @since 0.1.0
 */
export const decimal = (name: string, value: string, precision = 8): Either.Either<Decimal, BinanceError> => {
  if (!DECIMAL.test(value)) return Either.left(error("ILLEGAL_CHARS", name, DECIMAL_RANGE))
  const parsed = parseDecimal(value)
  if (Either.isLeft(parsed)) return Either.left(error("ILLEGAL_CHARS", name, DECIMAL_RANGE))
  if (decimalPlaces(parsed.right) > precision) return Either.left(error("BAD_PRECISION", name))
  return Either.right(BigDecimal.normalize(parsed.right))
}

/**
 * A mandatory decimal parameter.
 * @since 0.1.0
 */
export const requiredDecimal = (p: Params, name: string, precision = 8): Either.Either<Decimal, BinanceError> =>
  Either.flatMap(required(p, name), (v) => decimal(name, v, precision))

/**
 * A non-negative integer parameter (ids, times, limits): -1100 when not digits, -1108 when too big.
 * @since 0.1.0
 */
export const integer = (name: string, value: string): Either.Either<number, BinanceError> => {
  if (!INTEGER.test(value)) return Either.left(error("ILLEGAL_CHARS", name, INTEGER_RANGE))
  const n = Number.parseInt(value, 10)
  return Number.isSafeInteger(n) ? Either.right(n) : Either.left(error("PARAM_OVERFLOW", name))
}

/**
 * An optional integer parameter.
 * @since 0.1.0
 */
export const optionalInteger = (p: Params, name: string): Either.Either<number | undefined, BinanceError> =>
  Either.flatMap(optional(p, name), (v) => (v === undefined ? Either.right(undefined) : integer(name, v)))

/**
 * A client order id: -1100 outside Binance's allowed characters and length.
 * @since 0.1.0
 */
export const clientOrderId = (name: string, value: string): Either.Either<string, BinanceError> =>
  CLIENT_ID.test(value) ? Either.right(value) : Either.left(error("ILLEGAL_CHARS", name, CLIENT_ID_RANGE))

/**
 * An optional `limit` parameter clamped as Binance documents per endpoint (default, maximum).
 * @since 0.1.0
 */
export const limit = (p: Params, defaultValue: number, max: number): Either.Either<number, BinanceError> =>
  Either.flatMap(optionalInteger(p, "limit"), (n) => {
    if (n === undefined) return Either.right(defaultValue)
    if (n > max) return Either.left(error("MANDATORY_PARAM_TOO_GREAT", "limit", String(max)))
    return Either.right(Math.max(1, n))
  })

/**
 * `orderId` and/or `origClientOrderId`; -1102 naming both (in the product's order) when neither.
 * @since 0.1.0
 */
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

/**
 * Optional integer parameters, read in the order named.
 * @since 0.1.0
 */
export const optionalIntegers = <N extends string>(
  p: Params,
  ...names: ReadonlyArray<N>
): Either.Either<Record<N, number | undefined>, BinanceError> =>
  Either.map(
    Either.all(names.map((name) => optionalInteger(p, name))),
    (values) => Object.fromEntries(names.map((name, i) => [name, values[i]])) as Record<N, number | undefined>
  )

/**
 * A page of records, oldest first: those from id `from` and/or within `startTime`..`endTime`; the
 * first `limit` of them when a start is given, else the last `limit`.
 * @since 0.1.0
 */
export const page = <A>(
  items: ReadonlyArray<A>,
  window: {
    readonly from?: number | undefined
    readonly startTime?: number | undefined
    readonly endTime?: number | undefined
  },
  limit: number,
  id: (a: A) => number,
  time: (a: A) => number
): ReadonlyArray<A> => {
  const { endTime, from, startTime } = window
  const selected = items.filter((a) =>
    (from === undefined || id(a) >= from) &&
    (startTime === undefined || time(a) >= startTime) &&
    (endTime === undefined || time(a) <= endTime)
  )
  return from !== undefined || startTime !== undefined ? selected.slice(0, limit) : selected.slice(-limit)
}

/**
 * A required enumerated parameter (`side`, `type`, …); `invalid` when not one of `values`.
 * @since 0.1.0
 */
export const oneOf = <V extends string>(
  p: Params,
  name: string,
  values: ReadonlyArray<V>,
  invalid: BinanceError
): Either.Either<V, BinanceError> =>
  Either.flatMap(required(p, name), (v) => values.includes(v as V) ? Either.right(v as V) : Either.left(invalid))

/**
 * An optional enumerated parameter; `invalid` (by default -1130) when not one of `values`.
 * @since 0.1.0
 */
export const optionalOneOf = <V extends string>(
  p: Params,
  name: string,
  values: ReadonlyArray<V>,
  invalid: BinanceError = error("INVALID_PARAMETER", name)
): Either.Either<V | undefined, BinanceError> =>
  Either.flatMap(
    optional(p, name),
    (v) => v === undefined || values.includes(v as V) ? Either.right(v as V | undefined) : Either.left(invalid)
  )

/**
 * `side`: `BUY` or `SELL` (-1117).
 * @since 0.1.0
 */
export const side = (p: Params): Either.Either<"buy" | "sell", BinanceError> =>
  Either.map(oneOf(p, "side", ["BUY", "SELL"], error("INVALID_SIDE")), (s) => s === "BUY" ? "buy" : "sell")

/**
 * An optional client order id parameter, else one the venue makes up.
 * @since 0.1.0
 */
export const clientOrderIdOr = (p: Params, name: string, made: () => string): Either.Either<string, BinanceError> =>
  Either.flatMap(optional(p, name), (v) => v === undefined ? Either.right(made()) : clientOrderId(name, v))
