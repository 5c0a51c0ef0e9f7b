/**
 * The venue registry: one entry per venue the config and the CLI can build, from the venue's
 * adapter. Adding a venue is one entry here: its credential fields, name and layer all come from the
 * adapter.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { ConfigError } from "../errors/ExchangeError.js"
import type { Exchange, VenueId } from "../Exchange.js"
import * as Connector from "../kernel/Connector.js"
import type { CredentialField, VenueAdapter } from "../kernel/VenueAdapter.js"
import * as Binance from "../venues/binance/Binance.js"
import * as BinanceUsdm from "../venues/binance/BinanceUsdm.js"
import * as Bybit from "../venues/bybit/Bybit.js"
import * as Hyperliquid from "../venues/hyperliquid/Hyperliquid.js"
import * as Okx from "../venues/okx/Okx.js"
import type { ExchangeSettings } from "./ExchangeSettings.js"

/**
 * How to build one venue.
 * @since 0.1.0
 */
export interface VenueEntry {
  readonly id: VenueId
  /** Human name, for CLI output. */
  readonly name: string
  /** The credential fields the venue takes (`[exchanges.<id>.credentials]`). */
  readonly credentials: ReadonlyArray<CredentialField>
  /**
   * Checks a record of credential fields (by field name): `undefined` when it is complete, else why
   * not.
   */
  readonly checkCredentials: (values: ExchangeSettings["credentials"]) => string | undefined
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
  recvWindow: millis(s.recvWindowMs),
  timeout: millis(s.timeoutMs),
  rateLimit: s.rateLimit === undefined ? undefined : {
    ...(s.rateLimit.weightLimit === undefined ? {} : { weightLimit: s.rateLimit.weightLimit }),
    ...(s.rateLimit.windowMs === undefined ? {} : { windowMs: s.rateLimit.windowMs }),
    ...(s.rateLimit.maxWaitMs === undefined ? {} : { maxWaitMs: s.rateLimit.maxWaitMs })
  }
})

/** A registry entry from a venue's adapter. */
const entry = <C, S>(adapter: VenueAdapter<C, S>): VenueEntry => {
  const { credentials, name, venue } = adapter.definition
  return {
    id: venue,
    name,
    credentials: credentials.fields,
    checkCredentials: (values) =>
      values === undefined ? undefined : Either.getLeft(credentials.make(values)).pipe(
        (left) => left._tag === "Some" ? left.value : undefined
      ),
    layer: (s) => {
      const built = s.credentials === undefined ? Either.right(undefined) : credentials.make(s.credentials)
      return Either.isLeft(built)
        ? Layer.fail(new ConfigError({ venue, path: `exchanges.${venue}.credentials`, detail: built.left }))
        : Connector.layer(adapter, { ...common(s), credentials: built.right })
    }
  }
}

/**
 * Every venue LotusX can build, by id.
 * @since 0.1.0
 */
export const venues: ReadonlyArray<VenueEntry> = [
  entry(Binance.adapter),
  entry(BinanceUsdm.adapter),
  entry(Bybit.adapter),
  entry(Okx.adapter),
  entry(Hyperliquid.adapter)
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
