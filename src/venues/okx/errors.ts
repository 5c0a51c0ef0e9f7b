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
import { indexTable, makeClassifier, section } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"
import { AuthenticationFailed, RateLimited } from "../../errors/ExchangeError.js"
import type { RawResponse } from "../../kernel/RestClient.js"

const VENUE = "okx"

/**
 * The documented OKX codes LotusX can meet on SPOT and SWAP.
 * @since 0.1.0
 */
// dprint-ignore
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = [
  ...section("General Class", [
    ["1", "InvalidRequest", "Operation failed"],
    ["2", "InvalidRequest", "Bulk operation partially succeeded"],
    ["50000", "InvalidRequest", "Body cannot be empty"],
    ["50001", "ExchangeUnavailable:transient", "Service temporarily unavailable, please try again later"],
    ["50002", "InvalidRequest", "JSON syntax error"],
    ["50004", "RequestTimeout:ambiguous", "API endpoint request timeout (does not mean that the request was successful or failed, please check the request result)"],
    ["50005", "ExchangeUnavailable:transient", "API is offline or unavailable"],
    ["50006", "InvalidRequest", "Invalid Content-Type, please use \"application/JSON\" format"],
    ["50007", "PermissionDenied", "Account blocked"],
    ["50008", "AuthenticationFailed", "User does not exist"],
    ["50009", "PermissionDenied", "Account is suspended due to ongoing liquidation"],
    ["50010", "InvalidRequest", "User ID cannot be empty"],
    ["50011", "RateLimited", "Rate limit reached. Please refer to API documentation and throttle requests accordingly"],
    ["50012", "PermissionDenied", "Account status invalid. Check account status"],
    ["50013", "ExchangeUnavailable:transient", "Systems are busy. Please try again later"],
    ["50014", "InvalidRequest", "Parameter {param0} cannot be empty"],
    ["50015", "InvalidRequest", "Either parameter {param0} or {param1} is required"],
    ["50016", "InvalidRequest", "Parameter {param0} and {param1} is an invalid pair"],
    ["50017", "PermissionDenied", "Position frozen and related operations restricted due to auto-deleveraging (ADL)"],
    ["50018", "PermissionDenied", "{param0} frozen and related operations restricted due to auto-deleveraging (ADL)"],
    ["50019", "PermissionDenied", "Account frozen and related operations restricted due to auto-deleveraging (ADL)"],
    ["50020", "PermissionDenied", "Position frozen and related operations restricted due to liquidation"],
    ["50021", "PermissionDenied", "{param0} frozen and related operations restricted due to liquidation"],
    ["50022", "PermissionDenied", "Account frozen and related operations restricted due to liquidation"],
    ["50023", "PermissionDenied", "Funding fee frozen and related operations restricted"],
    ["50024", "InvalidRequest", "Either parameter {param0} or {param1} should be submitted"],
    ["50025", "InvalidRequest", "Parameter {param0} count exceeds the limit {param1}"],
    ["50026", "ExchangeUnavailable:ambiguous", "System error. Try again later"],
    ["50027", "PermissionDenied", "This account is restricted from trading"],
    ["50028", "InvalidOrder", "Unable to take the order, please reach out to support center for details"],
    // Sent by the signer on placements and amendments (`signing.ts`): the deadline passed before
    // OKX processed the request, so it was not processed.
    ["50036", "TimestampOutOfWindow", "The expTime can't be earlier than the current system time. Please adjust the expTime and try again."],
    ["50044", "InvalidRequest", "Must select one broker type"],
    ["50061", "RateLimited", "Sub-account rate limit exceeded"]
  ]),
  ...section("API Class", [
    ["50100", "PermissionDenied", "API frozen, please contact customer service"],
    ["50101", "AuthenticationFailed", "APIKey does not match current environment"],
    ["50102", "TimestampOutOfWindow", "Timestamp request expired"],
    ["50103", "AuthenticationFailed", "Request header \"OK-ACCESS-KEY\" cannot be empty"],
    ["50104", "AuthenticationFailed", "Request header \"OK-ACCESS-PASSPHRASE\" cannot be empty"],
    ["50105", "AuthenticationFailed", "Request header \"OK-ACCESS-PASSPHRASE\" incorrect"],
    ["50106", "AuthenticationFailed", "Request header \"OK-ACCESS-SIGN\" cannot be empty"],
    ["50107", "AuthenticationFailed", "Request header \"OK-ACCESS-TIMESTAMP\" cannot be empty"],
    ["50108", "AuthenticationFailed", "Exchange ID does not exist"],
    ["50109", "AuthenticationFailed", "Exchange domain does not exist"],
    ["50110", "PermissionDenied", "Your IP {param0} is not included in your API key's IP whitelist"],
    ["50111", "AuthenticationFailed", "Invalid OK-ACCESS-KEY"],
    ["50112", "AuthenticationFailed", "Invalid OK-ACCESS-TIMESTAMP"],
    ["50113", "AuthenticationFailed", "Invalid signature"],
    ["50114", "AuthenticationFailed", "Invalid authorization"],
    ["50115", "InvalidRequest", "Invalid request method"]
  ]),
  ...section("Trade Class", [
    ["51000", "InvalidRequest", "Parameter {param0} error"],
    ["51001", "InvalidRequest", "Instrument ID does not exist"],
    ["51002", "InvalidRequest", "Instrument ID does not match underlying index"],
    ["51003", "InvalidRequest", "Either client order ID or order ID is required"],
    ["51004", "InvalidOrder:max_quantity", "Order failed. The order amount exceeds the current tier limit"],
    ["51005", "InvalidOrder:max_quantity", "The amount of order exceeds the limit"],
    ["51006", "InvalidOrder:price_out_of_range", "Order price is not within the price limit (max buy price: {param0} min sell price: {param1})"],
    ["51007", "InvalidOrder:min_quantity", "Order failed. Please place orders of at least 1 contract or more"],
    ["51008", "InsufficientFunds", "Order failed. Insufficient {param0} balance in account"],
    ["51009", "PermissionDenied", "Order blocked by the platform"],
    ["51010", "InvalidRequest", "Operation is not supported under the current account mode"],
    ["51011", "DuplicateClientOrderId", "Order ID already exists"],
    ["51012", "InvalidRequest", "Token does not exist"],
    ["51014", "InvalidRequest", "Index does not exist"],
    ["51015", "InvalidRequest", "Instrument ID does not match instrument type"],
    ["51016", "DuplicateClientOrderId", "Client order ID already exists"],
    ["51020", "InvalidOrder:min_quantity", "Order amount should be greater than the min available amount"],
    ["51021", "InvalidOrder:market_closed", "The pair or contract is not yet listed"],
    ["51022", "InvalidOrder:market_closed", "Instrument suspended"],
    ["51023", "InvalidOrder:reduce_only_rejected", "Position does not exist"],
    ["51024", "PermissionDenied", "Trading account is blocked"],
    ["51025", "InvalidOrder:too_many_orders", "Order count exceeds the limit"],
    ["51026", "InvalidRequest", "Instrument type does not match underlying index"],
    ["51027", "InvalidOrder:market_closed", "Contract expired"],
    ["51028", "InvalidOrder:market_closed", "Contract under delivery"],
    ["51029", "InvalidOrder:market_closed", "Contract is being settled"],
    ["51030", "InvalidOrder:market_closed", "Funding fee is being settled"],
    ["51031", "InvalidOrder:price_out_of_range", "This order price is not within the closing price range"],
    ["51100", "InvalidOrder:min_quantity", "Trading amount does not meet the min tradable amount"],
    ["51101", "InvalidOrder:max_quantity", "Entered amount exceeds the max pending order amount (Cont) per transaction"],
    ["51102", "InvalidOrder:too_many_orders", "Entered amount exceeds the max pending count"],
    ["51103", "InvalidOrder:too_many_orders", "Entered amount exceeds the max pending order count of the underlying asset"],
    ["51104", "InvalidOrder:max_quantity", "Entered amount exceeds the max pending order amount (Cont) of the underlying asset"],
    ["51105", "InvalidOrder:max_quantity", "Entered amount exceeds the max order amount (Cont) of the contract"],
    ["51106", "InvalidOrder:max_quantity", "Entered amount exceeds the max order amount (Cont) of the underlying asset"],
    ["51107", "InvalidOrder:max_quantity", "Entered amount exceeds the max holding amount (Cont)"],
    ["51108", "InvalidOrder:max_quantity", "Positions exceed the limit for closing out with the market price"],
    ["51109", "InvalidOrder:would_not_fill", "No available offer"],
    ["51110", "InvalidOrder:market_closed", "You can only place a limit order after Call Auction has started"],
    ["51111", "InvalidRequest", "Maximum {param0} orders can be placed in bulk"],
    ["51112", "InvalidOrder:reduce_only_rejected", "Close order size exceeds your available size"],
    ["51113", "RateLimited", "Market-price liquidation requests too frequent"],
    ["51115", "InvalidOrder", "Cancel all pending close-orders before liquidation"],
    ["51116", "InvalidOrder:price_out_of_range", "Order price or trigger price exceeds {param0}"],
    ["51117", "InvalidOrder:too_many_orders", "Pending close-orders count exceeds limit"],
    ["51118", "InvalidOrder:min_quantity", "Total amount should exceed the min amount per order"],
    ["51119", "InsufficientFunds", "Order failed. Insufficient balance"],
    ["51120", "InvalidOrder:min_quantity", "Order quantity is less than {param0}. Please try again"],
    ["51121", "InvalidOrder:lot_size", "Order quantity must be a multiple of the lot size"],
    ["51122", "InvalidOrder:price_out_of_range", "Order price should be higher than the min price {param0}"],
    ["51124", "InvalidOrder:market_closed", "You can only place limit orders during call auction"],
    ["51127", "InsufficientFunds", "Available balance is 0"],
    ["51129", "InvalidOrder:max_notional", "The value of the position and buy order has reached the position limit. No further buying is allowed"],
    ["51131", "InsufficientFunds", "Insufficient balance"],
    ["51132", "InvalidOrder:min_quantity", "Your position amount is negative and less than the minimum trading amount"],
    ["51133", "InvalidOrder:reduce_only_rejected", "Reduce-only feature is unavailable for spot transactions in multi-currency margin account"],
    ["51134", "InvalidOrder:reduce_only_rejected", "Closing failed. Please check your holdings and pending orders"],
    ["51135", "InvalidOrder:price_out_of_range", "Your closing price has triggered the limit price. The max buy price is {param0}"],
    ["51136", "InvalidOrder:price_out_of_range", "Your closing price has triggered the limit price. The min sell price is {param0}"],
    ["51137", "InvalidOrder:price_out_of_range", "The highest price limit for buy orders is {param0}"],
    ["51138", "InvalidOrder:price_out_of_range", "The lowest price limit for sell orders is {param0}"],
    ["51139", "InvalidOrder:reduce_only_rejected", "Reduce-only feature is unavailable for the spot transactions by simple account"],
    ["51201", "InvalidOrder:max_notional", "Value of per market order cannot exceed 1,000,000 USDT"],
    ["51202", "InvalidOrder:max_quantity", "Market order amount exceeds the maximum amount"],
    ["51203", "InvalidOrder:max_quantity", "Order amount exceeds the limit {param0}"],
    ["51204", "InvalidOrder:invalid_parameter", "The price for the limit order cannot be empty"],
    ["51205", "InvalidOrder:reduce_only_rejected", "Reduce Only is not available"],
    ["51400", "OrderNotFound", "Order cancellation failed as the order has been filled, canceled or does not exist"],
    ["51401", "OrderNotFound", "Order cancellation failed as the order has been canceled"],
    ["51402", "OrderNotFound", "Order cancellation failed as the order has been completed"],
    ["51403", "InvalidRequest", "Cancellation failed as the order type does not support cancellation"],
    ["51404", "InvalidRequest", "Order cancellation unavailable during the second phase of call auction"],
    ["51405", "OrderNotFound", "Cancellation failed as you do not have any pending orders"],
    ["51406", "InvalidRequest", "Canceled - order count exceeds the limit {param0}"],
    ["51407", "InvalidRequest", "Either order ID or client order ID is required"],
    ["51408", "InvalidRequest", "Pair ID or name does not match the order info"],
    ["51409", "InvalidRequest", "Either pair ID or pair name ID is required"],
    ["51410", "InvalidRequest", "Cancellation failed as the order is already under cancelling status"],
    ["51500", "InvalidRequest", "Either order price or amount is required"],
    ["51501", "InvalidRequest", "Maximum {param0} orders can be modified"],
    ["51502", "InsufficientFunds", "Order modification failed for insufficient margin or balance"],
    ["51503", "OrderNotFound", "Order modification failed as the order does not exist"],
    ["51506", "InvalidRequest", "Order modification unavailable for the order type"],
    ["51508", "InvalidRequest", "Orders are not allowed to be modified during the call auction"],
    ["51509", "OrderNotFound", "Modification failed as the order has been canceled"],
    ["51510", "OrderNotFound", "Modification failed as the order has been completed"],
    ["51511", "InvalidOrder:post_only_would_cross", "Operation failed as the order price did not meet the requirement for Post Only"],
    ["51600", "InvalidRequest", "Status not found"],
    ["51601", "InvalidRequest", "Order status and order ID cannot exist at the same time"],
    ["51602", "InvalidRequest", "Either order status or order ID is required"],
    ["51603", "OrderNotFound", "Order does not exist"]
  ]),
  ...section("Data class", [
    ["52000", "InvalidRequest", "No market data found"]
  ]),
  ...section("WebSocket", [
    ["60004", "AuthenticationFailed", "Invalid timestamp"],
    ["60005", "AuthenticationFailed", "Invalid apiKey"],
    ["60006", "TimestampOutOfWindow", "Timestamp request expired"],
    ["60007", "AuthenticationFailed", "Invalid sign"],
    ["60009", "AuthenticationFailed", "Login failure"],
    ["60011", "AuthenticationFailed", "Please log in"],
    ["60012", "InvalidRequest", "Invalid request"],
    ["60013", "InvalidRequest", "Invalid args"],
    ["60014", "RateLimited", "Requests too frequent"],
    ["60018", "InvalidRequest", "Wrong URL or {param0} doesn't exist. Please use the correct URL, channel and parameters referring to API document."],
    ["60024", "AuthenticationFailed", "Wrong passphrase"]
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
