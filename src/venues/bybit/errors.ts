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
import { indexTable, makeClassifier, section } from "../../errors/ErrorCodeTable.js"
import type { TransportError } from "../../errors/ExchangeError.js"
import { AuthenticationFailed, IpBanned, RateLimited } from "../../errors/ExchangeError.js"
import type * as EndpointLimits from "../../kernel/EndpointLimits.js"
import { integerHeader, type RawResponse } from "../../kernel/RestClient.js"
import { orderLimits } from "./endpoints.js"

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
// dprint-ignore
export const errorCodes: ReadonlyArray<ErrorCodeEntry> = [
  ...section("UMA & UTA & Futures of Classic Account", [
    ["10000", "RequestTimeout:ambiguous", "Server Timeout"],
    ["10001", "InvalidRequest", "Request parameter error"],
    ["10002", "TimestampOutOfWindow", "The request time exceeds the time window range."],
    ["10003", "AuthenticationFailed", "API key is invalid."],
    ["10004", "AuthenticationFailed", "Error sign, please check your signature generation algorithm."],
    ["10005", "PermissionDenied", "Permission denied, please check your API key permissions."],
    ["10006", "RateLimited", "Too many visits. Exceeded the API Rate Limit."],
    ["10007", "AuthenticationFailed", "User authentication failed."],
    ["10008", "PermissionDenied", "Common banned, please check your account mode"],
    ["10009", "IpBanned", "IP has been banned."],
    ["10010", "PermissionDenied", "Unmatched IP, please check your API key's bound IP addresses."],
    ["10014", "InvalidRequest", "Invalid duplicate request."],
    ["10016", "ExchangeUnavailable:ambiguous", "Server error."],
    ["10017", "InvalidRequest", "Route not found."],
    ["10018", "IpBanned", "Exceeded the IP Rate Limit."],
    ["10024", "PermissionDenied", "Compliance rules triggered"],
    ["10027", "PermissionDenied", "Transactions are banned."],
    ["10029", "InvalidRequest", "The requested symbol is invalid, please check symbol whitelist"],
    ["10028", "PermissionDenied", "The API can only be accessed by unified account users."],
    ["30133", "InvalidOrder:rejected", "OTC loan: The symbol you select for USDT Perpetual is not allowed by Institutional Lending"],
    ["30134", "InvalidOrder:rejected", "OTC loan: The symbol you select for USDC Contract is not allowed by Institutional Lending"],
    ["30135", "InvalidOrder:rejected", "The leverage you select for USDT Perpetual trading cannot exceed the maximum leverage allowed by Institutional Lending."],
    ["30136", "InvalidOrder:rejected", "The leverage you select for USDC Perpetual or Futures trading cannot exceed the maximum leverage allowed by Institutional Lending."],
    ["40004", "ExchangeUnavailable:ambiguous", "the order is modified during the process of replacing , please check the order status again"],
    ["100028", "PermissionDenied", "The API cannot be accessed by unified account users."],
    ["110001", "OrderNotFound", "Order does not exist"],
    ["110003", "InvalidOrder:price_out_of_range", "Order price exceeds the allowable range."],
    ["110004", "InsufficientFunds", "Wallet balance is insufficient"],
    ["110005", "InvalidOrder:rejected", "position status"],
    ["110006", "InsufficientFunds", "The assets are estimated to be unable to cover the position margin"],
    ["110007", "InsufficientFunds", "Available balance is insufficient"],
    ["110008", "OrderNotFound", "The order has been completed or cancelled."],
    ["110009", "InvalidOrder:too_many_orders", "The number of stop orders exceeds the maximum allowable limit. You can find references in our API doc."],
    ["110010", "OrderNotFound", "The order has been cancelled"],
    ["110011", "InvalidOrder:rejected", "Liquidation will be triggered immediately by this adjustment"],
    ["110012", "InsufficientFunds", "Insufficient available balance."],
    ["110013", "InvalidRequest", "Cannot set leverage due to risk limit level."],
    ["110014", "InsufficientFunds", "Insufficient available balance to add additional margin."],
    ["110015", "InvalidRequest", "The position is in cross margin mode."],
    ["110016", "InvalidOrder:max_quantity", "The quantity of contracts requested exceeds the risk limit, please adjust your risk limit level before trying again"],
    ["110017", "InvalidOrder:reduce_only_rejected", "Reduce-only rule not satisfied"],
    ["110018", "InvalidRequest", "User ID is illegal."],
    ["110019", "InvalidRequest", "Order ID is illegal."],
    ["110020", "InvalidOrder:too_many_orders", "Not allowed to have more than 500 active orders."],
    ["110021", "InvalidOrder:max_quantity", "Not allowed to exceeded position limits due to Open Interest."],
    ["110022", "InvalidOrder:rejected", "Quantity has been restricted and orders cannot be modified to increase the quantity."],
    ["110023", "InvalidOrder:reduce_only_rejected", "Currently you can only reduce your position on this contract. please check our announcement or contact customer service for details."],
    ["110024", "InvalidRequest", "You have an existing position, so the position mode cannot be switched."],
    ["110025", "InvalidRequest", "Position mode has not been modified."],
    ["110026", "InvalidRequest", "Cross/isolated margin mode has not been modified."],
    ["110027", "InvalidRequest", "Margin has not been modified."],
    ["110028", "InvalidRequest", "You have existing open orders, so the position mode cannot be switched."],
    ["110029", "InvalidRequest", "Hedge mode is not supported for this symbol."],
    ["110030", "DuplicateClientOrderId", "Duplicate orderId"],
    ["110031", "InvalidRequest", "Non-existing risk limit info, please check the risk limit rules."],
    ["110032", "InvalidOrder:rejected", "Order is illegal"],
    ["110033", "InvalidRequest", "You can't set margin without an open position"],
    ["110034", "InvalidRequest", "There is no net position"],
    ["110035", "InvalidRequest", "Cancellation of orders was not completed before liquidation"],
    ["110036", "InvalidRequest", "You are not allowed to change leverage due to cross margin mode."],
    ["110037", "InvalidRequest", "User setting list does not have this symbol"],
    ["110038", "InvalidRequest", "You are not allowed to change leverage due to portfolio margin mode."],
    ["110039", "InvalidOrder:rejected", "Maintenance margin rate is too high. This may trigger liquidation."],
    ["110040", "InvalidOrder:rejected", "The order will trigger a forced liquidation, please re-submit the order."],
    ["110041", "InvalidRequest", "Skip liquidation is not allowed when a position or maker order exists"],
    ["110042", "InvalidOrder:reduce_only_rejected", "Currently,due to pre-delivery status, you can only reduce your position on this contract."],
    ["110043", "InvalidRequest", "Set leverage has not been modified."],
    ["110044", "InsufficientFunds", "Available margin is insufficient."],
    ["110045", "InsufficientFunds", "Wallet balance is insufficient."],
    ["110046", "InvalidRequest", "Liquidation will be triggered immediately by this adjustment."],
    ["110047", "InvalidRequest", "Risk limit cannot be adjusted due to insufficient available margin."],
    ["110048", "InvalidRequest", "Risk limit cannot be adjusted as the current/expected position value exceeds the revised risk limit."],
    ["110049", "InvalidRequest", "Tick notes can only be numbers"],
    ["110050", "InvalidRequest", "Invalid coin"],
    ["110051", "InsufficientFunds", "The user's available balance cannot cover the lowest price of the current market"],
    ["110052", "InsufficientFunds", "Your available balance is insufficient to set the price"],
    ["110053", "InsufficientFunds", "The user's available balance cannot cover the current market price and upper limit price"],
    ["110054", "InvalidRequest", "This position has at least one take profit link order, so the take profit and stop loss mode cannot be switched"],
    ["110055", "InvalidRequest", "This position has at least one stop loss link order, so the take profit and stop loss mode cannot be switched"],
    ["110056", "InvalidRequest", "This position has at least one trailing stop link order, so the take profit and stop loss mode cannot be switched"],
    ["110057", "InvalidOrder:invalid_parameter", "Conditional order or limit order contains TP/SL related params"],
    ["110058", "InvalidOrder:rejected", "You can't set take profit and stop loss due to insufficient size of remaining position size."],
    ["110059", "InvalidRequest", "Not allowed to  modify the TP/SL of a partially filled open order"],
    ["110060", "InvalidRequest", "Under full TP/SL mode, it is not allowed to modify TP/SL"],
    ["110061", "InvalidRequest", "Not allowed to have more than 20 TP/SLs under Partial tpSlMode"],
    ["110062", "InvalidRequest", "There is no MMP information of the institution found."],
    ["110063", "InvalidOrder:market_closed", "Settlement in progress! {{key0}} not available for trading."],
    ["110064", "InvalidOrder:rejected", "The modified contract quantity cannot be less than or equal to the filled quantity."],
    ["110065", "PermissionDenied", "MMP hasn't yet been enabled for your account. Please contact your BD manager."],
    ["110066", "InvalidOrder:market_closed", "Trading is currently not allowed."],
    ["110067", "PermissionDenied", "Unified account is not supported."],
    ["110068", "PermissionDenied", "Leveraged trading is not allowed."],
    ["110069", "PermissionDenied", "Ins lending customer is not allowed to trade."],
    ["110070", "InvalidOrder:rejected", "ETP symbols cannot be traded."],
    ["110071", "NotSupported", "Sorry, we're revamping the Unified Margin Account! Currently, new upgrades are not supported. If you have any questions, please contact our 24/7 customer support."],
    ["110072", "DuplicateClientOrderId", "OrderLinkedID is duplicate"],
    ["110073", "InvalidRequest", "Set margin mode failed"],
    ["110075", "InvalidRequest", "RiskId not modified"],
    ["182021", "InvalidRequest", "Cannot enable spot margin while in isolated margin mode. Please switch to cross margin mode or portfolio margin mode to trade spot with margin."],
    ["110076", "InvalidRequest", "Only isolated mode can set auto-add-margin"],
    ["110077", "InvalidRequest", "Pm mode cannot support"],
    ["110078", "InvalidRequest", "Added margin more than max can reduce margin"],
    ["110079", "ExchangeUnavailable:transient", "The order is processing and can not be operated, please try again later"],
    ["110080", "PermissionDenied", "Operations Restriction: The current LTV ratio of your Institutional Lending has hit the liquidation threshold. Assets in your account are being liquidated (trade/risk limit/leverage)"],
    ["110082", "InvalidRequest", "You cannot lift Reduce-Only restrictions, as no Reduce-Only restrictions are applied to your position"],
    ["110083", "InvalidRequest", "Reduce-Only restrictions must be lifted for both Long and Short positions at the same time"],
    ["110085", "InvalidOrder:rejected", "The risk limit and margin ratio for this contract has been updated, please select a supported risk limit and place your order again"],
    ["110086", "InvalidOrder:rejected", "Current order leverage exceeds the maximum available for your current Risk Limit tier. Please lower leverage before placing an order"],
    ["110087", "InvalidOrder:rejected", "Leverage for Perpetual or Futures contracts cannot exceed the maximum allowed for your Institutional loan"],
    ["3100181", "InvalidRequest", "UID can not be null"],
    ["3100197", "PermissionDenied", "Temporary banned due to the upgrade to UTA"],
    ["3200316", "PermissionDenied", "USDC Options Trading Restriction: The current LTV ratio for your Institutional Lending has reached the maximum allowable amount for USDC Options trading."],
    ["3200317", "PermissionDenied", "USDC Options Open Position Restriction: The current LTV ratio for your Institutional Lending has reached the maximum allowable amount for opening USDC Options positions."],
    ["3100326", "InvalidRequest", "BaseCoin is required"],
    ["3200403", "InvalidOrder:rejected", "isolated margin can not create order"],
    ["3200320", "PermissionDenied", "Operations Restriction: The current LTV ratio of your Institutional Lending has hit the liquidation threshold. Assets in your account are being liquidated. (margin mode or spot leverage)"],
    ["3400208", "InvalidRequest", "You have unclosed hedge mode or isolated mode USDT perpetual positions"],
    ["3400209", "InvalidRequest", "You have USDT perpetual positions, so upgrading is prohibited for 10 minutes before and after the hour every hour"],
    ["3400210", "InvalidRequest", "The risk rate of your Derivatives account is too high"],
    ["3400211", "InvalidRequest", "Once upgraded, the estimated risk rate will be too high"],
    ["3400212", "InvalidRequest", "You have USDC perpetual positions or Options positions, so upgrading is prohibited for 10 minutes before and after the hour every hour"],
    ["3400213", "InvalidRequest", "The risk rate of your USDC Derivatives account is too high"],
    ["3400052", "InvalidRequest", "You have uncancelled USDC perpetual orders"],
    ["3400053", "InvalidRequest", "You have uncancelled Options orders"],
    ["3400054", "InvalidRequest", "You have uncancelled USDT perpetual orders"],
    ["3400214", "ExchangeUnavailable:transient", "Server error, please try again later"],
    ["3400071", "InvalidRequest", "The net asset is not satisfied"],
    ["3401010", "InvalidRequest", "Cannot switch to PM mode (for copy trading master trader)"],
    ["3400139", "InvalidOrder:max_notional", "The total value of your positions and orders has exceeded the risk limit for a Perpetual or Futures contract"]
  ]),
  ...section("Spot Trade", [
    ["170001", "ExchangeUnavailable:ambiguous", "Internal error."],
    ["170005", "RateLimited", "Too many new orders; current limit is %s orders per %s."],
    ["170007", "RequestTimeout:ambiguous", "Timeout waiting for response from backend server."],
    ["170010", "InvalidOrder:rejected", "Purchase failed: Exceed the maximum position limit of leveraged tokens, the current available limit is %s USDT"],
    ["170011", "InvalidOrder:rejected", "Purchase failed: Exceed the maximum position limit of innovation tokens,"],
    ["170019", "InvalidOrder:rejected", "the current available limit is ''{{.replaceKey0}}'' USDT"],
    ["170031", "ExchangeUnavailable:definitive", "The feature has been suspended"],
    ["170032", "ExchangeUnavailable:transient", "Network error. Please try again later"],
    ["170033", "InsufficientFunds", "margin Insufficient account balance"],
    ["170034", "InvalidOrder:rejected", "Liability over flow in spot leverage trade!"],
    ["170035", "ExchangeUnavailable:ambiguous", "Submitted to the system for processing!"],
    ["170036", "PermissionDenied", "You haven't enabled Cross Margin Trading yet. To do so, please head to the PC trading site or the Bybit app"],
    ["170037", "NotSupported", "Cross Margin Trading not yet supported by the selected coin"],
    ["170105", "InvalidRequest", "Parameter '%s' was empty."],
    ["170115", "InvalidOrder:invalid_parameter", "Invalid timeInForce."],
    ["170116", "InvalidOrder:invalid_parameter", "Invalid orderType."],
    ["170117", "InvalidOrder:invalid_parameter", "Invalid side."],
    ["170121", "InvalidRequest", "Invalid symbol."],
    ["170124", "InvalidOrder:max_notional", "Order amount too large."],
    ["170130", "InvalidRequest", "Data sent for paramter '%s' is not valid."],
    ["170131", "InsufficientFunds", "Balance insufficient"],
    ["170132", "InvalidOrder:price_out_of_range", "Order price too high."],
    ["170133", "InvalidOrder:price_out_of_range", "Order price lower than the minimum."],
    ["170134", "InvalidOrder:tick_size", "Order price decimal too long."],
    ["170135", "InvalidOrder:max_quantity", "Order quantity too large."],
    ["170136", "InvalidOrder:min_quantity", "Order quantity lower than the minimum."],
    ["170137", "InvalidOrder:lot_size", "Order volume decimal too long"],
    ["170139", "OrderNotFound", "Order has been filled."],
    ["170140", "InvalidOrder:min_notional", "Transaction amount lower than the minimum."],
    ["170141", "DuplicateClientOrderId", "Duplicate clientOrderId"],
    ["170142", "OrderNotFound", "Order has been canceled"],
    ["170143", "OrderNotFound", "Cannot be found on order book"],
    ["170144", "InvalidRequest", "Order has been locked"],
    ["170145", "NotSupported", "This order type does not support cancellation"],
    ["170146", "RequestTimeout:ambiguous", "Order creation timeout"],
    ["170147", "RequestTimeout:ambiguous", "Order cancellation timeout"],
    ["170148", "InvalidOrder:lot_size", "Market order amount decimal too long"],
    ["170149", "InvalidOrder:rejected", "Create order failed"],
    ["170150", "InvalidRequest", "Cancel order failed"],
    ["170151", "InvalidOrder:market_closed", "The trading pair is not open yet"],
    ["170157", "InvalidOrder:market_closed", "The trading pair is not available for api trading"],
    ["170159", "InvalidOrder:rejected", "Market Order is not supported within the first %s minutes of newly launched pairs due to risk control."],
    ["170190", "OrderNotFound", "Cancel order has been finished"],
    ["170191", "ExchangeUnavailable:transient", "Can not cancel order, please try again later"],
    ["170192", "InvalidOrder:price_out_of_range", "Order price cannot be higher than %s ."],
    ["170193", "InvalidOrder:price_out_of_range", "Buy order price cannot be higher than %s."],
    ["170194", "InvalidOrder:price_out_of_range", "Sell order price cannot be lower than %s."],
    ["170195", "InvalidOrder:rejected", "Please note that your order may not be filled"],
    ["170196", "InvalidOrder:rejected", "Please note that your order may not be filled"],
    ["170197", "InvalidOrder:max_quantity", "Your order quantity to buy is too large. The filled price may deviate significantly from the market price. Please try again"],
    ["170198", "InvalidOrder:max_quantity", "Your order quantity to sell is too large. The filled price may deviate significantly from the market price. Please try again"],
    ["170199", "InvalidOrder:max_quantity", "Your order quantity to buy is too large. The filled price may deviate significantly from the nav. Please try again."],
    ["170200", "InvalidOrder:max_quantity", "Your order quantity to sell is too large. The filled price may deviate significantly from the nav. Please try again."],
    ["170201", "PermissionDenied", "Your account has been restricted for trades. If you have any questions, please email us at support@bybit.com"],
    ["170202", "InvalidRequest", "Invalid orderFilter parameter."],
    ["170203", "InvalidRequest", "Please enter the TP/SL price."],
    ["170204", "InvalidOrder:price_out_of_range", "trigger price cannot be higher than 110% price."],
    ["170206", "InvalidOrder:price_out_of_range", "trigger price cannot be lower than 90% of qty."],
    ["170207", "InsufficientFunds", "The loan amount of the platform is not enough."],
    ["170210", "InvalidOrder:rejected", "New order rejected."],
    ["170212", "ExchangeUnavailable:ambiguous", "Cancel order request processing"],
    ["170213", "OrderNotFound", "Order does not exist."],
    ["170215", "PermissionDenied", "Spot Trading (Buy) Restriction: The current LTV ratio of your institutional lending has reached the maximum allowable amount for buy orders"],
    ["170216", "InvalidOrder:rejected", "The leverage you select for Spot Trading cannot exceed the maximum leverage allowed by Institutional Lending"],
    ["170217", "InvalidOrder:invalid_parameter", "Only LIMIT-MAKER order is supported for the current pair."],
    ["170218", "InvalidOrder:post_only_would_cross", "The LIMIT-MAKER order is rejected due to invalid price."],
    ["170219", "PermissionDenied", "UID {{xxx}} is not available to this feature"],
    ["170220", "PermissionDenied", "Spot Trading Restriction: The current LTV ratio of your institutional lending has reached the maximum allowable amount for Spot trading"],
    ["170221", "InvalidRequest", "This coin does not exist."],
    ["170222", "RateLimited", "Too many requests in this time frame."],
    ["170223", "PermissionDenied", "Your Spot Account with Institutional Lending triggers an alert or liquidation."],
    ["170224", "PermissionDenied", "You're not a user of the Innovation Zone."],
    ["170226", "PermissionDenied", "Your Spot Account for Margin Trading is being liquidated."],
    ["170227", "NotSupported", "This feature is not supported."],
    ["170228", "InvalidOrder:max_notional", "The purchase amount of each order exceeds the estimated maximum purchase amount."],
    ["170229", "InvalidOrder:max_quantity", "The sell quantity per order exceeds the estimated maximum sell quantity."],
    ["170230", "PermissionDenied", "Operations Restriction: Due to the deactivation of Margin Trading for institutional loan"],
    ["170234", "ExchangeUnavailable:ambiguous", "System Error"],
    ["170310", "RequestTimeout:ambiguous", "Order modification timeout"],
    ["170311", "InvalidOrder:rejected", "Order modification failed"],
    ["170312", "NotSupported", "The current order does not support modification"],
    ["170313", "InvalidOrder:rejected", "The modified contract quantity cannot be less than to the filled quantity"],
    ["170709", "PermissionDenied", "OTC loan: The select trading pair is not in the whitelist pair"]
  ]),
  ...section("Spot Leverage Token", [
    ["175000", "InvalidRequest", "The serialNum is already in use."],
    ["175001", "InvalidRequest", "Daily purchase limit has been exceeded. Please try again later."],
    ["175002", "InvalidRequest", "There's a large number of purchase orders. Please try again later."],
    ["175003", "InsufficientFunds", "Insufficient available balance. Please make a deposit and try again."],
    ["175004", "InvalidRequest", "Daily redemption limit has been exceeded. Please try again later."],
    ["175005", "InvalidRequest", "There's a large number of redemption orders. Please try again later."],
    ["175006", "InsufficientFunds", "Insufficient available balance. Please make a deposit and try again."],
    ["175007", "OrderNotFound", "Order not found."],
    ["175008", "InvalidRequest", "Purchase period hasn't started yet."],
    ["175009", "InvalidRequest", "Purchase amount has exceeded the upper limit."],
    ["175010", "InvalidRequest", "You haven't passed the quiz yet! To purchase and/or redeem an LT, please complete the quiz first."],
    ["175012", "InvalidRequest", "Redemption period hasn't started yet."],
    ["175013", "InvalidRequest", "Redemption amount has exceeded the upper limit."],
    ["175014", "InvalidRequest", "Purchase of the LT has been temporarily suspended."],
    ["175015", "InvalidRequest", "Redemption of the LT has been temporarily suspended."],
    ["175016", "InvalidRequest", "Invalid format. Please check the length and numeric precision."],
    ["175017", "InvalidRequest", "Failed to place order：Exceed the maximum position limit of leveraged tokens, the current available limit is XXXX USDT"],
    ["175027", "InvalidRequest", "Subscriptions and redemptions are temporarily unavailable while account upgrade is in progress"]
  ]),
  ...section("Spot Margin Trade", [
    ["176002", "InvalidRequest", "Query user account info error. Confirm that if you have completed quiz in GUI"],
    ["176003", "InvalidRequest", "Query user loan history error"],
    ["176004", "InvalidRequest", "Query order history start time exceeds end time"],
    ["176005", "InvalidRequest", "Failed to borrow"],
    ["176006", "InvalidRequest", "Repayment Failed"],
    ["176007", "InvalidRequest", "User not found"],
    ["176008", "InvalidRequest", "You haven't enabled Cross Margin Trading yet. To do so, please head to the PC trading site"],
    ["176009", "InvalidRequest", "You haven't enabled Cross Margin Trading yet. Confirm that if you have turned on margin trade"],
    ["176010", "InvalidRequest", "Failed to locate the coins to borrow"],
    ["176011", "InvalidRequest", "Cross Margin Trading not yet supported by the selected coin"],
    ["176012", "InvalidRequest", "Pair not available"],
    ["176013", "InvalidRequest", "Cross Margin Trading not yet supported by the selected pair"],
    ["176014", "InvalidRequest", "Repeated repayment requests"],
    ["176015", "InsufficientFunds", "Insufficient available balance"],
    ["176016", "InvalidRequest", "No repayment required"],
    ["176017", "InvalidRequest", "Repayment amount has exceeded the total liability"],
    ["176018", "InvalidRequest", "Settlement in progress"],
    ["176019", "InvalidRequest", "Liquidation in progress"],
    ["176020", "InvalidRequest", "Failed to locate repayment history"],
    ["176021", "InvalidRequest", "Repeated borrowing requests"],
    ["176022", "InvalidRequest", "Coins to borrow not generally available yet"],
    ["176023", "InvalidRequest", "Pair to borrow not generally available yet"],
    ["176024", "InvalidRequest", "Invalid user status"],
    ["176025", "InvalidRequest", "Amount to borrow cannot be lower than the min. amount to borrow (per transaction)"],
    ["176026", "InvalidRequest", "Amount to borrow cannot be larger than the max. amount to borrow (per transaction)"],
    ["176027", "InvalidRequest", "Amount to borrow cannot be higher than the max. amount to borrow per user"],
    ["176028", "InvalidRequest", "Amount to borrow has exceeded Bybit's max. amount to borrow"],
    ["176029", "InvalidRequest", "Amount to borrow has exceeded the user's estimated max. amount to borrow"],
    ["176030", "InvalidRequest", "Query user loan info error"],
    ["176031", "InvalidRequest", "Number of decimals for borrow amount has exceeded the maximum precision"],
    ["176034", "InvalidRequest", "The leverage ratio is out of range"],
    ["176035", "InvalidRequest", "Failed to close the leverage switch during liquidation"],
    ["176036", "InvalidRequest", "Failed to adjust leverage switch during forced liquidation"],
    ["176037", "InvalidRequest", "For non-unified transaction users, the operation failed"],
    ["176038", "InvalidRequest", "The spot leverage is closed and the current operation is not allowed"],
    ["176039", "InvalidRequest", "Borrowing, current operation is not allowed"],
    ["176040", "InvalidRequest", "There is a spot leverage order, and the adjustment of the leverage switch failed!"],
    ["176132", "InvalidRequest", "Number of decimals for repay amount has exceeded the maximum precision"],
    ["176133", "InvalidOrder:rejected", "Liquidation may be triggered! Please adjust your transaction amount and try again"],
    ["176134", "InvalidRequest", "Account has been upgraded (upgrading) to UTA"],
    ["176135", "InvalidRequest", "Failed to get bond data"],
    ["176136", "InvalidRequest", "Failed to get borrow data"],
    ["176137", "InvalidRequest", "Failed to switch user status"],
    ["176138", "InvalidRequest", "You need to repay all your debts before closing your disabling cross margin account"],
    ["176139", "InvalidRequest", "Sorry, you are not eligible to enable cross margin, as you have already enabled OTC lending"],
    ["176201", "InvalidRequest", "Account exception. Check if the UID is bound to INS loan"]
  ]),
  ...section("Asset", [
    ["131001", "ExchangeUnavailable:transient", "Service error"],
    ["131002", "InvalidRequest", "Parameter error"],
    ["131003", "ExchangeUnavailable:transient", "Internal error"],
    ["131004", "InvalidRequest", "KYC needed"],
    ["131075", "InvalidRequest", "InternalAddressCannotBeYourself"],
    ["131076", "InvalidRequest", "internal transfer not support sub-accounts"],
    ["131077", "InvalidRequest", "receive user not exist"],
    ["131078", "InvalidRequest", "receive user deposit has been banned"],
    ["131079", "InvalidRequest", "receive user need kyc"],
    ["131080", "InvalidRequest", "User left retry times is zero"],
    ["131081", "InvalidRequest", "Do not input memo/tag,please."],
    ["131082", "InvalidRequest", "Do not repeat the request"],
    ["131083", "InvalidRequest", "Withdraw only allowed from address book"],
    ["131084", "InvalidRequest", "Withdraw failed because of Uta Upgrading"],
    ["131085", "InvalidRequest", "Withdrawal amount is greater than your availale balance (the deplayed withdrawal is triggered)"],
    ["131086", "InvalidRequest", "Withdrawal amount exceeds risk limit (the risk limit of margin trade is triggered)"],
    ["131087", "InvalidRequest", "your current account spot risk level is too high, withdrawal is prohibited, please adjust and try again"],
    ["131088", "InvalidRequest", "The withdrawal amount exceeds the remaining withdrawal limit of your identity verification level. The current available amount for withdrawal : %s"],
    ["131089", "InvalidRequest", "User sensitive operation, withdrawal is prohibited within 24 hours"],
    ["131090", "InvalidRequest", "User withdraw has been banned"],
    ["131091", "InvalidRequest", "Blocked login status does not allow withdrawals"],
    ["131092", "InvalidRequest", "User status is abnormal"],
    ["131093", "InvalidRequest", "The withdrawal address is not in the whitelist"],
    ["131094", "InvalidRequest", "UserId is not in the whitelist"],
    ["131095", "InvalidRequest", "Withdrawl amount exceeds the 24 hour platform limit"],
    ["131096", "InvalidRequest", "Withdraw amount does not satify the lower limit or upper limit"],
    ["131097", "InvalidRequest", "Withdrawal of this currency has been closed"],
    ["131098", "InvalidRequest", "Withdrawal currently is not availble from new address"],
    ["131099", "InvalidRequest", "Hot wallet status can cancel the withdraw"],
    ["131200", "ExchangeUnavailable:transient", "Service error"],
    ["131201", "ExchangeUnavailable:transient", "Internal error"],
    ["131202", "InvalidRequest", "Invalid memberId"],
    ["131203", "InvalidRequest", "Request parameter error"],
    ["131204", "InvalidRequest", "Account info error"],
    ["131205", "InvalidRequest", "Query transfer error"],
    ["131206", "InvalidRequest", "cannot be transfer"],
    ["131207", "InvalidRequest", "Account not exist"],
    ["131208", "InvalidRequest", "Forbid transfer"],
    ["131209", "InvalidRequest", "Get subMember relation error"],
    ["131210", "InvalidRequest", "Amount accuracy error"],
    ["131211", "InvalidRequest", "fromAccountType can't be the same as toAccountType"],
    ["131212", "InsufficientFunds", "Insufficient balance"],
    ["131213", "InvalidRequest", "TransferLTV check error"],
    ["131214", "InvalidRequest", "TransferId exist"],
    ["131215", "InvalidRequest", "Amount error"],
    ["131216", "InvalidRequest", "Query balance error"],
    ["131217", "InvalidRequest", "Risk check error"],
    ["131227", "InvalidRequest", "Sub-account do not have universal transfer permission"],
    ["131228", "InsufficientFunds", "your balance is not enough. Please check transfer safe amount"],
    ["131229", "InvalidRequest", "Due to compliance requirements, the current currency is not allowed to transfer"],
    ["131230", "ExchangeUnavailable:transient", "The system is busy, please try again later"],
    ["141004", "InvalidRequest", "sub member is not normal"],
    ["141025", "InvalidRequest", "This sub-account has assets and cannot be deleted"],
    ["181000", "InvalidRequest", "category is null"],
    ["181001", "InvalidRequest", "category only support linear or option or spot."],
    ["181002", "InvalidRequest", "symbol is null."],
    ["181003", "InvalidRequest", "side is null."],
    ["181004", "InvalidRequest", "side only support Buy or Sell."],
    ["181005", "InvalidRequest", "orderStatus is wrong"],
    ["181006", "InvalidRequest", "startTime is not number"],
    ["181007", "InvalidRequest", "endTime is not number"],
    ["181008", "InvalidRequest", "Parameter startTime and endTime are both needed"],
    ["181009", "InvalidRequest", "Parameter startTime needs to be smaller than endTime"],
    ["181010", "InvalidRequest", "The time range between startTime and endTime cannot exceed 7 days"],
    ["181011", "InvalidRequest", "limit is not a number"],
    ["181012", "InvalidRequest", "symbol not exist"],
    ["181013", "InvalidRequest", "Only support settleCoin: usdc"],
    ["181014", "InvalidRequest", "Classic account is not supported"],
    ["182000", "InvalidRequest", "symbol related quote price is null"]
  ]),
  ...section("C2C Lending", [
    ["177000", "ExchangeUnavailable:ambiguous", "Unknown error"],
    ["177001", "ExchangeUnavailable:ambiguous", "System internal error"],
    ["177002", "RequestTimeout:ambiguous", "Timeout"],
    ["177003", "ExchangeUnavailable:transient", "System is busy, please try again later"],
    ["177004", "InvalidRequest", "Parameter error"],
    ["177005", "InvalidRequest", "Unable to find lending currency"],
    ["177006", "RateLimited", "Request frequency limit"],
    ["177007", "InvalidRequest", "The unified account is being upgraded, and redemption is not supported for the time being"],
    ["177008", "InvalidRequest", "Deposit quantity too small"],
    ["177009", "InvalidRequest", "Quantity accuracy exceeds limit"],
    ["177010", "InsufficientFunds", "User balance not enough"],
    ["177011", "InvalidRequest", "Platform limit exceeded"],
    ["177012", "InvalidRequest", "Maximum redeemable amount exceeded"],
    ["177013", "InvalidRequest", "Duplicate serial number"],
    ["177014", "InvalidRequest", "There are orders in process, please try again later"],
    ["177015", "InvalidRequest", "Exceeded the user's one-day platform limit"],
    ["177019", "InvalidRequest", "Cannot continue lending because reached this crypto lending limit"]
  ]),
  ...section("Broker", [
    ["3500402", "InvalidRequest", "Parameter verification failed for 'limit'."],
    ["3500403", "InvalidRequest", "Only available to exchange broker main-account"],
    ["3500404", "InvalidRequest", "Invalid Cursor"],
    ["3500405", "InvalidRequest", "Parameter \"startTime\" and \"endTime\" need to be input in pairs."]
  ])
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
 * What `X-Bapi-Limit` (the endpoint's limit for this account) and `X-Bapi-Limit-Status` (requests
 * left in the current window) say about one endpoint.
 * https://bybit-exchange.github.io/docs/v5/rate-limit
 * @since 0.1.0
 */
export const endpointUsage = (headers: Readonly<Record<string, string>>): EndpointLimits.Observed => {
  const left = integerHeader("x-bapi-limit-status")(headers)
  const limit = integerHeader("x-bapi-limit")(headers)
  if (left === undefined || limit === undefined || limit <= 0) return {}
  return { limit, used: limit - Math.min(left, limit) }
}

/**
 * Scales the share of an endpoint's limit used (`endpointUsage`) onto the connector's request
 * budget of `budget`: when Bybit says an endpoint has no requests left, the local budget is full
 * until its window ends. The order endpoints have budgets of their own (`Endpoints.orderLimits`) and
 * are not scaled.
 * https://bybit-exchange.github.io/docs/v5/rate-limit
 * @since 0.1.0
 */
export const usedWeight =
  (budget: number) =>
  (headers: Readonly<Record<string, string>>, endpoint: { readonly path: string }): number | undefined => {
    if (endpoint.path in orderLimits) return undefined
    const { limit, used } = endpointUsage(headers)
    return limit === undefined || used === undefined ? undefined : Math.ceil((used / limit) * budget)
  }
