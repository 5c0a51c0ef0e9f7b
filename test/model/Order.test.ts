/**
 * `orderOf`: the order rules every venue shares (a market order has no price or time in force; zero
 * prices and empty client ids are none; a canceled IOC, FOK or market order is `expired`).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Decimal from "../../src/model/Decimal.js"
import { type OrderFields, orderOf } from "../../src/model/Order.js"

const market = { unified: "BTC/USDT", symbol: "BTCUSDT" }

const fields = (over: Partial<OrderFields>): OrderFields => ({
  id: "1",
  clientOrderId: "c1",
  side: "buy",
  type: "limit",
  timeInForce: "GTC",
  postOnly: false,
  reduceOnly: false,
  price: Decimal.unsafe("100"),
  quantity: Decimal.unsafe("2"),
  filledQuantity: Decimal.unsafe("0"),
  averagePrice: undefined,
  status: "open",
  venueStatus: "New",
  ...over
})

describe("orderOf", () => {
  it("a limit order keeps its price and time in force, with the market's symbols", () => {
    const o = orderOf(market, fields({ createdAt: 5, updatedAt: 6 }))
    assert.strictEqual(o.symbol, "BTC/USDT")
    assert.strictEqual(o.venueSymbol, "BTCUSDT")
    assert.strictEqual(o.timeInForce, "GTC")
    assert.strictEqual(Decimal.format(o.price!), "100")
    assert.strictEqual(o.clientOrderId, "c1")
    assert.deepStrictEqual([o.createdAt, o.updatedAt], [5, 6])
  })

  it("a market order has no price and no time in force; zero prices and an empty client id are none", () => {
    const o = orderOf(
      market,
      fields({ type: "market", timeInForce: "IOC", clientOrderId: "", averagePrice: Decimal.unsafe("0") })
    )
    for (const key of ["price", "timeInForce", "clientOrderId", "averagePrice", "createdAt"] as const) {
      assert.isFalse(key in o, key)
    }
    assert.isFalse("price" in orderOf(market, fields({ price: Decimal.unsafe("0") })))
  })

  it("a canceled IOC, FOK or market order is expired; a canceled GTC order stays canceled", () => {
    const status = (over: Partial<OrderFields>) => orderOf(market, fields({ status: "canceled", ...over })).status
    assert.strictEqual(status({ timeInForce: "IOC" }), "expired")
    assert.strictEqual(status({ timeInForce: "FOK" }), "expired")
    assert.strictEqual(status({ type: "market", timeInForce: undefined }), "expired")
    assert.strictEqual(status({ timeInForce: "GTC" }), "canceled")
    assert.strictEqual(status({ timeInForce: undefined, postOnly: true }), "canceled")
    assert.strictEqual(orderOf(market, fields({ status: "filled", timeInForce: "IOC" })).status, "filled")
  })
})
