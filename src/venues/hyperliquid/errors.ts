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
import { type MappableTag, toError } from "../../errors/ErrorCodeTable.js"
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

/**
 * The table. The first block is the venue's documented table, in its order.
 * @since 0.1.0
 */
export const messageTable: ReadonlyArray<MessageEntry> = [
  {
    type: "Tick",
    text: "Price must be divisible by tick size.",
    tag: "InvalidOrder",
    reason: "tick_size",
    source: ERRORS
  },
  {
    type: "MinTradeNtl",
    text: "Order must have minimum value of $10.",
    tag: "InvalidOrder",
    reason: "min_notional",
    source: ERRORS
  },
  {
    type: "MinTradeSpotNtl",
    text: "Order must have minimum value of 10 {quote_token}.",
    tag: "InvalidOrder",
    reason: "min_notional",
    source: ERRORS
  },
  { type: "PerpMargin", text: "Insufficient margin to place order.", tag: "InsufficientFunds", source: ERRORS },
  {
    type: "ReduceOnly",
    text: "Reduce only order would increase position.",
    tag: "InvalidOrder",
    reason: "reduce_only_rejected",
    source: ERRORS
  },
  {
    type: "BadAloPx",
    text: "Post only order would have immediately matched, bbo was {bbo}.",
    tag: "InvalidOrder",
    reason: "post_only_would_cross",
    source: ERRORS
  },
  {
    type: "IocCancel",
    text: "Order could not immediately match against any resting orders.",
    tag: "InvalidOrder",
    reason: "would_not_fill",
    source: ERRORS
  },
  {
    type: "BadTriggerPx",
    text: "Invalid TP/SL price.",
    tag: "InvalidOrder",
    reason: "invalid_parameter",
    source: ERRORS
  },
  {
    type: "MarketOrderNoLiquidity",
    text: "No liquidity available for market order.",
    tag: "InvalidOrder",
    reason: "would_not_fill",
    source: ERRORS
  },
  {
    type: "PositionIncreaseAtOpenInterestCap",
    text: "Order would increase open interest while open interest is capped",
    tag: "InvalidOrder",
    reason: "rejected",
    source: ERRORS
  },
  {
    type: "TooAggressiveAtOpenInterestCap",
    text: "Order rejected due to price more aggressive than oracle while at open interest cap",
    tag: "InvalidOrder",
    reason: "price_out_of_range",
    source: ERRORS
  },
  {
    type: "OpenInterestIncrease",
    text: "Order would increase open interest too quickly",
    tag: "InvalidOrder",
    reason: "rejected",
    source: ERRORS
  },
  {
    type: "InsufficientSpotBalance",
    text: "Order has insufficient spot balance to trade",
    tag: "InsufficientFunds",
    source: ERRORS
  },
  {
    type: "Oracle",
    text: "Order price too far from oracle",
    tag: "InvalidOrder",
    reason: "price_out_of_range",
    source: ERRORS
  },
  {
    type: "PerpMaxPosition",
    text: "Order would cause position to exceed margin tier limit at current leverage",
    tag: "InvalidOrder",
    reason: "max_quantity",
    source: ERRORS
  },
  {
    type: "MissingOrder",
    text: "Order was never placed, already canceled, or filled.",
    tag: "OrderNotFound",
    source: ERRORS
  },
  {
    type: "AddressRateLimit",
    text: "Too many cumulative requests sent {detail}",
    tag: "RateLimited",
    source: `${RATE}; text: ${CCXT}`
  },
  {
    type: "UnknownSigner",
    text: "User or API Wallet {address} does not exist.",
    tag: "AuthenticationFailed",
    source: CCXT
  },
  { type: "InvalidSize", text: "Order has invalid size.", tag: "InvalidOrder", reason: "lot_size", source: CCXT },
  { type: "ZeroSize", text: "Order has zero size.", tag: "InvalidOrder", reason: "lot_size", source: CCXT },
  {
    type: "PriceBand",
    text: "Order price cannot be more than 80% away from the reference price",
    tag: "InvalidOrder",
    reason: "price_out_of_range",
    source: CCXT
  }
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
