/**
 * `lotusx watch-orders --exchange X [--symbol S] [--count N] [--duration D]`: the account's live
 * feed from the venue's private stream — orders (every status change), fills (with fee), balances,
 * positions, and the stream's state (`reconciling` after each connect) — one line each, or one
 * JSON line each with `--json`. Runs until Ctrl+C, `--count` events or `--duration`. Needs the
 * venue's credentials (they are never printed).
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Exchange } from "../../Exchange.js"
import type { Balance } from "../../model/Balance.js"
import { format } from "../../model/Decimal.js"
import type { Fill, Order } from "../../model/Order.js"
import type { Position } from "../../model/Position.js"
import * as CliFailure from "../CliFailure.js"
import { CliOutput } from "../CliOutput.js"
import * as Session from "../Session.js"
import * as Watch from "../Watch.js"

/**
 * One line of the feed.
 * @since 0.1.0
 */
export type FeedItem =
  | { readonly kind: "state"; readonly state: string }
  | { readonly kind: "order"; readonly order: Order }
  | { readonly kind: "fill"; readonly fill: Fill }
  | { readonly kind: "balances"; readonly balances: ReadonlyArray<Balance> }
  | { readonly kind: "position"; readonly position: Position }

const status = (o: Order) => (typeof o.status === "string" ? o.status : `unknown(${o.status.raw})`)

const orderJson = (o: Order) => ({
  id: o.id,
  clientOrderId: o.clientOrderId ?? null,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  price: o.price === undefined ? null : format(o.price),
  quantity: format(o.quantity),
  filled: format(o.filledQuantity),
  status: status(o),
  venueStatus: o.venueStatus,
  updatedAt: o.updatedAt ?? null
})

const fillJson = (f: Fill) => ({
  id: f.id,
  orderId: f.orderId,
  symbol: f.symbol,
  side: f.side,
  price: format(f.price),
  quantity: format(f.quantity),
  fee: format(f.fee),
  feeAsset: f.feeAsset,
  maker: f.maker,
  timestamp: f.timestamp
})

const balanceJson = (b: Balance) => ({
  asset: b.asset,
  free: format(b.free),
  locked: format(b.locked),
  total: format(b.total)
})

const positionJson = (p: Position) => ({
  symbol: p.symbol,
  side: p.side,
  size: format(p.size),
  entryPrice: format(p.entryPrice),
  timestamp: p.timestamp ?? null
})

const itemFields = (item: FeedItem) => {
  switch (item.kind) {
    case "state":
      return { state: item.state }
    case "order":
      return orderJson(item.order)
    case "fill":
      return fillJson(item.fill)
    case "balances":
      return { balances: item.balances.map(balanceJson) }
    case "position":
      return positionJson(item.position)
  }
}

/**
 * The `--json` shape of one item: the exchange, the item's kind, then its fields.
 * @since 0.1.0
 */
export const itemJson = (exchange: string, item: FeedItem) => ({ exchange, kind: item.kind, ...itemFields(item) })

/**
 * One item as a line of text.
 * @since 0.1.0
 */
export const itemLine = (item: FeedItem): string => {
  switch (item.kind) {
    case "state":
      return `state     ${item.state}`
    case "order": {
      const o = item.order
      return `order     ${o.symbol} ${o.id} ${o.side} ${o.type} ${format(o.filledQuantity)}/${format(o.quantity)}${
        o.price === undefined ? "" : ` @ ${format(o.price)}`
      } ${status(o)}`
    }
    case "fill": {
      const f = item.fill
      return `fill      ${f.symbol} ${f.id} order ${f.orderId} ${f.side} ${format(f.quantity)} @ ${
        format(f.price)
      } fee ${format(f.fee)} ${f.feeAsset} ${f.maker ? "maker" : "taker"}`
    }
    case "balances":
      return `balances  ${
        item.balances.filter((b) => !BigDecimal.isZero(b.total)).map((b) =>
          `${b.asset} ${format(b.free)} free / ${format(b.total)}`
        ).join(", ")
      }`
    case "position": {
      const p = item.position
      return `position  ${p.symbol} ${p.side} ${format(p.size)} @ ${format(p.entryPrice)}`
    }
  }
}

/**
 * The merged feed of one exchange (positions only where it has them).
 * @since 0.1.0
 */
export const feed = (exchange: Exchange, symbol: string | undefined) =>
  Stream.mergeAll(
    [
      Stream.map(exchange.userStreamState, (state): FeedItem => ({ kind: "state", state })),
      Stream.map(exchange.watchOrders(symbol), (order): FeedItem => ({ kind: "order", order })),
      Stream.map(exchange.watchFills(symbol), (fill): FeedItem => ({ kind: "fill", fill })),
      Stream.map(exchange.watchBalances, (balances): FeedItem => ({ kind: "balances", balances })),
      ...(exchange.capabilities.streams.positions === true
        ? [
          Stream.map(
            exchange.watchPositions(symbol === undefined ? undefined : [symbol]),
            (position): FeedItem => ({ kind: "position", position })
          )
        ]
        : [])
    ],
    { concurrency: "unbounded" }
  )

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "watch-orders",
  {
    ...Session.exchangeOptions,
    symbol: Options.text("symbol").pipe(
      Options.withAlias("s"),
      Options.withDescription("Only this market's orders, fills and position"),
      Options.optional
    ),
    ...Watch.options("events")
  },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      const limited = yield* Watch.limits(options)
      const { exchange } = yield* Session.connect(options)
      const out = yield* CliOutput
      yield* limited(feed(exchange, Option.getOrUndefined(options.symbol))).pipe(
        Stream.runForEach((item) =>
          Effect.sync(() =>
            out.write(`${options.json ? JSON.stringify(itemJson(exchange.venue, item)) : itemLine(item)}\n`)
          )
        ),
        Effect.mapError((e) => CliFailure.fromError(e))
      )
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Watch the account's orders, fills, balances and positions live"))
