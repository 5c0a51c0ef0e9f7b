/**
 * Hyperliquid conversions and rules from the venue's documentation and recorded payloads: markets
 * from the recorded `meta` (hyperliquid-python-sdk cassette), the price rule (5 significant
 * figures, 6 − szDecimals / 8 − szDecimals decimals, integers always allowed) refused before
 * signing, the error table (table-driven), response classification and order statuses.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { readFileSync } from "node:fs"
import * as Decimal from "../../../src/model/Decimal.js"
import type { Market } from "../../../src/model/Market.js"
import { checkOrder, roundPrice } from "../../../src/model/OrderRules.js"
import * as Convert from "../../../src/venues/hyperliquid/convert.js"
import * as Errors from "../../../src/venues/hyperliquid/errors.js"
import * as Trading from "../../../src/venues/hyperliquid/trading.js"
import * as Wire from "../../../src/venues/hyperliquid/wire.js"

const d = Decimal.unsafe
const cassette = readFileSync(
  new URL("../../fixtures/recorded/hyperliquid/test_get_l2_snapshot.yaml", import.meta.url),
  "utf8"
)
/** The JSON bodies of the cassette's responses (`string: '…'`). */
const bodies = [...cassette.matchAll(/string: '(\{.*\})'/g)].map((m) => JSON.parse(m[1]!.replace(/''/g, "'")))
const meta = Schema.decodeUnknownSync(Wire.Meta)(bodies.find((b) => "universe" in b))
const perps = meta.universe.map(Convert.perpMarket)
const market = (symbol: string) => perps.find((m) => m.symbol === symbol)!

const limit = (m: Market, price: string, quantity: string) =>
  checkOrder(m, { symbol: m.unified, side: "buy", type: "limit", price: d(price), quantity: d(quantity) })

describe("Hyperliquid markets from the recorded meta", () => {
  it("asset id = index, unified BASE/USDC:USDC, lot = 10^-szDecimals, finest price unit = 10^-(6 - szDecimals)", () => {
    const btc = market("BTC")
    assert.strictEqual(btc.venueId, "0")
    assert.strictEqual(btc.unified, "BTC/USDC:USDC")
    assert.strictEqual(Decimal.format(btc.lotStep), "0.00001") // szDecimals 5
    assert.strictEqual(Decimal.format(btc.tickSize), "0.1")
    assert.strictEqual(market("DYDX").venueId, "4")
    assert.strictEqual(Decimal.format(market("DYDX").tickSize), "0.00001") // szDecimals 1
    assert.strictEqual(Decimal.format(market("DOGE").lotStep), "1") // szDecimals 0
    assert.strictEqual(market("kPEPE").unified, "kPEPE/USDC:USDC")
  })

  it("spot pairs: asset 10000 + index, names PURR/USDC and @n, 8 - szDecimals decimals", () => {
    const { markets, skipped } = Convert.spotMarkets({
      tokens: [
        { name: "USDC", szDecimals: 8, index: 0 },
        { name: "PURR", szDecimals: 0, index: 1 },
        { name: "HYPE", szDecimals: 2, index: 150 }
      ],
      universe: [
        { name: "PURR/USDC", tokens: [1, 0], index: 0 },
        { name: "@107", tokens: [150, 0], index: 107 },
        { name: "@3", tokens: [99, 0], index: 3 }
      ]
    })
    assert.deepStrictEqual(markets.map((m) => [m.symbol, m.unified, m.venueId]), [
      ["PURR/USDC", "PURR/USDC", "10000"],
      ["@107", "HYPE/USDC", "10107"]
    ])
    assert.strictEqual(Decimal.format(markets[1]!.tickSize), "0.000001")
    assert.strictEqual(skipped.length, 1)
  })
})

describe("Hyperliquid price rule, before signing", () => {
  // examples from https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/tick-and-lot-size
  it("5 significant figures, max decimals 6 - szDecimals, integers always allowed", () => {
    const btc = market("BTC") // szDecimals 5: 1 decimal
    assert.isTrue(Either.isRight(limit(btc, "1234.5", "0.01")))
    assert.isTrue(Either.isLeft(limit(btc, "1234.56", "0.01")))
    assert.isTrue(Either.isRight(limit(btc, "123456", "0.001")), "integers are always allowed")
    assert.isTrue(Either.isLeft(limit(btc, "12345.6", "0.01")), "6 significant figures")
    const dydx = market("DYDX") // szDecimals 1: 5 decimals
    assert.isTrue(Either.isRight(limit(dydx, "2.1105", "10")))
    assert.isTrue(Either.isLeft(limit(dydx, "2.11055", "10")), "6 significant figures")
    assert.isTrue(Either.isRight(limit(dydx, "0.01234", "1000")))
    assert.isTrue(Either.isLeft(limit(dydx, "0.001234", "10000")), "6 decimals > 5")
    const refused = limit(btc, "1234.56", "0.01")
    if (Either.isLeft(refused)) assert.strictEqual(refused.left.reason, "tick_size")
  })

  it("sizes to szDecimals; at least $10", () => {
    assert.isTrue(Either.isLeft(limit(market("BTC"), "60000", "0.000001")))
    const small = limit(market("BTC"), "60000", "0.0001")
    assert.isTrue(Either.isLeft(small) && small.left.reason === "min_notional")
  })

  it("roundPrice lands on the rule; market prices move toward the mid", () => {
    const btc = market("BTC")
    assert.strictEqual(Decimal.format(roundPrice(btc, d("60123.45"), "down")), "60123")
    assert.strictEqual(Decimal.format(roundPrice(btc, d("1234.56"), "up")), "1234.6")
    const dydx = market("DYDX")
    assert.strictEqual(Decimal.format(roundPrice(dydx, d("2.111234"), "down")), "2.1112")
    // the SDK's example: mid 100, 5 % slippage
    assert.strictEqual(Decimal.format(Trading.marketOrderPrice(dydx, "buy", d("2.1115"), d("0.05"))), "2.217")
    assert.strictEqual(Decimal.format(Trading.marketOrderPrice(btc, "sell", d("60000"), d("0.05"))), "57000")
  })

  it("FOK and post-only IOC are refused", () => {
    const fok = Trading.tifOf({ symbol: "BTC", side: "buy", type: "limit", quantity: d("1"), timeInForce: "FOK" })
    assert.isTrue(Either.isLeft(fok) && fok.left._tag === "NotSupported")
    assert.deepStrictEqual(
      Trading.tifOf({ symbol: "BTC", side: "buy", type: "limit", quantity: d("1"), postOnly: true }),
      Either.right("Alo")
    )
    assert.deepStrictEqual(
      Trading.tifOf({ symbol: "BTC", side: "buy", type: "market", quantity: d("1") }),
      Either.right("Ioc")
    )
  })
})

describe("Hyperliquid error table", () => {
  const cases: ReadonlyArray<readonly [string, string, string | undefined]> = [
    ["Price must be divisible by tick size.", "InvalidOrder", "tick_size"],
    ["Order must have minimum value of $10.", "InvalidOrder", "min_notional"],
    ["Order must have minimum value of $10", "InvalidOrder", "min_notional"],
    ["Order must have minimum value of 10 USDC.", "InvalidOrder", "min_notional"],
    ["Insufficient margin to place order. asset=4", "InsufficientFunds", undefined],
    ["Reduce only order would increase position.", "InvalidOrder", "reduce_only_rejected"],
    [
      "Post only order would have immediately matched, bbo was 60000.0@60001.0.",
      "InvalidOrder",
      "post_only_would_cross"
    ],
    ["Order could not immediately match against any resting orders.", "InvalidOrder", "would_not_fill"],
    ["Invalid TP/SL price.", "InvalidOrder", "invalid_parameter"],
    ["No liquidity available for market order.", "InvalidOrder", "would_not_fill"],
    ["Order would increase open interest while open interest is capped", "InvalidOrder", "rejected"],
    [
      "Order rejected due to price more aggressive than oracle while at open interest cap",
      "InvalidOrder",
      "price_out_of_range"
    ],
    ["Order would increase open interest too quickly", "InvalidOrder", "rejected"],
    ["Order has insufficient spot balance to trade", "InsufficientFunds", undefined],
    ["Order price too far from oracle", "InvalidOrder", "price_out_of_range"],
    ["Order would cause position to exceed margin tier limit at current leverage", "InvalidOrder", "max_quantity"],
    ["Order was never placed, already canceled, or filled.", "OrderNotFound", undefined],
    [
      "User or API Wallet 0xb8a6f8b26223de27c31938d56e470a5b832703a5 does not exist.",
      "AuthenticationFailed",
      undefined
    ],
    [
      "Too many cumulative requests sent (37986 > 10436) for cumulative volume traded $437.92. Place taker orders to free up 1 request per USDC traded.",
      "RateLimited",
      undefined
    ],
    ["Something new", "InvalidRequest", undefined],
    ["Price must be divisible by tick size. Also something else", "InvalidRequest", undefined]
  ]
  for (const [message, tag, reason] of cases) {
    it(`${message.slice(0, 60)} → ${tag}${reason ? `(${reason})` : ""}`, () => {
      const e = Errors.fromMessage(message)
      assert.strictEqual(e._tag, tag)
      if (reason !== undefined && e._tag === "InvalidOrder") assert.strictEqual(e.reason, reason)
      assert.strictEqual(e.venueMessage, message)
    })
  }

  it("no two entries share a type; every entry matches its own documented text", () => {
    const types = Errors.messageTable.map((e) => e.type)
    assert.strictEqual(new Set(types).size, types.length)
    for (const entry of Errors.messageTable) {
      const text = entry.text.replace(/\{[a-z_]+\}/g, "x")
      assert.strictEqual(Errors.lookup(text)?.type, entry.type, entry.text)
    }
  })

  it("classifies envelopes: {status: err}, 429, 422; accepted batches are not errors", () => {
    const raw = (status: number, json: unknown, text = JSON.stringify(json)) => ({
      status,
      headers: {},
      text,
      json,
      retryAfterMs: undefined,
      receivedAt: 0
    })
    const ctx = { endpoint: "POST /exchange" }
    assert.strictEqual(
      Errors.classifyResponse(raw(200, { status: "err", response: "User or API Wallet 0xab does not exist." }), ctx)
        ?._tag,
      "AuthenticationFailed"
    )
    assert.strictEqual(Errors.classifyResponse(raw(429, undefined, "Too many requests"), ctx)?._tag, "RateLimited")
    assert.strictEqual(
      Errors.classifyResponse(raw(422, undefined, "Failed to deserialize the JSON body into the target type"), ctx)
        ?._tag,
      "InvalidRequest"
    )
    const ok = {
      status: "ok",
      response: { type: "order", data: { statuses: [{ error: "Insufficient margin to place order." }] } }
    }
    assert.isUndefined(Errors.classifyResponse(raw(200, ok), ctx))
    const statuses = Trading.statusesOf(Schema.decodeUnknownSync(Wire.ExchangeOk)(ok), 3)
    assert.isTrue(
      Either.isRight(statuses) && statuses.right.length === 3,
      "one error for a batch stands for every item"
    )
  })
})

describe("Hyperliquid order statuses", () => {
  // https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint#query-order-status-by-oid-or-cloid
  it("maps the documented statuses; unknown ones are kept raw", () => {
    assert.strictEqual(Convert.orderStatus("open", false), "open")
    assert.strictEqual(Convert.orderStatus("open", true), "partially_filled")
    assert.strictEqual(Convert.orderStatus("filled", true), "filled")
    assert.strictEqual(Convert.orderStatus("marginCanceled", false), "canceled")
    assert.strictEqual(Convert.orderStatus("badAloPxRejected", false), "rejected")
    assert.strictEqual(Convert.orderStatus("iocCancelRejected", false), "expired")
    assert.deepStrictEqual(Convert.orderStatus("somethingNew", false), { _tag: "Unknown", raw: "somethingNew" })
  })
})
