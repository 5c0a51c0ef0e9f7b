/**
 * The venue registry: one entry per venue the config and the CLI can build. Adding a venue is one
 * entry here (its layer builder maps `ExchangeSettings` onto the venue's own options).
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Duration from "effect/Duration"
import type * as Layer from "effect/Layer"
import type { ConfigError } from "../errors/ExchangeError.js"
import type { Exchange, VenueId } from "../Exchange.js"
import * as Binance from "../venues/binance/Binance.js"
import * as BinanceUsdm from "../venues/binance/BinanceUsdm.js"
import * as Bybit from "../venues/bybit/Bybit.js"
import type { ExchangeSettings } from "./ExchangeSettings.js"

/**
 * How to build one venue.
 * @since 0.1.0
 */
export interface VenueEntry {
  readonly id: VenueId
  /** Human name, for CLI output. */
  readonly name: string
  /** Builds the venue's `Exchange` layer from validated settings. */
  readonly layer: (
    settings: ExchangeSettings
  ) => Layer.Layer<Exchange, ConfigError, HttpClient.HttpClient | Socket.WebSocketConstructor>
}

const millis = (ms: number | undefined) => ms === undefined ? undefined : Duration.millis(ms)

/** The options every connector takes, from validated settings. */
const common = (s: ExchangeSettings) => ({
  environment: s.environment,
  restUrl: s.restUrl,
  wsUrl: s.wsUrl,
  credentials: s.credentials === undefined ? undefined : { apiKey: s.credentials.apiKey, secret: s.credentials.secret },
  recvWindow: millis(s.recvWindowMs),
  timeout: millis(s.timeoutMs),
  rateLimit: s.rateLimit === undefined ? undefined : {
    ...(s.rateLimit.weightLimit === undefined ? {} : { weightLimit: s.rateLimit.weightLimit }),
    ...(s.rateLimit.windowMs === undefined ? {} : { windowMs: s.rateLimit.windowMs }),
    ...(s.rateLimit.maxWaitMs === undefined ? {} : { maxWaitMs: s.rateLimit.maxWaitMs })
  }
})

/**
 * Every venue LotusX can build, by id.
 * @since 0.1.0
 */
export const venues: ReadonlyArray<VenueEntry> = [
  { id: "binance", name: "Binance Spot", layer: (s) => Binance.layer(common(s)) },
  { id: "binance-usdm", name: "Binance USDⓈ-M futures", layer: (s) => BinanceUsdm.layer(common(s)) },
  { id: "bybit", name: "Bybit (spot + linear)", layer: (s) => Bybit.layer(common(s)) }
]

/**
 * The ids of the venues in the registry.
 * @since 0.1.0
 */
export const venueIds: ReadonlyArray<VenueId> = venues.map((v) => v.id)

/**
 * The registry entry of a venue id, if there is one.
 * @since 0.1.0
 */
export const find = (id: string): VenueEntry | undefined => venues.find((v) => v.id === id)

/**
 * The sentence every "unknown exchange" error ends with.
 * @since 0.1.0
 */
export const unknownVenueDetail = (id: string): string => `unknown exchange "${id}"; supported: ${venueIds.join(", ")}`
