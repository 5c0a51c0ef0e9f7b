/**
 * Hyperliquid's wire formats, as Schemas: the `/info` answers this connector reads, the
 * `/exchange` answers, and the websocket frames. Prices and sizes are decimal strings; ids are
 * JSON numbers (kept as strings).
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/spot
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/exchange-endpoint
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { fieldsOf } from "../../kernel/WireDecode.js"
import { Decimal } from "../../model/Decimal.js"
import { Id } from "../../model/Id.js"

const Int = Schema.Number.pipe(Schema.int())

/** @since 0.1.0 */
export const PerpAsset = Schema.Struct({
  name: Schema.String,
  szDecimals: Int,
  maxLeverage: Schema.optional(Schema.Number),
  onlyIsolated: Schema.optional(Schema.Boolean),
  isDelisted: Schema.optional(Schema.Boolean)
})
/** @since 0.1.0 */
export type PerpAsset = typeof PerpAsset.Type

/** `{"type":"meta"}`. @since 0.1.0 */
export const Meta = Schema.Struct({ universe: Schema.Array(PerpAsset) })
/** @since 0.1.0 */
export type Meta = typeof Meta.Type

/** @since 0.1.0 */
export const SpotToken = Schema.Struct({
  name: Schema.String,
  ...fieldsOf(Int, "szDecimals", "index"),
  weiDecimals: Schema.optional(Int)
})
/** @since 0.1.0 */
export type SpotToken = typeof SpotToken.Type

/** @since 0.1.0 */
export const SpotPair = Schema.Struct({
  name: Schema.String,
  tokens: Schema.Tuple(Int, Int),
  index: Int,
  isCanonical: Schema.optional(Schema.Boolean)
})
/** @since 0.1.0 */
export type SpotPair = typeof SpotPair.Type

/** `{"type":"spotMeta"}`. @since 0.1.0 */
export const SpotMeta = Schema.Struct({ tokens: Schema.Array(SpotToken), universe: Schema.Array(SpotPair) })
/** @since 0.1.0 */
export type SpotMeta = typeof SpotMeta.Type

/** One perpetual's context in `metaAndAssetCtxs`. @since 0.1.0 */
export const PerpCtx = Schema.Struct({
  funding: Decimal,
  openInterest: Decimal,
  prevDayPx: Decimal,
  dayNtlVlm: Decimal,
  premium: Schema.NullOr(Decimal),
  oraclePx: Decimal,
  markPx: Decimal,
  midPx: Schema.optional(Schema.NullOr(Decimal)),
  impactPxs: Schema.optional(Schema.NullOr(Schema.Array(Decimal))),
  dayBaseVlm: Schema.optional(Decimal)
})
/** @since 0.1.0 */
export type PerpCtx = typeof PerpCtx.Type

/** `{"type":"metaAndAssetCtxs"}`. @since 0.1.0 */
export const MetaAndAssetCtxs = Schema.Tuple(Meta, Schema.Array(PerpCtx))

/** One spot pair's context in `spotMetaAndAssetCtxs`. @since 0.1.0 */
export const SpotCtx = Schema.Struct({
  coin: Schema.String,
  dayNtlVlm: Decimal,
  markPx: Decimal,
  midPx: Schema.optional(Schema.NullOr(Decimal)),
  prevDayPx: Decimal,
  dayBaseVlm: Schema.optional(Decimal)
})
/** @since 0.1.0 */
export type SpotCtx = typeof SpotCtx.Type

/** `{"type":"spotMetaAndAssetCtxs"}`. @since 0.1.0 */
export const SpotMetaAndAssetCtxs = Schema.Tuple(SpotMeta, Schema.Array(SpotCtx))

/** @since 0.1.0 */
export const BookLevel = Schema.Struct({ px: Decimal, sz: Decimal, n: Schema.optional(Int) })

/** `{"type":"l2Book"}` and the `l2Book` channel: bids then asks. @since 0.1.0 */
export const L2Book = Schema.Struct({
  coin: Schema.String,
  time: Schema.Number,
  levels: Schema.Tuple(Schema.Array(BookLevel), Schema.Array(BookLevel))
})
/** @since 0.1.0 */
export type L2Book = typeof L2Book.Type

/** `{"type":"allMids"}`: coin → mid. @since 0.1.0 */
export const AllMids = Schema.Record({ key: Schema.String, value: Decimal })

/** A public trade (`trades` channel, `recentTrades`); `side` is the taker's. @since 0.1.0 */
export const Trade = Schema.Struct({
  coin: Schema.String,
  side: Schema.Literal("A", "B"),
  px: Decimal,
  sz: Decimal,
  time: Schema.Number,
  tid: Id
})
/** @since 0.1.0 */
export type Trade = typeof Trade.Type

/** `{"type":"candleSnapshot"}` entries and the `candle` channel. @since 0.1.0 */
export const Candle = Schema.Struct({
  t: Schema.Number,
  T: Schema.Number,
  s: Schema.String,
  i: Schema.String,
  o: Decimal,
  c: Decimal,
  h: Decimal,
  l: Decimal,
  v: Decimal,
  n: Schema.Number
})
/** @since 0.1.0 */
export type Candle = typeof Candle.Type

/** `{"type":"fundingHistory"}` entries. @since 0.1.0 */
export const Funding = Schema.Struct({
  coin: Schema.String,
  fundingRate: Decimal,
  premium: Schema.optional(Decimal),
  time: Schema.Number
})

/** An order as `frontendOpenOrders` and `orderStatus` write it. @since 0.1.0 */
export const FrontendOrder = Schema.Struct({
  coin: Schema.String,
  side: Schema.Literal("A", "B"),
  limitPx: Decimal,
  sz: Decimal,
  oid: Id,
  timestamp: Schema.Number,
  origSz: Decimal,
  reduceOnly: Schema.optional(Schema.Boolean),
  orderType: Schema.optional(Schema.String),
  tif: Schema.optional(Schema.NullOr(Schema.String)),
  cloid: Schema.optional(Schema.NullOr(Schema.String))
})
/** @since 0.1.0 */
export type FrontendOrder = typeof FrontendOrder.Type

/**
 * An order in a state: `orderStatus`'s `order`, a `historicalOrders` entry, an `orderUpdates` item.
 * @since 0.1.0
 */
export const OrderInState = Schema.Struct({
  order: FrontendOrder,
  status: Schema.String,
  statusTimestamp: Schema.Number
})

/** `{"type":"orderStatus"}`. @since 0.1.0 */
export const OrderStatus = Schema.Union(
  Schema.Struct({
    status: Schema.Literal("order"),
    order: OrderInState
  }),
  Schema.Struct({ status: Schema.Literal("unknownOid") })
)
/** @since 0.1.0 */
export type OrderStatus = typeof OrderStatus.Type

const MarginSummary = Schema.Struct({
  accountValue: Decimal,
  totalNtlPos: Decimal,
  totalRawUsd: Decimal,
  totalMarginUsed: Decimal
})

/** `{"type":"clearinghouseState"}`. @since 0.1.0 */
export const ClearinghouseState = Schema.Struct({
  marginSummary: MarginSummary,
  withdrawable: Decimal,
  assetPositions: Schema.Array(Schema.Struct({
    position: Schema.Struct({
      coin: Schema.String,
      szi: Decimal,
      entryPx: Schema.NullOr(Decimal),
      positionValue: Decimal,
      unrealizedPnl: Decimal,
      liquidationPx: Schema.NullOr(Decimal),
      leverage: Schema.Struct({ type: Schema.String, value: Schema.Number })
    })
  })),
  time: Schema.Number
})
/** @since 0.1.0 */
export type ClearinghouseState = typeof ClearinghouseState.Type

/** `{"type":"spotClearinghouseState"}`. @since 0.1.0 */
export const SpotClearinghouseState = Schema.Struct({
  balances: Schema.Array(Schema.Struct({ coin: Schema.String, total: Decimal, hold: Decimal }))
})

/** `{"type":"userRole"}`. @since 0.1.0 */
export const UserRole = Schema.Struct({
  role: Schema.String,
  data: Schema.optional(Schema.Struct({ user: Schema.optional(Schema.String), master: Schema.optional(Schema.String) }))
})

/**
 * One entry of an `/exchange` answer's `statuses`: a resting or filled order, an error message,
 * or `"success"` (cancels).
 * @since 0.1.0
 */
export const Status = Schema.Union(
  Schema.Struct({ resting: Schema.Struct({ oid: Id, cloid: Schema.optional(Schema.String) }) }),
  Schema.Struct({
    filled: Schema.Struct({ totalSz: Decimal, avgPx: Decimal, oid: Id, cloid: Schema.optional(Schema.String) })
  }),
  Schema.Struct({ error: Schema.String }),
  Schema.String
)
/** @since 0.1.0 */
export type Status = typeof Status.Type

/**
 * An accepted `/exchange` answer (`{"status":"err"}` answers are errors, see `errors.ts`).
 * @since 0.1.0
 */
export const ExchangeOk = Schema.Struct({
  status: Schema.Literal("ok"),
  response: Schema.Struct({
    type: Schema.String,
    data: Schema.optional(Schema.Struct({ statuses: Schema.Array(Status) }))
  })
})
/** @since 0.1.0 */
export type ExchangeOk = typeof ExchangeOk.Type

/**
 * A fill of the account (`userFills`, `userFillsByTime`, the `userFills` and `user` channels):
 * `crossed` is true when the order took liquidity; `fee` (negative: a rebate) is in `feeToken`;
 * `tid` is the trade id.
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions
 * @since 0.1.0
 */
export const UserFill = Schema.Struct({
  coin: Schema.String,
  px: Decimal,
  sz: Decimal,
  side: Schema.Literal("A", "B"),
  time: Schema.Number,
  startPosition: Schema.optional(Decimal),
  dir: Schema.optional(Schema.String),
  closedPnl: Schema.optional(Decimal),
  hash: Schema.optional(Schema.String),
  oid: Id,
  crossed: Schema.Boolean,
  fee: Decimal,
  tid: Id,
  feeToken: Schema.String,
  cloid: Schema.optional(Schema.NullOr(Schema.String))
})
/** @since 0.1.0 */
export type UserFill = typeof UserFill.Type

/** `WsOrder`: one change of an order (the `orderUpdates` channel). @since 0.1.0 */
export const WsOrder = OrderInState

/** `WsUserFills` (the `userFills` channel). @since 0.1.0 */
export const WsUserFills = Schema.Struct({
  isSnapshot: Schema.optional(Schema.Boolean),
  user: Schema.String,
  fills: Schema.Array(UserFill)
})

/**
 * `WsUserEvent` (the `user` channel of the `userEvents` subscription): fills, a funding payment, a
 * liquidation, or orders canceled other than by the user.
 * @since 0.1.0
 */
export const WsUserEvent = Schema.Union(
  Schema.Struct({ fills: Schema.Array(UserFill) }),
  Schema.Struct({ funding: Schema.Struct({ coin: Schema.String, usdc: Decimal, time: Schema.Number }) }),
  Schema.Struct({ liquidation: Schema.Struct({ lid: Schema.Number }) }),
  Schema.Struct({ nonUserCancel: Schema.Array(Schema.Struct({ coin: Schema.String, oid: Id })) })
)

/** The `clearinghouseState` channel: `{dex, user, clearinghouseState}`. @since 0.1.0 */
export const WsClearinghouseState = Schema.Struct({
  dex: Schema.optional(Schema.String),
  user: Schema.String,
  clearinghouseState: ClearinghouseState
})

/**
 * `{"type":"userRateLimit"}`: the address-based budget (`nRequestsSurplus` is newer and optional).
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#query-user-rate-limits
 * @since 0.1.0
 */
export const UserRateLimit = Schema.Struct({
  cumVlm: Decimal,
  nRequestsUsed: Int,
  nRequestsCap: Int,
  nRequestsSurplus: Schema.optional(Int)
})
/** @since 0.1.0 */
export type UserRateLimit = typeof UserRateLimit.Type
