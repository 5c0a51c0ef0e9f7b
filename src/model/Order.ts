/**
 * Orders: what a caller asks for (`OrderRequest`), what the venue holds (`Order`), and executions
 * (`Fill`).
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Schema from "effect/Schema"
import { Decimal, NonNegativeDecimal, PositiveDecimal } from "./Decimal.js"
import { Side } from "./Trade.js"

export { Side } from "./Trade.js"

/** @since 0.1.0 */
export const OrderType = Schema.Literal("limit", "market")
/** @since 0.1.0 */
export type OrderType = typeof OrderType.Type

/** @since 0.1.0 */
export const TimeInForce = Schema.Literal("GTC", "IOC", "FOK")
/** @since 0.1.0 */
export type TimeInForce = typeof TimeInForce.Type

/**
 * What the caller asks for. `symbol` is native or unified. When `clientOrderId` is absent the
 * library generates one per intent, before any retry, in the venue's allowed format.
 * @since 0.1.0
 */
export const OrderRequest = Schema.Struct({
  symbol: Schema.String,
  side: Side,
  type: OrderType,
  quantity: PositiveDecimal,
  price: Schema.optional(PositiveDecimal),
  timeInForce: Schema.optional(TimeInForce),
  postOnly: Schema.optional(Schema.Boolean),
  reduceOnly: Schema.optional(Schema.Boolean),
  clientOrderId: Schema.optional(Schema.String)
}).annotations({ identifier: "OrderRequest" })

/** @since 0.1.0 */
export type OrderRequest = typeof OrderRequest.Type

/**
 * A venue status LotusX has not seen before, kept verbatim.
 * @since 0.1.0
 */
export const UnknownStatus = Schema.TaggedStruct("Unknown", { raw: Schema.String })

/**
 * Order status. `open` = resting with nothing filled; `pending` = accepted, not yet working (a
 * trigger order, or a venue's pending-new).
 * @since 0.1.0
 */
export const OrderStatus = Schema.Union(
  Schema.Literal("pending", "open", "partially_filled", "filled", "canceled", "rejected", "expired"),
  UnknownStatus
)
/** @since 0.1.0 */
export type OrderStatus = typeof OrderStatus.Type

/**
 * A venue's order statuses as data: its status names by unified status; a name not listed is
 * `Unknown`, kept verbatim.
 * @since 0.1.0
 */
export const statusTable = (
  names: Partial<Record<Exclude<OrderStatus, { readonly _tag: "Unknown" }>, ReadonlyArray<string>>>
) => {
  const byName = new Map(
    Object.entries(names).flatMap(([status, list]) => list.map((name) => [name, status as OrderStatus] as const))
  )
  return (status: string): OrderStatus => byName.get(status) ?? { _tag: "Unknown", raw: status }
}

/**
 * Whether an order in this status can still trade.
 * @since 0.1.0
 */
export const isOpenStatus = (status: OrderStatus): boolean =>
  status === "open" || status === "partially_filled" || status === "pending"

/** @since 0.1.0 */
export const Order = Schema.Struct({
  /** The venue's order id, as a string. */
  id: Schema.String,
  clientOrderId: Schema.optional(Schema.String),
  symbol: Schema.String,
  venueSymbol: Schema.String,
  side: Side,
  type: OrderType,
  timeInForce: Schema.optional(TimeInForce),
  postOnly: Schema.Boolean,
  reduceOnly: Schema.Boolean,
  price: Schema.optional(Decimal),
  quantity: NonNegativeDecimal,
  filledQuantity: NonNegativeDecimal,
  /** Quote amount filled (price × quantity summed), where the venue reports it. */
  filledQuote: Schema.optional(NonNegativeDecimal),
  averagePrice: Schema.optional(Decimal),
  status: OrderStatus,
  /** The venue's status string, verbatim. */
  venueStatus: Schema.String,
  createdAt: Schema.optional(Schema.Number),
  updatedAt: Schema.optional(Schema.Number)
}).annotations({ identifier: "Order" })

/** @since 0.1.0 */
export type Order = typeof Order.Type

/**
 * What a venue's order says, before the rules every venue shares (`orderOf`).
 * @since 0.1.0
 */
export interface OrderFields extends Omit<Order, "symbol" | "venueSymbol" | "clientOrderId" | "price" | "timeInForce"> {
  readonly clientOrderId: string | undefined
  readonly timeInForce: TimeInForce | undefined
  readonly price: Decimal | undefined
}

/**
 * An order of `market` from a venue's fields, with the rules every venue shares: a market order has
 * no price and no time in force; a price or average price of zero and an empty client order id are
 * none; a canceled IOC, FOK or market order is `expired` (the venue cancelled its remainder itself).
 * Built without spreads: orders arrive on the per-message hot path.
 * @since 0.1.0
 */
export const orderOf = (market: { readonly unified: string; readonly symbol: string }, f: OrderFields): Order => {
  const isMarket = f.type === "market"
  const selfCanceled = isMarket || f.timeInForce === "IOC" || f.timeInForce === "FOK"
  const order: { -readonly [K in keyof Order]: Order[K] } = {
    id: f.id,
    symbol: market.unified,
    venueSymbol: market.symbol,
    side: f.side,
    type: f.type,
    postOnly: f.postOnly,
    reduceOnly: f.reduceOnly,
    quantity: f.quantity,
    filledQuantity: f.filledQuantity,
    status: f.status === "canceled" && selfCanceled ? "expired" : f.status,
    venueStatus: f.venueStatus
  }
  if (f.createdAt !== undefined) order.createdAt = f.createdAt
  if (f.updatedAt !== undefined) order.updatedAt = f.updatedAt
  if (f.clientOrderId !== undefined && f.clientOrderId !== "") order.clientOrderId = f.clientOrderId
  if (f.timeInForce !== undefined && !isMarket) order.timeInForce = f.timeInForce
  if (f.price !== undefined && !isMarket && BigDecimal.isPositive(f.price)) order.price = f.price
  if (f.filledQuote !== undefined) order.filledQuote = f.filledQuote
  if (f.averagePrice !== undefined && BigDecimal.isPositive(f.averagePrice)) order.averagePrice = f.averagePrice
  return order
}

/**
 * When an order last changed (epoch ms): `updatedAt`, else `createdAt`, else 0.
 * @since 0.1.0
 */
export const lastChange = (o: Order): number => o.updatedAt ?? o.createdAt ?? 0

/** @since 0.1.0 */
export const Fill = Schema.Struct({
  id: Schema.String,
  orderId: Schema.String,
  clientOrderId: Schema.optional(Schema.String),
  symbol: Schema.String,
  venueSymbol: Schema.String,
  side: Side,
  price: PositiveDecimal,
  quantity: PositiveDecimal,
  fee: Decimal,
  feeAsset: Schema.String,
  maker: Schema.Boolean,
  timestamp: Schema.Number
}).annotations({ identifier: "Fill" })

/** @since 0.1.0 */
export type Fill = typeof Fill.Type

/**
 * An order as a placement's acknowledgement describes it, before the venue could be asked for its
 * state (venues whose create answers ids only): the request's terms, nothing filled, `pending`.
 * @since 0.1.0
 */
export const accepted = (
  market: { readonly unified: string; readonly symbol: string },
  request: OrderRequest,
  ack: { readonly id: string; readonly clientOrderId: string; readonly venueStatus: string }
): Order => ({
  id: ack.id,
  clientOrderId: ack.clientOrderId,
  symbol: market.unified,
  venueSymbol: market.symbol,
  side: request.side,
  type: request.type,
  ...(request.type === "limit" && request.postOnly !== true ? { timeInForce: request.timeInForce ?? "GTC" } : {}),
  postOnly: request.postOnly === true,
  reduceOnly: request.reduceOnly === true,
  ...(request.price !== undefined ? { price: request.price } : {}),
  quantity: request.quantity,
  filledQuantity: BigDecimal.fromBigInt(0n),
  status: "pending",
  venueStatus: ack.venueStatus
})
