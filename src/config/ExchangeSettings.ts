/**
 * What the config says about one exchange, validated and with every secret already `Redacted`:
 * the input of a venue's layer builder (see `venues.ts`).
 *
 * @since 0.1.0
 */
import type * as Redacted from "effect/Redacted"
import type { Environment, VenueId } from "../Exchange.js"

/**
 * API credentials: the venue's credential fields by name (`apiKey`, `secret`, `passphrase`, …, as
 * its adapter declares them), every value `Redacted`.
 * @since 0.1.0
 */
export type Credentials = Readonly<Record<string, Redacted.Redacted<string>>>

/**
 * @since 0.1.0
 */
export interface RateLimitOverrides {
  readonly weightLimit?: number | undefined
  readonly windowMs?: number | undefined
  readonly maxWaitMs?: number | undefined
}

/**
 * One exchange's settings.
 * @since 0.1.0
 */
export interface ExchangeSettings {
  readonly venue: VenueId
  readonly environment: Environment
  readonly restUrl?: string | undefined
  readonly wsUrl?: string | undefined
  /** Validity window of signed requests, ms. */
  readonly recvWindowMs?: number | undefined
  /** Per REST attempt, ms. */
  readonly timeoutMs?: number | undefined
  readonly rateLimit?: RateLimitOverrides | undefined
  readonly credentials?: Credentials | undefined
}
