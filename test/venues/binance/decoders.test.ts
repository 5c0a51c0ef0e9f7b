/**
 * Binance Spot decoders on real payloads: `exchangeInfo` entries (ccxt's stored markets), REST depth
 * snapshots and kline events (cryptofeed's recorded capture). See test/fixtures/*\/README.md.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import * as Decimal from "../../../src/model/Decimal.js"
import * as Convert from "../../../src/venues/binance/convert.js"
import * as Streams from "../../../src/venues/binance/streams.js"
import * as Wire from "../../../src/venues/binance/wire.js"

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), "utf8")

const ccxtMarkets = JSON.parse(fixture("ccxt-static/markets/binance.json")) as Record<
  string,
  { readonly spot: boolean; readonly info: unknown }
>
const spotInfos = Object.values(ccxtMarkets).filter((m) => m.spot).map((m) => m.info)

/** cryptofeed capture lines: `<url> -> <ts>: <body>` (http) and `<ts>: <frame>` (ws). */
const bodies = (file: string) =>
  fixture(file).split("\n").filter((l) => l.includes(": {")).map((l) =>
    JSON.parse(l.slice(l.indexOf(": {") + 2)) as unknown
  )

const spotMarket = (info: Wire.SymbolInfo) => Convert.toMarket(Convert.spot, info)!

describe("Binance Spot markets from exchangeInfo", () => {
  it("decodes every real spot symbol and reads PRICE_FILTER, LOT_SIZE and NOTIONAL", () => {
    assert.isAtLeast(spotInfos.length, 7)
    for (const info of spotInfos) {
      const decoded = Schema.decodeUnknownEither(Wire.SymbolInfo)(info)
      assert.isTrue(Either.isRight(decoded), `decodes ${JSON.stringify(info).slice(0, 40)}`)
      const market = Either.getOrThrow(spotMarket(Either.getOrThrow(decoded)))
      assert.strictEqual(market.type, "spot")
      assert.isTrue(BigDecimal.isPositive(market.tickSize))
      assert.isTrue(BigDecimal.isPositive(market.lotStep))
    }
    const btc = Either.getOrThrow(
      spotMarket(Either.getOrThrow(Schema.decodeUnknownEither(Wire.SymbolInfo)(ccxtMarkets["BTC/USDT"]!.info)))
    )
    assert.strictEqual(btc.symbol, "BTCUSDT")
    assert.strictEqual(btc.unified, "BTC/USDT")
    assert.strictEqual(btc.status, "trading")
    assert.strictEqual(Decimal.format(btc.tickSize), "0.01")
    assert.strictEqual(Decimal.format(btc.lotStep), "0.00001")
    assert.strictEqual(Decimal.format(btc.minQuantity), "0.00001")
    assert.strictEqual(Decimal.format(btc.maxQuantity!), "9000")
    assert.strictEqual(Decimal.format(btc.minNotional!), "5")
    assert.include(btc.venueOrderTypes ?? [], "LIMIT_MAKER")
  })

  it("an entry with a malformed tick size is a decode error naming the field, not a zero", () => {
    const info = structuredClone(ccxtMarkets["BTC/USDT"]!.info) as { filters: Array<Record<string, unknown>> }
    info.filters[0]!["tickSize"] = "0.01.0"
    const r = Schema.decodeUnknownEither(Wire.SymbolInfo)(info)
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) assert.include(r.left.message, "tickSize")
  })
})

describe("Binance Spot depth snapshots (recorded REST)", () => {
  const snapshots = bodies("recorded/binance/spot/BINANCE.http.0.0")

  it("decodes every recorded snapshot exactly", () => {
    assert.isAtLeast(snapshots.length, 4)
    for (const raw of snapshots) {
      const depth = Either.getOrThrow(Schema.decodeUnknownEither(Wire.Depth)(raw))
      const r = raw as { bids: Array<[string, string]>; asks: Array<[string, string]>; lastUpdateId: number }
      assert.strictEqual(depth.bids.length, r.bids.length)
      assert.strictEqual(depth.lastUpdateId, r.lastUpdateId)
      // exact: the decimal equals the wire string
      for (let i = 0; i < r.bids.length; i += 97) {
        assert.isTrue(BigDecimal.equals(depth.bids[i]![0], Decimal.unsafe(r.bids[i]![0])))
        assert.isTrue(BigDecimal.equals(depth.bids[i]![1], Decimal.unsafe(r.bids[i]![1])))
      }
      // best bid below best ask, bids descending
      assert.isTrue(BigDecimal.lessThan(depth.bids[0]![0], depth.asks[0]![0]))
      assert.isTrue(BigDecimal.greaterThan(depth.bids[0]![0], depth.bids[1]![0]))
    }
    const nkn = Either.getOrThrow(Schema.decodeUnknownEither(Wire.Depth)(snapshots[0]))
    assert.strictEqual(nkn.lastUpdateId, 499869752)
    assert.strictEqual(Decimal.format(nkn.bids[0]![0]), "0.3521")
    assert.strictEqual(Decimal.format(nkn.bids[0]![1]), "672")
  })

  it("a truncated snapshot is rejected", () => {
    const r = Schema.decodeUnknownEither(Wire.Depth)({ lastUpdateId: 1, bids: [["0.1"]], asks: [] })
    assert.isTrue(Either.isLeft(r))
  })
})

describe("Binance Spot kline events (recorded stream)", () => {
  const frames = bodies("recorded/binance/spot/BINANCE.ws.1.0") as Array<
    { stream: string; data: { e: string; s: string } }
  >
  const klines = frames.filter((f) => f.data.e === "kline")
  const market = {
    venue: "binance",
    symbol: "NKNUSDT",
    unified: "NKN/USDT",
    base: "NKN",
    quote: "USDT",
    type: "spot" as const,
    status: "trading" as const,
    tickSize: Decimal.unsafe("0.0001"),
    lotStep: Decimal.unsafe("1"),
    minQuantity: Decimal.unsafe("1"),
    contractSize: Decimal.unsafe("1")
  }

  it("decodes every recorded kline event", () => {
    assert.isAtLeast(klines.length, 2)
    const decode = Streams.decodeKline(market, "1m")
    for (const f of klines) {
      const candle = decode(f.data, 0)
      assert.isFalse("_tag" in candle, JSON.stringify(candle))
      if ("_tag" in candle) continue
      assert.strictEqual(candle.interval, "1m")
      assert.isTrue(BigDecimal.lessThanOrEqualTo(candle.low, candle.high))
    }
    const first = decode(klines.find((f) => f.data.s === "NKNUSDT")!.data, 0)
    assert.isFalse("_tag" in first)
    if (!("_tag" in first)) {
      assert.strictEqual(first.openTime, 1633998480000)
      assert.strictEqual(Decimal.format(first.open), "0.3527")
      assert.strictEqual(Decimal.format(first.volume), "25877")
      assert.isFalse(first.closed)
    }
  })

  it("a malformed number or an unknown event type is a DecodeFailure naming the path", () => {
    const decode = Streams.decodeKline(market, "1m")
    const bad = structuredClone(klines[0]!.data) as unknown as { k: Record<string, unknown>; e: string }
    bad.k["o"] = "0.35.27"
    const r = decode(bad, 0)
    assert.isTrue("_tag" in r && r._tag === "DecodeFailure")
    if ("_tag" in r) assert.include(r.reason, "$.k.o")
    const other = { ...structuredClone(klines[0]!.data), e: "kline_v2" }
    const r2 = decode(other, 0)
    assert.isTrue("_tag" in r2 && r2._tag === "DecodeFailure")
  })
})
