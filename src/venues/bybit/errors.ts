/**
 * Bybit v5 error codes and their mapping onto the unified taxonomy (DESIGN.md §6).
 *
 * Source: "Error Codes", https://bybit-exchange.github.io/docs/v5/error
 * (repository bybit-exchange/docs, `docs/v5/error.mdx`, read at commit
 * dc3c88bfd513eef0e7bc482efe1e6edc94182065). Every code and description below is copied from that
 * page, section by section (`name` is the page's section: Bybit gives its codes no names); markdown
 * links are dropped. Two rows on the page are not separate codes: 131002 is listed twice (the
 * second message, "Withdraw address chain or destination tag are not equal", is the same code) and
 * the struck-out `~~110075~~ 182021` row is code 182021. The HTTP statuses of the page's first table
 * (400, 401, 403, 404) are handled in `classifyResponse`.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type { ClassifyInput, ErrorCodeEntry } from "../../errors/ErrorCodeTable.js"
import { indexTable, makeClassifier } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"
import { AuthenticationFailed, IpBanned, RateLimited } from "../../errors/ExchangeError.js"
import { integerHeader, type RawResponse } from "../../kernel/RestClient.js"

const VENUE = "bybit"

/**
 * How long Bybit bans an IP that breached the IP rate limit (HTTP 403 "access too frequent"):
 * "you will be banned for at least 10 minutes". https://bybit-exchange.github.io/docs/v5/rate-limit
 * @since 0.1.0
 */
export const IP_BAN_MS = 10 * 60_000

/**
 * Every code on Bybit's v5 error-code page.
 * @since 0.1.0
 */
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = [
  // UMA & UTA & Futures of Classic Account
  {
    code: "10000",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Server Timeout",
    tag: "RequestTimeout",
    outcome: "ambiguous"
  },
  {
    code: "10001",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Request parameter error",
    tag: "InvalidRequest"
  },
  {
    code: "10002",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The request time exceeds the time window range.",
    tag: "TimestampOutOfWindow"
  },
  {
    code: "10003",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "API key is invalid.",
    tag: "AuthenticationFailed"
  },
  {
    code: "10004",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Error sign, please check your signature generation algorithm.",
    tag: "AuthenticationFailed"
  },
  {
    code: "10005",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Permission denied, please check your API key permissions.",
    tag: "PermissionDenied"
  },
  {
    code: "10006",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Too many visits. Exceeded the API Rate Limit.",
    tag: "RateLimited"
  },
  {
    code: "10007",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "User authentication failed.",
    tag: "AuthenticationFailed"
  },
  {
    code: "10008",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Common banned, please check your account mode",
    tag: "PermissionDenied"
  },
  { code: "10009", name: "UMA & UTA & Futures of Classic Account", meaning: "IP has been banned.", tag: "IpBanned" },
  {
    code: "10010",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Unmatched IP, please check your API key's bound IP addresses.",
    tag: "PermissionDenied"
  },
  {
    code: "10014",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Invalid duplicate request.",
    tag: "InvalidRequest"
  },
  {
    code: "10016",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Server error.",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  { code: "10017", name: "UMA & UTA & Futures of Classic Account", meaning: "Route not found.", tag: "InvalidRequest" },
  {
    code: "10018",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Exceeded the IP Rate Limit.",
    tag: "IpBanned"
  },
  {
    code: "10024",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Compliance rules triggered",
    tag: "PermissionDenied"
  },
  {
    code: "10027",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Transactions are banned.",
    tag: "PermissionDenied"
  },
  {
    code: "10029",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The requested symbol is invalid, please check symbol whitelist",
    tag: "InvalidRequest"
  },
  {
    code: "10028",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The API can only be accessed by unified account users.",
    tag: "PermissionDenied"
  },
  {
    code: "30133",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "OTC loan: The symbol you select for USDT Perpetual is not allowed by Institutional Lending",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "30134",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "OTC loan: The symbol you select for USDC Contract is not allowed by Institutional Lending",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "30135",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "The leverage you select for USDT Perpetual trading cannot exceed the maximum leverage allowed by Institutional Lending.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "30136",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "The leverage you select for USDC Perpetual or Futures trading cannot exceed the maximum leverage allowed by Institutional Lending.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "40004",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "the order is modified during the process of replacing , please check the order status again",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  {
    code: "100028",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The API cannot be accessed by unified account users.",
    tag: "PermissionDenied"
  },
  {
    code: "110001",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Order does not exist",
    tag: "OrderNotFound"
  },
  {
    code: "110003",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Order price exceeds the allowable range.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "110004",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Wallet balance is insufficient",
    tag: "InsufficientFunds"
  },
  {
    code: "110005",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "position status",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110006",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The assets are estimated to be unable to cover the position margin",
    tag: "InsufficientFunds"
  },
  {
    code: "110007",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Available balance is insufficient",
    tag: "InsufficientFunds"
  },
  {
    code: "110008",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The order has been completed or cancelled.",
    tag: "OrderNotFound"
  },
  {
    code: "110009",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The number of stop orders exceeds the maximum allowable limit. You can find references in our API doc.",
    tag: "InvalidOrder",
    reason: "too_many_orders"
  },
  {
    code: "110010",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The order has been cancelled",
    tag: "OrderNotFound"
  },
  {
    code: "110011",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Liquidation will be triggered immediately by this adjustment",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110012",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Insufficient available balance.",
    tag: "InsufficientFunds"
  },
  {
    code: "110013",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Cannot set leverage due to risk limit level.",
    tag: "InvalidRequest"
  },
  {
    code: "110014",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Insufficient available balance to add additional margin.",
    tag: "InsufficientFunds"
  },
  {
    code: "110015",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The position is in cross margin mode.",
    tag: "InvalidRequest"
  },
  {
    code: "110016",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "The quantity of contracts requested exceeds the risk limit, please adjust your risk limit level before trying again",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "110017",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Reduce-only rule not satisfied",
    tag: "InvalidOrder",
    reason: "reduce_only_rejected"
  },
  {
    code: "110018",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "User ID is illegal.",
    tag: "InvalidRequest"
  },
  {
    code: "110019",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Order ID is illegal.",
    tag: "InvalidRequest"
  },
  {
    code: "110020",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Not allowed to have more than 500 active orders.",
    tag: "InvalidOrder",
    reason: "too_many_orders"
  },
  {
    code: "110021",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Not allowed to exceeded position limits due to Open Interest.",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "110022",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Quantity has been restricted and orders cannot be modified to increase the quantity.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110023",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "Currently you can only reduce your position on this contract. please check our announcement or contact customer service for details.",
    tag: "InvalidOrder",
    reason: "reduce_only_rejected"
  },
  {
    code: "110024",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You have an existing position, so the position mode cannot be switched.",
    tag: "InvalidRequest"
  },
  {
    code: "110025",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Position mode has not been modified.",
    tag: "InvalidRequest"
  },
  {
    code: "110026",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Cross/isolated margin mode has not been modified.",
    tag: "InvalidRequest"
  },
  {
    code: "110027",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Margin has not been modified.",
    tag: "InvalidRequest"
  },
  {
    code: "110028",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You have existing open orders, so the position mode cannot be switched.",
    tag: "InvalidRequest"
  },
  {
    code: "110029",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Hedge mode is not supported for this symbol.",
    tag: "InvalidRequest"
  },
  {
    code: "110030",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Duplicate orderId",
    tag: "DuplicateClientOrderId"
  },
  {
    code: "110031",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Non-existing risk limit info, please check the risk limit rules.",
    tag: "InvalidRequest"
  },
  {
    code: "110032",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Order is illegal",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110033",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You can't set margin without an open position",
    tag: "InvalidRequest"
  },
  {
    code: "110034",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "There is no net position",
    tag: "InvalidRequest"
  },
  {
    code: "110035",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Cancellation of orders was not completed before liquidation",
    tag: "InvalidRequest"
  },
  {
    code: "110036",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You are not allowed to change leverage due to cross margin mode.",
    tag: "InvalidRequest"
  },
  {
    code: "110037",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "User setting list does not have this symbol",
    tag: "InvalidRequest"
  },
  {
    code: "110038",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You are not allowed to change leverage due to portfolio margin mode.",
    tag: "InvalidRequest"
  },
  {
    code: "110039",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Maintenance margin rate is too high. This may trigger liquidation.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110040",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The order will trigger a forced liquidation, please re-submit the order.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110041",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Skip liquidation is not allowed when a position or maker order exists",
    tag: "InvalidRequest"
  },
  {
    code: "110042",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Currently,due to pre-delivery status, you can only reduce your position on this contract.",
    tag: "InvalidOrder",
    reason: "reduce_only_rejected"
  },
  {
    code: "110043",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Set leverage has not been modified.",
    tag: "InvalidRequest"
  },
  {
    code: "110044",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Available margin is insufficient.",
    tag: "InsufficientFunds"
  },
  {
    code: "110045",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Wallet balance is insufficient.",
    tag: "InsufficientFunds"
  },
  {
    code: "110046",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Liquidation will be triggered immediately by this adjustment.",
    tag: "InvalidRequest"
  },
  {
    code: "110047",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Risk limit cannot be adjusted due to insufficient available margin.",
    tag: "InvalidRequest"
  },
  {
    code: "110048",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Risk limit cannot be adjusted as the current/expected position value exceeds the revised risk limit.",
    tag: "InvalidRequest"
  },
  {
    code: "110049",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Tick notes can only be numbers",
    tag: "InvalidRequest"
  },
  { code: "110050", name: "UMA & UTA & Futures of Classic Account", meaning: "Invalid coin", tag: "InvalidRequest" },
  {
    code: "110051",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The user's available balance cannot cover the lowest price of the current market",
    tag: "InsufficientFunds"
  },
  {
    code: "110052",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Your available balance is insufficient to set the price",
    tag: "InsufficientFunds"
  },
  {
    code: "110053",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The user's available balance cannot cover the current market price and upper limit price",
    tag: "InsufficientFunds"
  },
  {
    code: "110054",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "This position has at least one take profit link order, so the take profit and stop loss mode cannot be switched",
    tag: "InvalidRequest"
  },
  {
    code: "110055",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "This position has at least one stop loss link order, so the take profit and stop loss mode cannot be switched",
    tag: "InvalidRequest"
  },
  {
    code: "110056",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "This position has at least one trailing stop link order, so the take profit and stop loss mode cannot be switched",
    tag: "InvalidRequest"
  },
  {
    code: "110057",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Conditional order or limit order contains TP/SL related params",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  {
    code: "110058",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You can't set take profit and stop loss due to insufficient size of remaining position size.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110059",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Not allowed to  modify the TP/SL of a partially filled open order",
    tag: "InvalidRequest"
  },
  {
    code: "110060",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Under full TP/SL mode, it is not allowed to modify TP/SL",
    tag: "InvalidRequest"
  },
  {
    code: "110061",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Not allowed to have more than 20 TP/SLs under Partial tpSlMode",
    tag: "InvalidRequest"
  },
  {
    code: "110062",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "There is no MMP information of the institution found.",
    tag: "InvalidRequest"
  },
  {
    code: "110063",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Settlement in progress! {{key0}} not available for trading.",
    tag: "InvalidOrder",
    reason: "market_closed"
  },
  {
    code: "110064",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The modified contract quantity cannot be less than or equal to the filled quantity.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110065",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "MMP hasn't yet been enabled for your account. Please contact your BD manager.",
    tag: "PermissionDenied"
  },
  {
    code: "110066",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Trading is currently not allowed.",
    tag: "InvalidOrder",
    reason: "market_closed"
  },
  {
    code: "110067",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Unified account is not supported.",
    tag: "PermissionDenied"
  },
  {
    code: "110068",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Leveraged trading is not allowed.",
    tag: "PermissionDenied"
  },
  {
    code: "110069",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Ins lending customer is not allowed to trade.",
    tag: "PermissionDenied"
  },
  {
    code: "110070",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "ETP symbols cannot be traded.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110071",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "Sorry, we're revamping the Unified Margin Account! Currently, new upgrades are not supported. If you have any questions, please contact our 24/7 customer support.",
    tag: "NotSupported"
  },
  {
    code: "110072",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "OrderLinkedID is duplicate",
    tag: "DuplicateClientOrderId"
  },
  {
    code: "110073",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Set margin mode failed",
    tag: "InvalidRequest"
  },
  {
    code: "110075",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "RiskId not modified",
    tag: "InvalidRequest"
  },
  {
    code: "182021",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "Cannot enable spot margin while in isolated margin mode. Please switch to cross margin mode or portfolio margin mode to trade spot with margin.",
    tag: "InvalidRequest"
  },
  {
    code: "110076",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Only isolated mode can set auto-add-margin",
    tag: "InvalidRequest"
  },
  {
    code: "110077",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Pm mode cannot support",
    tag: "InvalidRequest"
  },
  {
    code: "110078",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Added margin more than max can reduce margin",
    tag: "InvalidRequest"
  },
  {
    code: "110079",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The order is processing and can not be operated, please try again later",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  {
    code: "110080",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "Operations Restriction: The current LTV ratio of your Institutional Lending has hit the liquidation threshold. Assets in your account are being liquidated (trade/risk limit/leverage)",
    tag: "PermissionDenied"
  },
  {
    code: "110082",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You cannot lift Reduce-Only restrictions, as no Reduce-Only restrictions are applied to your position",
    tag: "InvalidRequest"
  },
  {
    code: "110083",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Reduce-Only restrictions must be lifted for both Long and Short positions at the same time",
    tag: "InvalidRequest"
  },
  {
    code: "110085",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "The risk limit and margin ratio for this contract has been updated, please select a supported risk limit and place your order again",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110086",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "Current order leverage exceeds the maximum available for your current Risk Limit tier. Please lower leverage before placing an order",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "110087",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "Leverage for Perpetual or Futures contracts cannot exceed the maximum allowed for your Institutional loan",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "3100181",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "UID can not be null",
    tag: "InvalidRequest"
  },
  {
    code: "3100197",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Temporary banned due to the upgrade to UTA",
    tag: "PermissionDenied"
  },
  {
    code: "3200316",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "USDC Options Trading Restriction: The current LTV ratio for your Institutional Lending has reached the maximum allowable amount for USDC Options trading.",
    tag: "PermissionDenied"
  },
  {
    code: "3200317",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "USDC Options Open Position Restriction: The current LTV ratio for your Institutional Lending has reached the maximum allowable amount for opening USDC Options positions.",
    tag: "PermissionDenied"
  },
  {
    code: "3100326",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "BaseCoin is required",
    tag: "InvalidRequest"
  },
  {
    code: "3200403",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "isolated margin can not create order",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "3200320",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "Operations Restriction: The current LTV ratio of your Institutional Lending has hit the liquidation threshold. Assets in your account are being liquidated. (margin mode or spot leverage)",
    tag: "PermissionDenied"
  },
  {
    code: "3400208",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You have unclosed hedge mode or isolated mode USDT perpetual positions",
    tag: "InvalidRequest"
  },
  {
    code: "3400209",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "You have USDT perpetual positions, so upgrading is prohibited for 10 minutes before and after the hour every hour",
    tag: "InvalidRequest"
  },
  {
    code: "3400210",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The risk rate of your Derivatives account is too high",
    tag: "InvalidRequest"
  },
  {
    code: "3400211",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Once upgraded, the estimated risk rate will be too high",
    tag: "InvalidRequest"
  },
  {
    code: "3400212",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "You have USDC perpetual positions or Options positions, so upgrading is prohibited for 10 minutes before and after the hour every hour",
    tag: "InvalidRequest"
  },
  {
    code: "3400213",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The risk rate of your USDC Derivatives account is too high",
    tag: "InvalidRequest"
  },
  {
    code: "3400052",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You have uncancelled USDC perpetual orders",
    tag: "InvalidRequest"
  },
  {
    code: "3400053",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You have uncancelled Options orders",
    tag: "InvalidRequest"
  },
  {
    code: "3400054",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "You have uncancelled USDT perpetual orders",
    tag: "InvalidRequest"
  },
  {
    code: "3400214",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Server error, please try again later",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  {
    code: "3400071",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "The net asset is not satisfied",
    tag: "InvalidRequest"
  },
  {
    code: "3401010",
    name: "UMA & UTA & Futures of Classic Account",
    meaning: "Cannot switch to PM mode (for copy trading master trader)",
    tag: "InvalidRequest"
  },
  {
    code: "3400139",
    name: "UMA & UTA & Futures of Classic Account",
    meaning:
      "The total value of your positions and orders has exceeded the risk limit for a Perpetual or Futures contract",
    tag: "InvalidOrder",
    reason: "max_notional"
  },
  // Spot Trade
  { code: "170001", name: "Spot Trade", meaning: "Internal error.", tag: "ExchangeUnavailable", outcome: "ambiguous" },
  {
    code: "170005",
    name: "Spot Trade",
    meaning: "Too many new orders; current limit is %s orders per %s.",
    tag: "RateLimited"
  },
  {
    code: "170007",
    name: "Spot Trade",
    meaning: "Timeout waiting for response from backend server.",
    tag: "RequestTimeout",
    outcome: "ambiguous"
  },
  {
    code: "170010",
    name: "Spot Trade",
    meaning:
      "Purchase failed: Exceed the maximum position limit of leveraged tokens, the current available limit is %s USDT",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170011",
    name: "Spot Trade",
    meaning: "Purchase failed: Exceed the maximum position limit of innovation tokens,",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170019",
    name: "Spot Trade",
    meaning: "the current available limit is ''{{.replaceKey0}}'' USDT",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170031",
    name: "Spot Trade",
    meaning: "The feature has been suspended",
    tag: "ExchangeUnavailable",
    outcome: "definitive"
  },
  {
    code: "170032",
    name: "Spot Trade",
    meaning: "Network error. Please try again later",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  { code: "170033", name: "Spot Trade", meaning: "margin Insufficient account balance", tag: "InsufficientFunds" },
  {
    code: "170034",
    name: "Spot Trade",
    meaning: "Liability over flow in spot leverage trade!",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170035",
    name: "Spot Trade",
    meaning: "Submitted to the system for processing!",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  {
    code: "170036",
    name: "Spot Trade",
    meaning:
      "You haven't enabled Cross Margin Trading yet. To do so, please head to the PC trading site or the Bybit app",
    tag: "PermissionDenied"
  },
  {
    code: "170037",
    name: "Spot Trade",
    meaning: "Cross Margin Trading not yet supported by the selected coin",
    tag: "NotSupported"
  },
  { code: "170105", name: "Spot Trade", meaning: "Parameter '%s' was empty.", tag: "InvalidRequest" },
  {
    code: "170115",
    name: "Spot Trade",
    meaning: "Invalid timeInForce.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  {
    code: "170116",
    name: "Spot Trade",
    meaning: "Invalid orderType.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  { code: "170117", name: "Spot Trade", meaning: "Invalid side.", tag: "InvalidOrder", reason: "invalid_parameter" },
  { code: "170121", name: "Spot Trade", meaning: "Invalid symbol.", tag: "InvalidRequest" },
  {
    code: "170124",
    name: "Spot Trade",
    meaning: "Order amount too large.",
    tag: "InvalidOrder",
    reason: "max_notional"
  },
  { code: "170130", name: "Spot Trade", meaning: "Data sent for paramter '%s' is not valid.", tag: "InvalidRequest" },
  { code: "170131", name: "Spot Trade", meaning: "Balance insufficient", tag: "InsufficientFunds" },
  {
    code: "170132",
    name: "Spot Trade",
    meaning: "Order price too high.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "170133",
    name: "Spot Trade",
    meaning: "Order price lower than the minimum.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "170134",
    name: "Spot Trade",
    meaning: "Order price decimal too long.",
    tag: "InvalidOrder",
    reason: "tick_size"
  },
  {
    code: "170135",
    name: "Spot Trade",
    meaning: "Order quantity too large.",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "170136",
    name: "Spot Trade",
    meaning: "Order quantity lower than the minimum.",
    tag: "InvalidOrder",
    reason: "min_quantity"
  },
  {
    code: "170137",
    name: "Spot Trade",
    meaning: "Order volume decimal too long",
    tag: "InvalidOrder",
    reason: "lot_size"
  },
  { code: "170139", name: "Spot Trade", meaning: "Order has been filled.", tag: "OrderNotFound" },
  {
    code: "170140",
    name: "Spot Trade",
    meaning: "Transaction amount lower than the minimum.",
    tag: "InvalidOrder",
    reason: "min_notional"
  },
  { code: "170141", name: "Spot Trade", meaning: "Duplicate clientOrderId", tag: "DuplicateClientOrderId" },
  { code: "170142", name: "Spot Trade", meaning: "Order has been canceled", tag: "OrderNotFound" },
  { code: "170143", name: "Spot Trade", meaning: "Cannot be found on order book", tag: "OrderNotFound" },
  { code: "170144", name: "Spot Trade", meaning: "Order has been locked", tag: "InvalidRequest" },
  { code: "170145", name: "Spot Trade", meaning: "This order type does not support cancellation", tag: "NotSupported" },
  {
    code: "170146",
    name: "Spot Trade",
    meaning: "Order creation timeout",
    tag: "RequestTimeout",
    outcome: "ambiguous"
  },
  {
    code: "170147",
    name: "Spot Trade",
    meaning: "Order cancellation timeout",
    tag: "RequestTimeout",
    outcome: "ambiguous"
  },
  {
    code: "170148",
    name: "Spot Trade",
    meaning: "Market order amount decimal too long",
    tag: "InvalidOrder",
    reason: "lot_size"
  },
  { code: "170149", name: "Spot Trade", meaning: "Create order failed", tag: "InvalidOrder", reason: "rejected" },
  { code: "170150", name: "Spot Trade", meaning: "Cancel order failed", tag: "InvalidRequest" },
  {
    code: "170151",
    name: "Spot Trade",
    meaning: "The trading pair is not open yet",
    tag: "InvalidOrder",
    reason: "market_closed"
  },
  {
    code: "170157",
    name: "Spot Trade",
    meaning: "The trading pair is not available for api trading",
    tag: "InvalidOrder",
    reason: "market_closed"
  },
  {
    code: "170159",
    name: "Spot Trade",
    meaning: "Market Order is not supported within the first %s minutes of newly launched pairs due to risk control.",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  { code: "170190", name: "Spot Trade", meaning: "Cancel order has been finished", tag: "OrderNotFound" },
  {
    code: "170191",
    name: "Spot Trade",
    meaning: "Can not cancel order, please try again later",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  {
    code: "170192",
    name: "Spot Trade",
    meaning: "Order price cannot be higher than %s .",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "170193",
    name: "Spot Trade",
    meaning: "Buy order price cannot be higher than %s.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "170194",
    name: "Spot Trade",
    meaning: "Sell order price cannot be lower than %s.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "170195",
    name: "Spot Trade",
    meaning: "Please note that your order may not be filled",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170196",
    name: "Spot Trade",
    meaning: "Please note that your order may not be filled",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170197",
    name: "Spot Trade",
    meaning:
      "Your order quantity to buy is too large. The filled price may deviate significantly from the market price. Please try again",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "170198",
    name: "Spot Trade",
    meaning:
      "Your order quantity to sell is too large. The filled price may deviate significantly from the market price. Please try again",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "170199",
    name: "Spot Trade",
    meaning:
      "Your order quantity to buy is too large. The filled price may deviate significantly from the nav. Please try again.",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "170200",
    name: "Spot Trade",
    meaning:
      "Your order quantity to sell is too large. The filled price may deviate significantly from the nav. Please try again.",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "170201",
    name: "Spot Trade",
    meaning:
      "Your account has been restricted for trades. If you have any questions, please email us at support@bybit.com",
    tag: "PermissionDenied"
  },
  { code: "170202", name: "Spot Trade", meaning: "Invalid orderFilter parameter.", tag: "InvalidRequest" },
  { code: "170203", name: "Spot Trade", meaning: "Please enter the TP/SL price.", tag: "InvalidRequest" },
  {
    code: "170204",
    name: "Spot Trade",
    meaning: "trigger price cannot be higher than 110% price.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "170206",
    name: "Spot Trade",
    meaning: "trigger price cannot be lower than 90% of qty.",
    tag: "InvalidOrder",
    reason: "price_out_of_range"
  },
  {
    code: "170207",
    name: "Spot Trade",
    meaning: "The loan amount of the platform is not enough.",
    tag: "InsufficientFunds"
  },
  { code: "170210", name: "Spot Trade", meaning: "New order rejected.", tag: "InvalidOrder", reason: "rejected" },
  {
    code: "170212",
    name: "Spot Trade",
    meaning: "Cancel order request processing",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  { code: "170213", name: "Spot Trade", meaning: "Order does not exist.", tag: "OrderNotFound" },
  {
    code: "170215",
    name: "Spot Trade",
    meaning:
      "Spot Trading (Buy) Restriction: The current LTV ratio of your institutional lending has reached the maximum allowable amount for buy orders",
    tag: "PermissionDenied"
  },
  {
    code: "170216",
    name: "Spot Trade",
    meaning:
      "The leverage you select for Spot Trading cannot exceed the maximum leverage allowed by Institutional Lending",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170217",
    name: "Spot Trade",
    meaning: "Only LIMIT-MAKER order is supported for the current pair.",
    tag: "InvalidOrder",
    reason: "invalid_parameter"
  },
  {
    code: "170218",
    name: "Spot Trade",
    meaning: "The LIMIT-MAKER order is rejected due to invalid price.",
    tag: "InvalidOrder",
    reason: "post_only_would_cross"
  },
  {
    code: "170219",
    name: "Spot Trade",
    meaning: "UID {{xxx}} is not available to this feature",
    tag: "PermissionDenied"
  },
  {
    code: "170220",
    name: "Spot Trade",
    meaning:
      "Spot Trading Restriction: The current LTV ratio of your institutional lending has reached the maximum allowable amount for Spot trading",
    tag: "PermissionDenied"
  },
  { code: "170221", name: "Spot Trade", meaning: "This coin does not exist.", tag: "InvalidRequest" },
  { code: "170222", name: "Spot Trade", meaning: "Too many requests in this time frame.", tag: "RateLimited" },
  {
    code: "170223",
    name: "Spot Trade",
    meaning: "Your Spot Account with Institutional Lending triggers an alert or liquidation.",
    tag: "PermissionDenied"
  },
  { code: "170224", name: "Spot Trade", meaning: "You're not a user of the Innovation Zone.", tag: "PermissionDenied" },
  {
    code: "170226",
    name: "Spot Trade",
    meaning: "Your Spot Account for Margin Trading is being liquidated.",
    tag: "PermissionDenied"
  },
  { code: "170227", name: "Spot Trade", meaning: "This feature is not supported.", tag: "NotSupported" },
  {
    code: "170228",
    name: "Spot Trade",
    meaning: "The purchase amount of each order exceeds the estimated maximum purchase amount.",
    tag: "InvalidOrder",
    reason: "max_notional"
  },
  {
    code: "170229",
    name: "Spot Trade",
    meaning: "The sell quantity per order exceeds the estimated maximum sell quantity.",
    tag: "InvalidOrder",
    reason: "max_quantity"
  },
  {
    code: "170230",
    name: "Spot Trade",
    meaning: "Operations Restriction: Due to the deactivation of Margin Trading for institutional loan",
    tag: "PermissionDenied"
  },
  { code: "170234", name: "Spot Trade", meaning: "System Error", tag: "ExchangeUnavailable", outcome: "ambiguous" },
  {
    code: "170310",
    name: "Spot Trade",
    meaning: "Order modification timeout",
    tag: "RequestTimeout",
    outcome: "ambiguous"
  },
  { code: "170311", name: "Spot Trade", meaning: "Order modification failed", tag: "InvalidOrder", reason: "rejected" },
  {
    code: "170312",
    name: "Spot Trade",
    meaning: "The current order does not support modification",
    tag: "NotSupported"
  },
  {
    code: "170313",
    name: "Spot Trade",
    meaning: "The modified contract quantity cannot be less than to the filled quantity",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "170709",
    name: "Spot Trade",
    meaning: "OTC loan: The select trading pair is not in the whitelist pair",
    tag: "PermissionDenied"
  },
  // Spot Leverage Token
  { code: "175000", name: "Spot Leverage Token", meaning: "The serialNum is already in use.", tag: "InvalidRequest" },
  {
    code: "175001",
    name: "Spot Leverage Token",
    meaning: "Daily purchase limit has been exceeded. Please try again later.",
    tag: "InvalidRequest"
  },
  {
    code: "175002",
    name: "Spot Leverage Token",
    meaning: "There's a large number of purchase orders. Please try again later.",
    tag: "InvalidRequest"
  },
  {
    code: "175003",
    name: "Spot Leverage Token",
    meaning: "Insufficient available balance. Please make a deposit and try again.",
    tag: "InsufficientFunds"
  },
  {
    code: "175004",
    name: "Spot Leverage Token",
    meaning: "Daily redemption limit has been exceeded. Please try again later.",
    tag: "InvalidRequest"
  },
  {
    code: "175005",
    name: "Spot Leverage Token",
    meaning: "There's a large number of redemption orders. Please try again later.",
    tag: "InvalidRequest"
  },
  {
    code: "175006",
    name: "Spot Leverage Token",
    meaning: "Insufficient available balance. Please make a deposit and try again.",
    tag: "InsufficientFunds"
  },
  { code: "175007", name: "Spot Leverage Token", meaning: "Order not found.", tag: "OrderNotFound" },
  {
    code: "175008",
    name: "Spot Leverage Token",
    meaning: "Purchase period hasn't started yet.",
    tag: "InvalidRequest"
  },
  {
    code: "175009",
    name: "Spot Leverage Token",
    meaning: "Purchase amount has exceeded the upper limit.",
    tag: "InvalidRequest"
  },
  {
    code: "175010",
    name: "Spot Leverage Token",
    meaning: "You haven't passed the quiz yet! To purchase and/or redeem an LT, please complete the quiz first.",
    tag: "InvalidRequest"
  },
  {
    code: "175012",
    name: "Spot Leverage Token",
    meaning: "Redemption period hasn't started yet.",
    tag: "InvalidRequest"
  },
  {
    code: "175013",
    name: "Spot Leverage Token",
    meaning: "Redemption amount has exceeded the upper limit.",
    tag: "InvalidRequest"
  },
  {
    code: "175014",
    name: "Spot Leverage Token",
    meaning: "Purchase of the LT has been temporarily suspended.",
    tag: "InvalidRequest"
  },
  {
    code: "175015",
    name: "Spot Leverage Token",
    meaning: "Redemption of the LT has been temporarily suspended.",
    tag: "InvalidRequest"
  },
  {
    code: "175016",
    name: "Spot Leverage Token",
    meaning: "Invalid format. Please check the length and numeric precision.",
    tag: "InvalidRequest"
  },
  {
    code: "175017",
    name: "Spot Leverage Token",
    meaning:
      "Failed to place order：Exceed the maximum position limit of leveraged tokens, the current available limit is XXXX USDT",
    tag: "InvalidRequest"
  },
  {
    code: "175027",
    name: "Spot Leverage Token",
    meaning: "Subscriptions and redemptions are temporarily unavailable while account upgrade is in progress",
    tag: "InvalidRequest"
  },
  // Spot Margin Trade
  {
    code: "176002",
    name: "Spot Margin Trade",
    meaning: "Query user account info error. Confirm that if you have completed quiz in GUI",
    tag: "InvalidRequest"
  },
  { code: "176003", name: "Spot Margin Trade", meaning: "Query user loan history error", tag: "InvalidRequest" },
  {
    code: "176004",
    name: "Spot Margin Trade",
    meaning: "Query order history start time exceeds end time",
    tag: "InvalidRequest"
  },
  { code: "176005", name: "Spot Margin Trade", meaning: "Failed to borrow", tag: "InvalidRequest" },
  { code: "176006", name: "Spot Margin Trade", meaning: "Repayment Failed", tag: "InvalidRequest" },
  { code: "176007", name: "Spot Margin Trade", meaning: "User not found", tag: "InvalidRequest" },
  {
    code: "176008",
    name: "Spot Margin Trade",
    meaning: "You haven't enabled Cross Margin Trading yet. To do so, please head to the PC trading site",
    tag: "InvalidRequest"
  },
  {
    code: "176009",
    name: "Spot Margin Trade",
    meaning: "You haven't enabled Cross Margin Trading yet. Confirm that if you have turned on margin trade",
    tag: "InvalidRequest"
  },
  { code: "176010", name: "Spot Margin Trade", meaning: "Failed to locate the coins to borrow", tag: "InvalidRequest" },
  {
    code: "176011",
    name: "Spot Margin Trade",
    meaning: "Cross Margin Trading not yet supported by the selected coin",
    tag: "InvalidRequest"
  },
  { code: "176012", name: "Spot Margin Trade", meaning: "Pair not available", tag: "InvalidRequest" },
  {
    code: "176013",
    name: "Spot Margin Trade",
    meaning: "Cross Margin Trading not yet supported by the selected pair",
    tag: "InvalidRequest"
  },
  { code: "176014", name: "Spot Margin Trade", meaning: "Repeated repayment requests", tag: "InvalidRequest" },
  { code: "176015", name: "Spot Margin Trade", meaning: "Insufficient available balance", tag: "InsufficientFunds" },
  { code: "176016", name: "Spot Margin Trade", meaning: "No repayment required", tag: "InvalidRequest" },
  {
    code: "176017",
    name: "Spot Margin Trade",
    meaning: "Repayment amount has exceeded the total liability",
    tag: "InvalidRequest"
  },
  { code: "176018", name: "Spot Margin Trade", meaning: "Settlement in progress", tag: "InvalidRequest" },
  { code: "176019", name: "Spot Margin Trade", meaning: "Liquidation in progress", tag: "InvalidRequest" },
  { code: "176020", name: "Spot Margin Trade", meaning: "Failed to locate repayment history", tag: "InvalidRequest" },
  { code: "176021", name: "Spot Margin Trade", meaning: "Repeated borrowing requests", tag: "InvalidRequest" },
  {
    code: "176022",
    name: "Spot Margin Trade",
    meaning: "Coins to borrow not generally available yet",
    tag: "InvalidRequest"
  },
  {
    code: "176023",
    name: "Spot Margin Trade",
    meaning: "Pair to borrow not generally available yet",
    tag: "InvalidRequest"
  },
  { code: "176024", name: "Spot Margin Trade", meaning: "Invalid user status", tag: "InvalidRequest" },
  {
    code: "176025",
    name: "Spot Margin Trade",
    meaning: "Amount to borrow cannot be lower than the min. amount to borrow (per transaction)",
    tag: "InvalidRequest"
  },
  {
    code: "176026",
    name: "Spot Margin Trade",
    meaning: "Amount to borrow cannot be larger than the max. amount to borrow (per transaction)",
    tag: "InvalidRequest"
  },
  {
    code: "176027",
    name: "Spot Margin Trade",
    meaning: "Amount to borrow cannot be higher than the max. amount to borrow per user",
    tag: "InvalidRequest"
  },
  {
    code: "176028",
    name: "Spot Margin Trade",
    meaning: "Amount to borrow has exceeded Bybit's max. amount to borrow",
    tag: "InvalidRequest"
  },
  {
    code: "176029",
    name: "Spot Margin Trade",
    meaning: "Amount to borrow has exceeded the user's estimated max. amount to borrow",
    tag: "InvalidRequest"
  },
  { code: "176030", name: "Spot Margin Trade", meaning: "Query user loan info error", tag: "InvalidRequest" },
  {
    code: "176031",
    name: "Spot Margin Trade",
    meaning: "Number of decimals for borrow amount has exceeded the maximum precision",
    tag: "InvalidRequest"
  },
  { code: "176034", name: "Spot Margin Trade", meaning: "The leverage ratio is out of range", tag: "InvalidRequest" },
  {
    code: "176035",
    name: "Spot Margin Trade",
    meaning: "Failed to close the leverage switch during liquidation",
    tag: "InvalidRequest"
  },
  {
    code: "176036",
    name: "Spot Margin Trade",
    meaning: "Failed to adjust leverage switch during forced liquidation",
    tag: "InvalidRequest"
  },
  {
    code: "176037",
    name: "Spot Margin Trade",
    meaning: "For non-unified transaction users, the operation failed",
    tag: "InvalidRequest"
  },
  {
    code: "176038",
    name: "Spot Margin Trade",
    meaning: "The spot leverage is closed and the current operation is not allowed",
    tag: "InvalidRequest"
  },
  {
    code: "176039",
    name: "Spot Margin Trade",
    meaning: "Borrowing, current operation is not allowed",
    tag: "InvalidRequest"
  },
  {
    code: "176040",
    name: "Spot Margin Trade",
    meaning: "There is a spot leverage order, and the adjustment of the leverage switch failed!",
    tag: "InvalidRequest"
  },
  {
    code: "176132",
    name: "Spot Margin Trade",
    meaning: "Number of decimals for repay amount has exceeded the maximum precision",
    tag: "InvalidRequest"
  },
  {
    code: "176133",
    name: "Spot Margin Trade",
    meaning: "Liquidation may be triggered! Please adjust your transaction amount and try again",
    tag: "InvalidOrder",
    reason: "rejected"
  },
  {
    code: "176134",
    name: "Spot Margin Trade",
    meaning: "Account has been upgraded (upgrading) to UTA",
    tag: "InvalidRequest"
  },
  { code: "176135", name: "Spot Margin Trade", meaning: "Failed to get bond data", tag: "InvalidRequest" },
  { code: "176136", name: "Spot Margin Trade", meaning: "Failed to get borrow data", tag: "InvalidRequest" },
  { code: "176137", name: "Spot Margin Trade", meaning: "Failed to switch user status", tag: "InvalidRequest" },
  {
    code: "176138",
    name: "Spot Margin Trade",
    meaning: "You need to repay all your debts before closing your disabling cross margin account",
    tag: "InvalidRequest"
  },
  {
    code: "176139",
    name: "Spot Margin Trade",
    meaning: "Sorry, you are not eligible to enable cross margin, as you have already enabled OTC lending",
    tag: "InvalidRequest"
  },
  {
    code: "176201",
    name: "Spot Margin Trade",
    meaning: "Account exception. Check if the UID is bound to INS loan",
    tag: "InvalidRequest"
  },
  // Asset
  { code: "131001", name: "Asset", meaning: "Service error", tag: "ExchangeUnavailable", outcome: "transient" },
  { code: "131002", name: "Asset", meaning: "Parameter error", tag: "InvalidRequest" },
  { code: "131003", name: "Asset", meaning: "Internal error", tag: "ExchangeUnavailable", outcome: "transient" },
  { code: "131004", name: "Asset", meaning: "KYC needed", tag: "InvalidRequest" },
  { code: "131075", name: "Asset", meaning: "InternalAddressCannotBeYourself", tag: "InvalidRequest" },
  { code: "131076", name: "Asset", meaning: "internal transfer not support sub-accounts", tag: "InvalidRequest" },
  { code: "131077", name: "Asset", meaning: "receive user not exist", tag: "InvalidRequest" },
  { code: "131078", name: "Asset", meaning: "receive user deposit has been banned", tag: "InvalidRequest" },
  { code: "131079", name: "Asset", meaning: "receive user need kyc", tag: "InvalidRequest" },
  { code: "131080", name: "Asset", meaning: "User left retry times is zero", tag: "InvalidRequest" },
  { code: "131081", name: "Asset", meaning: "Do not input memo/tag,please.", tag: "InvalidRequest" },
  { code: "131082", name: "Asset", meaning: "Do not repeat the request", tag: "InvalidRequest" },
  { code: "131083", name: "Asset", meaning: "Withdraw only allowed from address book", tag: "InvalidRequest" },
  { code: "131084", name: "Asset", meaning: "Withdraw failed because of Uta Upgrading", tag: "InvalidRequest" },
  {
    code: "131085",
    name: "Asset",
    meaning: "Withdrawal amount is greater than your availale balance (the deplayed withdrawal is triggered)",
    tag: "InvalidRequest"
  },
  {
    code: "131086",
    name: "Asset",
    meaning: "Withdrawal amount exceeds risk limit (the risk limit of margin trade is triggered)",
    tag: "InvalidRequest"
  },
  {
    code: "131087",
    name: "Asset",
    meaning: "your current account spot risk level is too high, withdrawal is prohibited, please adjust and try again",
    tag: "InvalidRequest"
  },
  {
    code: "131088",
    name: "Asset",
    meaning:
      "The withdrawal amount exceeds the remaining withdrawal limit of your identity verification level. The current available amount for withdrawal : %s",
    tag: "InvalidRequest"
  },
  {
    code: "131089",
    name: "Asset",
    meaning: "User sensitive operation, withdrawal is prohibited within 24 hours",
    tag: "InvalidRequest"
  },
  { code: "131090", name: "Asset", meaning: "User withdraw has been banned", tag: "InvalidRequest" },
  { code: "131091", name: "Asset", meaning: "Blocked login status does not allow withdrawals", tag: "InvalidRequest" },
  { code: "131092", name: "Asset", meaning: "User status is abnormal", tag: "InvalidRequest" },
  { code: "131093", name: "Asset", meaning: "The withdrawal address is not in the whitelist", tag: "InvalidRequest" },
  { code: "131094", name: "Asset", meaning: "UserId is not in the whitelist", tag: "InvalidRequest" },
  {
    code: "131095",
    name: "Asset",
    meaning: "Withdrawl amount exceeds the 24 hour platform limit",
    tag: "InvalidRequest"
  },
  {
    code: "131096",
    name: "Asset",
    meaning: "Withdraw amount does not satify the lower limit or upper limit",
    tag: "InvalidRequest"
  },
  { code: "131097", name: "Asset", meaning: "Withdrawal of this currency has been closed", tag: "InvalidRequest" },
  {
    code: "131098",
    name: "Asset",
    meaning: "Withdrawal currently is not availble from new address",
    tag: "InvalidRequest"
  },
  { code: "131099", name: "Asset", meaning: "Hot wallet status can cancel the withdraw", tag: "InvalidRequest" },
  { code: "131200", name: "Asset", meaning: "Service error", tag: "ExchangeUnavailable", outcome: "transient" },
  { code: "131201", name: "Asset", meaning: "Internal error", tag: "ExchangeUnavailable", outcome: "transient" },
  { code: "131202", name: "Asset", meaning: "Invalid memberId", tag: "InvalidRequest" },
  { code: "131203", name: "Asset", meaning: "Request parameter error", tag: "InvalidRequest" },
  { code: "131204", name: "Asset", meaning: "Account info error", tag: "InvalidRequest" },
  { code: "131205", name: "Asset", meaning: "Query transfer error", tag: "InvalidRequest" },
  { code: "131206", name: "Asset", meaning: "cannot be transfer", tag: "InvalidRequest" },
  { code: "131207", name: "Asset", meaning: "Account not exist", tag: "InvalidRequest" },
  { code: "131208", name: "Asset", meaning: "Forbid transfer", tag: "InvalidRequest" },
  { code: "131209", name: "Asset", meaning: "Get subMember relation error", tag: "InvalidRequest" },
  { code: "131210", name: "Asset", meaning: "Amount accuracy error", tag: "InvalidRequest" },
  {
    code: "131211",
    name: "Asset",
    meaning: "fromAccountType can't be the same as toAccountType",
    tag: "InvalidRequest"
  },
  { code: "131212", name: "Asset", meaning: "Insufficient balance", tag: "InsufficientFunds" },
  { code: "131213", name: "Asset", meaning: "TransferLTV check error", tag: "InvalidRequest" },
  { code: "131214", name: "Asset", meaning: "TransferId exist", tag: "InvalidRequest" },
  { code: "131215", name: "Asset", meaning: "Amount error", tag: "InvalidRequest" },
  { code: "131216", name: "Asset", meaning: "Query balance error", tag: "InvalidRequest" },
  { code: "131217", name: "Asset", meaning: "Risk check error", tag: "InvalidRequest" },
  {
    code: "131227",
    name: "Asset",
    meaning: "Sub-account do not have universal transfer permission",
    tag: "InvalidRequest"
  },
  {
    code: "131228",
    name: "Asset",
    meaning: "your balance is not enough. Please check transfer safe amount",
    tag: "InsufficientFunds"
  },
  {
    code: "131229",
    name: "Asset",
    meaning: "Due to compliance requirements, the current currency is not allowed to transfer",
    tag: "InvalidRequest"
  },
  {
    code: "131230",
    name: "Asset",
    meaning: "The system is busy, please try again later",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  { code: "141004", name: "Asset", meaning: "sub member is not normal", tag: "InvalidRequest" },
  {
    code: "141025",
    name: "Asset",
    meaning: "This sub-account has assets and cannot be deleted",
    tag: "InvalidRequest"
  },
  { code: "181000", name: "Asset", meaning: "category is null", tag: "InvalidRequest" },
  { code: "181001", name: "Asset", meaning: "category only support linear or option or spot.", tag: "InvalidRequest" },
  { code: "181002", name: "Asset", meaning: "symbol is null.", tag: "InvalidRequest" },
  { code: "181003", name: "Asset", meaning: "side is null.", tag: "InvalidRequest" },
  { code: "181004", name: "Asset", meaning: "side only support Buy or Sell.", tag: "InvalidRequest" },
  { code: "181005", name: "Asset", meaning: "orderStatus is wrong", tag: "InvalidRequest" },
  { code: "181006", name: "Asset", meaning: "startTime is not number", tag: "InvalidRequest" },
  { code: "181007", name: "Asset", meaning: "endTime is not number", tag: "InvalidRequest" },
  { code: "181008", name: "Asset", meaning: "Parameter startTime and endTime are both needed", tag: "InvalidRequest" },
  {
    code: "181009",
    name: "Asset",
    meaning: "Parameter startTime needs to be smaller than endTime",
    tag: "InvalidRequest"
  },
  {
    code: "181010",
    name: "Asset",
    meaning: "The time range between startTime and endTime cannot exceed 7 days",
    tag: "InvalidRequest"
  },
  { code: "181011", name: "Asset", meaning: "limit is not a number", tag: "InvalidRequest" },
  { code: "181012", name: "Asset", meaning: "symbol not exist", tag: "InvalidRequest" },
  { code: "181013", name: "Asset", meaning: "Only support settleCoin: usdc", tag: "InvalidRequest" },
  { code: "181014", name: "Asset", meaning: "Classic account is not supported", tag: "InvalidRequest" },
  { code: "182000", name: "Asset", meaning: "symbol related quote price is null", tag: "InvalidRequest" },
  // C2C Lending
  { code: "177000", name: "C2C Lending", meaning: "Unknown error", tag: "ExchangeUnavailable", outcome: "ambiguous" },
  {
    code: "177001",
    name: "C2C Lending",
    meaning: "System internal error",
    tag: "ExchangeUnavailable",
    outcome: "ambiguous"
  },
  { code: "177002", name: "C2C Lending", meaning: "Timeout", tag: "RequestTimeout", outcome: "ambiguous" },
  {
    code: "177003",
    name: "C2C Lending",
    meaning: "System is busy, please try again later",
    tag: "ExchangeUnavailable",
    outcome: "transient"
  },
  { code: "177004", name: "C2C Lending", meaning: "Parameter error", tag: "InvalidRequest" },
  { code: "177005", name: "C2C Lending", meaning: "Unable to find lending currency", tag: "InvalidRequest" },
  { code: "177006", name: "C2C Lending", meaning: "Request frequency limit", tag: "RateLimited" },
  {
    code: "177007",
    name: "C2C Lending",
    meaning: "The unified account is being upgraded, and redemption is not supported for the time being",
    tag: "InvalidRequest"
  },
  { code: "177008", name: "C2C Lending", meaning: "Deposit quantity too small", tag: "InvalidRequest" },
  { code: "177009", name: "C2C Lending", meaning: "Quantity accuracy exceeds limit", tag: "InvalidRequest" },
  { code: "177010", name: "C2C Lending", meaning: "User balance not enough", tag: "InsufficientFunds" },
  { code: "177011", name: "C2C Lending", meaning: "Platform limit exceeded", tag: "InvalidRequest" },
  { code: "177012", name: "C2C Lending", meaning: "Maximum redeemable amount exceeded", tag: "InvalidRequest" },
  { code: "177013", name: "C2C Lending", meaning: "Duplicate serial number", tag: "InvalidRequest" },
  {
    code: "177014",
    name: "C2C Lending",
    meaning: "There are orders in process, please try again later",
    tag: "InvalidRequest"
  },
  { code: "177015", name: "C2C Lending", meaning: "Exceeded the user's one-day platform limit", tag: "InvalidRequest" },
  {
    code: "177019",
    name: "C2C Lending",
    meaning: "Cannot continue lending because reached this crypto lending limit",
    tag: "InvalidRequest"
  },
  // Broker
  { code: "3500402", name: "Broker", meaning: "Parameter verification failed for 'limit'.", tag: "InvalidRequest" },
  { code: "3500403", name: "Broker", meaning: "Only available to exchange broker main-account", tag: "InvalidRequest" },
  { code: "3500404", name: "Broker", meaning: "Invalid Cursor", tag: "InvalidRequest" },
  {
    code: "3500405",
    name: "Broker",
    meaning: "Parameter \"startTime\" and \"endTime\" need to be input in pairs.",
    tag: "InvalidRequest"
  }
]

/**
 * `errorCodes` by code.
 * @since 0.1.0
 */
export const codeIndex: ReadonlyMap<string, ErrorCodeEntry> = indexTable(errorCodes)

/**
 * Turns a Bybit error (`retCode` ≠ 0) into a unified error. An unknown code is
 * `ExchangeUnavailable` (ambiguous) with HTTP 5xx and `InvalidRequest` otherwise. Never matches on
 * message text.
 * @since 0.1.0
 */
export const classify: (input: ClassifyInput) => TransportError = makeClassifier({ venue: VENUE, codes: codeIndex })

const decodeEnvelope = Schema.decodeUnknownOption(Schema.Struct({ retCode: Schema.Number, retMsg: Schema.String }))

/**
 * Maps a Bybit response to its error: `retCode` ≠ 0 on any status (HTTP 200 included); HTTP 403
 * (the IP rate limit: a ban of at least 10 minutes); 401 and 429 without an envelope. A 10006 "too
 * many visits" waits until `X-Bapi-Limit-Reset-Timestamp` (or `Retry-After`).
 * https://bybit-exchange.github.io/docs/v5/error
 * https://bybit-exchange.github.io/docs/v5/rate-limit
 * @since 0.1.0
 */
export const classifyResponse = (
  response: RawResponse,
  context: { readonly endpoint: string }
): TransportError | undefined => {
  const envelope = decodeEnvelope(response.json)
  const reset = integerHeader("x-bapi-limit-reset-timestamp")(response.headers)
  const retryAfterMs = response.retryAfterMs ??
    (reset !== undefined && reset > response.receivedAt ? reset - response.receivedAt : undefined)
  const base = {
    venue: VENUE,
    httpStatus: response.status,
    endpoint: context.endpoint
  }
  if (response.status === 403) {
    return new IpBanned({
      ...base,
      ...(Option.isSome(envelope)
        ? { venueCode: String(envelope.value.retCode), venueMessage: envelope.value.retMsg }
        : {}),
      untilMs: response.receivedAt + Math.max(IP_BAN_MS, response.retryAfterMs ?? 0)
    })
  }
  if (Option.isSome(envelope) && envelope.value.retCode !== 0) {
    return classify({
      code: envelope.value.retCode,
      msg: envelope.value.retMsg,
      httpStatus: response.status,
      endpoint: context.endpoint,
      extras: { retryAfterMs }
    })
  }
  if (response.status === 429) return new RateLimited({ ...base, retryAfterMs })
  if (response.status === 401) {
    return new AuthenticationFailed({ ...base, reason: "the API key or the authentication headers were rejected" })
  }
  return undefined
}

/**
 * Reads `X-Bapi-Limit-Status` (requests left) and `X-Bapi-Limit` (the endpoint's limit) and scales
 * the share used onto the connector's request budget of `budget`: when Bybit says an endpoint has
 * no requests left, the local budget is full until its window ends.
 * https://bybit-exchange.github.io/docs/v5/rate-limit
 * @since 0.1.0
 */
export const usedWeight = (budget: number) => (headers: Readonly<Record<string, string>>): number | undefined => {
  const left = integerHeader("x-bapi-limit-status")(headers)
  const limit = integerHeader("x-bapi-limit")(headers)
  if (left === undefined || limit === undefined || limit <= 0) return undefined
  return Math.ceil(((limit - Math.min(left, limit)) / limit) * budget)
}
