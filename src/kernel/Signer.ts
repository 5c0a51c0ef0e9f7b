/**
 * Request signing. The kernel calls a venue-supplied `Signer` with the request exactly as it will
 * be sent (path, encoded query string, body text, timestamp); the signer returns the query, body
 * and headers to send. HMAC-SHA256 hex (Binance, Bybit), HMAC-SHA256 base64 (OKX), Ed25519
 * (Backpack) and signatures embedded in the body (Hyperliquid) all fit this shape.
 *
 * Secrets stay `Redacted`; key material is turned into a `KeyObject` once.
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import { createHmac, createPrivateKey, createSecretKey, type KeyObject, sign as cryptoSign } from "node:crypto"

/**
 * A request ready to be signed: everything here is sent verbatim.
 * @since 0.1.0
 */
export interface UnsignedRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** Path below the base URL, starting with `/`. */
  readonly path: string
  /** Encoded query string without `?`, possibly empty. */
  readonly query: string
  /** Body text, possibly empty. */
  readonly body: string
  /** Timestamp for the request, epoch ms: local `Clock` plus the measured server offset. */
  readonly timestamp: number
}

/**
 * What the signer decided to send.
 * @since 0.1.0
 */
export interface SignedRequest {
  readonly query: string
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

/**
 * A venue's signing scheme, bound to its credentials.
 * @since 0.1.0
 */
export interface Signer {
  /** The API key (public part), for logs it is still kept out of. */
  readonly apiKey: Redacted.Redacted<string>
  readonly sign: (request: UnsignedRequest) => SignedRequest
  /**
   * The account the signer acts for, where the venue's requests name it and it is not the key
   * itself (Hyperliquid: the account's address, which an agent wallet signs for).
   */
  readonly account?: string | undefined
}

/**
 * A signer that sends the query and body as they are and signs in headers (Bybit, OKX): `headers`
 * gives a request's headers.
 * @since 0.1.0
 */
export const headerSigner = (
  apiKey: Redacted.Redacted<string>,
  headers: (request: UnsignedRequest) => Readonly<Record<string, string>>
): Signer => ({ apiKey, sign: (request) => ({ query: request.query, body: request.body, headers: headers(request) }) })

/**
 * An HMAC-SHA256 key, made once from a redacted secret.
 * @since 0.1.0
 */
export interface HmacKey {
  readonly hex: (data: string) => string
  readonly base64: (data: string) => string
}

/** @since 0.1.0 */
export const hmacSha256 = (secret: Redacted.Redacted<string>): HmacKey => {
  const key: KeyObject = createSecretKey(Buffer.from(Redacted.value(secret), "utf8"))
  return {
    hex: (data) => createHmac("sha256", key).update(data).digest("hex"),
    base64: (data) => createHmac("sha256", key).update(data).digest("base64")
  }
}

/**
 * An Ed25519 signing key from a base64 32-byte seed (Backpack's format).
 * @since 0.1.0
 */
export interface Ed25519Key {
  readonly signBase64: (data: string) => string
}

/** @since 0.1.0 */
export const ed25519FromSeed = (seedBase64: Redacted.Redacted<string>): Ed25519Key => {
  const seed = Buffer.from(Redacted.value(seedBase64), "base64")
  // PKCS#8 DER prefix for an Ed25519 private key, followed by the 32-byte seed
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed])
  const key = createPrivateKey({ key: der, format: "der", type: "pkcs8" })
  return { signBase64: (data) => cryptoSign(null, Buffer.from(data, "utf8"), key).toString("base64") }
}
