/**
 * Request parameters as Binance reads them: from the query string and from an
 * `application/x-www-form-urlencoded` body, the query string winning when a name is in both
 * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information),
 * and decoders that answer with Binance's own errors (-1100, -1102, -1105, -1111, -1121, ...).
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import type { Decimal } from "../../../model/Decimal.js"
import { decimalPlaces, parse as parseDecimal } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { BinanceError } from "./errors.js"
import * as Errors from "./errors.js"

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
export class Params {
  private constructor(private readonly values: ReadonlyMap<string, string>) {}

  /** Parses query string and body; duplicate names within one of them are -1101. */
  static parse(rawQuery: string, body: string): Either.Either<Params, BinanceError> {
    const values = new Map<string, string>()
    for (const source of [rawQuery, body]) {
      const seen = new Set<string>()
      for (const [name, value] of new URLSearchParams(source)) {
        if (seen.has(name)) return Either.left(Errors.duplicateParameter)
        seen.add(name)
        if (!values.has(name)) values.set(name, value)
      }
    }
    return Either.right(new Params(values))
  }

  get names(): ReadonlyArray<string> {
    return [...this.values.keys()]
  }

  has(name: string): boolean {
    return this.values.has(name)
  }

  raw(name: string): string | undefined {
    return this.values.get(name)
  }
}

/**
 * A mandatory parameter's raw value (absent or empty: -1102).
 * @since 0.1.0
 */
export const required = (p: Params, name: string): Either.Either<string, BinanceError> => {
  const v = p.raw(name)
  return v === undefined || v === "" ? Either.left(Errors.mandatory(name)) : Either.right(v)
}

/**
 * An optional parameter's raw value (empty: -1105).
 * @since 0.1.0
 */
export const optional = (p: Params, name: string): Either.Either<string | undefined, BinanceError> => {
  const v = p.raw(name)
  return v === "" ? Either.left(Errors.emptyParameter(name)) : Either.right(v)
}

/**
 * Checks the symbol's characters (-1100) and looks it up (-1121).
 * @since 0.1.0
 */
export const instrumentOf = (
  engine: Engine,
  symbol: string,
  name = "symbol"
): Either.Either<Instrument, BinanceError> => {
  if (!SYMBOL.test(symbol)) return Either.left(Errors.illegalChars(name, SYMBOL_RANGE))
  const instrument = engine.instrument(symbol)
  return instrument === undefined ? Either.left(Errors.invalidSymbol) : Either.right(instrument)
}

/**
 * The mandatory `symbol` parameter, resolved.
 * @since 0.1.0
 */
export const symbol = (p: Params, engine: Engine): Either.Either<Instrument, BinanceError> =>
  Either.flatMap(required(p, "symbol"), (s) => instrumentOf(engine, s))

/**
 * A decimal parameter: -1100 when not a plain decimal, -1111 beyond `precision` digits.
 * @since 0.1.0
 */
export const decimal = (name: string, value: string, precision = 8): Either.Either<Decimal, BinanceError> => {
  if (!DECIMAL.test(value)) return Either.left(Errors.illegalChars(name, DECIMAL_RANGE))
  const parsed = parseDecimal(value)
  if (Either.isLeft(parsed)) return Either.left(Errors.illegalChars(name, DECIMAL_RANGE))
  if (decimalPlaces(parsed.right) > precision) return Either.left(Errors.badPrecision(name))
  return Either.right(BigDecimal.normalize(parsed.right))
}

/**
 * A non-negative integer parameter (ids, times, limits): -1100 when not digits, -1108 when too big.
 * @since 0.1.0
 */
export const integer = (name: string, value: string): Either.Either<number, BinanceError> => {
  if (!INTEGER.test(value)) return Either.left(Errors.illegalChars(name, INTEGER_RANGE))
  const n = Number.parseInt(value, 10)
  return Number.isSafeInteger(n) ? Either.right(n) : Either.left(Errors.overflow(name))
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
  CLIENT_ID.test(value) ? Either.right(value) : Either.left(Errors.illegalChars(name, CLIENT_ID_RANGE))

/**
 * An optional `limit` parameter clamped as Binance documents per endpoint (default, maximum).
 * @since 0.1.0
 */
export const limit = (p: Params, defaultValue: number, max: number): Either.Either<number, BinanceError> =>
  Either.flatMap(optionalInteger(p, "limit"), (n) => {
    if (n === undefined) return Either.right(defaultValue)
    if (n > max) return Either.left(Errors.tooGreat("limit", String(max)))
    return Either.right(Math.max(1, n))
  })

/**
 * A JSON array of symbols (`symbols=["BTCUSDT","ETHUSDT"]`), each resolved.
 * @since 0.1.0
 */
export const symbolList = (engine: Engine, value: string): Either.Either<ReadonlyArray<Instrument>, BinanceError> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return Either.left(
      Errors.error(
        -1100,
        "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'."
      )
    )
  }
  if (!Array.isArray(parsed) || parsed.some((s) => typeof s !== "string")) {
    return Either.left(Errors.invalidParameter("symbols"))
  }
  const names = parsed as Array<string>
  if (new Set(names).size !== names.length) {
    return Either.left(Errors.error(-1151, "Symbol is present multiple times in the list."))
  }
  return Either.all(names.map((s) => instrumentOf(engine, s, "symbols")))
}
