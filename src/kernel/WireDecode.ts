/**
 * Reading wire values with Schemas the same way in every venue: a failed decode as a readable
 * `path: detail`, a websocket frame that carries a list of items (`{"data": [...]}`), and an
 * instrument list read one instrument at a time, so that one odd instrument is skipped and reported
 * instead of failing the market list.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type BookDecodeFailure, isBookDecodeFailure } from "../book/BookWire.js"
import type { Market } from "../model/Market.js"
import type { BookUpdate } from "../model/OrderBook.js"
import { describeParseError } from "./RestClient.js"
import { type DecodeFailure, decodeFailure, schemaDecoder } from "./WsSession.js"

/**
 * A run of wire fields that share one Schema, listed once by name: venues send long runs of
 * decimal strings (`...fieldsOf(UnsignedDecimal, "open", "high", "low", "close")`).
 * @since 0.1.0
 */
export const fieldsOf = <S extends Schema.Struct.Field, const K extends ReadonlyArray<string>>(
  schema: S,
  ...names: K
): { readonly [P in K[number]]: S } => Object.fromEntries(names.map((name) => [name, schema])) as any

/**
 * A decode failure as `path: detail`.
 * @since 0.1.0
 */
export const describe = (error: ParseResult.ParseError): string => {
  const { detail, path } = describeParseError(error)
  return `${path}: ${detail}`
}

/**
 * A decoder that answers `Either<A, "path: detail">`.
 * @since 0.1.0
 */
export const decodeWith = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema)
  return (raw: unknown): Either.Either<A, string> => Either.mapLeft(decode(raw), describe)
}

/**
 * The frame decoder of a book channel from a venue's hand-written book decoder (`book/BookFrame`…):
 * its `BookDecodeFailure` reported as the session's `DecodeFailure`.
 * @since 0.1.0
 */
export const bookDecoder =
  (decode: (payload: unknown, receivedAt: number) => BookUpdate | BookDecodeFailure) =>
  (payload: unknown, receivedAt: number): BookUpdate | DecodeFailure => {
    const update = decode(payload, receivedAt)
    return isBookDecodeFailure(update) ? decodeFailure(update.message) : update
  }

/**
 * A websocket message that could not be decoded, with what it was (`"order"`, `"wallet"`…) first.
 * @since 0.1.0
 */
export const parseFailure = (what: string, error: ParseResult.ParseError): DecodeFailure =>
  decodeFailure(`${what} ${describe(error)}`)

/**
 * The decoder of frames carrying several items in `data` (a batch of trades, of candles), each
 * mapped by `f`; `frame`: other fields the frame must carry.
 * @since 0.1.0
 */
export const itemsDecoder = <A, I, B>(
  item: Schema.Schema<A, I>,
  f: (a: A, receivedAt: number) => B,
  frame: Schema.Struct.Fields = {}
) =>
  schemaDecoder(
    Schema.Struct({ ...frame, data: Schema.Array(item) }),
    (decoded, receivedAt): ReadonlyArray<B> => (decoded.data as ReadonlyArray<A>).map((a) => f(a, receivedAt))
  )

/**
 * Markets from a venue's instrument list: `read` gives a market, why an instrument cannot be one
 * (`Left`, reported), or `undefined` for an instrument this connector does not trade (left out).
 * @since 0.1.0
 */
export const readMarkets = (
  list: ReadonlyArray<unknown>,
  read: (raw: unknown) => Either.Either<Market, string> | undefined
): { readonly markets: Array<Market>; readonly skipped: Array<string> } => {
  const markets: Array<Market> = []
  const skipped: Array<string> = []
  for (const raw of list) {
    const market = read(raw)
    if (market === undefined) continue
    if (Either.isRight(market)) markets.push(market.right)
    else skipped.push(market.left)
  }
  return { markets, skipped }
}

/**
 * Markets from a venue's instrument list, each instrument decoded with `schema` on its own (a
 * failure is reported as `path: detail`) and then read by `toMarket`, as in `readMarkets`.
 * @since 0.1.0
 */
export const readInstruments = <A, I>(
  list: ReadonlyArray<unknown>,
  schema: Schema.Schema<A, I>,
  toMarket: (instrument: A) => Either.Either<Market, string> | undefined
) => {
  const decode = decodeWith(schema)
  return readMarkets(list, (raw) => Either.match(decode(raw), { onLeft: Either.left, onRight: toMarket }))
}
