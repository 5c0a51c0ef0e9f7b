/**
 * Orders the Bybit dialect itself accepted and cancelled without the engine ever holding them:
 * a linear `PostOnly` order that would take liquidity. Real Bybit accepts it (create answers with an
 * `orderId`), then cancels it; the order query shows `orderStatus: Cancelled` with
 * `rejectReason: EC_PostOnlyWillTakeLiquidity`. (Spot rejects it at once with 170218.)
 *
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * https://bybit-exchange.github.io/docs/v5/enum#rejectreason
 *
 * @since 0.1.0
 */
import type { Order } from "../../engine/Order.js"

/**
 * One venue-cancelled order: the order as it would have been (status `canceled`), its id (a
 * UUID, as Bybit writes linear order ids, so it never collides with the engine's numeric ids), and
 * why it was cancelled.
 * @since 0.1.0
 */
export interface VenueCancelled {
  readonly id: string
  readonly order: Order
  readonly rejectReason: string
}

/**
 * Per-account store, newest last.
 * @since 0.1.0
 */
export class VenueCancels {
  private readonly byAccount = new Map<string, Array<VenueCancelled>>()

  add(entry: VenueCancelled): void {
    let list = this.byAccount.get(entry.order.accountId)
    if (list === undefined) {
      list = []
      this.byAccount.set(entry.order.accountId, list)
    }
    list.push(entry)
    if (list.length > 1000) list.splice(0, list.length - 1000)
  }

  /** By id, or the newest carrying a client order id, on one of `symbols` (engine ids). */
  find(
    accountId: string,
    symbols: ReadonlyArray<string>,
    ref: { readonly id?: string | undefined; readonly link?: string | undefined }
  ): VenueCancelled | undefined {
    const list = this.byAccount.get(accountId) ?? []
    for (let k = list.length - 1; k >= 0; k--) {
      const e = list[k]!
      if (!symbols.includes(e.order.symbol)) continue
      if (ref.id !== undefined ? e.id === ref.id : ref.link !== undefined && e.order.clientOrderId === ref.link) {
        if (ref.id !== undefined && ref.link !== undefined && e.order.clientOrderId !== ref.link) continue
        return e
      }
    }
    return undefined
  }
}
