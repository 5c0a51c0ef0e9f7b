/**
 * Binance request signing, Spot and USDⓈ-M: HMAC-SHA256, hex, over `totalParams` = the query string concatenated
 * with the request body, exactly as sent; `timestamp` and `recvWindow` are added to the part that
 * carries the parameters, and `signature` is appended last. The key goes in `X-MBX-APIKEY`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security#signed-endpoint-examples-for-post-apiv3order---hmac-keys
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import type { ApiKeySecret } from "../../kernel/Credentials.js"
import { hmacSha256, type Signer } from "../../kernel/Signer.js"

/**
 * @since 0.1.0
 */
export interface BinanceCredentials extends ApiKeySecret {}

/**
 * @since 0.1.0
 */
export const makeSigner = (credentials: BinanceCredentials, recvWindowMs: number): Signer =>
  queryHmacSigner({ ...credentials, apiKeyHeader: "X-MBX-APIKEY", recvWindowMs })

/**
 * The "sign the parameters" scheme: `recvWindow` and `timestamp` are appended to whichever part
 * carries the parameters (the body when there is one, else the query string), then
 * HMAC-SHA256 hex over `query + body` exactly as sent is appended as `signature`; the key goes in
 * `apiKeyHeader`.
 * @since 0.1.0
 */
export const queryHmacSigner = (
  options: BinanceCredentials & { readonly apiKeyHeader: string; readonly recvWindowMs: number }
): Signer => {
  const key = hmacSha256(options.secret)
  const headers = { [options.apiKeyHeader]: Redacted.value(options.apiKey) }
  return {
    apiKey: options.apiKey,
    sign: (request) => {
      const extra = `recvWindow=${options.recvWindowMs}&timestamp=${request.timestamp}`
      if (request.body !== "") {
        const body = `${request.body}&${extra}`
        return { query: request.query, body: `${body}&signature=${key.hex(request.query + body)}`, headers }
      }
      const query = request.query === "" ? extra : `${request.query}&${extra}`
      return { query: `${query}&signature=${key.hex(query)}`, body: "", headers }
    }
  }
}
