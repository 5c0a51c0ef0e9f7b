/**
 * Hyperliquid trading as pure request builders and answer readers, plus the operations built on
 * them (`(api, market, …) => Effect`).
 *
 * Orders are limit orders with a time in force: `Gtc`, `Ioc`, or `Alo` (post-only). FOK does not
 * exist on the venue and is refused with `NotSupported` before anything is sent. A `market` order
 * is what the venue's own SDKs send: an `Ioc` limit at the mid price moved by the slippage bound
 * (default 5 %, `marketSlippage`), rounded toward the mid to the venue's price rule — it never
 * trades beyond the bound. Client order ids are cloids: `0x` + 32 hex digits.
 *
 * The action objects are written with their keys in the order the venue hashes them (the msgpack
 * of the action is signed): order `{a, b, p, s, r, t, c}`, action `{type, orders, grouping}`,
 * cancels `{a, o}` / `{asset, cloid}`, modifies `{oid, order}`.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/exchange-endpoint
 * https://github.com/hyperliquid-dex/hyperliquid-python-sdk/blob/master/hyperliquid/exchange.py
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { DecodeError, NotSupported, OrderNotFound, type TransportError } from "../../errors/ExchangeError.js"
import type { Capabilities, TradingError } from "../../Exchange.js"
import * as Decimal from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
import type { Order, OrderRequest } from "../../model/Order.js"
import { roundPrice } from "../../model/OrderRules.js"
import * as Convert from "./convert.js"
import { fromMessage } from "./errors.js"
import type * as Wire from "./wire.js"

/**
 * What the connector supports.
 * @since 0.1.0
 */
export const tradingCapabilities: Partial<Capabilities["trading"]> = {
  timeInForce: ["GTC", "IOC"],
  reduceOnly: true,
  amend: true,
  /** 40 orders or cancels weigh 1 + ⌊40/40⌋ = 2; larger batches are chunked. */
  batchPlaceMax: 40,
  batchCancelMax: 40,
  cancelAll: true
}

/** The venue's default slippage bound for market orders, as its SDK uses. @since 0.1.0 */
export const defaultMarketSlippage = Decimal.unsafe("0.05")

/** @since 0.1.0 */
export const isCloid = (id: string) => /^0x[0-9a-fA-F]{32}$/.test(id)

/**
 * The venue's time in force for a request.
 * @since 0.1.0
 */
export const tifOf = (request: OrderRequest): Either.Either<"Gtc" | "Ioc" | "Alo", NotSupported> => {
  if (request.timeInForce === "FOK") {
    return Either.left(
      new NotSupported({ venue: Convert.VENUE, feature: "FOK orders (the venue offers Gtc, Ioc and Alo)" })
    )
  }
  if (request.type === "market") return Either.right("Ioc")
  if (request.postOnly === true) {
    return request.timeInForce === "IOC"
      ? Either.left(new NotSupported({ venue: Convert.VENUE, feature: "post-only IOC orders" }))
      : Either.right("Alo")
  }
  return Either.right(request.timeInForce === "IOC" ? "Ioc" : "Gtc")
}

/**
 * The largest number of decimals a price may have on this market.
 * @since 0.1.0
 */
export const maxPriceDecimals = (market: Market) => Decimal.decimalPlaces(market.tickSize)

/**
 * The limit price of a market order: `reference × (1 ± slippage)`, rounded toward the reference.
 * @since 0.1.0
 */
export const marketOrderPrice = (
  market: Market,
  side: "buy" | "sell",
  reference: Decimal.Decimal,
  slippage: Decimal.Decimal
): Decimal.Decimal => {
  const factor = side === "buy"
    ? BigDecimal.sum(Decimal.unsafe("1"), slippage)
    : BigDecimal.subtract(Decimal.unsafe("1"), slippage)
  return roundPrice(market, BigDecimal.multiply(reference, factor), side === "buy" ? "down" : "up")
}

/**
 * One order as the `order` action carries it.
 * @since 0.1.0
 */
export const orderWire = (
  market: Market,
  request: OrderRequest,
  price: Decimal.Decimal,
  tif: "Gtc" | "Ioc" | "Alo",
  cloid: string | undefined
) => ({
  a: Convert.assetId(market),
  b: request.side === "buy",
  p: Decimal.format(price),
  s: Decimal.format(request.quantity),
  r: request.reduceOnly === true,
  t: { limit: { tif } },
  ...(cloid !== undefined ? { c: cloid.toLowerCase() } : {})
})

/** @since 0.1.0 */
export type OrderWire = ReturnType<typeof orderWire>

/** The `order` action. @since 0.1.0 */
export const placeAction = (orders: ReadonlyArray<OrderWire>) => ({ type: "order", orders, grouping: "na" })

/** The `cancel` action (by oid). @since 0.1.0 */
export const cancelAction = (cancels: ReadonlyArray<{ readonly market: Market; readonly oid: number }>) => ({
  type: "cancel",
  cancels: cancels.map((c) => ({ a: Convert.assetId(c.market), o: c.oid }))
})

/** The `cancelByCloid` action. @since 0.1.0 */
export const cancelByCloidAction = (cancels: ReadonlyArray<{ readonly market: Market; readonly cloid: string }>) => ({
  type: "cancelByCloid",
  cancels: cancels.map((c) => ({ asset: Convert.assetId(c.market), cloid: c.cloid.toLowerCase() }))
})

/** The `batchModify` action (one modify is a batch of one, as the SDK sends it). @since 0.1.0 */
export const batchModifyAction = (
  modifies: ReadonlyArray<{ readonly oid: number | string; readonly order: OrderWire }>
) => ({
  type: "batchModify",
  modifies: modifies.map((m) => ({ oid: m.oid, order: m.order }))
})

/** The `updateLeverage` action. @since 0.1.0 */
export const updateLeverageAction = (market: Market, leverage: number, isCross: boolean) => ({
  type: "updateLeverage",
  asset: Convert.assetId(market),
  isCross,
  leverage
})

/** The `/exchange` request body the signer completes. @since 0.1.0 */
export const exchangeBody = (action: unknown) => ({ _tag: "json" as const, value: { action } })

/**
 * The unified order for a placement's status entry.
 * @since 0.1.0
 */
export const placementResult = (
  market: Market,
  request: OrderRequest,
  price: Decimal.Decimal,
  cloid: string | undefined,
  status: Wire.Status,
  now: number
): Either.Either<Order, TransportError> => {
  const base = {
    ...(cloid !== undefined ? { clientOrderId: cloid } : {}),
    symbol: market.unified,
    venueSymbol: market.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.type === "market" ? "IOC" as const : request.timeInForce ?? "GTC",
    postOnly: request.postOnly === true,
    reduceOnly: request.reduceOnly === true,
    price,
    quantity: request.quantity,
    createdAt: now,
    updatedAt: now
  }
  if (typeof status === "object" && "resting" in status) {
    return Either.right({
      ...base,
      id: status.resting.oid,
      filledQuantity: Decimal.zero,
      status: "open",
      venueStatus: "resting"
    })
  }
  if (typeof status === "object" && "filled" in status) {
    const complete = BigDecimal.greaterThanOrEqualTo(status.filled.totalSz, request.quantity)
    return Either.right({
      ...base,
      id: status.filled.oid,
      filledQuantity: status.filled.totalSz,
      averagePrice: status.filled.avgPx,
      filledQuote: BigDecimal.multiply(status.filled.totalSz, status.filled.avgPx),
      status: complete ? "filled" : "expired",
      venueStatus: "filled"
    })
  }
  if (typeof status === "object" && "error" in status) {
    return Either.left(
      fromMessage(status.error, {
        endpoint: "POST /exchange",
        ...(cloid !== undefined ? { clientOrderId: cloid } : {})
      })
    )
  }
  return Either.left(
    new DecodeError({
      venue: Convert.VENUE,
      endpoint: "POST /exchange",
      path: "$.response.data.statuses",
      detail: `unexpected order status ${JSON.stringify(status)}`,
      outcome: "ambiguous"
    })
  )
}

/**
 * The statuses of an accepted action, one per item sent (a single status for a batch means the
 * venue rejected the whole batch: it is repeated for each item, as the docs advise).
 * @since 0.1.0
 */
export const statusesOf = (
  answer: Wire.ExchangeOk,
  count: number
): Either.Either<ReadonlyArray<Wire.Status>, DecodeError> => {
  const statuses = answer.response.data?.statuses ?? []
  if (statuses.length === count) return Either.right(statuses)
  if (statuses.length === 1) return Either.right(Array.from({ length: count }, () => statuses[0]!))
  return Either.left(
    new DecodeError({
      venue: Convert.VENUE,
      endpoint: "POST /exchange",
      path: "$.response.data.statuses",
      detail: `expected ${count} statuses, got ${statuses.length}`,
      outcome: "ambiguous"
    })
  )
}

/**
 * A cancel's status entry: `"success"`, or the venue's error.
 * @since 0.1.0
 */
export const cancelResult = (status: Wire.Status, ref: { readonly oid?: string; readonly cloid?: string }) =>
  status === "success"
    ? Either.void
    : Either.left<TradingError>(
      typeof status === "object" && "error" in status
        ? fromMessage(status.error, {
          endpoint: "POST /exchange",
          ...(ref.oid !== undefined ? { orderId: ref.oid } : {}),
          ...(ref.cloid !== undefined ? { clientOrderId: ref.cloid } : {})
        })
        : new OrderNotFound({ venue: Convert.VENUE, ...(ref.oid !== undefined ? { orderId: ref.oid } : {}) })
    )
