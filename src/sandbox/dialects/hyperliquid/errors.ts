/**
 * Hyperliquid's answer shapes: `{"status":"ok","response":…}` for an accepted action,
 * `{"status":"err","response":"<message>"}` for a refused one (HTTP 200 both), per-order
 * `{"error":"<message>"}` entries inside an accepted batch, and HTTP 422 with a plain-text body
 * for a request body that does not deserialize.
 *
 * Per-order messages are the venue's, from its error table:
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/error-responses
 *
 * @since 0.1.0
 */
import type { HttpResponse } from "../../server/Dialect.js"
import { json, text } from "../../server/Dialect.js"

/** @since 0.1.0 */
export const ok = (response: unknown): HttpResponse => json(200, { status: "ok", response })

/** @since 0.1.0 */
export const err = (message: string): HttpResponse => json(200, { status: "err", response: message })

/**
 * The answer to a body that is not the expected JSON.
 * @since 0.1.0
 */
export const unprocessable: HttpResponse = text(422, "Failed to deserialize the JSON body into the target type")

/**
 * The per-order and per-cancel messages of the venue's error table.
 * @since 0.1.0
 */
export const messages = {
  tick: "Price must be divisible by tick size.",
  minTradeNtl: "Order must have minimum value of $10.",
  minTradeSpotNtl: (quote: string) => `Order must have minimum value of 10 ${quote}.`,
  perpMargin: "Insufficient margin to place order.",
  reduceOnly: "Reduce only order would increase position.",
  badAloPx: (bbo: string) => `Post only order would have immediately matched, bbo was ${bbo}.`,
  iocCancel: "Order could not immediately match against any resting orders.",
  badTriggerPx: "Invalid TP/SL price.",
  marketOrderNoLiquidity: "No liquidity available for market order.",
  insufficientSpotBalance: "Order has insufficient spot balance to trade",
  missingOrder: "Order was never placed, already canceled, or filled."
} as const

/**
 * Messages the table does not list; the sandbox's own wording.
 * @since 0.1.0
 */
export const sandboxMessages = {
  unknownSigner: (address: string) => `User or API Wallet ${address} does not exist.`,
  invalidSize: "Order has invalid size.",
  unknownAsset: (asset: number) => `Asset ${asset} does not exist.`,
  marketClosed: "Trading is halted for this asset.",
  duplicateCloid: "Order with this cloid is already open.",
  nonceTooFar: (nonce: number) => `Invalid nonce: ${nonce} is not within (T - 2 days, T + 1 day).`,
  nonceUsed: (nonce: number) => `Invalid nonce: ${nonce} was already used or is below the signer's lowest kept nonce.`,
  expired: "Action expired: expiresAfter is in the past.",
  unknownVault: (address: string) => `Vault or sub-account ${address} is not managed by this signer.`,
  triggerUnsupported: "Trigger orders are not supported by the sandbox.",
  modifyChanges: "The sandbox can modify price and size only (same asset, side, tif and reduce-only).",
  cannotModify: "Cannot modify canceled or filled order",
  leverage: "Invalid leverage value"
} as const
