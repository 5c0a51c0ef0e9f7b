/**
 * The sandbox's own records of orders, fills and public trades, and the requests and rejections of
 * its matching engine. Venue-agnostic: dialects translate them to and from their wire formats.
 *
 * @since 0.1.0
 */
import type { Decimal } from "../../model/Decimal.js"

/** @since 0.1.0 */
export type Side = "buy" | "sell"

/** @since 0.1.0 */
export type OrderType = "limit" | "market"

/** @since 0.1.0 */
export type TimeInForce = "GTC" | "IOC" | "FOK"

/**
 * `new`: resting with nothing filled. `expired`: an IOC/FOK/market order whose remainder was
 * dropped by the engine (not by the owner).
 * @since 0.1.0
 */
export type OrderStatus = "new" | "partially_filled" | "filled" | "canceled" | "expired"

/**
 * What a client asks the engine for, already decoded from the wire.
 * `quantity` or (market orders only) `quoteQuantity` must be set.
 * @since 0.1.0
 */
export interface PlaceOrder {
  readonly symbol: string
  readonly side: Side
  readonly type: OrderType
  readonly timeInForce: TimeInForce
  readonly quantity?: Decimal | undefined
  readonly quoteQuantity?: Decimal | undefined
  readonly price?: Decimal | undefined
  readonly postOnly: boolean
  readonly clientOrderId: string
  /** Perpetuals only: the order may only reduce the position (trimmed to it; rejected otherwise). */
  readonly reduceOnly?: boolean | undefined
}

/**
 * A change to a resting limit order's price and/or quantity (the order keeps its id, loses its
 * queue priority, and matches if the new price crosses).
 * @since 0.1.0
 */
export interface AmendOrder {
  readonly price?: Decimal | undefined
  /** The new total quantity (including what is already executed). */
  readonly quantity?: Decimal | undefined
}

/**
 * An order held by the engine. Mutable fields change only inside the engine.
 * @since 0.1.0
 */
export interface Order {
  readonly orderId: number
  readonly accountId: string
  readonly symbol: string
  readonly side: Side
  readonly type: OrderType
  readonly timeInForce: TimeInForce
  readonly postOnly: boolean
  readonly clientOrderId: string
  readonly reduceOnly: boolean
  /** Limit price; `undefined` for market orders. Changes only on amend. */
  price: Decimal | undefined
  /** Changes only on amend (and is trimmed for reduce-only orders). */
  quantity: Decimal
  /** For market orders placed by quote amount. */
  readonly quoteQuantity: Decimal | undefined
  executedQuantity: Decimal
  /** Sum of price × quantity over the fills ("cumulative quote quantity"). */
  cumulativeQuote: Decimal
  status: OrderStatus
  /** Amount still locked for this order (quote asset for buys, base asset for sells). */
  locked: Decimal
  readonly createdAt: number
  updatedAt: number
}

/**
 * One side of one execution, as seen by one account.
 * @since 0.1.0
 */
export interface Fill {
  /** The public trade id (per symbol). */
  readonly tradeId: number
  readonly orderId: number
  readonly accountId: string
  readonly symbol: string
  readonly side: Side
  readonly price: Decimal
  readonly quantity: Decimal
  readonly quote: Decimal
  readonly commission: Decimal
  readonly commissionAsset: string
  readonly maker: boolean
  readonly time: number
}

/**
 * A public trade: one match between a taker and a maker.
 * @since 0.1.0
 */
export interface Trade {
  readonly tradeId: number
  readonly symbol: string
  readonly price: Decimal
  readonly quantity: Decimal
  readonly quote: Decimal
  readonly time: number
  /** Whether the buyer was the resting (maker) side. */
  readonly buyerIsMaker: boolean
  readonly buyOrderId: number
  readonly sellOrderId: number
}

/**
 * Why the engine refused a request. Nothing in the ledger changes when one is returned.
 * @since 0.1.0
 */
export type Rejection =
  | { readonly _tag: "UnknownSymbol" }
  | { readonly _tag: "MarketClosed" }
  | { readonly _tag: "FilterFailure"; readonly filter: "PRICE_FILTER" | "LOT_SIZE" | "NOTIONAL" }
  | { readonly _tag: "InsufficientBalance" }
  | { readonly _tag: "WouldTake" }
  | { readonly _tag: "DuplicateClientOrderId" }
  | { readonly _tag: "UnknownOrder" }
  | { readonly _tag: "UnknownAccount" }
  | { readonly _tag: "NoLiquidity" }
  /** A reduce-only order that would open, increase or flip a position (or there is none). */
  | { readonly _tag: "ReduceOnlyRejected" }

/**
 * The outcome of an accepted order: its state after matching, and the fills it took part in as
 * taker.
 * @since 0.1.0
 */
export interface Placed {
  readonly order: Order
  readonly fills: ReadonlyArray<Fill>
}

/**
 * Whether an order can still trade.
 * @since 0.1.0
 */
export const isOpen = (order: Order): boolean => order.status === "new" || order.status === "partially_filled"
