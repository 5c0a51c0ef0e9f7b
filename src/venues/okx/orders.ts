/**
 * OKX v5 order mapping: the request bodies and queries of the trade and account endpoints, built
 * from unified values, and the answers read back into unified ones. Pure functions: nothing here
 * sends a request.
 *
 * - `tdMode`: `cash` for SPOT; `cross` (default) or `isolated` for SWAP.
 * - Time in force and post-only travel in `ordType`: `limit` (GTC), `post_only`, `ioc`, `fok`,
 *   `market`. OKX has no FOK market order.
 * - Sizes: SWAP `sz` is in contracts, converted exactly from the unified base quantity (and refused
 *   when not a whole multiple of `lotSz`); SPOT market orders send `tgtCcy: base_ccy` so `sz` is the
 *   base quantity for buys too (OKX's default for a market buy is the quote currency).
 * - `clOrdId`: "a combination of case-sensitive alphanumerics, all numbers, or all letters of up to
 *   32 characters".
 * - Position mode: in `long_short_mode` a SWAP order carries `posSide` (`long`/`short`, a closing
 *   order the side it closes) and no `reduceOnly`; in `net_mode` it carries `reduceOnly`.
 * - A post-only order that would take liquidity is accepted and then cancelled by OKX with
 *   `cancelSource: "31"`; that is reported as `InvalidOrder(post_only_would_cross)`.
 *
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { InvalidOrder, NotSupported } from "../../errors/ExchangeError.js"
import type { Capabilities, OrderAmendment, OrderRef } from "../../Exchange.js"
import type * as ClientOrderId from "../../kernel/ClientOrderId.js"
import type { KeyReport } from "../../kernel/HealthCheck.js"
import type { Balance } from "../../model/Balance.js"
import * as Decimal from "../../model/Decimal.js"
import { type Market, symbolsOf } from "../../model/Market.js"
import { type Order, type OrderRequest, type OrderStatus, statusTable } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import { toBase, toWireSize, VENUE } from "./convert.js"
import * as Endpoints from "./endpoints.js"
import type * as Wire from "./wire.js"

/** @since 0.1.0 */
export const tradingCapabilities: Partial<Capabilities["trading"]> = {
  reduceOnly: true,
  amend: true,
  batchPlaceMax: Endpoints.batchLimits.place,
  batchCancelMax: Endpoints.batchLimits.cancel
}

/**
 * Margin mode of SWAP orders.
 * @since 0.1.0
 */
export type MarginMode = "cross" | "isolated"

/**
 * The account's position mode (`/account/config` `posMode`).
 * @since 0.1.0
 */
export type PositionMode = "net_mode" | "long_short_mode"

/**
 * What an order body depends on besides the request.
 * @since 0.1.0
 */
export interface OrderContext {
  readonly marginMode: MarginMode
  readonly positionMode: PositionMode
}

/** @since 0.1.0 */
export const defaultContext: OrderContext = { marginMode: "cross", positionMode: "net_mode" }

/**
 * Order state → unified status. https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details
 * @since 0.1.0
 */
export const orderStatus: (state: string) => OrderStatus = statusTable({
  open: ["live"],
  partially_filled: ["partially_filled"],
  filled: ["filled"],
  canceled: ["canceled", "mmp_canceled"]
})

/**
 * `cancelSource` "31": "The post-only order will take liquidity in taker orders".
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-order-details
 * @since 0.1.0
 */
export const POST_ONLY_WOULD_TAKE = "31"

/**
 * An OKX order → the unified order, sizes in base units (a SPOT market order sized in the quote
 * currency: its filled base quantity). An IOC/FOK/market remainder cancelled by OKX is `expired`.
 * @since 0.1.0
 */
export const toOrder = (market: Market, o: Wire.Order): Order => {
  const isMarket = o.ordType === "market" || o.ordType === "optimal_limit_ioc"
  const tif = o.ordType === "ioc" ? "IOC" : o.ordType === "fok" ? "FOK" : o.ordType === "limit" ? "GTC" : undefined
  const status = orderStatus(o.state)
  const selfCanceled = isMarket || o.ordType === "ioc" || o.ordType === "fok"
  const filled = o.accFillSz === undefined ? Decimal.zero : toBase(market, o.accFillSz)
  // A SPOT market order sized in the quote currency (`tgtCcy: quote_ccy`, OKX's default for a
  // market buy placed elsewhere): its base quantity is what it filled.
  const quoteSized = market.type === "spot" && isMarket && o.tgtCcy === "quote_ccy"
  return {
    id: o.ordId,
    ...(o.clOrdId !== "" ? { clientOrderId: o.clOrdId } : {}),
    ...symbolsOf(market),
    side: o.side,
    type: isMarket ? "market" : "limit",
    ...(tif !== undefined ? { timeInForce: tif } : {}),
    postOnly: o.ordType === "post_only",
    reduceOnly: o.reduceOnly === "true",
    ...(!isMarket && o.px !== undefined && BigDecimal.isPositive(o.px) ? { price: o.px } : {}),
    quantity: quoteSized ? filled : toBase(market, o.sz),
    filledQuantity: filled,
    ...(o.avgPx !== undefined && BigDecimal.isPositive(o.avgPx)
      ? {
        averagePrice: o.avgPx,
        filledQuote: BigDecimal.normalize(BigDecimal.multiply(o.avgPx, filled))
      }
      : {}),
    status: status === "canceled" && selfCanceled ? "expired" : status,
    venueStatus: o.state,
    createdAt: o.cTime,
    updatedAt: o.uTime
  }
}

/**
 * Whether OKX cancelled this post-only order because it would have taken liquidity.
 * @since 0.1.0
 */
export const postOnlyWouldTake = (o: Wire.Order): boolean =>
  o.ordType === "post_only" && o.state === "canceled" && o.cancelSource === POST_ONLY_WOULD_TAKE

/**
 * Client order ids LotusX generates: alphanumeric, 32 characters.
 * @since 0.1.0
 */
export const clientOrderIdFormat: ClientOrderId.ClientOrderIdFormat = { prefix: "lx", length: 32 }
const CLIENT_ORDER_ID = /^[A-Za-z0-9]{1,32}$/

/**
 * Checks a caller's `clOrdId`.
 * @since 0.1.0
 */
export const checkClientOrderId = (id: string): Either.Either<string, NotSupported> =>
  CLIENT_ORDER_ID.test(id)
    ? Either.right(id)
    : Either.left(
      new NotSupported({ venue: VENUE, feature: `client order id "${id}" (OKX allows 1–32 letters and digits)` })
    )

/**
 * `ordType` for a request.
 * @since 0.1.0
 */
export const ordType = (request: OrderRequest): Either.Either<string, NotSupported> => {
  if (request.type === "market") {
    return request.timeInForce === "FOK"
      ? Either.left(new NotSupported({ venue: VENUE, feature: "FOK market orders (OKX market orders are IOC)" }))
      : Either.right("market")
  }
  if (request.postOnly === true) {
    return request.timeInForce === "IOC" || request.timeInForce === "FOK"
      ? Either.left(new NotSupported({ venue: VENUE, feature: `post-only ${request.timeInForce} orders` }))
      : Either.right("post_only")
  }
  return Either.right(request.timeInForce === "IOC" ? "ioc" : request.timeInForce === "FOK" ? "fok" : "limit")
}

/**
 * `posSide` in long/short mode: an opening buy is `long`, an opening sell `short`; a reduce-only
 * order names the side it closes (a buy closes `short`).
 * @since 0.1.0
 */
export const posSide = (request: OrderRequest): "long" | "short" =>
  request.reduceOnly === true
    ? (request.side === "buy" ? "short" : "long")
    : (request.side === "buy" ? "long" : "short")

/**
 * The body of `POST /api/v5/trade/order` (and one item of `batch-orders`). Fails, before anything is
 * signed, on an unsupported combination or a SWAP quantity that is not a whole number of lots.
 * @since 0.1.0
 */
export const orderBody = (
  market: Market,
  request: OrderRequest,
  clientOrderId: string,
  context: OrderContext = defaultContext
): Either.Either<Record<string, string | boolean>, InvalidOrder | NotSupported> =>
  Either.gen(function*() {
    const type = yield* ordType(request)
    if (request.reduceOnly === true && market.type === "spot") {
      return yield* Either.left(new NotSupported({ venue: VENUE, feature: "reduce-only orders on a spot market" }))
    }
    const sz = yield* toWireSize(market, request.quantity)
    const spot = market.type === "spot"
    const hedged = !spot && context.positionMode === "long_short_mode"
    return {
      instId: market.symbol,
      tdMode: spot ? "cash" : context.marginMode,
      side: request.side,
      ...(hedged ? { posSide: posSide(request) } : {}),
      ordType: type,
      sz: Decimal.format(sz),
      ...(request.price !== undefined ? { px: Decimal.format(request.price) } : {}),
      ...(spot && request.type === "market" ? { tgtCcy: "base_ccy" } : {}),
      ...(request.reduceOnly === true && !hedged ? { reduceOnly: true } : {}),
      clOrdId: clientOrderId
    }
  })

/**
 * Which order: `ordId` or `clOrdId`.
 * @since 0.1.0
 */
export const refParams = (ref: OrderRef): Record<string, string> =>
  ref.id !== undefined ? { ordId: ref.id } : { clOrdId: ref.clientOrderId! }

/** Body of `POST /api/v5/trade/cancel-order` (and one item of `cancel-batch-orders`). @since 0.1.0 */
export const cancelBody = (market: Market, ref: OrderRef) => ({ instId: market.symbol, ...refParams(ref) })

/**
 * Body of `POST /api/v5/trade/amend-order`: `newSz` (contracts for a SWAP, refused when not a whole
 * number of lots) and/or `newPx`.
 * @since 0.1.0
 */
export const amendBody = (
  market: Market,
  ref: OrderRef,
  amendment: OrderAmendment
): Either.Either<Record<string, string>, InvalidOrder> =>
  Either.gen(function*() {
    if (amendment.price === undefined && amendment.quantity === undefined) {
      return yield* Either.left(
        new InvalidOrder({ venue: VENUE, reason: "invalid_parameter", detail: "nothing to amend" })
      )
    }
    if (amendment.price !== undefined && !Decimal.isMultipleOf(amendment.price, market.tickSize)) {
      return yield* Either.left(
        new InvalidOrder({
          venue: VENUE,
          reason: "tick_size",
          detail: `price ${Decimal.format(amendment.price)} is not a multiple of the tick size ${
            Decimal.format(market.tickSize)
          }`
        })
      )
    }
    const newSz = amendment.quantity === undefined ? undefined : yield* toWireSize(market, amendment.quantity)
    return {
      instId: market.symbol,
      ...refParams(ref),
      ...(newSz !== undefined ? { newSz: Decimal.format(newSz) } : {}),
      ...(amendment.price !== undefined ? { newPx: Decimal.format(amendment.price) } : {})
    }
  })

/** Query of `GET /api/v5/trade/order`. @since 0.1.0 */
export const orderQuery = (market: Market, ref: OrderRef) => ({ instId: market.symbol, ...refParams(ref) })

/**
 * Query of `GET /api/v5/trade/orders-pending`: one instrument (`instId`), or one instrument type;
 * paged by `after` (an `ordId`).
 * @since 0.1.0
 */
export const pendingQuery = (
  scope: { readonly market: Market } | { readonly instType: "SPOT" | "SWAP" },
  after?: string
) => ({
  ...("market" in scope ? { instId: scope.market.symbol } : { instType: scope.instType }),
  ...(after !== undefined ? { after } : {})
})

/** Query of `GET /api/v5/account/positions`: SWAP positions, or those of some instruments. @since 0.1.0 */
export const positionsQuery = (markets?: ReadonlyArray<Market>) =>
  markets === undefined || markets.length === 0
    ? { instType: "SWAP" }
    : { instId: markets.map((m) => m.symbol).join(",") }

/**
 * Balances from `/account/balance` (and the `account` channel): `cashBal` total, `availBal` free,
 * `frozenBal` locked. Zero balances are left out unless `keepZero` (a push saying a currency is
 * now empty).
 * @since 0.1.0
 */
export const toBalances = (accounts: ReadonlyArray<Wire.Balance>, keepZero = false): ReadonlyArray<Balance> =>
  accounts.flatMap((a) =>
    a.details.flatMap((d) => {
      const total = d.cashBal ?? d.eq
      if (total === undefined || (BigDecimal.isZero(total) && !keepZero)) return []
      const locked = d.frozenBal ?? Decimal.zero
      const free = d.availBal ?? BigDecimal.max(Decimal.zero, BigDecimal.subtract(total, locked))
      return [{ asset: d.ccy, free, locked, total }]
    })
  )

/**
 * A position in base units. In net mode the sign of `pos` is the side; in long/short mode
 * `posSide` is. Empty positions are left out (`undefined`).
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions
 * @since 0.1.0
 */
export const toPosition = (market: Market, p: Wire.Position): Position | undefined => {
  if (BigDecimal.isZero(p.pos)) return undefined
  const side = p.posSide === "long"
    ? "long"
    : p.posSide === "short"
    ? "short"
    : BigDecimal.isNegative(p.pos)
    ? "short"
    : "long"
  return {
    ...symbolsOf(market),
    side,
    size: toBase(market, BigDecimal.abs(p.pos)),
    entryPrice: p.avgPx ?? Decimal.zero,
    ...(p.markPx !== undefined ? { markPrice: p.markPx } : {}),
    ...(p.liqPx !== undefined ? { liquidationPrice: p.liqPx } : {}),
    ...(p.upl !== undefined ? { unrealizedPnl: p.upl } : {}),
    ...(p.lever !== undefined ? { leverage: p.lever } : {}),
    ...(p.mgnMode === "cross" || p.mgnMode === "isolated" ? { marginMode: p.mgnMode } : {}),
    ...(p.uTime !== undefined ? { timestamp: p.uTime } : {})
  }
}

/**
 * Key permissions from `/account/config` `perm` (`read_only`, `trade`, `withdraw`), with the
 * account mode (`acctLv`) and the position mode (`posMode`).
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
 * @since 0.1.0
 */
export const permissions = (config: Wire.AccountConfig): KeyReport => {
  const perm = new Set((config.perm ?? "read_only").split(",").map((s) => s.trim()))
  return {
    read: true,
    trade: perm.has("trade"),
    withdraw: perm.has("withdraw"),
    account: {
      mode: accountModes[config.acctLv] === undefined
        ? `acctLv ${config.acctLv}`
        : `${accountModes[config.acctLv]} (acctLv ${config.acctLv})`,
      positionMode: positionMode(config) === "long_short_mode" ? "long_short" : "net"
    }
  }
}

/**
 * `acctLv` of `/account/config`: "1: Spot mode, 2: Futures mode, 3: Multi-currency margin,
 * 4: Portfolio margin".
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration
 * @since 0.1.0
 */
export const accountModes: Readonly<Record<string, string>> = {
  "1": "spot",
  "2": "futures",
  "3": "multi-currency margin",
  "4": "portfolio margin"
}

/**
 * The position mode from `/account/config`.
 * @since 0.1.0
 */
export const positionMode = (config: Wire.AccountConfig): PositionMode =>
  config.posMode === "long_short_mode" ? "long_short_mode" : "net_mode"
