/**
 * Against the real USDⓈ-M testnet (https://testnet.binancefuture.com). Skipped unless
 * BINANCE_USDM_TESTNET_API_KEY and BINANCE_USDM_TESTNET_SECRET are set: the suite never touches the
 * internet otherwise.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Decimal from "../../../src/model/Decimal.js"
import * as BinanceUsdm from "../../../src/venues/binance/BinanceUsdm.js"
import * as Loopback from "../../support/Loopback.js"

const apiKey = process.env["BINANCE_USDM_TESTNET_API_KEY"]
const secret = process.env["BINANCE_USDM_TESTNET_SECRET"]

describe.skipIf(apiKey === undefined || secret === undefined)("Binance USDⓈ-M testnet (live; needs keys)", () => {
  it.live(
    "markets, ticker, funding, health, and a post-only order far from the market placed and canceled",
    () =>
      Effect.gen(function*() {
        const ex = yield* BinanceUsdm.make({
          environment: "testnet",
          credentials: { apiKey: Redacted.make(apiKey!), secret: Redacted.make(secret!) }
        })
        const m = yield* ex.market("BTC/USDT:USDT")
        const t = yield* ex.ticker(m.symbol)
        assert.isTrue(BigDecimal.isPositive(t.last))
        yield* ex.fundingRate(m.symbol)
        const health = yield* ex.healthCheck
        assert.strictEqual(health.credentials, "valid")
        const price = Decimal.roundToStep(BigDecimal.unsafeDivide(t.bid!, Decimal.unsafe("2")), m.tickSize, "down")
        const quantity = Decimal.roundToStep(
          BigDecimal.unsafeDivide(BigDecimal.sum(m.minNotional ?? Decimal.unsafe("100"), Decimal.unsafe("10")), price),
          m.lotStep,
          "up"
        )
        const placed = yield* ex.placeOrder({
          symbol: m.symbol,
          side: "buy",
          type: "limit",
          price,
          quantity,
          postOnly: true
        })
        const canceled = yield* ex.cancelOrder({ symbol: m.symbol, id: placed.id })
        assert.strictEqual(canceled.status, "canceled")
      }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)),
    60_000
  )
})
