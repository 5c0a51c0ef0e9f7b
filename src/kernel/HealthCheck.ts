/**
 * The health check every connector offers (`Exchange.healthCheck`): reachability and latency (one
 * server-time round trip, which also re-measures the clock offset), clock skew, whether the
 * credentials work and what they may do (the venue's key or account endpoint), the account's
 * settings where the venue reports them there (account mode, position mode), and the rate-limit
 * headroom the venue reported. Bad or missing credentials are reported, not failed.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { TransportError } from "../errors/ExchangeError.js"
import type { AccountSettings, Environment, HealthReport, MarketDataError, VenueId } from "../Exchange.js"
import type { RestClient } from "./RestClient.js"

/**
 * @since 0.1.0
 */
export type Permissions = HealthReport["permissions"]

/**
 * What a venue's key/account call tells: the permissions, and the account's settings where it has
 * them.
 * @since 0.1.0
 */
export type KeyReport = Permissions & { readonly account?: AccountSettings | undefined }

const none: Permissions = { read: false, trade: false, withdraw: false }

/**
 * @since 0.1.0
 */
export const make = (options: {
  readonly venue: VenueId
  readonly environment: Environment
  readonly rest: RestClient
  readonly serverTime: Effect.Effect<number, MarketDataError>
  /** The venue's signed key/account call, read as permissions (and account settings). */
  readonly permissions: Effect.Effect<KeyReport, TransportError>
}): Effect.Effect<HealthReport, MarketDataError | TransportError> =>
  Effect.gen(function*() {
    const { rest } = options
    const sync = yield* rest.clock.sync(options.serverTime)
    const status = yield* rest.gate.status
    const base = {
      venue: options.venue,
      environment: options.environment,
      reachable: true,
      latencyMs: sync.roundTripMs,
      clockSkewMs: sync.offsetMs,
      rateLimit: { used: status.used, limit: status.limit }
    }
    if (!rest.hasCredentials) return { ...base, credentials: "missing", permissions: none } satisfies HealthReport
    const permissions = yield* Effect.either(options.permissions)
    if (Either.isRight(permissions)) {
      const { account, read, trade, withdraw } = permissions.right
      return {
        ...base,
        credentials: "valid",
        permissions: { read, trade, withdraw },
        ...(account !== undefined ? { account } : {})
      } satisfies HealthReport
    }
    const e = permissions.left
    if (e._tag === "AuthenticationFailed" || e._tag === "PermissionDenied") {
      return { ...base, credentials: "invalid", permissions: none, detail: e.message } satisfies HealthReport
    }
    return yield* e
  }).pipe(Effect.withSpan(`${options.venue}.healthCheck`))
