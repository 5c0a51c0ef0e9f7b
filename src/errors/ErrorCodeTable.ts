/**
 * The shape every venue's documented error-code table takes, and the one function that turns a
 * table entry into a unified error. Venue folders hold the data (`venues/<id>/errors.ts`); the
 * mapping logic lives here once.
 *
 * @since 0.1.0
 */
import * as E from "./ExchangeError.js"

/**
 * Tags a venue error code can map to.
 * @since 0.1.0
 */
export type MappableTag = Exclude<E.ErrorTag, "DecodeError" | "ConfigError" | "OrderStatusUnknown" | "UnknownSymbol">

/**
 * One documented venue error code.
 * @since 0.1.0
 */
export interface ErrorCodeEntry {
  /** The venue's code, as a string (`"-2010"`, `"51008"`, `"10001"`). */
  readonly code: string
  /** The venue's own name for it, where the documentation gives one (`NEW_ORDER_REJECTED`). */
  readonly name: string
  /** The documentation's description or message. */
  readonly meaning: string
  /** The unified tag it maps to. */
  readonly tag: MappableTag
  /** For `ExchangeUnavailable` / `RequestTimeout`: whether the request may have taken effect. */
  readonly outcome?: E.Outcome
  /** For `InvalidOrder`: why. */
  readonly reason?: E.InvalidOrderReason
}

/**
 * One documented message for a code that carries several (Binance `-2010 NEW_ORDER_REJECTED`
 * says why in its message). Matched by the exact message text, never by substring.
 * @since 0.1.0
 */
export interface ErrorMessageEntry {
  readonly message: string
  readonly tag: MappableTag
  readonly reason?: E.InvalidOrderReason
  readonly outcome?: E.Outcome
}

/**
 * The unified error a table row maps to, written `Tag` or `Tag:detail`: the detail is the
 * `InvalidOrder` reason (`"InvalidOrder:tick_size"`) or the outcome of an `ExchangeUnavailable` or
 * `RequestTimeout` (`"RequestTimeout:ambiguous"`). It keeps each documented code on one row.
 * @since 0.1.0
 */
export type Mapping =
  | MappableTag
  | `InvalidOrder:${E.InvalidOrderReason}`
  | `${"ExchangeUnavailable" | "RequestTimeout"}:${E.Outcome}`

/**
 * A `Mapping` as the fields of an entry.
 * @since 0.1.0
 */
export const fromMapping = (mapping: Mapping): Pick<ErrorCodeEntry, "tag" | "reason" | "outcome"> => {
  const at = mapping.indexOf(":")
  if (at < 0) return { tag: mapping as MappableTag }
  const tag = mapping.slice(0, at) as MappableTag
  const detail = mapping.slice(at + 1)
  return tag === "InvalidOrder"
    ? { tag, reason: detail as E.InvalidOrderReason }
    : { tag, outcome: detail as E.Outcome }
}

/**
 * One row of a page that names each code (Binance): code, name, mapping, the page's message.
 * @since 0.1.0
 */
export type NamedCodeRow = readonly [code: string, name: string, mapping: Mapping, meaning: string]

/**
 * The entries of a table whose rows name their codes.
 * @since 0.1.0
 */
export const namedCodes = (rows: ReadonlyArray<NamedCodeRow>): Array<ErrorCodeEntry> =>
  rows.map(([code, name, mapping, meaning]) => ({ code, name, meaning, ...fromMapping(mapping) }))

/**
 * One row of a page that gives its codes no names (Bybit, OKX): code, mapping, the page's message.
 * @since 0.1.0
 */
export type CodeRow = readonly [code: string, mapping: Mapping, meaning: string]

/**
 * The entries of one section of such a page; each takes the section's title as its `name`.
 * @since 0.1.0
 */
export const section = (name: string, rows: ReadonlyArray<CodeRow>): Array<ErrorCodeEntry> =>
  rows.map(([code, mapping, meaning]) => ({ code, name, meaning, ...fromMapping(mapping) }))

/**
 * One documented message of a code that carries several: the exact text, its mapping.
 * @since 0.1.0
 */
export type MessageRow = readonly [message: string, mapping: Mapping]

/**
 * The entries of a table of messages.
 * @since 0.1.0
 */
export const messageEntries = (rows: ReadonlyArray<MessageRow>): Array<ErrorMessageEntry> =>
  rows.map(([message, mapping]) => ({ message, ...fromMapping(mapping) }))

/**
 * Extra facts a venue may know when it builds an error.
 * @since 0.1.0
 */
export interface ErrorExtras {
  readonly retryAfterMs?: number | undefined
  readonly untilMs?: number | undefined
  readonly orderId?: string | undefined
  readonly clientOrderId?: string | undefined
}

/**
 * Builds the unified error for a table entry.
 * @since 0.1.0
 */
export const toError = (
  entry: Pick<ErrorCodeEntry, "tag" | "outcome" | "reason" | "meaning">,
  context: E.ErrorContext,
  extras: ErrorExtras = {}
): E.TransportError => {
  switch (entry.tag) {
    case "AuthenticationFailed":
      return new E.AuthenticationFailed({ ...context, reason: entry.meaning })
    case "PermissionDenied":
      return new E.PermissionDenied(context)
    case "InsufficientFunds":
      return new E.InsufficientFunds(context)
    case "InvalidOrder":
      return new E.InvalidOrder({ ...context, reason: entry.reason ?? "rejected", detail: entry.meaning })
    case "InvalidRequest":
      return new E.InvalidRequest({ ...context, detail: entry.meaning })
    case "OrderNotFound":
      return new E.OrderNotFound({ ...context, orderId: extras.orderId, clientOrderId: extras.clientOrderId })
    case "DuplicateClientOrderId":
      return new E.DuplicateClientOrderId({ ...context, clientOrderId: extras.clientOrderId })
    case "RateLimited":
      return new E.RateLimited({ ...context, retryAfterMs: extras.retryAfterMs })
    case "IpBanned":
      return new E.IpBanned({ ...context, untilMs: extras.untilMs })
    case "TimestampOutOfWindow":
      return new E.TimestampOutOfWindow(context)
    case "ExchangeUnavailable":
      return new E.ExchangeUnavailable({ ...context, outcome: entry.outcome ?? "transient", detail: entry.meaning })
    case "RequestTimeout":
      return new E.RequestTimeout({ ...context, outcome: entry.outcome ?? "ambiguous", detail: entry.meaning })
    case "NotSupported":
      return new E.NotSupported({ ...context, feature: entry.meaning })
  }
}

/**
 * Indexes a table by code. Each venue's table-driven test checks that no code is listed twice.
 * @since 0.1.0
 */
export const indexTable = (entries: ReadonlyArray<ErrorCodeEntry>): ReadonlyMap<string, ErrorCodeEntry> =>
  new Map(entries.map((entry) => [entry.code, entry]))

/**
 * One venue error as the classifier sees it.
 * @since 0.1.0
 */
export interface ClassifyInput {
  readonly code: number | string
  readonly msg: string
  readonly httpStatus?: number | undefined
  readonly endpoint?: string | undefined
  readonly extras?: ErrorExtras | undefined
}

/**
 * Builds a venue's classifier from its tables: for the codes that carry several documented
 * messages, the exact message decides; otherwise the code does. A code the table does not know is
 * `ExchangeUnavailable` (ambiguous) on HTTP 5xx, `RateLimited` on 429, and `InvalidRequest`
 * otherwise; a ban status (see `ban`) is `IpBanned`. Never substring matching.
 * @since 0.1.0
 */
export const makeClassifier = (options: {
  readonly venue: string
  readonly codes: ReadonlyMap<string, ErrorCodeEntry>
  readonly messages?: {
    /** Codes whose meaning is in the message (Binance `-2010 NEW_ORDER_REJECTED`). */
    readonly codes: ReadonlySet<string>
    readonly entries: ReadonlyArray<ErrorMessageEntry>
  } | undefined
  /**
   * An HTTP status by which the venue says the client is banned (Binance's 418): with one of
   * `codes`, or a code the table does not know, the error is `IpBanned`.
   */
  readonly ban?: { readonly status: number; readonly codes: ReadonlyArray<string> } | undefined
}) => {
  const byMessage = new Map((options.messages?.entries ?? []).map((m) => [m.message, m]))
  const messageCodes = options.messages?.codes ?? new Set<string>()
  return (input: ClassifyInput): E.TransportError => {
    const code = String(input.code).trim()
    const context: E.ErrorContext = {
      venue: options.venue,
      venueCode: code,
      venueMessage: input.msg,
      httpStatus: input.httpStatus,
      endpoint: input.endpoint
    }
    const extras = input.extras ?? {}
    const ban = options.ban
    if (
      ban !== undefined && input.httpStatus === ban.status && (ban.codes.includes(code) || !options.codes.has(code))
    ) {
      return new E.IpBanned({ ...context, untilMs: extras.untilMs })
    }
    if (messageCodes.has(code)) {
      const entry = byMessage.get(input.msg)
      if (entry !== undefined) return toError({ ...entry, meaning: entry.message }, context, extras)
    }
    const entry = options.codes.get(code)
    if (entry !== undefined) return toError(entry, context, extras)
    if (input.httpStatus !== undefined && input.httpStatus >= 500 && input.httpStatus <= 599) {
      return new E.ExchangeUnavailable({ ...context, outcome: "ambiguous", detail: input.msg })
    }
    if (input.httpStatus === 429) return toError({ tag: "RateLimited", meaning: input.msg }, context, extras)
    return new E.InvalidRequest({ ...context, detail: input.msg })
  }
}
