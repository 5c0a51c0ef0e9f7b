import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Decimal from "../../src/model/Decimal.js"
import { makeMarkets, type Market, unifiedSymbol } from "../../src/model/Market.js"

const asset = FastCheck.stringMatching(/^[A-Z][A-Z0-9]{1,6}$/)

const market = (base: string, quote: string, type: Market["type"], symbol: string): Market => ({
  venue: "test",
  symbol,
  unified: unifiedSymbol(base, quote, type),
  base,
  quote,
  ...(type === "perp" ? { settle: quote } : {}),
  type,
  status: "trading",
  tickSize: Decimal.unsafe("0.01"),
  lotStep: Decimal.unsafe("0.001"),
  minQuantity: Decimal.unsafe("0.001"),
  contractSize: Decimal.unsafe("1")
})

describe("symbol resolution", () => {
  it("resolves every loaded market by native and by unified symbol, and nothing else", () => {
    FastCheck.assert(FastCheck.property(
      FastCheck.uniqueArray(FastCheck.tuple(asset, asset), {
        minLength: 1,
        maxLength: 20,
        selector: ([b, q]) => b + "|" + q
      })
        .filter((pairs) => pairs.every(([b, q]) => b !== q)),
      asset,
      (pairs, stranger) => {
        // native symbols are the venue's own and unique; suffix guessing must not be needed
        const list = pairs.map(([b, q], i) => market(b, q, "spot", `S${i}_${b}${q}`))
        const markets = makeMarkets("test", list)
        for (const m of list) {
          assert.strictEqual(Either.getOrThrow(markets.resolve(m.symbol)).symbol, m.symbol)
          assert.strictEqual(Either.getOrThrow(markets.resolve(m.unified)).symbol, m.symbol)
          assert.strictEqual(Either.getOrThrow(markets.resolve(m.symbol.toLowerCase())).symbol, m.symbol)
        }
        const unknown = markets.resolve(`${stranger}/NOPE`)
        assert.isTrue(Either.isLeft(unknown))
        if (Either.isLeft(unknown)) {
          assert.strictEqual(unknown.left._tag, "UnknownSymbol")
          assert.include(unknown.left.message, `${stranger}/NOPE`)
        }
      }
    ))
  })

  it("a spot market and a perp of the same pair stay distinct", () => {
    const spot = market("BTC", "USDT", "spot", "BTCUSDT")
    const perp = market("BTC", "USDT", "perp", "BTC-USDT-SWAP")
    const markets = makeMarkets("test", [spot, perp])
    assert.strictEqual(Either.getOrThrow(markets.resolve("BTC/USDT")).symbol, "BTCUSDT")
    assert.strictEqual(Either.getOrThrow(markets.resolve("BTC/USDT:USDT")).symbol, "BTC-USDT-SWAP")
    assert.isTrue(Either.isLeft(markets.resolve("BTCUSDT-PERP")), "no suffix guessing")
    assert.isTrue(Either.isLeft(markets.resolve("BTC/USD")))
  })
})

describe("a native symbol the venue uses twice", () => {
  it("does not resolve on its own; the error lists the unified symbols, which do resolve", () => {
    const spot = market("BTC", "USDT", "spot", "BTCUSDT")
    const perp = market("BTC", "USDT", "perp", "BTCUSDT")
    const markets = makeMarkets("bybit", [spot, perp])
    const r = markets.resolve("BTCUSDT")
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) {
      assert.deepStrictEqual(r.left.candidates, ["BTC/USDT", "BTC/USDT:USDT"])
      assert.include(r.left.message, "ambiguous symbol \"BTCUSDT\": write one of BTC/USDT, BTC/USDT:USDT")
    }
    assert.strictEqual(Either.getOrThrow(markets.resolve("BTC/USDT")).type, "spot")
    assert.strictEqual(Either.getOrThrow(markets.resolve("BTC/USDT:USDT")).type, "perp")
    assert.strictEqual(markets.byVenueSymbol("BTCUSDT"), undefined)
    assert.strictEqual(markets.byVenueSymbol("BTCUSDT", "perp")?.unified, "BTC/USDT:USDT")
  })
})
