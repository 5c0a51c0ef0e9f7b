/**
 * USDⓈ-M wire payloads (the response examples of the official docs, trimmed to what LotusX reads
 * plus a few fields it ignores) through the connector's decoders and conversions.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Decimal from "../../../src/model/Decimal.js"
import * as Convert from "../../../src/venues/binance/convert.js"
import * as Trading from "../../../src/venues/binance/orders.js"
import * as Wire from "../../../src/venues/binance/wire.js"

const fmt = Decimal.format
const decode = <A, I>(schema: Schema.Schema<A, I>, u: unknown) => Schema.decodeUnknownSync(schema)(u)

/** https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information */
const btcusdt = {
  symbol: "BTCUSDT",
  pair: "BTCUSDT",
  contractType: "PERPETUAL",
  status: "TRADING",
  baseAsset: "BTC",
  quoteAsset: "USDT",
  marginAsset: "USDT",
  pricePrecision: 2,
  filters: [
    { filterType: "PRICE_FILTER", maxPrice: "4529764", minPrice: "556.80", tickSize: "0.10" },
    { filterType: "LOT_SIZE", maxQty: "1000", minQty: "0.001", stepSize: "0.001" },
    { filterType: "MARKET_LOT_SIZE", maxQty: "120", minQty: "0.001", stepSize: "0.001" },
    { filterType: "MAX_NUM_ORDERS", limit: 200 },
    { filterType: "MIN_NOTIONAL", notional: "100" },
    { filterType: "PERCENT_PRICE", multiplierUp: "1.0500", multiplierDown: "0.9500", multiplierDecimal: "4" }
  ],
  orderTypes: ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"],
  timeInForce: ["GTC", "IOC", "FOK", "GTX"]
}

describe("USDⓈ-M decoders", () => {
  it("exchangeInfo: a perpetual becomes BTC/USDT:USDT with its filters; delivery contracts are left out", () => {
    const market = Convert.toMarket(Convert.usdm, decode(Wire.SymbolInfo, btcusdt))
    assert.isDefined(market)
    const m = Either.getOrThrow(market!)
    assert.strictEqual(m.unified, "BTC/USDT:USDT")
    assert.strictEqual(m.type, "perp")
    assert.strictEqual(m.settle, "USDT")
    assert.deepStrictEqual([fmt(m.tickSize), fmt(m.lotStep), fmt(m.minQuantity), fmt(m.minNotional!)], [
      "0.1",
      "0.001",
      "0.001",
      "100"
    ])
    assert.strictEqual(fmt(m.contractSize), "1")
    const quarterly = { ...btcusdt, symbol: "BTCUSDT_251226", contractType: "CURRENT_QUARTER" }
    assert.isUndefined(Convert.toMarket(Convert.usdm, decode(Wire.SymbolInfo, quarterly)))
    assert.strictEqual(Convert.marketStatus("SETTLING"), "halted")
    assert.strictEqual(Convert.marketStatus("CLOSE"), "delisted")
  })

  it("a malformed known filter is a decode error, not an ignored filter", () => {
    const broken = { ...btcusdt, filters: [{ filterType: "MIN_NOTIONAL", notional: "" }] }
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Wire.SymbolInfo)(broken)))
  })

  it("premiumIndex → the current funding rate; fundingRate history tolerates an empty markPrice", () => {
    const p = decode(Wire.PremiumIndex, {
      symbol: "BTCUSDT",
      markPrice: "11793.63104562",
      indexPrice: "11781.80495970",
      estimatedSettlePrice: "11781.16138815",
      lastFundingRate: "0.00038246",
      interestRate: "0.00010000",
      nextFundingTime: 1597392000000,
      time: 1597370495002
    })
    const m = Either.getOrThrow(Convert.toMarket(Convert.usdm, decode(Wire.SymbolInfo, btcusdt))!)
    const f = Convert.toFundingRate(m, p)
    assert.strictEqual(fmt(f.rate), "0.00038246")
    assert.strictEqual(f.nextFundingTime, 1597392000000)
    assert.strictEqual(fmt(f.markPrice!), "11793.63104562")
    const history = decode(Schema.Array(Wire.FundingRateRecord), [
      { symbol: "BTCUSDT", fundingRate: "-0.03750000", fundingTime: 1570608000000, markPrice: "34287.54619963" },
      { symbol: "BTCUSDT", fundingRate: "0.00010000", fundingTime: 1570636800000, markPrice: "" }
    ]).map((r) => Convert.toFundingRecord(m, r))
    assert.strictEqual(fmt(history[0]!.rate), "-0.0375")
    assert.isUndefined(history[1]!.markPrice)
  })

  it("positionRisk: the sign of positionAmt is the side; liquidation price 0 is left out", () => {
    const m = Either.getOrThrow(Convert.toMarket(Convert.usdm, decode(Wire.SymbolInfo, btcusdt))!)
    const p = Convert.toPosition(
      m,
      decode(Wire.PositionRisk, {
        entryPrice: "6563.66500",
        breakEvenPrice: "6563.66500",
        marginType: "isolated",
        isAutoAddMargin: "false",
        isolatedMargin: "15517.54150468",
        leverage: "10",
        liquidationPrice: "5930.78",
        markPrice: "6679.50671178",
        maxNotionalValue: "20000000",
        positionAmt: "-20.000",
        notional: "-133590.13",
        isolatedWallet: "0",
        symbol: "BTCUSDT",
        unRealizedProfit: "-2316.83423560",
        positionSide: "BOTH",
        updateTime: 1625474304765
      })
    )
    assert.strictEqual(p.side, "short")
    assert.strictEqual(fmt(p.size), "20")
    assert.strictEqual(p.marginMode, "isolated")
    assert.strictEqual(fmt(p.liquidationPrice!), "5930.78")
    assert.strictEqual(fmt(p.unrealizedPnl!), "-2316.8342356")
  })

  it("an order with GTX reads as post-only; batch items are orders or unified errors", () => {
    const m = Either.getOrThrow(Convert.toMarket(Convert.usdm, decode(Wire.SymbolInfo, btcusdt))!)
    const wire = {
      clientOrderId: "testOrder",
      cumQty: "0",
      cumQuote: "0",
      executedQty: "0",
      orderId: 22542179,
      avgPrice: "0.00000",
      origQty: "10",
      price: "0",
      reduceOnly: false,
      side: "BUY",
      positionSide: "SHORT",
      status: "NEW",
      stopPrice: "9300",
      closePosition: false,
      symbol: "BTCUSDT",
      timeInForce: "GTX",
      type: "LIMIT",
      origType: "TRAILING_STOP_MARKET",
      updateTime: 1566818724722,
      workingType: "CONTRACT_PRICE",
      priceProtect: false,
      priceMatch: "NONE",
      selfTradePreventionMode: "NONE",
      goodTillDate: 0
    }
    const ok = Trading.batchItem(m, wire, "/fapi/v1/batchOrders")
    assert.isTrue(Either.isRight(ok))
    if (Either.isRight(ok)) {
      assert.strictEqual(ok.right.id, "22542179")
      assert.isTrue(ok.right.postOnly)
      assert.strictEqual(ok.right.status, "open")
    }
    const rejected = Trading.batchItem(m, { code: -2022, msg: "ReduceOnly Order is rejected." }, "/fapi/v1/batchOrders")
    assert.isTrue(Either.isLeft(rejected) && rejected.left._tag === "InvalidOrder")
    const garbage = Trading.batchItem(m, { hello: 1 }, "/fapi/v1/batchOrders")
    assert.isTrue(Either.isLeft(garbage) && garbage.left._tag === "DecodeError")
  })

  it("request parameters: GTX for post-only, reduceOnly, RESULT responses; batch lists as JSON arrays", () => {
    const m = Either.getOrThrow(Convert.toMarket(Convert.usdm, decode(Wire.SymbolInfo, btcusdt))!)
    const d = Decimal.unsafe
    assert.deepStrictEqual(
      Trading.orderParams("usdm", m, {
        symbol: "BTCUSDT",
        side: "sell",
        type: "limit",
        price: d("70000.0"),
        quantity: d("0.010"),
        postOnly: true,
        reduceOnly: true
      }, "lx-1"),
      {
        symbol: "BTCUSDT",
        side: "SELL",
        type: "LIMIT",
        timeInForce: "GTX",
        quantity: "0.01",
        price: "70000",
        reduceOnly: "true",
        newClientOrderId: "lx-1",
        newOrderRespType: "RESULT"
      }
    )
    assert.deepStrictEqual(
      Trading.orderParams("usdm", m, { symbol: "BTCUSDT", side: "buy", type: "market", quantity: d("1") }, "lx-2"),
      {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "MARKET",
        quantity: "1",
        newClientOrderId: "lx-2",
        newOrderRespType: "RESULT"
      }
    )
    assert.deepStrictEqual(Trading.batchCancelParams(m, { ids: ["1234567", "2345678"] }), {
      symbol: "BTCUSDT",
      orderIdList: "[1234567,2345678]"
    })
    assert.deepStrictEqual(Trading.batchCancelParams(m, { clientOrderIds: ["my_id_1", "my_id_2"] }), {
      symbol: "BTCUSDT",
      origClientOrderIdList: "[\"my_id_1\",\"my_id_2\"]"
    })
    assert.deepStrictEqual(
      Trading.amendParams(m, { symbol: "BTCUSDT", id: "42" }, { side: "buy", quantity: d("0.5"), price: d("100.10") }),
      { symbol: "BTCUSDT", orderId: "42", side: "BUY", quantity: "0.5", price: "100.1" }
    )
  })
})
