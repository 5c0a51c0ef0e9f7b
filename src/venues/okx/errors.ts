/**
 * OKX v5 error codes and their mapping onto the unified taxonomy (DESIGN.md §6).
 *
 * Source: "Error Code", https://www.okx.com/docs-v5/en/#error-code — the REST sections "General
 * Class" (50000–50061), "API Class" (50100–50115), "Trade Class" (51000–51603, the codes an order
 * on a SPOT or SWAP instrument can meet), "Data class" (52000) and the WebSocket login codes
 * (60004–60024) that a signed session can meet. The page was read through a mirror of its text
 * (the search index holds the official page only in excerpts); each meaning below is the page's
 * message, with `{param0}` placeholders kept. Codes for products LotusX does not trade (options,
 * grid bots, savings, withdrawals, copy trading) are not listed: an unlisted code still becomes a
 * typed error (`InvalidRequest`, or `ExchangeUnavailable` on HTTP 5xx), never a silent success.
 *
 * The envelope is `{code, msg, data}` with `code` `"0"` on success; single-order operations answer
 * `code: "1"` with the reason in `data[0].sCode`/`sMsg`; batches answer `"1"` (all failed) or `"2"`
 * (partly) and are read item by item by the caller.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { ClassifyInput, ErrorCodeEntry } from "../../errors/ErrorCodeTable.js"
import { indexTable, makeClassifier } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"
import { AuthenticationFailed, RateLimited } from "../../errors/ExchangeError.js"
import type { RawResponse } from "../../kernel/RestClient.js"

const VENUE = "okx"

type Row = readonly [code: string, meaning: string, tag: ErrorCodeEntry["tag"], extra?: Partial<ErrorCodeEntry>]

const section = (name: string, rows: ReadonlyArray<Row>): Array<ErrorCodeEntry> =>
  rows.map(([code, meaning, tag, extra]) => ({ code, name, meaning, tag, ...extra }))

const ambiguous = { outcome: "ambiguous" } as const
const transient = { outcome: "transient" } as const
const order = (reason: NonNullable<ErrorCodeEntry["reason"]>) => ({ reason })

/**
 * The documented OKX codes LotusX can meet on SPOT and SWAP.
 * @since 0.1.0
 */
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = [
  ...section("General Class", [
    ["1", "Operation failed", "InvalidRequest"],
    ["2", "Bulk operation partially succeeded", "InvalidRequest"],
    ["50000", "Body cannot be empty", "InvalidRequest"],
    ["50001", "Service temporarily unavailable, please try again later", "ExchangeUnavailable", transient],
    ["50002", "JSON syntax error", "InvalidRequest"],
    [
      "50004",
      "API endpoint request timeout (does not mean that the request was successful or failed, please check the request result)",
      "RequestTimeout",
      ambiguous
    ],
    ["50005", "API is offline or unavailable", "ExchangeUnavailable", transient],
    ["50006", "Invalid Content-Type, please use \"application/JSON\" format", "InvalidRequest"],
    ["50007", "Account blocked", "PermissionDenied"],
    ["50008", "User does not exist", "AuthenticationFailed"],
    ["50009", "Account is suspended due to ongoing liquidation", "PermissionDenied"],
    ["50010", "User ID cannot be empty", "InvalidRequest"],
    ["50011", "Rate limit reached. Please refer to API documentation and throttle requests accordingly", "RateLimited"],
    ["50012", "Account status invalid. Check account status", "PermissionDenied"],
    ["50013", "Systems are busy. Please try again later", "ExchangeUnavailable", transient],
    ["50014", "Parameter {param0} cannot be empty", "InvalidRequest"],
    ["50015", "Either parameter {param0} or {param1} is required", "InvalidRequest"],
    ["50016", "Parameter {param0} and {param1} is an invalid pair", "InvalidRequest"],
    ["50017", "Position frozen and related operations restricted due to auto-deleveraging (ADL)", "PermissionDenied"],
    ["50018", "{param0} frozen and related operations restricted due to auto-deleveraging (ADL)", "PermissionDenied"],
    ["50019", "Account frozen and related operations restricted due to auto-deleveraging (ADL)", "PermissionDenied"],
    ["50020", "Position frozen and related operations restricted due to liquidation", "PermissionDenied"],
    ["50021", "{param0} frozen and related operations restricted due to liquidation", "PermissionDenied"],
    ["50022", "Account frozen and related operations restricted due to liquidation", "PermissionDenied"],
    ["50023", "Funding fee frozen and related operations restricted", "PermissionDenied"],
    ["50024", "Either parameter {param0} or {param1} should be submitted", "InvalidRequest"],
    ["50025", "Parameter {param0} count exceeds the limit {param1}", "InvalidRequest"],
    ["50026", "System error. Try again later", "ExchangeUnavailable", ambiguous],
    ["50027", "This account is restricted from trading", "PermissionDenied"],
    ["50028", "Unable to take the order, please reach out to support center for details", "InvalidOrder"],
    // Sent by the signer on placements and amendments (`signing.ts`): the deadline passed before
    // OKX processed the request, so it was not processed.
    [
      "50036",
      "The expTime can't be earlier than the current system time. Please adjust the expTime and try again.",
      "TimestampOutOfWindow"
    ],
    ["50044", "Must select one broker type", "InvalidRequest"],
    ["50061", "Sub-account rate limit exceeded", "RateLimited"]
  ]),
  ...section("API Class", [
    ["50100", "API frozen, please contact customer service", "PermissionDenied"],
    ["50101", "APIKey does not match current environment", "AuthenticationFailed"],
    ["50102", "Timestamp request expired", "TimestampOutOfWindow"],
    ["50103", "Request header \"OK-ACCESS-KEY\" cannot be empty", "AuthenticationFailed"],
    ["50104", "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty", "AuthenticationFailed"],
    ["50105", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect", "AuthenticationFailed"],
    ["50106", "Request header \"OK-ACCESS-SIGN\" cannot be empty", "AuthenticationFailed"],
    ["50107", "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty", "AuthenticationFailed"],
    ["50108", "Exchange ID does not exist", "AuthenticationFailed"],
    ["50109", "Exchange domain does not exist", "AuthenticationFailed"],
    ["50110", "Your IP {param0} is not included in your API key's IP whitelist", "PermissionDenied"],
    ["50111", "Invalid OK-ACCESS-KEY", "AuthenticationFailed"],
    ["50112", "Invalid OK-ACCESS-TIMESTAMP", "AuthenticationFailed"],
    ["50113", "Invalid signature", "AuthenticationFailed"],
    ["50114", "Invalid authorization", "AuthenticationFailed"],
    ["50115", "Invalid request method", "InvalidRequest"]
  ]),
  ...section("Trade Class", [
    ["51000", "Parameter {param0} error", "InvalidRequest"],
    ["51001", "Instrument ID does not exist", "InvalidRequest"],
    ["51002", "Instrument ID does not match underlying index", "InvalidRequest"],
    ["51003", "Either client order ID or order ID is required", "InvalidRequest"],
    ["51004", "Order failed. The order amount exceeds the current tier limit", "InvalidOrder", order("max_quantity")],
    ["51005", "The amount of order exceeds the limit", "InvalidOrder", order("max_quantity")],
    [
      "51006",
      "Order price is not within the price limit (max buy price: {param0} min sell price: {param1})",
      "InvalidOrder",
      order("price_out_of_range")
    ],
    [
      "51007",
      "Order failed. Please place orders of at least 1 contract or more",
      "InvalidOrder",
      order("min_quantity")
    ],
    ["51008", "Order failed. Insufficient {param0} balance in account", "InsufficientFunds"],
    ["51009", "Order blocked by the platform", "PermissionDenied"],
    ["51010", "Operation is not supported under the current account mode", "InvalidRequest"],
    ["51011", "Order ID already exists", "DuplicateClientOrderId"],
    ["51012", "Token does not exist", "InvalidRequest"],
    ["51014", "Index does not exist", "InvalidRequest"],
    ["51015", "Instrument ID does not match instrument type", "InvalidRequest"],
    ["51016", "Client order ID already exists", "DuplicateClientOrderId"],
    ["51020", "Order amount should be greater than the min available amount", "InvalidOrder", order("min_quantity")],
    ["51021", "The pair or contract is not yet listed", "InvalidOrder", order("market_closed")],
    ["51022", "Instrument suspended", "InvalidOrder", order("market_closed")],
    ["51023", "Position does not exist", "InvalidOrder", order("reduce_only_rejected")],
    ["51024", "Trading account is blocked", "PermissionDenied"],
    ["51025", "Order count exceeds the limit", "InvalidOrder", order("too_many_orders")],
    ["51026", "Instrument type does not match underlying index", "InvalidRequest"],
    ["51027", "Contract expired", "InvalidOrder", order("market_closed")],
    ["51028", "Contract under delivery", "InvalidOrder", order("market_closed")],
    ["51029", "Contract is being settled", "InvalidOrder", order("market_closed")],
    ["51030", "Funding fee is being settled", "InvalidOrder", order("market_closed")],
    ["51031", "This order price is not within the closing price range", "InvalidOrder", order("price_out_of_range")],
    ["51100", "Trading amount does not meet the min tradable amount", "InvalidOrder", order("min_quantity")],
    [
      "51101",
      "Entered amount exceeds the max pending order amount (Cont) per transaction",
      "InvalidOrder",
      order("max_quantity")
    ],
    ["51102", "Entered amount exceeds the max pending count", "InvalidOrder", order("too_many_orders")],
    [
      "51103",
      "Entered amount exceeds the max pending order count of the underlying asset",
      "InvalidOrder",
      order("too_many_orders")
    ],
    [
      "51104",
      "Entered amount exceeds the max pending order amount (Cont) of the underlying asset",
      "InvalidOrder",
      order("max_quantity")
    ],
    [
      "51105",
      "Entered amount exceeds the max order amount (Cont) of the contract",
      "InvalidOrder",
      order("max_quantity")
    ],
    [
      "51106",
      "Entered amount exceeds the max order amount (Cont) of the underlying asset",
      "InvalidOrder",
      order("max_quantity")
    ],
    ["51107", "Entered amount exceeds the max holding amount (Cont)", "InvalidOrder", order("max_quantity")],
    [
      "51108",
      "Positions exceed the limit for closing out with the market price",
      "InvalidOrder",
      order("max_quantity")
    ],
    ["51109", "No available offer", "InvalidOrder", order("would_not_fill")],
    [
      "51110",
      "You can only place a limit order after Call Auction has started",
      "InvalidOrder",
      order("market_closed")
    ],
    ["51111", "Maximum {param0} orders can be placed in bulk", "InvalidRequest"],
    ["51112", "Close order size exceeds your available size", "InvalidOrder", order("reduce_only_rejected")],
    ["51113", "Market-price liquidation requests too frequent", "RateLimited"],
    ["51115", "Cancel all pending close-orders before liquidation", "InvalidOrder"],
    ["51116", "Order price or trigger price exceeds {param0}", "InvalidOrder", order("price_out_of_range")],
    ["51117", "Pending close-orders count exceeds limit", "InvalidOrder", order("too_many_orders")],
    ["51118", "Total amount should exceed the min amount per order", "InvalidOrder", order("min_quantity")],
    ["51119", "Order failed. Insufficient balance", "InsufficientFunds"],
    ["51120", "Order quantity is less than {param0}. Please try again", "InvalidOrder", order("min_quantity")],
    ["51121", "Order quantity must be a multiple of the lot size", "InvalidOrder", order("lot_size")],
    ["51122", "Order price should be higher than the min price {param0}", "InvalidOrder", order("price_out_of_range")],
    ["51124", "You can only place limit orders during call auction", "InvalidOrder", order("market_closed")],
    ["51127", "Available balance is 0", "InsufficientFunds"],
    [
      "51129",
      "The value of the position and buy order has reached the position limit. No further buying is allowed",
      "InvalidOrder",
      order("max_notional")
    ],
    ["51131", "Insufficient balance", "InsufficientFunds"],
    [
      "51132",
      "Your position amount is negative and less than the minimum trading amount",
      "InvalidOrder",
      order("min_quantity")
    ],
    [
      "51133",
      "Reduce-only feature is unavailable for spot transactions in multi-currency margin account",
      "InvalidOrder",
      order("reduce_only_rejected")
    ],
    [
      "51134",
      "Closing failed. Please check your holdings and pending orders",
      "InvalidOrder",
      order("reduce_only_rejected")
    ],
    [
      "51135",
      "Your closing price has triggered the limit price. The max buy price is {param0}",
      "InvalidOrder",
      order("price_out_of_range")
    ],
    [
      "51136",
      "Your closing price has triggered the limit price. The min sell price is {param0}",
      "InvalidOrder",
      order("price_out_of_range")
    ],
    ["51137", "The highest price limit for buy orders is {param0}", "InvalidOrder", order("price_out_of_range")],
    ["51138", "The lowest price limit for sell orders is {param0}", "InvalidOrder", order("price_out_of_range")],
    [
      "51139",
      "Reduce-only feature is unavailable for the spot transactions by simple account",
      "InvalidOrder",
      order("reduce_only_rejected")
    ],
    ["51201", "Value of per market order cannot exceed 1,000,000 USDT", "InvalidOrder", order("max_notional")],
    ["51202", "Market order amount exceeds the maximum amount", "InvalidOrder", order("max_quantity")],
    ["51203", "Order amount exceeds the limit {param0}", "InvalidOrder", order("max_quantity")],
    ["51204", "The price for the limit order cannot be empty", "InvalidOrder", order("invalid_parameter")],
    ["51205", "Reduce Only is not available", "InvalidOrder", order("reduce_only_rejected")],
    ["51400", "Order cancellation failed as the order has been filled, canceled or does not exist", "OrderNotFound"],
    ["51401", "Order cancellation failed as the order has been canceled", "OrderNotFound"],
    ["51402", "Order cancellation failed as the order has been completed", "OrderNotFound"],
    ["51403", "Cancellation failed as the order type does not support cancellation", "InvalidRequest"],
    ["51404", "Order cancellation unavailable during the second phase of call auction", "InvalidRequest"],
    ["51405", "Cancellation failed as you do not have any pending orders", "OrderNotFound"],
    ["51406", "Canceled - order count exceeds the limit {param0}", "InvalidRequest"],
    ["51407", "Either order ID or client order ID is required", "InvalidRequest"],
    ["51408", "Pair ID or name does not match the order info", "InvalidRequest"],
    ["51409", "Either pair ID or pair name ID is required", "InvalidRequest"],
    ["51410", "Cancellation failed as the order is already under cancelling status", "InvalidRequest"],
    ["51500", "Either order price or amount is required", "InvalidRequest"],
    ["51501", "Maximum {param0} orders can be modified", "InvalidRequest"],
    ["51502", "Order modification failed for insufficient margin or balance", "InsufficientFunds"],
    ["51503", "Order modification failed as the order does not exist", "OrderNotFound"],
    ["51506", "Order modification unavailable for the order type", "InvalidRequest"],
    ["51508", "Orders are not allowed to be modified during the call auction", "InvalidRequest"],
    ["51509", "Modification failed as the order has been canceled", "OrderNotFound"],
    ["51510", "Modification failed as the order has been completed", "OrderNotFound"],
    [
      "51511",
      "Operation failed as the order price did not meet the requirement for Post Only",
      "InvalidOrder",
      order("post_only_would_cross")
    ],
    ["51600", "Status not found", "InvalidRequest"],
    ["51601", "Order status and order ID cannot exist at the same time", "InvalidRequest"],
    ["51602", "Either order status or order ID is required", "InvalidRequest"],
    ["51603", "Order does not exist", "OrderNotFound"]
  ]),
  ...section("Data class", [["52000", "No market data found", "InvalidRequest"]]),
  ...section("WebSocket", [
    ["60004", "Invalid timestamp", "AuthenticationFailed"],
    ["60005", "Invalid apiKey", "AuthenticationFailed"],
    ["60006", "Timestamp request expired", "TimestampOutOfWindow"],
    ["60007", "Invalid sign", "AuthenticationFailed"],
    ["60009", "Login failure", "AuthenticationFailed"],
    ["60011", "Please log in", "AuthenticationFailed"],
    ["60012", "Invalid request", "InvalidRequest"],
    ["60013", "Invalid args", "InvalidRequest"],
    ["60014", "Requests too frequent", "RateLimited"],
    [
      "60018",
      "Wrong URL or {param0} doesn't exist. Please use the correct URL, channel and parameters referring to API document.",
      "InvalidRequest"
    ],
    ["60024", "Wrong passphrase", "AuthenticationFailed"]
  ])
]

/**
 * `errorCodes` by code.
 * @since 0.1.0
 */
export const codeIndex: ReadonlyMap<string, ErrorCodeEntry> = indexTable(errorCodes)

/**
 * Turns an OKX error code (an envelope `code` or an item's `sCode`) into a unified error. An unknown
 * code is `ExchangeUnavailable` (ambiguous) on HTTP 5xx and `InvalidRequest` otherwise. Never
 * matches on message text.
 * @since 0.1.0
 */
export const classify: (input: ClassifyInput) => TransportError = makeClassifier({ venue: VENUE, codes: codeIndex })

const decodeEnvelope = Schema.decodeUnknownOption(
  Schema.Struct({
    code: Schema.String,
    msg: Schema.String,
    data: Schema.optional(Schema.Unknown)
  })
)

const itemCodes = Schema.decodeUnknownOption(
  Schema.Array(Schema.Struct({ sCode: Schema.String, sMsg: Schema.String }))
)

/** Endpoints whose `code` `"1"`/`"2"` answers are read item by item by the caller. */
const BATCHES = new Set(["POST /api/v5/trade/batch-orders", "POST /api/v5/trade/cancel-batch-orders"])

/**
 * Maps an OKX response to its error, or `undefined` for a success:
 * - `code` ≠ `"0"` on any status (HTTP 200 included); for a single-order operation answering
 *   `code: "1"`, the item's `sCode`/`sMsg` say why; a batch's `"1"`/`"2"` with per-item codes is a
 *   success here and its items are read by the caller;
 * - HTTP 429 and 401 without an envelope.
 * https://www.okx.com/docs-v5/en/#error-code
 * @since 0.1.0
 */
export const classifyResponse = (
  response: RawResponse,
  context: { readonly endpoint: string }
): TransportError | undefined => {
  const envelope = decodeEnvelope(response.json)
  const base = { venue: VENUE, httpStatus: response.status, endpoint: context.endpoint }
  if (Option.isSome(envelope) && envelope.value.code !== "0") {
    const { code, data, msg } = envelope.value
    const items = itemCodes(data)
    if ((code === "1" || code === "2") && Option.isSome(items) && items.value.length > 0) {
      if (BATCHES.has(context.endpoint)) return undefined
      const failed = items.value.find((i) => i.sCode !== "0") ?? items.value[0]!
      return classify({
        code: failed.sCode,
        msg: failed.sMsg,
        httpStatus: response.status,
        endpoint: context.endpoint,
        extras: { retryAfterMs: response.retryAfterMs }
      })
    }
    return classify({
      code,
      msg,
      httpStatus: response.status,
      endpoint: context.endpoint,
      extras: { retryAfterMs: response.retryAfterMs }
    })
  }
  if (response.status === 429) return new RateLimited({ ...base, retryAfterMs: response.retryAfterMs })
  if (response.status === 401) {
    return new AuthenticationFailed({ ...base, reason: "the API key or the authentication headers were rejected" })
  }
  return undefined
}
