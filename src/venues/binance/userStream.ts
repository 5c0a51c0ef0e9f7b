/**
 * What the private streams of Binance Spot (`spotUserStream.ts`) and USDⓈ-M (`usdmUserStream.ts`)
 * share: the fields of an execution report (Spot `executionReport`, USDⓈ-M `ORDER_TRADE_UPDATE.o`:
 * the same letters for the same things), the order and the fill they describe, the fill of an
 * entry of the account's trade list, and the per-symbol history reads of reconciliation.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/account-endpoints#account-trade-list-user_data
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Account-Trade-List
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type { TransportError } from "../../errors/ExchangeError.js"
import type { Endpoint } from "../../kernel/RestClient.js"
import type { UserEvent, UserFrame } from "../../kernel/UserStream.js"
import type { VenueApi } from "../../kernel/VenueAdapter.js"
import { fieldsOf } from "../../kernel/WireDecode.js"
import { Decimal } from "../../model/Decimal.js"
import { Id } from "../../model/Id.js"
import { type Market, type Markets, symbolsOf } from "../../model/Market.js"
import type { Fill, Order } from "../../model/Order.js"
import * as Orders from "./orders.js"

/**
 * The execution-report fields both products send: symbol `s`, client id `c`, side `S`, order type
 * `o`, time in force `f`, quantity `q`, price `p`, execution type `x`, status `X`, order id `i`,
 * last filled quantity `l` and price `L`, filled quantity `z`, time `T`, trade id `t`, maker `m`.
 * @since 0.1.0
 */
export const reportFields = {
  ...fieldsOf(Schema.String, "s", "c", "o", "f", "x", "X"),
  S: Schema.Literal("BUY", "SELL"),
  ...fieldsOf(Decimal, "q", "p", "l", "z", "L"),
  ...fieldsOf(Id, "i", "t"),
  T: Schema.Number,
  m: Schema.Boolean
}

/** @since 0.1.0 */
export type Report = Schema.Struct.Type<typeof reportFields>

/**
 * An execution report → the order as it now stands. `extra`: what the product adds (its client id
 * when the report is a cancel's, reduce-only, quote filled, average price, times).
 * @since 0.1.0
 */
export const reportOrder = (
  product: "spot" | "usdm",
  m: Market,
  r: Report,
  extra:
    & Pick<Order, "reduceOnly">
    & Partial<Pick<Order, "clientOrderId" | "filledQuote" | "averagePrice" | "createdAt" | "updatedAt">>
): Order => {
  const isMarket = Orders.isMarketType(product, r.o)
  const postOnly = Orders.isPostOnly(product, r.o, r.f)
  const tif = Orders.timeInForce(r.f)
  return {
    id: r.i,
    clientOrderId: r.c,
    ...symbolsOf(m),
    side: r.S === "BUY" ? "buy" : "sell",
    type: isMarket ? "market" : "limit",
    ...(tif !== undefined && !postOnly && !isMarket ? { timeInForce: tif } : {}),
    postOnly,
    ...(isMarket || !BigDecimal.isPositive(r.p) ? {} : { price: r.p }),
    quantity: r.q,
    filledQuantity: r.z,
    status: Orders.orderStatus(r.X),
    venueStatus: r.X,
    ...extra
  }
}

/**
 * An execution report of execution type `TRADE` → the fill (`undefined` otherwise).
 * @since 0.1.0
 */
export const reportFill = (m: Market, r: Report, fee: { readonly fee: Decimal; readonly feeAsset: string }) =>
  r.x !== "TRADE" || !BigDecimal.isPositive(r.l) || !BigDecimal.isPositive(r.L)
    ? undefined
    : {
      id: r.t,
      orderId: r.i,
      clientOrderId: r.c,
      ...symbolsOf(m),
      side: r.S === "BUY" ? "buy" as const : "sell" as const,
      price: r.L,
      quantity: r.l,
      ...fee,
      maker: r.m,
      timestamp: r.T
    }

/**
 * An execution report's events: the fill, if any, then the order.
 * @since 0.1.0
 */
export const reportEvents = (order: Order, fill: Fill | undefined): UserFrame => {
  const events: Array<UserEvent> = fill === undefined ? [] : [{ _tag: "Fill", fill }]
  events.push({ _tag: "Order", order })
  return { _tag: "Events", events }
}

/**
 * The fields of an entry of the account's trade list, both products.
 * @since 0.1.0
 */
export const tradeFields = {
  ...fieldsOf(Id, "id", "orderId"),
  ...fieldsOf(Schema.String, "symbol", "commissionAsset"),
  ...fieldsOf(Decimal, "price", "qty", "commission"),
  time: Schema.Number
}

/**
 * A trade-list entry → a fill.
 * @since 0.1.0
 */
export const tradeFill = (
  m: Market,
  t: Schema.Struct.Type<typeof tradeFields>,
  side: "buy" | "sell",
  maker: boolean
): Fill => ({
  id: t.id,
  orderId: t.orderId,
  ...symbolsOf(m),
  side,
  price: t.price,
  quantity: t.qty,
  fee: t.commission,
  feeAsset: t.commissionAsset,
  maker,
  timestamp: t.time
})

/**
 * A reconciliation read of the user streams: `endpoint` asked once per market of `type` the account
 * touched (Binance's account-history endpoints answer per symbol: `myTrades`, `userTrades`,
 * `allOrders`), from `since`, up to 1000 items, two markets at a time; each item mapped, everything in
 * time order.
 * @since 0.1.0
 */
export const historySince = <W, I, A>(
  endpoint: Endpoint<ReadonlyArray<W>, I>,
  type: Market["type"],
  map: (m: Market, w: W) => A,
  time: (a: A) => number
) =>
(
  api: VenueApi<{}>,
  _markets: Markets,
  since: number,
  active: ReadonlyArray<Market>
): Effect.Effect<ReadonlyArray<A>, TransportError> =>
  Effect.map(
    Effect.forEach(
      active.filter((m) => m.type === type),
      (m) =>
        Effect.map(
          api.rest.request(endpoint, { query: { symbol: m.symbol, startTime: String(since), limit: "1000" } }),
          (list) => list.map((w) => map(m, w))
        ),
      { concurrency: 2 }
    ),
    (lists) => lists.flat().sort((a, b) => time(a) - time(b))
  )
