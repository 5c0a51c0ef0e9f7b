import * as BigDecimal from "effect/BigDecimal"
import type { OrderBookView } from "../../src/book/OrderBookView.js"

/**
 * Throws unless the view is consistent: a non-live view has no levels; a live view has strictly
 * ordered levels (bids descending, asks ascending), positive sizes, best bid below best ask, and its
 * integer accessors and flat integer arrays agree with its exact levels.
 */
export const assertConsistent = (view: OrderBookView): void => {
  const fail = (what: string) => {
    throw new Error(`inconsistent ${view.state} view at ${view.sequence}: ${what}`)
  }
  if (view.state !== "live") {
    if (
      view.bids.length !== 0 || view.asks.length !== 0 || view.bestBid !== undefined || view.bestAsk !== undefined ||
      view.bidsScaled.length !== 0 || view.asksScaled.length !== 0 || view.bidCount !== 0 || view.askCount !== 0
    ) {
      fail("a non-live view carries levels")
    }
    if (view.state === "stale" && (view.reason === undefined || view.reason === "")) fail("stale without a reason")
    return
  }
  if (view.sequence === undefined) fail("live without a sequence")
  const { asks, bids } = view
  if (bids.length !== view.bidCount || asks.length !== view.askCount) fail("level counts")
  if (view.bidsScaled.length !== 2 * bids.length || view.asksScaled.length !== 2 * asks.length) fail("scaled lengths")
  for (let i = 0; i < bids.length; i++) {
    const [price, size] = bids[i]!
    if (!BigDecimal.isPositive(size)) fail(`bid size ${BigDecimal.format(size)} is not positive`)
    if (!BigDecimal.isPositive(price)) fail("bid price is not positive")
    if (i > 0 && !BigDecimal.lessThan(price, bids[i - 1]![0])) fail("bids are not strictly descending")
    if (!BigDecimal.equals(view.priceOf(view.bidTicks(i)), price)) fail("bid ticks disagree")
    if (!BigDecimal.equals(view.sizeOf(view.bidLots(i)), size)) fail("bid lots disagree")
    if (view.bidsScaled[2 * i] !== view.bidTicks(i) || view.bidsScaled[2 * i + 1] !== view.bidLots(i)) {
      fail("bidsScaled disagrees")
    }
  }
  for (let i = 0; i < asks.length; i++) {
    const [price, size] = asks[i]!
    if (!BigDecimal.isPositive(size)) fail(`ask size ${BigDecimal.format(size)} is not positive`)
    if (i > 0 && !BigDecimal.greaterThan(price, asks[i - 1]![0])) fail("asks are not strictly ascending")
    if (!BigDecimal.equals(view.priceOf(view.askTicks(i)), price)) fail("ask ticks disagree")
    if (!BigDecimal.equals(view.sizeOf(view.askLots(i)), size)) fail("ask lots disagree")
    if (view.asksScaled[2 * i] !== view.askTicks(i) || view.asksScaled[2 * i + 1] !== view.askLots(i)) {
      fail("asksScaled disagrees")
    }
  }
  if (bids.length > 0 && asks.length > 0 && !BigDecimal.lessThan(bids[0]![0], asks[0]![0])) {
    fail(`crossed: ${BigDecimal.format(bids[0]![0])} >= ${BigDecimal.format(asks[0]![0])}`)
  }
  if ((view.bestBid === undefined) !== (bids.length === 0) || (view.bestAsk === undefined) !== (asks.length === 0)) {
    fail("best bid/ask disagree with the levels")
  }
}
