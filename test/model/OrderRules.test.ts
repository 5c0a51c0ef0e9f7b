import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import type { OrderRequest } from "../../src/model/Order.js"
import { checkOrder } from "../../src/model/OrderRules.js"

// A linear contract whose contract stands for 0.01 BTC (OKX's BTC-USDT-SWAP `ctVal`), with a minimum
// notional. The unified quantity is in the base asset on every venue (contracts are the connector's
// wire detail), so the notional of an order is price × quantity, whatever the contract size.
const swap: Market = {
  venue: "test",
  symbol: "BTC-USDT-SWAP",
  unified: "BTC/USDT:USDT",
  base: "BTC",
  quote: "USDT",
  settle: "USDT",
  type: "perp",
  status: "trading",
  tickSize: Decimal.unsafe("0.1"),
  lotStep: Decimal.unsafe("0.01"),
  minQuantity: Decimal.unsafe("0.01"),
  minNotional: Decimal.unsafe("5"),
  contractSize: Decimal.unsafe("0.01")
}

const limit = (price: string, quantity: string): OrderRequest => ({
  symbol: swap.symbol,
  side: "buy",
  type: "limit",
  price: Decimal.unsafe(price),
  quantity: Decimal.unsafe(quantity)
})

describe("checkOrder: minimum notional", () => {
  it("is price × base quantity, not scaled again by the contract size", () => {
    // 100 × 0.1 BTC = 10 USDT ≥ 5: accepted (× 0.01 would make it 0.1 and refuse it)
    assert.isTrue(Either.isRight(checkOrder(swap, limit("100", "0.1"))))
    // 100 × 0.01 BTC = 1 USDT < 5: refused, and the message gives the notional in the quote asset
    const small = checkOrder(swap, limit("100", "0.01"))
    assert.isTrue(Either.isLeft(small))
    if (Either.isLeft(small)) {
      assert.strictEqual(small.left.reason, "min_notional")
      assert.include(small.left.detail, "notional 1 ")
    }
  })
})
