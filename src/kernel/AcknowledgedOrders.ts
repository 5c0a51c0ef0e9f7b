/**
 * Venues whose create / amend / cancel answer ids only (Bybit, OKX): each such call is followed by a
 * query of the order, asking again while rate limited or unreachable (`Persist`), so the caller
 * gets the order as the venue then knows it. A placement whose order cannot be queried at all is
 * reported as accepted (`Order.accepted`), never sent again. A batch answers one acknowledgement
 * per item; each item's failure stays that item's.
 *
 * @since 0.1.0
 */
import * as Arr from "effect/Array"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { ExchangeUnavailable, InvalidOrder, OrderNotFound } from "../errors/ExchangeError.js"
import type { OrderRef, TradingError } from "../Exchange.js"
import type { Market } from "../model/Market.js"
import * as OrderModel from "../model/Order.js"
import type { Order, OrderRequest } from "../model/Order.js"
import { persist } from "./Persist.js"
import type { PreparedOrder, VenueApi } from "./VenueAdapter.js"

/**
 * How a venue's orders are read back.
 * @since 0.1.0
 */
export interface Spec<Raw, S> {
  readonly venue: string
  /** How long a query keeps asking while rate limited (`defaultWithin` when not given). */
  readonly within?: Duration.DurationInput | undefined
  /** The venue's order by exchange id or client order id (`found` helps: `OrderNotFound` when none). */
  readonly lookupRaw: (api: VenueApi<S>, market: Market, ref: OrderRef) => Effect.Effect<Raw, TradingError>
  /** The venue's order as a unified one. */
  readonly toOrder: (market: Market, raw: Raw) => Order
  /**
   * The venue's reason when it cancelled this post-only order because it would have taken
   * liquidity (Bybit's `EC_PostOnlyWillTakeLiquidity`): such an order is refused with
   * `InvalidOrder(post_only_would_cross)`.
   */
  readonly postOnlyCancelled: (raw: Raw) => string | undefined
  /** The `venueStatus` of an order known only from its acknowledgement (Bybit's `Created`). */
  readonly acceptedStatus: string
}

/**
 * How long the query that follows a create / amend / cancel keeps asking while rate limited, unless
 * the venue says otherwise: 30 s.
 * @since 0.1.0
 */
export const defaultWithin: Duration.DurationInput = Duration.seconds(30)

/**
 * The order a query answered for `ref`, or `OrderNotFound` naming the endpoint.
 * @since 0.1.0
 */
export const found = <A>(
  venue: string,
  endpoint: string,
  ref: OrderRef,
  order: A | undefined
): Effect.Effect<A, TradingError> =>
  order === undefined
    ? Effect.fail(new OrderNotFound({ venue, endpoint, orderId: ref.id, clientOrderId: ref.clientOrderId }))
    : Effect.succeed(order)

/**
 * The reads of one venue: `lookup` (once), `queried` (the order an id-only answer named, asked
 * again while rate limited), `placed` (the same after a create, falling back to the accepted order),
 * `lookupEach` (the orders of several ids, those that can be found), and the per-item results of a
 * batch from its acknowledgements (`placedEach`, `cancelledEach`).
 * @since 0.1.0
 */
export const make = <Raw, S>(spec: Spec<Raw, S>) => {
  const within = spec.within ?? defaultWithin
  const check = (market: Market, raw: Raw): Either.Either<Order, TradingError> => {
    const order = spec.toOrder(market, raw)
    const reason = order.postOnly ? spec.postOnlyCancelled(raw) : undefined
    return reason === undefined ? Either.right(order) : Either.left(
      new InvalidOrder({
        venue: spec.venue,
        reason: "post_only_would_cross",
        venueMessage: reason,
        detail: `post-only order ${order.id} would have taken liquidity and was cancelled by ${spec.venue}`
      })
    )
  }
  const lookup = (api: VenueApi<S>, market: Market, ref: OrderRef): Effect.Effect<Order, TradingError> =>
    Effect.flatMap(spec.lookupRaw(api, market, ref), (raw) => check(market, raw))
  const queried = (api: VenueApi<S>, market: Market, id: string) =>
    persist(api.signed(lookup(api, market, { symbol: market.symbol, id })), within, api.rest)
  const placed = (
    api: VenueApi<S>,
    market: Market,
    request: OrderRequest,
    ack: { readonly id: string; readonly clientOrderId: string }
  ): Effect.Effect<Order, TradingError> =>
    Effect.matchEffect(
      persist(api.signed(spec.lookupRaw(api, market, { symbol: market.symbol, id: ack.id })), within, api.rest),
      {
        onSuccess: (raw) => check(market, raw),
        onFailure: (error) =>
          Effect.as(
            Effect.logWarning(
              `[${spec.venue}] order ${ack.id} was accepted but could not be queried: ${error.message}`
            ),
            OrderModel.accepted(market, request, { ...ack, venueStatus: spec.acceptedStatus })
          )
      }
    )
  /** The orders of these ids that can be looked up (after a cancel-all that answers ids only). */
  const lookupEach = (api: VenueApi<S>, market: Market, ids: ReadonlyArray<string>) =>
    Effect.map(
      Effect.forEach(ids, (id) => Effect.option(lookup(api, market, { symbol: market.symbol, id })), {
        concurrency: 4
      }),
      Arr.getSomes
    )
  /**
   * A batch placement's per-item results: an item's own failure, or its order read back; an item the
   * venue answered no ids for is ambiguous (the kernel resolves it by client order id).
   */
  const placedEach = (api: VenueApi<S>, items: ReadonlyArray<PreparedOrder>, acks: (index: number) => ItemAck) =>
    eachItem(items, (item, i) =>
      Either.flatMap(acks(i), (ack) =>
        ack === undefined
          ? Either.left(
            new ExchangeUnavailable({ venue: spec.venue, outcome: "ambiguous", detail: "no result for this item" })
          )
          : Either.right(placed(api, item.market, item.request, ack))))
  /** A batch cancel's per-item results; an item the venue answered no ids for is looked up by its ref. */
  const cancelledEach = (
    api: VenueApi<S>,
    items: ReadonlyArray<{ readonly market: Market; readonly ref: OrderRef }>,
    acks: (index: number) => ItemAck
  ) =>
    eachItem(items, (item, i) =>
      Either.map(acks(i), (ack) =>
        ack === undefined
          ? persist(api.signed(lookup(api, item.market, item.ref)), within, api.rest)
          : queried(api, item.market, ack.id)))
  return { lookup, queried, placed, lookupEach, placedEach, cancelledEach }
}

/**
 * One item's acknowledgement in a batch answer: its own failure, the ids the venue gave it, or
 * `undefined` when the venue answered none for it.
 * @since 0.1.0
 */
export type ItemAck = Either.Either<{ readonly id: string; readonly clientOrderId: string } | undefined, TradingError>

/**
 * Per-item results of a batch: an item is its own failure (`Left`) or the read that gives its order.
 * @since 0.1.0
 */
export const eachItem = <Item>(
  items: ReadonlyArray<Item>,
  result: (item: Item, index: number) => Either.Either<Effect.Effect<Order, TradingError>, TradingError>
): Effect.Effect<Array<Either.Either<Order, TradingError>>> =>
  Effect.forEach(items, (item, i) =>
    Either.match(result(item, i), {
      onLeft: (e) => Effect.succeed(Either.left(e)),
      onRight: Effect.either
    }), { concurrency: 4 })
