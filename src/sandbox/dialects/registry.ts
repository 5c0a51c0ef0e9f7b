/**
 * Every venue dialect the sandbox can serve, one entry each. Adding a venue is adding an entry
 * here (and its folder under `dialects/`); `Sandbox.start` serves each under `/<venue>` on the
 * shared port and issues the default account a key for it.
 *
 * @since 0.1.0
 */
import type { Engine } from "../engine/Engine.js"
import type * as Random from "../engine/Random.js"
import type { Faults } from "../faults/Faults.js"
import type { Dialect } from "../server/Dialect.js"
import type * as Timers from "../server/Timers.js"
import * as BinanceFamily from "./binance/BinanceFamily.js"
import type { RateLimitOptions } from "./binance/rateLimits.js"
import * as BinanceDialect from "./binance/spot/SpotDialect.js"
import * as UsdmDialect from "./binance/usdm/UsdmDialect.js"
import * as BybitDialect from "./bybit/BybitDialect.js"
import type { RateLimitOptions as BybitRateLimitOptions } from "./bybit/BybitDialect.js"
import * as HyperliquidDialect from "./hyperliquid/HyperliquidDialect.js"
import * as OkxDialect from "./okx/OkxDialect.js"

/**
 * What every dialect is built from.
 * @since 0.1.0
 */
export interface DialectDeps {
  readonly engine: Engine
  readonly faults: Faults
  readonly random: Random.Random
  readonly timers: Timers.Timers
}

/**
 * Per-venue options of `Sandbox.start`.
 * @since 0.1.0
 */
export interface VenueOptions {
  readonly binance?: { readonly rateLimits?: RateLimitOptions | undefined } | undefined
  readonly bybit?: { readonly rateLimits?: BybitRateLimitOptions | undefined } | undefined
  readonly hyperliquid?: { readonly addressRequestBuffer?: number | undefined } | undefined
}

/**
 * @since 0.1.0
 */
export interface DialectEntry {
  readonly make: (deps: DialectDeps, options: VenueOptions) => Dialect
  /** The venue's keys have a passphrase (OKX): the sandbox issues one with each key. */
  readonly passphrase?: boolean | undefined
}

/**
 * The venues, in the order they are served.
 * @since 0.1.0
 */
export const dialects = {
  binance: {
    make: (deps, options) =>
      BinanceFamily.make(BinanceDialect.product, { ...deps, rateLimits: options.binance?.rateLimits })
  },
  "binance-usdm": {
    make: (deps) => BinanceFamily.make(UsdmDialect.product, deps)
  },
  bybit: {
    make: (deps, options) => BybitDialect.make({ ...deps, rateLimits: options.bybit?.rateLimits })
  },
  okx: {
    make: (deps) => OkxDialect.make(deps),
    passphrase: true
  },
  hyperliquid: {
    make: (deps, options) =>
      HyperliquidDialect.make({ ...deps, addressRequestBuffer: options.hyperliquid?.addressRequestBuffer })
  }
} satisfies Record<string, DialectEntry>

/**
 * The venues the sandbox can speak.
 * @since 0.1.0
 */
export type Venue = keyof typeof dialects

/** @since 0.1.0 */
export const venues = Object.keys(dialects) as ReadonlyArray<Venue>
