/**
 * Bybit v5 request signing: HMAC-SHA256, hex, over
 * `timestamp + apiKey + recvWindow + (query string for GET | raw JSON body for POST)`, exactly as
 * sent; the parts travel in the `X-BAPI-API-KEY`, `X-BAPI-TIMESTAMP`, `X-BAPI-RECV-WINDOW` and
 * `X-BAPI-SIGN` headers (with `X-BAPI-SIGN-TYPE: 2` for HMAC). Query and body are left unchanged.
 *
 * https://bybit-exchange.github.io/docs/v5/guide#authentication
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import type { ApiKeySecret } from "../../kernel/Credentials.js"
import { headerSigner, hmacSha256, type Signer } from "../../kernel/Signer.js"

/**
 * @since 0.1.0
 */
export interface BybitCredentials extends ApiKeySecret {}

/**
 * @since 0.1.0
 */
export const makeSigner = (credentials: BybitCredentials, recvWindowMs: number): Signer => {
  const key = hmacSha256(credentials.secret)
  const apiKey = Redacted.value(credentials.apiKey)
  const window = String(recvWindowMs)
  return headerSigner(credentials.apiKey, (request) => {
    const timestamp = String(request.timestamp)
    const signed = request.method === "GET" || request.method === "DELETE" ? request.query : request.body
    return {
      "X-BAPI-API-KEY": apiKey,
      "X-BAPI-TIMESTAMP": timestamp,
      "X-BAPI-RECV-WINDOW": window,
      "X-BAPI-SIGN": key.hex(timestamp + apiKey + window + signed),
      "X-BAPI-SIGN-TYPE": "2"
    }
  })
}
