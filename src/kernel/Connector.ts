/**
 * What every venue connector does the same way before it does anything venue-specific: resolve its
 * base URLs for the environment (the sandbox has none of its own), check the validity window,
 * build the server clock, the rate-limit gate and the REST client, settle its stream timings; and
 * keep the venue's market list cached, resolving symbols through it.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { ConfigError } from "../errors/ExchangeError.js"
import type { Environment, MarketDataError } from "../Exchange.js"
import type { Market, Markets } from "../model/Market.js"
import * as ExpiringCache from "./ExpiringCache.js"
import * as RateLimiter from "./RateLimiter.js"
import * as RestClient from "./RestClient.js"
import * as ServerClock from "./ServerClock.js"
import type { Signer } from "./Signer.js"

/**
 * Options every connector takes (`Binance.layer(options)`, `Bybit.layer(options)`, …).
 * @since 0.1.0
 */
export interface ConnectorOptions<Credentials> {
  readonly environment: Environment
  /** REST base URL; required for `sandbox`, overrides the official one otherwise. */
  readonly restUrl?: string | undefined
  /** Websocket base URL; required for `sandbox`, overrides the official one otherwise. */
  readonly wsUrl?: string | undefined
  readonly credentials?: Credentials | undefined
  /** Validity window of signed requests. Default 5 s; keep it small. */
  readonly recvWindow?: Duration.DurationInput | undefined
  /** Request budget; defaults to the venue's documented limit. */
  readonly rateLimit?: Partial<RateLimiter.RateLimitPolicy> | undefined
  readonly retry?: RestClient.RetryPolicy | undefined
  /** Per REST attempt. Default 10 s. */
  readonly timeout?: Duration.DurationInput | undefined
  readonly stream?: {
    /** A websocket connection silent for this long is replaced. */
    readonly watchdog?: Duration.DurationInput | undefined
    /** Application-level heartbeat interval. */
    readonly heartbeat?: Duration.DurationInput | undefined
  } | undefined
}

/**
 * The venue's own facts the setup needs.
 * @since 0.1.0
 */
export interface VenueDefinition<Credentials> {
  readonly venue: string
  /** Official base URLs per real environment. */
  readonly urls: Record<Exclude<Environment, "sandbox">, { readonly rest: string; readonly ws: string }>
  /** The venue's documented request budget. */
  readonly rateLimit: RateLimiter.RateLimitPolicy
  /** Largest validity window the venue accepts, ms. */
  readonly maxRecvWindowMs: number
  readonly streamTimings: { readonly watchdog: Duration.DurationInput; readonly heartbeat: Duration.DurationInput }
  readonly classify: RestClient.VenueRules["classify"]
  /** Reads the venue's usage header; receives the effective weight limit. */
  readonly usedWeight?: ((weightLimit: number) => RestClient.VenueRules["usedWeight"]) | undefined
  readonly signer: (credentials: Credentials, recvWindowMs: number) => Signer
}

/**
 * @since 0.1.0
 */
export interface Setup {
  readonly wsUrl: string
  readonly recvWindowMs: number
  readonly clock: ServerClock.ServerClock
  readonly gate: RateLimiter.VenueGate
  readonly rest: RestClient.RestClient
  readonly stream: {
    readonly baseUrl: string
    readonly watchdog: Duration.DurationInput
    readonly heartbeat: Duration.DurationInput
  }
}

/**
 * @since 0.1.0
 */
export const setup = <Credentials>(
  definition: VenueDefinition<Credentials>,
  options: ConnectorOptions<Credentials>
): Effect.Effect<Setup, ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const { venue } = definition
    const official = options.environment === "sandbox" ? undefined : definition.urls[options.environment]
    const restUrl = options.restUrl ?? official?.rest
    const wsUrl = options.wsUrl ?? official?.ws
    if (restUrl === undefined || wsUrl === undefined) {
      return yield* new ConfigError({
        venue,
        path: restUrl === undefined ? "restUrl" : "wsUrl",
        detail: "the sandbox environment needs explicit REST and websocket URLs (from `lotusx sandbox --json`)"
      })
    }
    const recvWindowMs = Duration.toMillis(options.recvWindow ?? Duration.seconds(5))
    if (recvWindowMs <= 0 || recvWindowMs > definition.maxRecvWindowMs) {
      return yield* new ConfigError({
        venue,
        path: "recvWindow",
        detail: `must be between 1 ms and ${Duration.format(Duration.millis(definition.maxRecvWindowMs))} ` +
          `(the venue's maximum), got ${recvWindowMs} ms`
      })
    }
    const policy: RateLimiter.RateLimitPolicy = { ...definition.rateLimit, ...options.rateLimit }
    const clock = yield* ServerClock.make
    const gate = yield* RateLimiter.make(venue, policy)
    const rest = yield* RestClient.make({
      baseUrl: restUrl,
      rules: { venue, classify: definition.classify, usedWeight: definition.usedWeight?.(policy.weightLimit) },
      gate,
      clock,
      signer: options.credentials === undefined ? undefined : definition.signer(options.credentials, recvWindowMs),
      retry: options.retry,
      timeout: options.timeout
    })
    return {
      wsUrl,
      recvWindowMs,
      clock,
      gate,
      rest,
      stream: {
        baseUrl: wsUrl,
        watchdog: options.stream?.watchdog ?? definition.streamTimings.watchdog,
        heartbeat: options.stream?.heartbeat ?? definition.streamTimings.heartbeat
      }
    }
  })

/**
 * The venue's market list, loaded once and kept for an hour; `reload` refreshes it now.
 * @since 0.1.0
 */
export const marketCache = (load: Effect.Effect<Markets, MarketDataError>) =>
  Effect.map(ExpiringCache.make(load, Duration.hours(1)), ({ get: cached, invalidate }) => ({
    markets: cached,
    reloadMarkets: Effect.zipRight(invalidate, cached),
    market: (symbol: string): Effect.Effect<Market, MarketDataError> => Effect.flatMap(cached, (m) => m.resolve(symbol))
  }))
