/**
 * The Binance family's user data, as both products report it: what an engine event means on a
 * private stream (an execution type with its fill), per account and kind of instrument. Spot
 * serves it on the WebSocket API (`spot/userData.ts`), USDⓈ-M on listen-key streams
 * (`usdm/userData.ts`); each product's `userData` adds its routes and connections to the dialect.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/user-data-stream
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Engine, EngineEvent } from "../../engine/Engine.js"
import type { Fill, Order } from "../../engine/Order.js"
import type { WsConnection } from "../../server/WsConnection.js"
import type { FamilyOptions } from "./BinanceFamily.js"
import type { Route } from "./Route.js"

/** A product's user data: its routes, and the connections it takes over (`true`). @since 0.1.0 */
export interface UserData {
  readonly routes: ReadonlyArray<Route>
  readonly connect: (connection: WsConnection) => boolean
}

/** How a product serves user data, made once per dialect. @since 0.1.0 */
export type MakeUserData = (options: FamilyOptions & { readonly venue: string }) => UserData

/** An execution to report: the order, its execution type (`NEW`, `TRADE`, …) and fill. @since 0.1.0 */
export interface Execution {
  readonly order: Order
  readonly x: string
  readonly fill: Fill | undefined
}

/**
 * What an engine event means on a user data stream, or nothing (a maker's order update whose fill
 * was already reported as `TRADE`).
 */
const execution = (
  e: Extract<EngineEvent, { readonly _tag: "AccountFill" | "OrderUpdated" }>,
  engine: Engine
): Execution | undefined => {
  if (e._tag === "AccountFill") {
    const order = engine.orders(e.fill.accountId).find((o) => o.orderId === e.fill.orderId)
    return order === undefined ? undefined : { order, x: "TRADE", fill: e.fill }
  }
  if (e.fill !== undefined) return undefined
  const o = e.order
  switch (o.status) {
    case "new":
      return BigDecimal.isZero(o.executedQuantity) ? { order: o, x: "NEW", fill: undefined } : undefined
    case "canceled":
      return { order: o, x: "CANCELED", fill: undefined }
    case "expired":
      return { order: o, x: "EXPIRED", fill: undefined }
    default:
      return undefined
  }
}

/**
 * Calls `f` with each execution of an account on instruments of one kind; returns what stops it.
 * @since 0.1.0
 */
export const onExecution = (
  engine: Engine,
  accountId: string,
  kind: "spot" | "perp",
  f: (execution: Execution) => void
): () => void =>
  engine.subscribe((e) => {
    if (e._tag !== "AccountFill" && e._tag !== "OrderUpdated") return
    const { accountId: owner, symbol } = e._tag === "AccountFill" ? e.fill : e.order
    if (owner !== accountId || engine.instrument(symbol)?.kind !== kind) return
    const r = execution(e, engine)
    if (r !== undefined) f(r)
  })
