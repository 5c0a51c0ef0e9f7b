/**
 * What the OKX dialect keeps beside the engine: orders it accepted and cancelled itself (a
 * post-only order that would have taken liquidity: OKX accepts it, then cancels it with
 * `cancelSource: "31"`; the engine never held it), and the client order ids it made up for
 * orders placed without one (OKX then reports `clOrdId: ""`).
 *
 * @since 0.1.0
 */
import type { Order } from "../../engine/Order.js"

/**
 * An order the venue cancelled itself.
 * @since 0.1.0
 */
export interface VenueCancelled {
  readonly ordId: string
  readonly order: Order
  readonly cancelSource: string
}

/**
 * @since 0.1.0
 */
export class DialectState {
  readonly venueCancelled: Array<VenueCancelled> = []
  readonly madeUpIds = new Set<string>()
  /** Request counts per limit scope and 2-second window. */
  readonly counters = new Map<string, { window: number; used: number }>()

  findCancelled(accountId: string, symbol: string, ordId: string | undefined, clOrdId: string | undefined) {
    return this.venueCancelled.find((v) =>
      v.order.accountId === accountId && v.order.symbol === symbol &&
      (ordId !== undefined ? v.ordId === ordId : v.order.clientOrderId === clOrdId)
    )
  }
}
