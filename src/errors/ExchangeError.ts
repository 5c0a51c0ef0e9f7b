/**
 * The unified error taxonomy (DESIGN.md §6). Every venue maps its own error codes onto these tags,
 * and every failure of the library reaches the caller as one of them, in the typed error channel.
 *
 * Each error carries the venue id, the venue's own code and message where there was one, the HTTP
 * status where there was one, and an `outcome`:
 * - `definitive`: the request certainly did not take effect (or certainly did, for reads);
 * - `transient`: it did not take effect and trying again later may succeed;
 * - `ambiguous`: it may or may not have taken effect (a timeout on an order placement, a 5xx after
 *   the request was sent). Never blindly re-send a non-idempotent request after an ambiguous error.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/** @since 0.1.0 */
export type Outcome = "definitive" | "transient" | "ambiguous"

/**
 * What every error knows about where it came from.
 * @since 0.1.0
 */
export interface ErrorContext {
  /** LotusX venue id, e.g. `binance`. */
  readonly venue: string
  /** The venue's own error code, as a string (Binance `-2010`, OKX `51008`). */
  readonly venueCode?: string | undefined
  /** The venue's own error message, verbatim. */
  readonly venueMessage?: string | undefined
  /** HTTP status of the response, where there was one. */
  readonly httpStatus?: number | undefined
  /** Endpoint (method and path, never the signed query) the error came from. */
  readonly endpoint?: string | undefined
  /**
   * When the request was stamped and sent (epoch ms, the server-corrected clock), on errors whose
   * outcome is `ambiguous`: the venue's validity window for the request runs from here.
   */
  readonly sentAt?: number | undefined
}

const describe = (self: ErrorContext, text: string): string => {
  const parts: Array<string> = [`[${self.venue}] ${text}`]
  const details: Array<string> = []
  if (self.endpoint !== undefined) details.push(self.endpoint)
  if (self.httpStatus !== undefined) details.push(`HTTP ${self.httpStatus}`)
  if (self.venueCode !== undefined) details.push(`code ${self.venueCode}`)
  if (self.venueMessage !== undefined && self.venueMessage !== "") details.push(`"${self.venueMessage}"`)
  if (details.length > 0) parts.push(`(${details.join(", ")})`)
  return parts.join(" ")
}

/**
 * The API key, signature or passphrase was rejected.
 * @since 0.1.0
 */
export class AuthenticationFailed extends Data.TaggedError("AuthenticationFailed")<
  ErrorContext & {
    readonly reason?: string | undefined
  }
> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, `authentication failed${this.reason ? `: ${this.reason}` : ""}`)
  }
}

/**
 * The credentials are valid but lack the permission (trade, withdraw, this IP…).
 * @since 0.1.0
 */
export class PermissionDenied extends Data.TaggedError("PermissionDenied")<ErrorContext> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, "permission denied")
  }
}

/**
 * The account has not enough free balance or margin for the request.
 * @since 0.1.0
 */
export class InsufficientFunds extends Data.TaggedError("InsufficientFunds")<ErrorContext> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, "insufficient funds")
  }
}

/**
 * Why an order was refused by validation (the library's own, or the venue's).
 * @since 0.1.0
 */
export type InvalidOrderReason =
  | "tick_size"
  | "lot_size"
  | "min_quantity"
  | "max_quantity"
  | "min_notional"
  | "max_notional"
  | "price_out_of_range"
  | "post_only_would_cross"
  | "reduce_only_rejected"
  | "would_not_fill"
  | "market_closed"
  | "too_many_orders"
  | "invalid_parameter"
  | "rejected"

/**
 * The order request was refused. `reason` says why.
 * @since 0.1.0
 */
export class InvalidOrder extends Data.TaggedError("InvalidOrder")<
  ErrorContext & {
    readonly reason: InvalidOrderReason
    readonly detail?: string | undefined
  }
> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, `invalid order (${this.reason})${this.detail ? `: ${this.detail}` : ""}`)
  }
}

/**
 * A request the venue refused as malformed (bad parameter, unknown enum, bad format) that is not
 * specifically an order-validation failure.
 * @since 0.1.0
 */
export class InvalidRequest extends Data.TaggedError("InvalidRequest")<
  ErrorContext & {
    readonly detail?: string | undefined
  }
> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, `invalid request${this.detail ? `: ${this.detail}` : ""}`)
  }
}

/**
 * No such order (unknown id, or already gone).
 * @since 0.1.0
 */
export class OrderNotFound extends Data.TaggedError("OrderNotFound")<
  ErrorContext & {
    readonly orderId?: string | undefined
    readonly clientOrderId?: string | undefined
  }
> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    const id = this.orderId ?? this.clientOrderId
    return describe(this, `order not found${id !== undefined ? `: ${id}` : ""}`)
  }
}

/**
 * The client order id is already in use where the venue scopes uniqueness.
 * @since 0.1.0
 */
export class DuplicateClientOrderId extends Data.TaggedError("DuplicateClientOrderId")<
  ErrorContext & {
    readonly clientOrderId?: string | undefined
  }
> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, `duplicate client order id${this.clientOrderId ? `: ${this.clientOrderId}` : ""}`)
  }
}

/**
 * The symbol is not in the venue's loaded market list (native or unified form), or names several
 * markets (`candidates`).
 * @since 0.1.0
 */
export class UnknownSymbol extends Data.TaggedError("UnknownSymbol")<
  ErrorContext & {
    readonly symbol: string
    /** Set when the symbol names several markets: the unified symbols to choose from. */
    readonly candidates?: ReadonlyArray<string> | undefined
    /**
     * Set when the symbol names no market but one differs only by its settlement suffix:
     * `BTC/USDT` on a perpetuals venue suggests `BTC/USDT:USDT`, and the other way round.
     */
    readonly suggestions?: ReadonlyArray<string> | undefined
  }
> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return this.candidates !== undefined && this.candidates.length > 1
      ? describe(this, `ambiguous symbol "${this.symbol}": write one of ${this.candidates.join(", ")}`)
      : this.suggestions !== undefined && this.suggestions.length > 0
      ? describe(this, `unknown symbol "${this.symbol}": did you mean ${this.suggestions.join(" or ")}?`)
      : describe(this, `unknown symbol "${this.symbol}"`)
  }
}

/**
 * The venue says too many requests. `retryAfterMs` is how long the library will wait at least.
 * @since 0.1.0
 */
export class RateLimited extends Data.TaggedError("RateLimited")<
  ErrorContext & {
    readonly retryAfterMs?: number | undefined
  }
> {
  readonly outcome: Outcome = "transient"
  override get message() {
    return describe(
      this,
      `rate limited${this.retryAfterMs !== undefined ? `, retry after ${this.retryAfterMs} ms` : ""}`
    )
  }
}

/**
 * The venue banned this client (IP or key) until `untilMs` (epoch ms). All requests to the venue
 * are held back until then.
 * @since 0.1.0
 */
export class IpBanned extends Data.TaggedError("IpBanned")<
  ErrorContext & {
    readonly untilMs?: number | undefined
  }
> {
  readonly outcome: Outcome = "transient"
  override get message() {
    return describe(
      this,
      `banned${this.untilMs !== undefined ? ` until ${new Date(this.untilMs).toISOString()}` : ""}`
    )
  }
}

/**
 * The request's timestamp was outside the venue's validity window (clock skew or a slow network).
 * @since 0.1.0
 */
export class TimestampOutOfWindow extends Data.TaggedError("TimestampOutOfWindow")<ErrorContext> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, "request timestamp outside the venue's validity window")
  }
}

/**
 * The venue is down, in maintenance, overloaded, or answered with something that is not its API
 * (an HTML error page). `outcome` is `ambiguous` when a non-idempotent request may have been
 * received.
 * @since 0.1.0
 */
export class ExchangeUnavailable extends Data.TaggedError("ExchangeUnavailable")<
  ErrorContext & {
    readonly outcome: Outcome
    readonly detail?: string | undefined
    readonly snippet?: string | undefined
  }
> {
  override get message() {
    return describe(this, `exchange unavailable${this.detail ? `: ${this.detail}` : ""}`)
  }
}

/**
 * No answer in time (or the connection broke mid-request). `outcome` is `ambiguous` when the
 * request may have been received.
 * @since 0.1.0
 */
export class RequestTimeout extends Data.TaggedError("RequestTimeout")<
  ErrorContext & {
    readonly outcome: Outcome
    readonly detail?: string | undefined
  }
> {
  override get message() {
    return describe(this, `request failed without an answer${this.detail ? `: ${this.detail}` : ""}`)
  }
}

/**
 * An order placement had an ambiguous outcome and querying the venue afterwards could not tell
 * whether the order exists.
 * @since 0.1.0
 */
export class OrderStatusUnknown extends Data.TaggedError("OrderStatusUnknown")<
  ErrorContext & {
    readonly clientOrderId: string
    readonly detail?: string | undefined
  }
> {
  readonly outcome: Outcome = "ambiguous"
  override get message() {
    return describe(
      this,
      `status of order ${this.clientOrderId} is unknown${this.detail ? `: ${this.detail}` : ""}`
    )
  }
}

/**
 * A payload did not have the expected shape. `path` says where, `snippet` is a short redacted
 * excerpt of the raw payload (at most 256 bytes). Never default-filled: a bad field is this error.
 * @since 0.1.0
 */
export class DecodeError extends Data.TaggedError("DecodeError")<
  ErrorContext & {
    readonly path: string
    readonly detail: string
    readonly snippet?: string | undefined
    /**
     * `definitive` for reads; `ambiguous` when a non-idempotent request got a success status with a
     * body that could not be read (it may have taken effect).
     */
    readonly outcome: Outcome
  }
> {
  override get message() {
    return describe(
      this,
      `could not decode ${this.path}: ${this.detail}${this.snippet !== undefined ? ` — payload: ${this.snippet}` : ""}`
    )
  }
}

/**
 * The venue, or this venue's connector, does not support what was asked. Raised before anything is
 * sent.
 * @since 0.1.0
 */
export class NotSupported extends Data.TaggedError("NotSupported")<
  ErrorContext & {
    readonly feature: string
  }
> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return describe(this, `not supported: ${this.feature}`)
  }
}

/**
 * Configuration is missing or invalid. `path` names the key (and file, where there is one).
 * @since 0.1.0
 */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly venue?: string | undefined
  readonly path: string
  readonly detail: string
}> {
  readonly outcome: Outcome = "definitive"
  override get message() {
    return `${this.venue ? `[${this.venue}] ` : ""}configuration error at ${this.path}: ${this.detail}`
  }
}

/**
 * Any error the library returns.
 * @since 0.1.0
 */
export type ExchangeError =
  | AuthenticationFailed
  | PermissionDenied
  | InsufficientFunds
  | InvalidOrder
  | InvalidRequest
  | OrderNotFound
  | DuplicateClientOrderId
  | UnknownSymbol
  | RateLimited
  | IpBanned
  | TimestampOutOfWindow
  | ExchangeUnavailable
  | RequestTimeout
  | OrderStatusUnknown
  | DecodeError
  | NotSupported
  | ConfigError

/**
 * Errors a single request to a venue can end in: everything a venue's error-code table maps to,
 * plus transport failures and decode errors.
 * @since 0.1.0
 */
export type TransportError = Exclude<ExchangeError, ConfigError | OrderStatusUnknown | UnknownSymbol>

/** @since 0.1.0 */
export type ErrorTag = ExchangeError["_tag"]

/**
 * The tags of the errors a venue error-code table can map to.
 * @since 0.1.0
 */
export const errorTags: ReadonlyArray<ErrorTag> = [
  "AuthenticationFailed",
  "PermissionDenied",
  "InsufficientFunds",
  "InvalidOrder",
  "InvalidRequest",
  "OrderNotFound",
  "DuplicateClientOrderId",
  "UnknownSymbol",
  "RateLimited",
  "IpBanned",
  "TimestampOutOfWindow",
  "ExchangeUnavailable",
  "RequestTimeout",
  "OrderStatusUnknown",
  "DecodeError",
  "NotSupported",
  "ConfigError"
]

/**
 * Whether an error may be retried for an idempotent request.
 * @since 0.1.0
 */
export const isTransient = (error: ExchangeError): boolean => error.outcome === "transient"
