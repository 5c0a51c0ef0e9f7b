import * as Redacted from "effect/Redacted"
import * as Okx from "../../src/venues/okx/Okx.js"
import type { VenueHarness } from "./harness.js"

/** The OKX connector against the sandbox (key, secret and passphrase the sandbox issued). */
export const connectOkx: VenueHarness["connect"] = (sandbox, overrides = {}) => {
  const own = sandbox.credentials.okx
  const credentials = overrides.credentials === "none"
    ? undefined
    : {
      apiKey: Redacted.make(own.apiKey),
      secret: overrides.credentials === "wrong" ? Redacted.make("not-the-secret") : own.secret,
      passphrase: own.passphrase!
    }
  return Okx.make({
    environment: "sandbox",
    restUrl: sandbox.urls.okx.rest,
    wsUrl: sandbox.urls.okx.ws,
    credentials,
    recvWindow: `${overrides.recvWindowMs ?? 1000} millis`,
    timeout: `${overrides.timeoutMs ?? 5000} millis`,
    retry: { maxRetries: overrides.maxRetries ?? 2, baseDelay: "20 millis", maxElapsed: "5 seconds" },
    stream: { watchdog: `${overrides.watchdogMs ?? 5000} millis`, heartbeat: "1 second" }
  })
}

/** What does not apply to OKX, and why. */
export const okxNotApplicable: Readonly<Record<string, string>> = {
  "fault http418 → IpBanned, and requests stay stopped during the ban":
    "OKX has no IP-ban status code (no 418/403 ban in its docs); the dialect answers a 418 rule as its 429 (50011)",
  "book updates over the socket are read from the frames' text (the hot path), with well-formed levels":
    "the OKX books decoder parses frames (no text scanner yet); its output is checked on the recorded frames instead"
}

export const okx: VenueHarness = {
  venue: "okx",
  symbol: "BTC/USDT",
  quote: "USDT",
  base: "BTC",
  paths: {
    placeOrder: "/api/v5/trade/order",
    ticker: "/api/v5/market/ticker",
    marketStream: "/ws/v5/public",
    depthStream: "books:BTC-USDT",
    privateStream: "/ws/v5/private"
  },
  connect: connectOkx,
  notApplicable: okxNotApplicable
}
