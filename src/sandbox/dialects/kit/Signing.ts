/**
 * Checks on signed requests that several venues share: an HMAC-SHA256 signature sent in hex, the
 * timing rule `serverTime - recvWindow <= timestamp < serverTime + 1000`, and the key's permission.
 * The payload each venue signs is the dialect's business.
 *
 * @since 0.1.0
 */
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"
import type { ApiKey } from "../../engine/Ledger.js"

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/

/**
 * Whether `sent` is the hex HMAC-SHA256 of `payload` with the key's secret (compared in constant
 * time; anything that is not 64 hex digits does not match).
 * @since 0.1.0
 */
export const hmacSha256HexMatches = (key: ApiKey, payload: string, sent: string): boolean => {
  if (!HEX_SHA256.test(sent)) return false
  const expected = createHmac("sha256", Redacted.value(key.secret)).update(payload).digest()
  return timingSafeEqual(expected, Buffer.from(sent, "hex"))
}

/**
 * Where a request's timestamp stands against the server's clock: `ahead` when it is 1000 ms or
 * more in the future, `late` when older than `recvWindow`.
 * @since 0.1.0
 */
export const timing = (timestamp: number, serverTime: number, recvWindow: number): "ok" | "ahead" | "late" =>
  timestamp >= serverTime + 1000 ? "ahead" : serverTime - timestamp > recvWindow ? "late" : "ok"

/**
 * Whether a key may call an endpoint: trading endpoints need trading permission, others reading.
 * @since 0.1.0
 */
export const permits = (key: ApiKey, trade: boolean): boolean => trade ? key.permissions.trade : key.permissions.read

/**
 * A form-encoded string as received without its parameter `name` (the signature, which signs the
 * rest as it was sent).
 * @since 0.1.0
 */
export const withoutParam = (raw: string, name: string): string =>
  raw === "" ? "" : raw.split("&").filter((part) => part.split("=", 1)[0] !== name).join("&")
