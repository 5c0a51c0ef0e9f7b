import * as Redacted from "effect/Redacted"
import * as Binance from "../../src/venues/binance/Binance.js"
import type { VenueHarness } from "./harness.js"

export const binance: VenueHarness = {
  venue: "binance",
  symbol: "BTC/USDT",
  quote: "USDT",
  base: "BTC",
  paths: {
    placeOrder: "/api/v3/order",
    ticker: "/api/v3/ticker/24hr",
    marketStream: "/stream*",
    depthStream: "btcusdt@depth@100ms",
    privateStream: "/ws-api/v3"
  },
  connect: (sandbox, overrides = {}) => {
    const own = sandbox.credentials.binance
    const credentials = overrides.credentials === "none"
      ? undefined
      : {
        apiKey: Redacted.make(own.apiKey),
        secret: overrides.credentials === "wrong" ? Redacted.make("not-the-secret") : own.secret
      }
    return Binance.make({
      environment: "sandbox",
      restUrl: sandbox.urls.binance.rest,
      wsUrl: sandbox.urls.binance.ws,
      credentials,
      recvWindow: `${overrides.recvWindowMs ?? 1000} millis`,
      timeout: `${overrides.timeoutMs ?? 5000} millis`,
      retry: { maxRetries: overrides.maxRetries ?? 2, baseDelay: "20 millis", maxElapsed: "5 seconds" },
      stream: { watchdog: `${overrides.watchdogMs ?? 5000} millis`, heartbeat: "1 second" }
    })
  }
}
