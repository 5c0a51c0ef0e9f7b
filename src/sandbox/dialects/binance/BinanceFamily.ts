/**
 * The Binance family of dialects: what Spot (`/binance`) and USDⓈ-M (`/binance-usdm`) share, as a
 * `Dialect` made from a product's definition (its routes, limits, error answers and streams).
 *
 * A request goes through: route lookup (unknown: Binance's HTML 404) → parameter parsing (-1101) →
 * request weight (429 then 418 with `Retry-After`; `X-MBX-USED-WEIGHT-1M` on every answer) →
 * for SIGNED endpoints, API key (-2014/-2015), timing (-1021) and signature (-1022) (USER_STREAM:
 * the key alone) → unknown parameters (-1104) → the endpoint. Nothing before the endpoint touches the ledger.
 *
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/general-api-information
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { Random } from "../../engine/Random.js"
import type { Faults } from "../../faults/Faults.js"
import type { Dialect, HttpRequest, HttpResponse } from "../../server/Dialect.js"
import { json } from "../../server/Dialect.js"
import type { Timers } from "../../server/Timers.js"
import type { Row } from "../kit/ErrorTable.js"
import { fromRow, withHeaders } from "../kit/ErrorTable.js"
import { faultAnswers, findRoute, gatewayPage } from "../kit/Routes.js"
import * as Auth from "./auth.js"
import * as Errors from "./errors.js"
import { parseParams } from "./params.js"
import type { RateLimitOptions } from "./rateLimits.js"
import { RateLimiter } from "./rateLimits.js"
import type { Route } from "./Route.js"
import type { StreamProduct } from "./streams.js"
import * as Streams from "./streams.js"
import type { MakeUserData } from "./userData.js"

/** What makes one Binance product. @since 0.1.0 */
export interface Product {
  /** Venue id and URL prefix (`binance`, `binance-usdm`). */
  readonly venue: string
  /** The product's documented limits; `Sandbox.start` options override them. */
  readonly rateLimits: RateLimitOptions
  /** The endpoints, given the engine at the dialect's start. */
  readonly routes: (engine: Engine) => ReadonlyArray<Route>
  /**
   * Its rows of -1003 over the weight limit (HTTP 429, `%s` the limit) and while the IP is banned
   * (HTTP 418, `%s` until when), and what an overloaded server answers (the `http503` fault).
   */
  readonly limitRows: { readonly tooMuchWeight: Row; readonly banned: Row; readonly serverBusy: Row }
  readonly streams: StreamProduct
  /** Its user data stream: more routes, and the connections it takes over before the market streams. */
  readonly userData: MakeUserData
}

/** @since 0.1.0 */
export interface FamilyOptions {
  readonly engine: Engine
  readonly faults: Faults
  readonly random: Random
  readonly timers: Timers
  readonly rateLimits?: RateLimitOptions | undefined
}

const SIGNED_PARAMS = ["timestamp", "recvWindow", "signature"]

/** Builds a product's dialect. @since 0.1.0 */
export const make = (product: Product, options: FamilyOptions): Dialect => {
  const { engine, faults, random, timers } = options
  const venue = product.venue
  const limiter = new RateLimiter({ ...product.rateLimits, ...options.rateLimits })
  const userData = product.userData({ ...options, venue })
  const routes = [...product.routes(engine), ...userData.routes]
  const { banned, serverBusy, tooMuchWeight } = product.limitRows
  /** A -1003 answer with `Retry-After`. */
  const limited = (row: Row, value: number, retryAfterSeconds: number, headers: Record<string, string> = {}) =>
    Errors.toResponse(withHeaders(fromRow(row, value), { "Retry-After": String(retryAfterSeconds) }), headers)

  const respond = (request: HttpRequest): HttpResponse => {
    const route = findRoute(routes, request)
    if (route === undefined) return gatewayPage(404)
    const now = engine.now()
    const parsed = parseParams(request.rawQuery, request.body)
    const weight = Either.isRight(parsed) ? route.weight(parsed.right) : 1
    const decision = limiter.charge(request.remoteAddress, weight, now)
    const headers: Record<string, string> = { "X-MBX-USED-WEIGHT-1M": String(decision.used) }
    if (decision._tag === "banned") {
      return limited(banned, decision.until, decision.retryAfter, headers)
    }
    if (decision._tag === "limited") {
      return limited(tooMuchWeight, limiter.weightPerMinute, decision.retryAfter, headers)
    }
    const result = Either.gen(function*() {
      const params = yield* parsed
      let key = undefined
      if (route.security !== "NONE") {
        const forced = faults.take(["authFailure"], { venue, path: request.path, method: request.method })
        key = yield* Auth.apiKey(engine, request.headers["x-mbx-apikey"], route.security, forced !== undefined)
        if (route.security !== "USER_STREAM") {
          yield* Auth.timing(params, now)
          yield* Auth.signature(params, key, request.rawQuery, request.body)
        }
      }
      const allowed = route.security === "NONE" ? route.params : [...route.params, ...SIGNED_PARAMS]
      const read = params.names.filter((n) => allowed.includes(n)).length
      if (read !== params.names.length) {
        return yield* Either.left(Errors.error("UNREAD_PARAMETERS", read, params.names.length))
      }
      return yield* route.handle({ params, engine, now, random, limiter, key, headers })
    })
    return Either.isRight(result) ? json(200, result.right, headers) : Errors.toResponse(result.left, headers)
  }

  const unknown = () => Errors.toResponse(Errors.error("UNKNOWN"))
  const faultResponse = faultAnswers({
    limited: (seconds = 2) => limited(tooMuchWeight, limiter.weightPerMinute, seconds),
    banned: (seconds = 60) => limited(banned, engine.now() + seconds * 1000, seconds),
    busy: () => Errors.toResponse(fromRow(serverBusy)),
    otherwise: unknown
  })

  return {
    venue,
    prefix: `/${venue}`,
    handle: (request) => Effect.sync(() => respond(request)),
    faultResponse,
    internalError: unknown(),
    connect: (connection) => {
      if (!userData.connect(connection)) Streams.connect(product.streams, { engine, faults, timers, venue }, connection)
    },
    close: () => {}
  }
}
