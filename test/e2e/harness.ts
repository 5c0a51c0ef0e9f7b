/**
 * What the shared end-to-end scenarios need to know about a venue: how to build its connector
 * against a running sandbox, which symbol to trade, and which sandbox paths its calls hit (for
 * fault rules). One harness per venue; the scenarios are written once against the unified API.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import type * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { ConfigError } from "../../src/errors/ExchangeError.js"
import type { Exchange, VenueId } from "../../src/Exchange.js"
import type { Sandbox } from "../../src/sandbox/Sandbox.js"

export interface ConnectorOverrides {
  /** `default`: the sandbox's key; `wrong`: the right key with a wrong secret; `none`: no credentials. */
  readonly credentials?: "default" | "wrong" | "none"
  /** Validity window of signed requests (ms); short, so ambiguous placements resolve quickly. */
  readonly recvWindowMs?: number
  readonly timeoutMs?: number
  readonly maxRetries?: number
  readonly watchdogMs?: number
}

export interface VenueHarness {
  readonly venue: VenueId
  /** Unified symbol to trade, quoted in `quote`. */
  readonly symbol: string
  readonly quote: string
  readonly base: string
  readonly paths: {
    /** Sandbox path (venue-relative) of order placement. */
    readonly placeOrder: string
    /** Sandbox path of the ticker request (a plain GET). */
    readonly ticker: string
    /** Sandbox path (prefix) of the market-data websocket. */
    readonly marketStream: string
    /** The depth stream name, for `depthGap`. */
    readonly depthStream: string
    /** Sandbox path of the private (user-data) websocket, for `wsClose` on it. */
    readonly privateStream?: string | undefined
  }
  readonly connect: (
    sandbox: Sandbox,
    overrides?: ConnectorOverrides
  ) => Effect.Effect<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor | Scope.Scope>
  /**
   * The venue's form of a scenario's client order id label, where the venue restricts the format
   * (Hyperliquid: `0x` + 32 hex digits). Default: the label itself.
   */
  readonly clientOrderId?: ((label: string) => string) | undefined
  /** Whether the private stream runs on a listen key (the `listenKeyExpiry` scenario applies). */
  readonly listenKey?: boolean | undefined
  /** Scenarios that do not apply to this venue, with the reason (reported as skipped). */
  readonly notApplicable?: Readonly<Record<string, string>>
}
