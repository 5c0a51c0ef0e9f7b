import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"

/** A Binance-like spot market with ticks of 0.01 and lots of 0.001, for the book tests. */
export const testMarket: Market = {
  venue: "binance",
  symbol: "TESTUSDT",
  unified: "TEST/USDT",
  base: "TEST",
  quote: "USDT",
  type: "spot",
  status: "trading",
  tickSize: Decimal.unsafe("0.01"),
  lotStep: Decimal.unsafe("0.001"),
  minQuantity: Decimal.zero,
  contractSize: Decimal.unsafe("1")
}
