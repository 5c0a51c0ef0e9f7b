/**
 * Hyperliquid through its connector against the sandbox's Hyperliquid dialect: a perpetual
 * (`ETH/USDC:USDC`) and a spot pair (`BTC/USDC`). ETH, not BTC, for the perpetual: the scenarios
 * size resting orders at about 50 USDC and the sandbox's BTC perpetual has a minimum notional of
 * 100 (see bybit-linear.harness.ts).
 */
import * as Redacted from "effect/Redacted"
import { createHash } from "node:crypto"
import * as Hyperliquid from "../../src/venues/hyperliquid/Hyperliquid.js"
import type { VenueHarness } from "./harness.js"

/** The connector against the sandbox. */
export const connectHyperliquid: VenueHarness["connect"] = (sandbox, overrides = {}) => {
  const own = sandbox.credentials.hyperliquid
  const credentials = overrides.credentials === "none"
    ? undefined
    : {
      // "wrong": a valid key the account never approved
      privateKey: overrides.credentials === "wrong" ? Redacted.make("0x" + "33".repeat(32)) : own.secret,
      accountAddress: own.address!
    }
  return Hyperliquid.make({
    environment: "sandbox",
    restUrl: sandbox.urls.hyperliquid.rest,
    wsUrl: sandbox.urls.hyperliquid.ws,
    credentials,
    recvWindow: `${overrides.recvWindowMs ?? 1000} millis`,
    timeout: `${overrides.timeoutMs ?? 5000} millis`,
    retry: { maxRetries: overrides.maxRetries ?? 2, baseDelay: "20 millis", maxElapsed: "5 seconds" },
    stream: { watchdog: `${overrides.watchdogMs ?? 5000} millis`, heartbeat: "1 second" }
  })
}

const notApplicable = {
  "FOK: all or nothing":
    "Hyperliquid has no FOK; the connector refuses it with NotSupported before sending (test/venues/hyperliquid)",
  "fault authFailure → AuthenticationFailed":
    "Hyperliquid account reads (balances) are unauthenticated /info requests; authFailure on /exchange is " +
    "covered in test/venues/hyperliquid/connector.test.ts and test/sandbox/hyperliquid-dialect.test.ts",
  "fault http418 → IpBanned, and requests stay stopped during the ban":
    "Hyperliquid documents no IP-ban status (only 429 and the address-based limit)",
  "fault depthGap: LiveOrderBook goes stale, resyncs, and is live again":
    "Hyperliquid's l2Book frames are full snapshots: there is no diff sequence to break",
  "book updates over the socket are read from the frames' text (the hot path), with well-formed levels":
    "Hyperliquid's l2Book frames are full snapshots of at most 20 levels a side, decoded with Schema"
}

export const hyperliquidPerp: VenueHarness = {
  venue: "hyperliquid",
  symbol: "ETH/USDC:USDC",
  quote: "USDC",
  base: "ETH",
  paths: {
    placeOrder: "/exchange",
    ticker: "/info",
    marketStream: "/ws",
    depthStream: "l2Book",
    // the account stream shares the public websocket (its subscriptions name the address)
    privateStream: "/ws"
  },
  connect: connectHyperliquid,
  clientOrderId: (label) => "0x" + createHash("sha256").update(label).digest("hex").slice(0, 32),
  notApplicable: {
    ...notApplicable,
    "100 placements, 50 in flight, half of them commit-then-drop: each resolved to the ledger's status, none twice":
      "the scenario sizes orders at the market's minimum value (Hyperliquid: $10), but the sandbox's ETH perpetual " +
      "(an engine instrument shared with the other perp dialects) requires 20, so every order is refused; the spot " +
      "harness runs it"
  }
}

export const hyperliquidSpot: VenueHarness = {
  ...hyperliquidPerp,
  symbol: "BTC/USDC",
  base: "BTC"
}
