/**
 * An endpoint of the OKX dialect.
 * @since 0.1.0
 */
import type * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { ApiKey } from "../../engine/Ledger.js"
import type { Random } from "../../engine/Random.js"
import type { OkxError } from "./errors.js"
import type { DialectState } from "./state.js"

/**
 * What a handler gets: the parameters (query for GET, the JSON body's string fields for POST) and
 * the parsed body.
 * @since 0.1.0
 */
export interface RouteContext {
  readonly params: ReadonlyMap<string, string>
  /** The parsed JSON body of a POST (an object, or an array for the batch endpoints). */
  readonly body: unknown
  readonly engine: Engine
  readonly state: DialectState
  readonly now: number
  readonly random: Random
  readonly key: ApiKey | undefined
}

/**
 * What a handler answers: the `data` array, and for trade endpoints the envelope `code`/`msg`
 * (`"1"` all failed, `"2"` partly).
 * @since 0.1.0
 */
export interface RouteAnswer {
  readonly data: ReadonlyArray<unknown>
  readonly code?: string | undefined
  readonly msg?: string | undefined
}

/** @since 0.1.0 */
export interface Route {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly signed: boolean
  /** Needs trading permission (else reading is enough). */
  readonly trade?: boolean
  /**
   * The documented limit per 2 s: per IP, per user, or per user and instrument (the order
   * endpoints, where a batch counts its orders).
   */
  readonly limit: { readonly requests: number; readonly scope: "ip" | "user" | "instrument" }
  readonly handle: (context: RouteContext) => Either.Either<ReadonlyArray<unknown> | RouteAnswer, OkxError>
}

/**
 * A route: `public`, `signed` (reading is enough) or `trade` (needs trading permission), with its
 * documented limit per 2 s (`[requests, scope]`).
 * @since 0.1.0
 */
export const route = (
  method: Route["method"],
  path: string,
  access: "public" | "signed" | "trade",
  [requests, scope]: readonly [number, Route["limit"]["scope"]],
  handle: Route["handle"]
): Route => ({
  method,
  path,
  signed: access !== "public",
  ...(access === "trade" ? { trade: true } : {}),
  limit: { requests, scope },
  handle
})
