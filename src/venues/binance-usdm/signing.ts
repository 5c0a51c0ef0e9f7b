/**
 * USDⓈ-M request signing — the same scheme as Binance Spot: HMAC-SHA256, hex, over the query
 * string concatenated with the request body exactly as sent; `timestamp` and `recvWindow` are
 * added, `signature` is appended last, and the key goes in `X-MBX-APIKEY`.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info#signed-trade-and-user_data-endpoint-security
 *
 * @since 0.1.0
 */
import type * as Redacted from "effect/Redacted"
import { queryHmacSigner, type Signer } from "../../kernel/Signer.js"

/**
 * @since 0.1.0
 */
export interface BinanceUsdmCredentials {
  readonly apiKey: Redacted.Redacted<string>
  readonly secret: Redacted.Redacted<string>
}

/**
 * @since 0.1.0
 */
export const makeSigner = (credentials: BinanceUsdmCredentials, recvWindowMs: number): Signer =>
  queryHmacSigner({ ...credentials, apiKeyHeader: "X-MBX-APIKEY", recvWindowMs })
