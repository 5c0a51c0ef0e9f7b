/**
 * What one execution moves in the ledger: on spot, the buyer's quote and the seller's base change
 * hands less commissions; on a perpetual, both orders' margin shrinks to what is left of them,
 * both positions move (realizing PnL on the closed part), and commissions are paid in the settle
 * asset.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import type { Decimal } from "../../model/Decimal.js"
import { roundToStep, unsafe, zero } from "../../model/Decimal.js"
import type { EngineState } from "./EngineState.js"
import type { PerpInstrument, SpotInstrument } from "./Instrument.js"
import type { Order } from "./Order.js"
import { remaining } from "./OrderBook.js"
import type { Positions } from "./Positions.js"
import { marginFor } from "./Positions.js"

/**
 * The commissions an execution charged.
 * @since 0.1.0
 */
export interface Settled {
  readonly buyerCommission: Decimal
  readonly buyerCommissionAsset: string
  readonly sellerCommission: Decimal
  readonly sellerCommissionAsset: string
}

/**
 * One execution between a buyer's and a seller's order.
 * @since 0.1.0
 */
export interface Execution {
  readonly buyer: Order
  readonly seller: Order
  readonly price: Decimal
  readonly quantity: Decimal
  /** price × quantity. */
  readonly quoteAmount: Decimal
  readonly buyerRate: Decimal
  readonly sellerRate: Decimal
  readonly now: number
}

const COMMISSION_STEP = unsafe("0.00000001")

const commissionOn = (amount: Decimal, rate: Decimal): Decimal =>
  roundToStep(BigDecimal.multiply(amount, rate), COMMISSION_STEP, "up")

/** Advances an order by an execution. */
const advance = (order: Order, quantity: Decimal, quoteAmount: Decimal, now: number): void => {
  order.executedQuantity = BigDecimal.sum(order.executedQuantity, quantity)
  order.cumulativeQuote = BigDecimal.sum(order.cumulativeQuote, quoteAmount)
  order.status = BigDecimal.equals(order.executedQuantity, order.quantity) ? "filled" : "partially_filled"
  order.updatedAt = now
}

/**
 * A spot execution: the buyer pays quote from its lock (a price improvement comes back free) and
 * receives base less commission; the seller pays base from its lock and receives quote less
 * commission. Both orders advance.
 * @since 0.1.0
 */
export const settleSpot = (state: EngineState, instrument: SpotInstrument, e: Execution): Settled => {
  const { ledger } = state
  const { base, quote } = instrument
  const { buyer, quantity, quoteAmount, seller } = e
  const buyerLockUsed = buyer.price !== undefined ? BigDecimal.multiply(buyer.price, quantity) : quoteAmount
  buyer.locked = BigDecimal.subtract(buyer.locked, buyerLockUsed)
  ledger.spendLocked(buyer.accountId, quote, buyerLockUsed)
  const priceImprovement = BigDecimal.subtract(buyerLockUsed, quoteAmount)
  if (BigDecimal.isPositive(priceImprovement)) ledger.credit(buyer.accountId, quote, priceImprovement)
  const buyerCommission = commissionOn(quantity, e.buyerRate)
  ledger.credit(buyer.accountId, base, BigDecimal.subtract(quantity, buyerCommission))
  ledger.collectFee(base, buyerCommission)

  seller.locked = BigDecimal.subtract(seller.locked, quantity)
  ledger.spendLocked(seller.accountId, base, quantity)
  const sellerCommission = commissionOn(quoteAmount, e.sellerRate)
  ledger.credit(seller.accountId, quote, BigDecimal.subtract(quoteAmount, sellerCommission))
  ledger.collectFee(quote, sellerCommission)
  advance(buyer, quantity, quoteAmount, e.now)
  advance(seller, quantity, quoteAmount, e.now)
  return { buyerCommission, buyerCommissionAsset: base, sellerCommission, sellerCommissionAsset: quote }
}

/**
 * A perpetual execution: both orders advance, their margin shrinks to what is left of them, both
 * positions move, and commissions are paid in the settle asset.
 * @since 0.1.0
 */
export const settlePerp = (
  state: EngineState,
  positions: Positions,
  instrument: PerpInstrument,
  e: Execution
): Settled => {
  const { ledger } = state
  const commissions: Array<Decimal> = []
  for (const [order, rate] of [[e.buyer, e.buyerRate], [e.seller, e.sellerRate]] as const) {
    advance(order, e.quantity, e.quoteAmount, e.now)
    const leverage = positions.leverage(order.accountId, order.symbol)
    const lock = order.reduceOnly
      ? zero
      : order.price !== undefined
      ? marginFor(BigDecimal.multiply(order.price, remaining(order)), leverage)
      : BigDecimal.max(zero, BigDecimal.subtract(order.locked, marginFor(e.quoteAmount, leverage)))
    const freed = BigDecimal.subtract(order.locked, lock)
    if (BigDecimal.isPositive(freed)) {
      ledger.unlock(order.accountId, instrument.settle, freed)
      order.locked = lock
    }
    positions.applyFill(order.accountId, instrument, order.side, e.quantity, e.price, e.now)
    const commission = commissionOn(e.quoteAmount, rate)
    ledger.credit(order.accountId, instrument.settle, BigDecimal.negate(commission))
    ledger.collectFee(instrument.settle, commission)
    commissions.push(commission)
  }
  return {
    buyerCommission: commissions[0]!,
    buyerCommissionAsset: instrument.settle,
    sellerCommission: commissions[1]!,
    sellerCommissionAsset: instrument.settle
  }
}
