import * as Redacted from "effect/Redacted"
import * as Bybit from "../../src/venues/bybit/Bybit.js"
import type { VenueHarness } from "./harness.js"

/**
 * Bybit lists spot `BTCUSDT` and the linear perpetual `BTCUSDT` under the same native symbol, so
 * the native symbol alone is (correctly) ambiguous for the connector (`UnknownSymbol` with both
 * candidates). The shared scenarios look books up by `ctx.market.symbol` (the native symbol);
 * this pins that native symbol to the harness's market, and nothing else.
 */
/** The connector against the sandbox. */
export const connectBybit: VenueHarness["connect"] = (sandbox, overrides = {}) => {
  const own = sandbox.credentials.bybit
  const credentials = overrides.credentials === "none"
    ? undefined
    : {
      apiKey: Redacted.make(own.apiKey),
      secret: overrides.credentials === "wrong" ? Redacted.make("not-the-secret") : own.secret
    }
  return Bybit.make({
    environment: "sandbox",
    restUrl: sandbox.urls.bybit.rest,
    wsUrl: sandbox.urls.bybit.ws,
    credentials,
    recvWindow: `${overrides.recvWindowMs ?? 1000} millis`,
    timeout: `${overrides.timeoutMs ?? 5000} millis`,
    retry: { maxRetries: overrides.maxRetries ?? 2, baseDelay: "20 millis", maxElapsed: "5 seconds" },
    stream: { watchdog: `${overrides.watchdogMs ?? 5000} millis`, heartbeat: "1 second" }
  })
}

export const bybit: VenueHarness = {
  venue: "bybit",
  symbol: "BTC/USDT",
  quote: "USDT",
  base: "BTC",
  paths: {
    placeOrder: "/v5/order/create",
    ticker: "/v5/market/tickers",
    marketStream: "/v5/public/spot",
    depthStream: "orderbook.200.BTCUSDT",
    privateStream: "/v5/private"
  },
  connect: connectBybit
}
