/**
 * The Binance family's checks on SIGNED (TRADE and USER_DATA) endpoints, implemented independently
 * of the client: the `X-MBX-APIKEY` header, the `timestamp` / `recvWindow` timing rule, and the
 * HMAC-SHA256 signature (hex) over the query string concatenated with the body, exactly as received.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/endpoint-security-type
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/timing-security
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/signed-endpoint-examples-for-post-api-v3-order
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { ApiKey } from "../../engine/Ledger.js"
import * as Signing from "../kit/Signing.js"
import type { BinanceError } from "./errors.js"
import { error } from "./errors.js"
import type { Params } from "./params.js"
import { integer, optional, required } from "./params.js"

/**
 * `TRADE` endpoints need a key with trading permission, `USER_DATA` only reading; `USER_STREAM`
 * endpoints need the key alone, unsigned.
 * @since 0.1.0
 */
export type Security = "TRADE" | "USER_DATA" | "USER_STREAM"

const API_KEY = /^[A-Za-z0-9]{64}$/
const MAX_RECV_WINDOW = 60_000
const RECV_WINDOW_RANGE = "^[0-9]{1,20}(\\.[0-9]{1,3})?$"

/** The payload Binance signs: `totalParams` = query string + body, as received but `signature`. @since 0.1.0 */
export const signedPayload = (rawQuery: string, body: string): string =>
  Signing.withoutParam(rawQuery, "signature") + Signing.withoutParam(body, "signature")

/** Checks the API key header (-2014 / -2015). Returns the key. @since 0.1.0 */
export const apiKey = (
  engine: Engine,
  header: string | ReadonlyArray<string> | undefined,
  security: Security,
  forceFailure: boolean
): Either.Either<ApiKey, BinanceError> => {
  if (typeof header !== "string" || !API_KEY.test(header)) return Either.left(error("BAD_API_KEY_FMT"))
  const key = forceFailure ? undefined : engine.apiKey(header)
  if (key === undefined || !Signing.permits(key, security === "TRADE")) return Either.left(error("REJECTED_MBX_KEY"))
  return Either.right(key)
}

/**
 * The timing rule: `timestamp < serverTime + 1000` and `serverTime - timestamp <= recvWindow`
 * (-1021); `recvWindow` at most 60000 (-1102). `timestamp` may be in microseconds.
 * @since 0.1.0
 */
export const timing = (params: Params, serverTime: number): Either.Either<void, BinanceError> =>
  Either.gen(function*() {
    let timestamp = yield* integer("timestamp", yield* required(params, "timestamp"))
    if (timestamp >= 1e15) timestamp = Math.floor(timestamp / 1000)
    const rawWindow = yield* optional(params, "recvWindow")
    let recvWindow = 5000
    if (rawWindow !== undefined) {
      if (!new RegExp(RECV_WINDOW_RANGE).test(rawWindow)) {
        return yield* Either.left(error("ILLEGAL_CHARS", "recvWindow", RECV_WINDOW_RANGE))
      }
      recvWindow = Number.parseInt(rawWindow, 10)
      if (
        recvWindow > MAX_RECV_WINDOW ||
        (recvWindow === MAX_RECV_WINDOW && rawWindow.includes(".") && !/\.0*$/.test(rawWindow))
      ) {
        return yield* Either.left(error("MANDATORY_PARAM_TOO_GREAT", "recvWindow", String(MAX_RECV_WINDOW)))
      }
    }
    const when = Signing.timing(timestamp, serverTime, recvWindow)
    if (when !== "ok") {
      return yield* Either.left(error(when === "ahead" ? "INVALID_TIMESTAMP_AHEAD" : "INVALID_TIMESTAMP"))
    }
  })

/**
 * Verifies `signature` (hex HMAC-SHA256 of the signed payload with the key's secret) (-1102 when
 * absent, -1022 when wrong).
 * @since 0.1.0
 */
export const signature = (
  params: Params,
  key: ApiKey,
  rawQuery: string,
  body: string
): Either.Either<void, BinanceError> =>
  Either.flatMap(
    required(params, "signature"),
    (sent) =>
      Signing.hmacSha256HexMatches(key, signedPayload(rawQuery, body), sent)
        ? Either.void
        : Either.left(error("INVALID_SIGNATURE"))
  )
