/**
 * The kernel's connector: precise error unions for market data.
 */
import { assert, describe, it } from "@effect/vitest"
import { InsufficientFunds, RateLimited } from "../../src/errors/ExchangeError.js"
import type { MarketDataError } from "../../src/Exchange.js"
import { marketDataError } from "../../src/kernel/Connector.js"

describe("Connector", () => {
  it("a market-data call cannot fail with an order or funds error, by its type", () => {
    const check = (e: MarketDataError) =>
      // @ts-expect-error: InsufficientFunds is not a market-data error
      e._tag === "InsufficientFunds"
    assert.isFalse(check(new RateLimited({ venue: "binance" })))
  })

  it("a venue code that maps to a trading error on a market-data call is reported as InvalidRequest", () => {
    const e = marketDataError(
      new InsufficientFunds({ venue: "bybit", venueCode: "110007", venueMessage: "ab not enough", endpoint: "GET /x" })
    )
    assert.strictEqual(e._tag, "InvalidRequest")
    assert.strictEqual(e.venueCode, "110007")
    assert.include(e.message, "InsufficientFunds")
    const kept = new RateLimited({ venue: "bybit", retryAfterMs: 100 })
    assert.strictEqual(marketDataError(kept), kept)
  })
})
