/**
 * An account's orders and fills as venues list them: the open orders of one kind of instrument (a
 * spot endpoint lists no perpetual's orders, and the other way round), the history of one
 * instrument page by page (from an id and/or within a time window), and an order's average fill
 * price.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../../model/Decimal.js"
import type { Engine } from "../../engine/Engine.js"
import type { Instrument } from "../../engine/Instrument.js"
import type { Fill, Order } from "../../engine/Order.js"
import { page } from "./Params.js"

/**
 * A page's bounds: records from id `from` and/or within `startTime`..`endTime`.
 * @since 0.1.0
 */
export interface Window {
  readonly from?: number | undefined
  readonly startTime?: number | undefined
  readonly endTime?: number | undefined
}

/**
 * An account's open orders on instruments of one kind, of one instrument when `symbol` is given,
 * each with its instrument.
 * @since 0.1.0
 */
export const openOrdersOf = <K extends Instrument["kind"]>(
  engine: Engine,
  accountId: string,
  kind: K,
  symbol?: string | undefined
): ReadonlyArray<{ readonly order: Order; readonly instrument: Extract<Instrument, { readonly kind: K }> }> =>
  engine.openOrders(accountId, symbol).flatMap((order) => {
    const instrument = engine.instrument(order.symbol)
    return instrument?.kind === kind
      ? [{ order, instrument: instrument as Extract<Instrument, { readonly kind: K }> }]
      : []
  })

/**
 * A page of an account's orders on one instrument, oldest first, by order id and creation time
 * (`Params.page`).
 * @since 0.1.0
 */
export const ordersPage = (
  engine: Engine,
  accountId: string,
  symbol: string,
  window: Window,
  limit: number
): ReadonlyArray<Order> =>
  page(
    engine.orders(accountId).filter((o) => o.symbol === symbol),
    window,
    limit,
    (o) => o.orderId,
    (o) => o.createdAt
  )

/**
 * A page of an account's fills on one instrument (of one order when `orderId` is given), oldest
 * first, by trade id and time (`Params.page`).
 * @since 0.1.0
 */
export const fillsPage = (
  engine: Engine,
  accountId: string,
  symbol: string,
  window: Window & { readonly orderId?: number | undefined },
  limit: number
): ReadonlyArray<Fill> =>
  page(
    engine.fills(accountId, symbol).filter((f) => window.orderId === undefined || f.orderId === window.orderId),
    window,
    limit,
    (f) => f.tradeId,
    (f) => f.time
  )

/**
 * The average fill price of an order (`undefined` before its first fill), rounded to `scale`
 * decimals.
 * @since 0.1.0
 */
export const averagePrice = (o: Order, scale = 8): Decimal | undefined =>
  BigDecimal.isZero(o.executedQuantity)
    ? undefined
    : BigDecimal.round(BigDecimal.unsafeDivide(o.cumulativeQuote, o.executedQuantity), { scale })
