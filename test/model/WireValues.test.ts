/**
 * Values no venue sends are decode errors (issue 11, defect 7): non-finite numbers, exponent forms,
 * and signs where the venue documents plain unsigned decimals. Fields the venues document as signed
 * (price change, PnL, funding rate) keep their sign.
 *
 * Field names and forms from the official docs:
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api
 * https://bybit-exchange.github.io/docs/v5/market/tickers
 * https://bybit-exchange.github.io/docs/v5/market/orderbook
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { parseLossless } from "../../src/kernel/Json.js"
import * as Decimal from "../../src/model/Decimal.js"
import * as BinanceWire from "../../src/venues/binance/wire.js"
import * as BybitWire from "../../src/venues/bybit/wire.js"

const decodes = <A, I>(schema: Schema.Schema<A, I>, value: unknown) =>
  Either.isRight(Schema.decodeUnknownEither(schema)(value))

/** From the Binance Spot docs' example for GET /api/v3/ticker/24hr. */
const binanceTicker = {
  symbol: "BNBBTC",
  priceChange: "-94.99999800",
  priceChangePercent: "-95.960",
  weightedAvgPrice: "0.29628482",
  prevClosePrice: "0.10002000",
  lastPrice: "4.00000200",
  lastQty: "200.00000000",
  bidPrice: "4.00000000",
  bidQty: "100.00000000",
  askPrice: "4.00000200",
  askQty: "100.00000000",
  openPrice: "99.00000000",
  highPrice: "100.00000000",
  lowPrice: "0.10000000",
  volume: "8913.30000000",
  quoteVolume: "15.30000000",
  openTime: 1499783499040,
  closeTime: 1499869899040,
  firstId: 28385,
  lastId: 28460,
  count: 76
}

/** From the Bybit v5 docs' example for GET /v5/market/tickers (spot). */
const bybitTicker = {
  symbol: "BTCUSDT",
  bid1Price: "20517.96",
  bid1Size: "2",
  ask1Price: "20527.77",
  ask1Size: "1.862172",
  lastPrice: "20533.13",
  prevPrice24h: "20393.48",
  price24hPcnt: "-0.0068",
  highPrice24h: "21128.12",
  lowPrice24h: "20318.89",
  turnover24h: "243765620.65899866",
  volume24h: "11801.27771",
  usdIndexPrice: "20784.12009279"
}

describe("Decimal schemas: plain decimals only", () => {
  it("exponents, a '+', a bare point are refused; signs only where signed", () => {
    for (const bad of ["1e400", "1e-400", "1E3", "1e-8", "+5", ".5", "5.", "Infinity", "NaN", ""]) {
      assert.isFalse(decodes(Decimal.Decimal, bad), bad)
      assert.isFalse(decodes(Decimal.UnsignedDecimal, bad), bad)
    }
    for (const bad of ["-5", "-0", "-0.000"]) assert.isFalse(decodes(Decimal.UnsignedDecimal, bad), bad)
    for (const good of ["0", "0.35130000", "64000", "12345678901234567890.123456789"]) {
      assert.isTrue(decodes(Decimal.UnsignedDecimal, good), good)
      assert.isTrue(decodes(Decimal.Decimal, good), good)
    }
    for (const signed of ["-94.99999800", "-0.0068", "-0"]) assert.isTrue(decodes(Decimal.Decimal, signed), signed)
    assert.isFalse(decodes(Decimal.NonNegativeDecimal, "-0"))
    assert.isFalse(decodes(Decimal.PositiveDecimal, "0"))
  })

  it("the reason names the problem", () => {
    const r = Schema.decodeUnknownEither(Decimal.UnsignedDecimal)("-5")
    assert.isTrue(Either.isLeft(r) && r.left.message.includes("negative"))
    const e = Schema.decodeUnknownEither(Decimal.Decimal)("1e400")
    assert.isTrue(Either.isLeft(e) && e.left.message.includes("exponent"))
  })
})

describe("venue wire schemas refuse values no venue sends", () => {
  it("Binance Spot and USDⓈ-M: serverTime must be epoch milliseconds", () => {
    // one schema for both products (GET /api/v3/time, GET /fapi/v1/time)
    assert.isTrue(decodes(BinanceWire.ServerTime, { serverTime: 1499827319559 }))
    for (const bad of [-1, 1.5, Infinity, 1e300]) {
      assert.isFalse(decodes(BinanceWire.ServerTime, { serverTime: bad }), `${bad}`)
    }
    // `1e400` never reaches the schema as Infinity: the REST client's parser refuses it
    assert.isTrue(Either.isLeft(parseLossless("{\"serverTime\":1e400}")))
  })

  it("Binance Spot ticker: the docs' example decodes (signed price change); a negative or exponent price does not", () => {
    assert.isTrue(decodes(BinanceWire.Ticker24hr, binanceTicker))
    for (
      const [field, bad] of [["lastPrice", "-5"], ["lastPrice", "1e400"], ["bidPrice", "1e-400"], ["askQty", "-0"]]
    ) {
      assert.isFalse(decodes(BinanceWire.Ticker24hr, { ...binanceTicker, [field!]: bad }), `${field}=${bad}`)
    }
  })

  it("order book snapshots: a negative price or a signed size is refused (Binance Spot, USDⓈ-M, Bybit)", () => {
    const binanceDepth = {
      lastUpdateId: 1027024,
      bids: [["4.00000000", "431.00000000"]],
      asks: [["4.00000200", "12.00000000"]]
    }
    // Spot, and USDⓈ-M (which adds E and T): one schema
    for (const full of [binanceDepth, { ...binanceDepth, E: 1589436922972, T: 1589436922959 }]) {
      assert.isTrue(decodes(BinanceWire.Depth, full))
      assert.isFalse(decodes(BinanceWire.Depth, { ...full, bids: [["4.00000000", "-0"]] }))
      assert.isFalse(decodes(BinanceWire.Depth, { ...full, asks: [["-5", "1"]] }))
      assert.isFalse(decodes(BinanceWire.Depth, { ...full, asks: [["1e400", "1"]] }))
    }
    const bybitBook = {
      s: "BTCUSDT",
      a: [["65557.7", "16.606555"]],
      b: [["65485.47", "47.081829"]],
      ts: 1716863719031,
      u: 230704,
      seq: 1432604333,
      cts: 1716863718905
    }
    assert.isTrue(decodes(BybitWire.OrderBook, bybitBook))
    assert.isFalse(decodes(BybitWire.OrderBook, { ...bybitBook, b: [["65485.47", "-0"]] }))
    assert.isFalse(decodes(BybitWire.OrderBook, { ...bybitBook, a: [["-5", "1"]] }))
  })

  it("Bybit ticker: the docs' example decodes (signed 24h change); a negative last price does not", () => {
    assert.isTrue(decodes(BybitWire.Ticker, bybitTicker))
    assert.isFalse(decodes(BybitWire.Ticker, { ...bybitTicker, lastPrice: "-5" }))
    assert.isFalse(decodes(BybitWire.Ticker, { ...bybitTicker, lastPrice: "1e400" }))
  })
})
