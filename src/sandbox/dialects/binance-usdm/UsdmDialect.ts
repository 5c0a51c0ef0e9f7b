/**
 * The Binance USDⓈ-M futures dialect of the sandbox: REST under `/binance-usdm/fapi/...` and
 * market streams under `/binance-usdm/ws/...` and `/binance-usdm/stream`, on the engine's linear
 * perpetuals (`BTCUSDT` ↔ `perp:BTCUSDT`). Parameters, key/timing/signature checks and the weight
 * limiter are Binance's (shared with the Spot dialect); codes and messages are USDⓈ-M's.
 *
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { Random } from "../../engine/Random.js"
import type { FaultRule } from "../../faults/FaultRule.js"
import type { Faults } from "../../faults/Faults.js"
import type { Dialect, HttpRequest, HttpResponse } from "../../server/Dialect.js"
import { htmlPage, json } from "../../server/Dialect.js"
import type { Timers } from "../../server/Timers.js"
import * as Auth from "../binance/auth.js"
import * as Errors from "../binance/errors.js"
import { Params } from "../binance/params.js"
import type { RateLimitOptions } from "../binance/rateLimits.js"
import { RateLimiter } from "../binance/rateLimits.js"
import type { Route } from "../binance/Route.js"
import * as UsdmErrors from "./errors.js"
import { marketDataRoutes } from "./marketData.js"
import * as Streams from "./streams.js"
import { tradingRoutes } from "./trading.js"

/** @since 0.1.0 */
export const VENUE = "binance-usdm"

/** @since 0.1.0 */
export interface UsdmDialectOptions {
  readonly engine: Engine
  readonly faults: Faults
  readonly random: Random
  readonly timers: Timers
  readonly rateLimits?: RateLimitOptions | undefined
}

const SIGNED_PARAMS = ["timestamp", "recvWindow", "signature"]

/**
 * Builds the dialect. Weight limit: 2400 per minute per IP (USDⓈ-M's `REQUEST_WEIGHT`).
 * @since 0.1.0
 */
export const make = (options: UsdmDialectOptions): Dialect => {
  const { engine, faults, random, timers } = options
  const limiter = new RateLimiter({ weightPerMinute: 2400, ...options.rateLimits })
  const routes: ReadonlyArray<Route> = [...marketDataRoutes, ...tradingRoutes(engine.now())]

  const respond = (request: HttpRequest): HttpResponse => {
    const route = routes.find((r) => r.path === request.path && r.method === request.method)
    if (route === undefined) return htmlPage(404, "Not Found")
    const now = engine.now()
    const parsed = Params.parse(request.rawQuery, request.body)
    const weight = Either.isRight(parsed) ? route.weight(parsed.right) : 1
    const decision = limiter.charge(request.remoteAddress, weight, now)
    const headers: Record<string, string> = { "X-MBX-USED-WEIGHT-1M": String(decision.used) }
    if (decision._tag === "banned") {
      return Errors.toResponse(UsdmErrors.banned(decision.until, decision.retryAfter), headers)
    }
    if (decision._tag === "limited") {
      return Errors.toResponse(UsdmErrors.tooManyRequests(limiter.weightPerMinute, decision.retryAfter), headers)
    }
    const result = Either.gen(function*() {
      const params = yield* parsed
      let key = undefined
      if (route.security !== "NONE") {
        const forced = faults.take(["authFailure"], { venue: VENUE, path: request.path, method: request.method })
        key = yield* Auth.apiKey(engine, request.headers["x-mbx-apikey"], route.security, forced !== undefined)
        yield* Auth.timing(params, now)
        yield* Auth.signature(params, key, request.rawQuery, request.body)
      }
      const allowed = route.security === "NONE" ? route.params : [...route.params, ...SIGNED_PARAMS]
      const read = params.names.filter((n) => allowed.includes(n)).length
      if (read !== params.names.length) return yield* Either.left(Errors.unreadParameters(read, params.names.length))
      return yield* route.handle({ params, engine, now, random, limiter, key, headers })
    })
    return Either.isRight(result) ? json(200, result.right, headers) : Errors.toResponse(result.left, headers)
  }

  const faultResponse = (rule: FaultRule): HttpResponse => {
    switch (rule.kind) {
      case "http429":
        return Errors.toResponse(UsdmErrors.tooManyRequests(limiter.weightPerMinute, rule.retryAfter ?? 2))
      case "http418": {
        const seconds = rule.retryAfter ?? 60
        return Errors.toResponse(UsdmErrors.banned(engine.now() + seconds * 1000, seconds))
      }
      case "http503":
        return Errors.toResponse(
          Errors.error(-1001, "Internal error; unable to process your request. Please try again.", 503)
        )
      case "htmlError": {
        const status = rule.status ?? 502
        return htmlPage(status, status === 502 ? "Bad Gateway" : status === 504 ? "Gateway Time-out" : "Error")
      }
      default:
        return Errors.toResponse(Errors.unknown)
    }
  }

  return {
    venue: VENUE,
    prefix: `/${VENUE}`,
    handle: (request) => Effect.sync(() => respond(request)),
    faultResponse,
    internalError: Errors.toResponse(Errors.unknown),
    connect: (connection) => Streams.connect({ engine, faults, timers, venue: VENUE }, connection),
    close: () => {}
  }
}
