/**
 * An endpoint of a Binance family dialect: method, path, security type, the parameters it reads,
 * its request weight, and its handler.
 *
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { ApiKey } from "../../engine/Ledger.js"
import type { Random } from "../../engine/Random.js"
import type { Security } from "./auth.js"
import type { BinanceError } from "./errors.js"
import type { Params } from "./params.js"
import type { RateLimiter } from "./rateLimits.js"

/** What a handler gets. @since 0.1.0 */
export interface RouteContext {
  readonly params: Params
  readonly engine: Engine
  readonly now: number
  readonly random: Random
  readonly limiter: RateLimiter
  /** The caller's key on SIGNED endpoints. */
  readonly key: ApiKey | undefined
  /** Extra response headers a handler wants to send (order counts). */
  readonly headers: Record<string, string>
}

/** @since 0.1.0 */
export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** Venue-relative path, e.g. `/api/v3/order`. */
  readonly path: string
  readonly security: "NONE" | Security
  /** Parameters the endpoint reads, besides `timestamp`, `recvWindow` and `signature`. */
  readonly params: ReadonlyArray<string>
  readonly weight: (params: Params) => number
  readonly handle: (context: RouteContext) => Either.Either<unknown, BinanceError>
}

/** A route; `weight` a number or a function of the parameters. @since 0.1.0 */
export const route = (
  method: Route["method"],
  path: string,
  security: Route["security"],
  params: ReadonlyArray<string>,
  weight: number | ((params: Params) => number),
  handle: Route["handle"]
): Route => ({ method, path, security, params, weight: typeof weight === "number" ? () => weight : weight, handle })

/** A public `GET` route. @since 0.1.0 */
export const get = (
  path: string,
  params: ReadonlyArray<string>,
  weight: number | ((params: Params) => number),
  handle: Route["handle"]
): Route => route("GET", path, "NONE", params, weight, handle)

/** The account of the caller's key (SIGNED routes only). @since 0.1.0 */
export const accountOf = (ctx: RouteContext): string => ctx.key!.accountId
