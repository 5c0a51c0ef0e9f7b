/**
 * Bybit order mapping on the venue's own payloads: statuses (https://bybit-exchange.github.io/docs/v5/enum#orderstatus)
 * and the spot market buy placed by quote amount, as Bybit reports it once it has spent its amount
 * (`PartiallyFilledCanceled`, `rejectReason: EC_CancelForNoFullFill`, `qty` in USDT,
 * `cumExecQty` in BTC; the shape of https://bybit-exchange.github.io/docs/v5/order/open-order).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Decimal from "../../../src/model/Decimal.js"
import * as Convert from "../../../src/venues/bybit/convert.js"
import * as Orders from "../../../src/venues/bybit/orders.js"
import * as Wire from "../../../src/venues/bybit/wire.js"

const spot = Either.getOrThrow(Convert.spotMarket(
  Schema.decodeUnknownSync(Wire.SpotInstrument)({
    symbol: "BTCUSDT",
    baseCoin: "BTC",
    quoteCoin: "USDT",
    status: "Trading",
    lotSizeFilter: {
      basePrecision: "0.000001",
      quotePrecision: "0.00000001",
      minOrderQty: "0.000048",
      maxOrderQty: "71.73956243",
      minOrderAmt: "1",
      maxOrderAmt: "2000000"
    },
    priceFilter: { tickSize: "0.01" }
  })
))

const order = (fields: Record<string, unknown>) =>
  Schema.decodeUnknownSync(Wire.Order)({
    orderId: "1838452167331392512",
    orderLinkId: "",
    symbol: "BTCUSDT",
    price: "0",
    qty: "50",
    side: "Buy",
    orderStatus: "PartiallyFilledCanceled",
    rejectReason: "EC_CancelForNoFullFill",
    avgPrice: "30979.87",
    leavesQty: "0",
    cumExecQty: "0.001614",
    cumExecValue: "49.98151017",
    timeInForce: "IOC",
    orderType: "Market",
    createdTime: "1727089370381",
    updatedTime: "1727089370384",
    ...fields
  })

describe("Bybit orders", () => {
  it("a spot market buy by quote amount that spent its amount is filled, in base units", () => {
    const o = Orders.toOrder(spot, order({}))
    assert.strictEqual(o.status, "filled")
    assert.strictEqual(Decimal.format(o.quantity), "0.001614")
    assert.strictEqual(Decimal.format(o.filledQuantity), "0.001614")
    assert.strictEqual(Decimal.format(o.filledQuote!), "49.98151017")
    assert.strictEqual(o.venueStatus, "PartiallyFilledCanceled")
  })

  it("an IOC limit whose remainder Bybit cancelled is expired; a cancelled GTC is canceled", () => {
    const ioc = Orders.toOrder(
      spot,
      order({
        orderType: "Limit",
        price: "20000",
        qty: "0.01",
        rejectReason: "EC_NoError",
        orderStatus: "Cancelled",
        cumExecQty: "0",
        cumExecValue: "0",
        avgPrice: ""
      })
    )
    assert.strictEqual(ioc.status, "expired")
    assert.strictEqual(Decimal.format(ioc.quantity), "0.01")
    const gtc = Orders.toOrder(
      spot,
      order({
        orderType: "Limit",
        timeInForce: "GTC",
        price: "20000",
        qty: "0.01",
        rejectReason: "EC_PerCancelRequest",
        orderStatus: "Cancelled",
        cumExecQty: "0",
        cumExecValue: "0",
        avgPrice: ""
      })
    )
    assert.strictEqual(gtc.status, "canceled")
  })

  it("maps every documented status", () => {
    const cases: ReadonlyArray<readonly [string, unknown]> = [
      ["New", "open"],
      ["PartiallyFilled", "partially_filled"],
      ["Untriggered", "pending"],
      ["Rejected", "rejected"],
      ["Filled", "filled"],
      ["Cancelled", "canceled"],
      ["PartiallyFilledCanceled", "canceled"],
      ["Triggered", "pending"],
      ["Deactivated", "canceled"]
    ]
    for (const [wire, unified] of cases) assert.deepStrictEqual<unknown>(Orders.orderStatus(wire), unified, wire)
    assert.deepStrictEqual<unknown>(Orders.orderStatus("Brand-new"), { _tag: "Unknown", raw: "Brand-new" })
  })
})
