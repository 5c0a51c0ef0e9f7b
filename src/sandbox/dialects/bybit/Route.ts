/**
 * An endpoint of the Bybit dialect.
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { ApiKey } from "../../engine/Ledger.js"
import type { Random } from "../../engine/Random.js"
import type { BookFeeds } from "./BookFeed.js"
import type { BybitError } from "./errors.js"
import type { VenueCancels } from "./VenueCancels.js"

/**
 * What a handler gets: the parameters (query for GET, JSON body fields for POST, as received).
 * @since 0.1.0
 */
export interface RouteContext {
  readonly params: ReadonlyMap<string, string>
  /** The parsed JSON body of a POST. */
  readonly body: Readonly<Record<string, unknown>>
  readonly engine: Engine
  readonly feeds: BookFeeds
  /** Orders the venue accepted and cancelled itself (linear post-only that would take). */
  readonly venueCancels: VenueCancels
  readonly now: number
  readonly random: Random
  readonly key: ApiKey | undefined
  /** Extra `retExtInfo` (batches). */
  readonly ext: { value: unknown }
}

/** @since 0.1.0 */
export interface Route {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly signed: boolean
  /** Needs trading permission (else reading is enough). */
  readonly trade?: boolean
  readonly handle: (context: RouteContext) => Either.Either<unknown, BybitError>
}

/**
 * A route: `public`, `signed` (reading is enough) or `trade` (needs trading permission).
 * @since 0.1.0
 */
export const route = (
  method: Route["method"],
  path: string,
  access: "public" | "signed" | "trade",
  handle: Route["handle"]
): Route => ({ method, path, signed: access !== "public", ...(access === "trade" ? { trade: true } : {}), handle })
