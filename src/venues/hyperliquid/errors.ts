/**
 * Hyperliquid's errors, unified. The venue has no error codes: an `/exchange` request it refuses
 * answers `{"status":"err","response":"<message>"}` (HTTP 200), and inside an accepted batch each
 * refused order or cancel is `{"error":"<message>"}`. The messages come from the venue's error
 * table (its "error type" names serve as `venueCode`); a message matches an entry when it is the
 * documented text exactly — with the documented placeholder filled in, an optional final period,
 * and the ` asset=<id>` suffix the venue appends to per-order errors — never by substring.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/error-responses
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/nonces-and-api-wallets
 *
 * @since 0.1.0
 */
import { fromMapping, type MappableTag, type Mapping, toError } from "../../errors/ErrorCodeTable.js"
import {
  AuthenticationFailed,
  type ErrorContext,
  type InvalidOrderReason,
  InvalidRequest,
  RateLimited,
  type TransportError
} from "../../errors/ExchangeError.js"
import type { RawResponse } from "../../kernel/RestClient.js"
import { VENUE } from "./convert.js"

/**
 * One documented message.
 * @since 0.1.0
 */
export interface MessageEntry {
  /** The venue's error type (the table's "Error type" column), or a name for an envelope message. */
  readonly type: string
  /** The documented text; `{…}` marks a placeholder. */
  readonly text: string
  readonly tag: MappableTag
  readonly reason?: InvalidOrderReason
  /** Where the text is documented. */
  readonly source: string
}

const ERRORS = "https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/error-responses"
const RATE = "https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits"
const CCXT = "ccxt hyperliquid `exceptions` (observed venue messages)"

const documented = (
  source: string,
  rows: ReadonlyArray<readonly [type: string, mapping: Mapping, text: string]>
): Array<MessageEntry> => rows.map(([type, mapping, text]) => ({ type, text, ...fromMapping(mapping), source }))

/**
 * The table. The first block is the venue's documented table, in its order.
 * @since 0.1.0
 */
// dprint-ignore
export const messageTable: ReadonlyArray<MessageEntry> = [
  ...documented(ERRORS, [
    ["Tick", "InvalidOrder:tick_size", "Price must be divisible by tick size."],
    ["MinTradeNtl", "InvalidOrder:min_notional", "Order must have minimum value of $10."],
    ["MinTradeSpotNtl", "InvalidOrder:min_notional", "Order must have minimum value of 10 {quote_token}."],
    ["PerpMargin", "InsufficientFunds", "Insufficient margin to place order."],
    ["ReduceOnly", "InvalidOrder:reduce_only_rejected", "Reduce only order would increase position."],
    ["BadAloPx", "InvalidOrder:post_only_would_cross", "Post only order would have immediately matched, bbo was {bbo}."],
    ["IocCancel", "InvalidOrder:would_not_fill", "Order could not immediately match against any resting orders."],
    ["BadTriggerPx", "InvalidOrder:invalid_parameter", "Invalid TP/SL price."],
    ["MarketOrderNoLiquidity", "InvalidOrder:would_not_fill", "No liquidity available for market order."],
    ["PositionIncreaseAtOpenInterestCap", "InvalidOrder:rejected", "Order would increase open interest while open interest is capped"],
    ["TooAggressiveAtOpenInterestCap", "InvalidOrder:price_out_of_range", "Order rejected due to price more aggressive than oracle while at open interest cap"],
    ["OpenInterestIncrease", "InvalidOrder:rejected", "Order would increase open interest too quickly"],
    ["InsufficientSpotBalance", "InsufficientFunds", "Order has insufficient spot balance to trade"],
    ["Oracle", "InvalidOrder:price_out_of_range", "Order price too far from oracle"],
    ["PerpMaxPosition", "InvalidOrder:max_quantity", "Order would cause position to exceed margin tier limit at current leverage"],
    ["MissingOrder", "OrderNotFound", "Order was never placed, already canceled, or filled."]
  ]),
  ...documented(`${RATE}; text: ${CCXT}`, [
    ["AddressRateLimit", "RateLimited", "Too many cumulative requests sent {detail}"]
  ]),
  ...documented(CCXT, [
    ["UnknownSigner", "AuthenticationFailed", "User or API Wallet {address} does not exist."],
    ["InvalidSize", "InvalidOrder:lot_size", "Order has invalid size."],
    ["ZeroSize", "InvalidOrder:lot_size", "Order has zero size."],
    ["PriceBand", "InvalidOrder:price_out_of_range", "Order price cannot be more than 80% away from the reference price"]
  ])
]

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&")

const compiled = messageTable.map((entry) => {
  const text = entry.text.replace(/\.$/, "")
  const pattern = text.split(/\{[a-z_]+\}/).map((part) => escape(part)).join(".+")
  return { entry, regex: new RegExp(`^${pattern}\\.?( asset=\\d+)?$`) }
})

/**
 * The table entry a message is, if any.
 * @since 0.1.0
 */
export const lookup = (message: string): MessageEntry | undefined => compiled.find((c) => c.regex.test(message))?.entry

/**
 * The unified error for a venue message (an `{"error"}` status or a `{"status":"err"}` envelope).
 * A message the table does not know is an `InvalidRequest` carrying it verbatim.
 * @since 0.1.0
 */
export const fromMessage = (
  message: string,
  context: Omit<ErrorContext, "venue" | "venueCode" | "venueMessage"> & {
    readonly retryAfterMs?: number | undefined
    readonly orderId?: string | undefined
    readonly clientOrderId?: string | undefined
  } = {}
): TransportError => {
  const entry = lookup(message)
  const base: ErrorContext = {
    venue: VENUE,
    venueMessage: message,
    httpStatus: context.httpStatus,
    endpoint: context.endpoint,
    ...(entry !== undefined ? { venueCode: entry.type } : {})
  }
  if (entry === undefined) return new InvalidRequest({ ...base, detail: message })
  return toError(
    { tag: entry.tag, ...(entry.reason !== undefined ? { reason: entry.reason } : {}), meaning: message },
    base,
    {
      retryAfterMs: entry.tag === "RateLimited" ? context.retryAfterMs ?? 10_000 : undefined,
      orderId: context.orderId,
      clientOrderId: context.clientOrderId
    }
  )
}

/**
 * The REST client's classifier: HTTP 429 is `RateLimited` (the docs give no body for it); 5xx and
 * HTML pages are left to the kernel (`ExchangeUnavailable`, ambiguous for actions); 422 (a body the venue could not read) is `InvalidRequest`; a
 * `{"status":"err"}` body is classified by its message. Per-order errors inside an accepted batch
 * are not transport errors: the trading functions read them per item.
 * @since 0.1.0
 */
export const classifyResponse = (
  response: RawResponse,
  context: { readonly endpoint: string }
): TransportError | undefined => {
  const base = { venue: VENUE, httpStatus: response.status, endpoint: context.endpoint }
  if (response.status === 429) return new RateLimited({ ...base, retryAfterMs: response.retryAfterMs })
  if (response.status === 422) {
    return new InvalidRequest({
      ...base,
      detail: response.text.slice(0, 200),
      venueMessage: response.text.slice(0, 200)
    })
  }
  const json = response.json
  if (typeof json === "object" && json !== null && !Array.isArray(json)) {
    const body = json as Record<string, unknown>
    if (body.status === "err" && typeof body.response === "string") {
      // The only envelope that is `RateLimited` is the address budget's: it holds back that
      // address's actions (see `addressBudget.ts`), not the connection's reads, so it asks the
      // REST client for no pause.
      return fromMessage(body.response, { httpStatus: response.status, endpoint: context.endpoint, retryAfterMs: 0 })
    }
  }
  if (response.status === 401 || response.status === 403) {
    return new AuthenticationFailed({ ...base, reason: "the request was refused" })
  }
  return undefined
}
