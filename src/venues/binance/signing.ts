/**
 * Binance request signing, Spot and USDⓈ-M: HMAC-SHA256, hex, over `totalParams` = the query string concatenated
 * with the request body, exactly as sent; `timestamp` and `recvWindow` are added to the part that
 * carries the parameters, and `signature` is appended last. The key goes in `X-MBX-APIKEY`.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security#signed-endpoint-examples-for-post-apiv3order---hmac-keys
 *
 * @since 0.1.0
 */
import type { ApiKeySecret } from "../../kernel/Credentials.js"
import { queryHmacSigner, type Signer } from "../../kernel/Signer.js"

/**
 * @since 0.1.0
 */
export interface BinanceCredentials extends ApiKeySecret {}

/**
 * @since 0.1.0
 */
export const makeSigner = (credentials: BinanceCredentials, recvWindowMs: number): Signer =>
  queryHmacSigner({ ...credentials, apiKeyHeader: "X-MBX-APIKEY", recvWindowMs })
