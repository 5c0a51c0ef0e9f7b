import * as Redacted from "effect/Redacted"
import * as BinanceUsdm from "../../src/venues/binance/BinanceUsdm.js"
import type { VenueHarness } from "./harness.js"

/**
 * ETHUSDT, not BTCUSDT: the scenarios size orders at a fixed ~50 / ~20 USDT notional, below
 * BTCUSDT's real MIN_NOTIONAL of 100 (ETHUSDT's is 20, as on Binance).
 */
export const binanceUsdm: VenueHarness = {
  venue: "binance-usdm",
  symbol: "ETH/USDT:USDT",
  quote: "USDT",
  base: "ETH",
  paths: {
    placeOrder: "/fapi/v1/order",
    ticker: "/fapi/v1/ticker/24hr",
    marketStream: "/stream*",
    depthStream: "ethusdt@depth@100ms",
    privateStream: "/ws/*"
  },
  listenKey: true,
  connect: (sandbox, overrides = {}) => {
    const own = sandbox.credentials["binance-usdm"]
    const credentials = overrides.credentials === "none"
      ? undefined
      : {
        apiKey: Redacted.make(own.apiKey),
        secret: overrides.credentials === "wrong" ? Redacted.make("not-the-secret") : own.secret
      }
    return BinanceUsdm.make({
      environment: "sandbox",
      restUrl: sandbox.urls["binance-usdm"].rest,
      wsUrl: sandbox.urls["binance-usdm"].ws,
      credentials,
      recvWindow: `${overrides.recvWindowMs ?? 1000} millis`,
      timeout: `${overrides.timeoutMs ?? 5000} millis`,
      retry: { maxRetries: overrides.maxRetries ?? 2, baseDelay: "20 millis", maxElapsed: "5 seconds" },
      stream: { watchdog: `${overrides.watchdogMs ?? 5000} millis`, heartbeat: "1 second" }
    })
  }
}
