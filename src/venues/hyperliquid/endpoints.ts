/**
 * Hyperliquid's two REST endpoints: `POST /info` (public reads, by request `type`, each with its
 * own weight) and `POST /exchange` (signed actions, weight 1 + ⌊batch/40⌋). Reads are safe to
 * retry; actions are not.
 *
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/exchange-endpoint
 * https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/rate-limits
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import type { Endpoint } from "../../kernel/RestClient.js"
import * as Wire from "./wire.js"

const info = <A, I>(weight: number, response: Schema.Schema<A, I>): Endpoint<A, I> => ({
  method: "POST",
  path: "/info",
  weight,
  signed: false,
  idempotent: true,
  response
})

/** @since 0.1.0 */
export const meta = info(20, Wire.Meta)
/** @since 0.1.0 */
export const spotMeta = info(20, Wire.SpotMeta)
/** @since 0.1.0 */
export const metaAndAssetCtxs = info(20, Wire.MetaAndAssetCtxs)
/** @since 0.1.0 */
export const spotMetaAndAssetCtxs = info(20, Wire.SpotMetaAndAssetCtxs)
/** @since 0.1.0 */
export const l2Book = info(2, Wire.L2Book)
/** @since 0.1.0 */
export const allMids = info(2, Wire.AllMids)
/** `recentTrades`: served by the public API (not in the info-endpoint page); 20 + per-item weight. @since 0.1.0 */
export const recentTrades = info(20, Schema.Array(Wire.Trade))
/** @since 0.1.0 */
export const candleSnapshot = info(20, Schema.Array(Wire.Candle))
/** @since 0.1.0 */
export const fundingHistory = info(20, Schema.Array(Wire.Funding))
/** @since 0.1.0 */
export const frontendOpenOrders = info(20, Schema.Array(Wire.FrontendOrder))
/** @since 0.1.0 */
export const orderStatus = info(2, Wire.OrderStatus)
/** @since 0.1.0 */
export const clearinghouseState = info(2, Wire.ClearinghouseState)
/** @since 0.1.0 */
export const spotClearinghouseState = info(2, Wire.SpotClearinghouseState)
/** @since 0.1.0 */
export const userRole = info(60, Wire.UserRole)
/** `userFillsByTime`: 20 (+1 per 20 fills returned). @since 0.1.0 */
export const userFillsByTime = info(20, Schema.Array(Wire.UserFill))
/** @since 0.1.0 */
export const userRateLimit = info(20, Wire.UserRateLimit)
/** `historicalOrders`: the 2,000 most recent orders in their latest state; 20 (+1 per 20). @since 0.1.0 */
export const historicalOrders = info(20, Schema.Array(Wire.OrderInState))

/**
 * `POST /exchange` for an action over `batch` items.
 * @since 0.1.0
 */
export const exchange = (batch: number): Endpoint<Wire.ExchangeOk, unknown> => ({
  method: "POST",
  path: "/exchange",
  weight: 1 + Math.floor(batch / 40),
  signed: true,
  idempotent: false,
  response: Wire.ExchangeOk as Schema.Schema<Wire.ExchangeOk, unknown>
})

/**
 * The `/info` request bodies the connector sends (so tests can compare them with other clients').
 * `user` is the account address (the vault's when one is set), never the agent's.
 * @since 0.1.0
 */
export const requests = {
  meta: { type: "meta" },
  spotMeta: { type: "spotMeta" },
  metaAndAssetCtxs: { type: "metaAndAssetCtxs" },
  spotMetaAndAssetCtxs: { type: "spotMetaAndAssetCtxs" },
  allMids: { type: "allMids" },
  l2Book: (coin: string) => ({ type: "l2Book", coin }),
  recentTrades: (coin: string) => ({ type: "recentTrades", coin }),
  frontendOpenOrders: (user: string) => ({ type: "frontendOpenOrders", user }),
  orderStatus: (user: string, oid: number | string) => ({ type: "orderStatus", user, oid }),
  clearinghouseState: (user: string) => ({ type: "clearinghouseState", user }),
  spotClearinghouseState: (user: string) => ({ type: "spotClearinghouseState", user }),
  userRole: (user: string) => ({ type: "userRole", user }),
  userFillsByTime: (user: string, startTime: number) => ({ type: "userFillsByTime", user, startTime }),
  userRateLimit: (user: string) => ({ type: "userRateLimit", user }),
  historicalOrders: (user: string) => ({ type: "historicalOrders", user })
} as const
