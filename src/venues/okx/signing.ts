/**
 * OKX v5 request signing.
 *
 * "The `OK-ACCESS-SIGN` header is generated as follows: create a prehash string of timestamp +
 * method + requestPath + body (where + represents String concatenation); prepare the SecretKey;
 * sign the prehash string with the SecretKey using the HMAC SHA256; encode the signature in the
 * Base64 format." The timestamp is the `OK-ACCESS-TIMESTAMP` header, "in UTC, ISO format, e.g.
 * 2020-12-08T09:08:57.715Z"; `method` is upper case; `requestPath` includes the query string of a
 * GET (`/api/v5/account/balance?ccy=BTC`); `body` is the JSON body text of a POST, and is omitted
 * when there is none. The key and the passphrase (chosen when the key was made) travel in
 * `OK-ACCESS-KEY` and `OK-ACCESS-PASSPHRASE`.
 *
 * Placements and amendments (single and batch) carry `expTime`, the request's deadline: "the
 * request will not be processed if the current system time of the server is after the expTime"
 * (https://www.okx.com/docs-v5/en/#overview-transaction-timeouts). It is the timestamp plus the
 * connector's validity window, so an order request in flight is bounded by that window (as
 * `recvWindow` bounds Binance's) and not only by the 30 s timestamp check.
 *
 * Demo trading (OKX's testnet) uses the same hosts and keys made for demo trading, with the header
 * `x-simulated-trading: 1`.
 *
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication-signature
 * https://www.okx.com/docs-v5/en/#overview-demo-trading-services
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import { hmacSha256, type Signer, type UnsignedRequest } from "../../kernel/Signer.js"

/**
 * An OKX API key: key, secret and passphrase, all secret.
 * @since 0.1.0
 */
export interface OkxCredentials {
  readonly apiKey: Redacted.Redacted<string>
  readonly secret: Redacted.Redacted<string>
  readonly passphrase: Redacted.Redacted<string>
}

/**
 * `OK-ACCESS-TIMESTAMP`: UTC ISO-8601 with milliseconds (`2020-12-08T09:08:57.715Z`).
 * @since 0.1.0
 */
export const isoTimestamp = (epochMs: number): string => new Date(epochMs).toISOString()

/**
 * The `requestPath` that is signed: the path, plus `?` and the query string when there is one.
 * @since 0.1.0
 */
export const requestPath = (path: string, query: string): string => query === "" ? path : `${path}?${query}`

/**
 * The prehash string: `timestamp + METHOD + requestPath + body`.
 * @since 0.1.0
 */
export const prehash = (timestamp: string, request: Pick<UnsignedRequest, "method" | "path" | "query" | "body">) =>
  `${timestamp}${request.method.toUpperCase()}${requestPath(request.path, request.query)}${request.body}`

/**
 * @since 0.1.0
 */
export interface SignerOptions {
  /** Demo trading: adds `x-simulated-trading: 1` to every request. */
  readonly simulated?: boolean | undefined
  /** The validity window, ms: `expTime` = timestamp + this on placements and amendments. */
  readonly validityMs?: number | undefined
}

/** The endpoints that honour `expTime`. */
const EXP_TIME_PATHS = new Set([
  "/api/v5/trade/order",
  "/api/v5/trade/batch-orders",
  "/api/v5/trade/amend-order",
  "/api/v5/trade/amend-batch-orders"
])

/**
 * The OKX signer. Query and body are sent unchanged; the signature and credentials travel in
 * headers.
 * @since 0.1.0
 */
export const makeSigner = (credentials: OkxCredentials, options: SignerOptions = {}): Signer => {
  const key = hmacSha256(credentials.secret)
  const apiKey = Redacted.value(credentials.apiKey)
  const passphrase = Redacted.value(credentials.passphrase)
  const simulated = options.simulated === true
  const validityMs = options.validityMs
  return {
    apiKey: credentials.apiKey,
    sign: (request) => {
      const timestamp = isoTimestamp(request.timestamp)
      const headers: Record<string, string> = {
        "OK-ACCESS-KEY": apiKey,
        "OK-ACCESS-SIGN": key.base64(prehash(timestamp, request)),
        "OK-ACCESS-TIMESTAMP": timestamp,
        "OK-ACCESS-PASSPHRASE": passphrase
      }
      if (simulated) headers["x-simulated-trading"] = "1"
      if (validityMs !== undefined && request.method === "POST" && EXP_TIME_PATHS.has(request.path)) {
        headers["expTime"] = String(request.timestamp + validityMs)
      }
      return { query: request.query, body: request.body, headers }
    }
  }
}

/**
 * The websocket `login` arguments: the signature is over `timestamp + "GET" + "/users/self/verify"`
 * with the timestamp in Unix seconds.
 * https://www.okx.com/docs-v5/en/#overview-websocket-login
 * @since 0.1.0
 */
export const websocketLogin = (credentials: OkxCredentials, epochSeconds: number) => {
  const timestamp = String(epochSeconds)
  return {
    apiKey: Redacted.value(credentials.apiKey),
    passphrase: Redacted.value(credentials.passphrase),
    timestamp,
    sign: hmacSha256(credentials.secret).base64(`${timestamp}GET/users/self/verify`)
  }
}
