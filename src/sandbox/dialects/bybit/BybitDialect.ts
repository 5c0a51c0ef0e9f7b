/**
 * The Bybit v5 dialect of the sandbox: REST under `/bybit/v5/...` and public streams under
 * `/bybit/v5/public/spot` and `/bybit/v5/public/linear`, the private stream under `/bybit/v5/private`
 * (`privateStream.ts`), speaking Bybit's wire protocol as its
 * official documentation defines it (https://bybit-exchange.github.io/docs/v5/intro).
 *
 * A request goes through: route lookup (unknown: 404, 10017) → the IP limit (600 requests per 5 s;
 * beyond it HTTP 403 "access too frequent" and a 10-minute ban) → parameters (query for GET, a JSON
 * object body for POST; 10001) → for signed endpoints the `X-BAPI-*` headers: key (10003, HTTP 401),
 * timing `server - recvWindow <= timestamp < server + 1000` (10002), HMAC-SHA256 hex signature over
 * `timestamp + key + recvWindow + (query | body)` (10004), permission (10005), and the per-key,
 * per-endpoint limit reported in `X-Bapi-Limit-Status` / `X-Bapi-Limit` /
 * `X-Bapi-Limit-Reset-Timestamp` (10006) → the endpoint. Nothing before the endpoint touches the
 * ledger. Answers are the v5 envelope `{retCode, retMsg, result, retExtInfo, time}`.
 *
 * https://bybit-exchange.github.io/docs/v5/guide#authentication
 * https://bybit-exchange.github.io/docs/v5/rate-limit
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Engine } from "../../engine/Engine.js"
import type { ApiKey } from "../../engine/Ledger.js"
import type { Random } from "../../engine/Random.js"
import type { FaultRule } from "../../faults/FaultRule.js"
import type { Faults } from "../../faults/Faults.js"
import type { Dialect, HttpRequest, HttpResponse } from "../../server/Dialect.js"
import { json, text } from "../../server/Dialect.js"
import type { Timers } from "../../server/Timers.js"
import { FixedWindows, WeightLimiter } from "../kit/RateLimits.js"
import { findRoute, gatewayPage, header } from "../kit/Routes.js"
import * as Signing from "../kit/Signing.js"
import { bookFeeds } from "./BookFeed.js"
import type { BybitError } from "./errors.js"
import * as Errors from "./errors.js"
import { marketDataRoutes } from "./marketData.js"
import { connectPrivate } from "./privateStream.js"
import type { Route } from "./Route.js"
import { connect } from "./streams.js"
import { tradingRoutes } from "./trading.js"
import { VenueCancels } from "./VenueCancels.js"

/** @since 0.1.0 */
export const VENUE = "bybit"

/**
 * @since 0.1.0
 */
export interface RateLimitOptions {
  /** Requests per IP per 5 s. Bybit: 600. */
  readonly ipPer5s?: number | undefined
  /**
   * Requests per key per endpoint per second, for every endpoint. Default: Bybit's documented limits
   * of the order endpoints by category (`documentedLimits`), 20 elsewhere.
   */
  readonly perEndpointPerSecond?: number | undefined
  /** Length of an IP ban. Bybit: 10 minutes. */
  readonly banSeconds?: number | undefined
}

/** @since 0.1.0 */
export interface BybitDialectOptions {
  readonly engine: Engine
  readonly faults: Faults
  readonly random: Random
  readonly timers: Timers
  readonly rateLimits?: RateLimitOptions | undefined
}

/**
 * Requests per second per UID at the default account level, by endpoint and category (each
 * endpoint counted apart; a batch's orders count one each); endpoints not listed: 20.
 * https://bybit-exchange.github.io/docs/v5/rate-limit ("API Rate Limit Table")
 */
const documentedLimits: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "/v5/order/create": { linear: 10, spot: 20 },
  "/v5/order/amend": { linear: 10, spot: 10 },
  "/v5/order/cancel": { linear: 10, spot: 20 },
  "/v5/order/cancel-all": { linear: 10, spot: 20 },
  "/v5/order/create-batch": { linear: 10, spot: 20 },
  "/v5/order/cancel-batch": { linear: 10, spot: 20 },
  "/v5/order/realtime": { linear: 50, spot: 50 },
  "/v5/order/history": { linear: 50, spot: 50 },
  "/v5/execution/list": { linear: 50, spot: 50 },
  "/v5/position/list": { linear: 50 }
}

/** The IP-limit answer: HTTP 403, not the JSON envelope. */
const accessTooFrequent = (retryAfterSeconds: number): HttpResponse =>
  text(403, "403 Forbidden: access too frequent", { "Retry-After": String(retryAfterSeconds) })

/**
 * Builds the dialect.
 * @since 0.1.0
 */
export const make = (options: BybitDialectOptions): Dialect => {
  const { engine, faults, random, timers } = options
  const ips = new WeightLimiter(
    options.rateLimits?.ipPer5s ?? 600,
    5000,
    0,
    (options.rateLimits?.banSeconds ?? 600) * 1000
  )
  const endpointLimit = options.rateLimits?.perEndpointPerSecond ?? 20
  const limitOf = (path: string, category: string) =>
    options.rateLimits?.perEndpointPerSecond ?? documentedLimits[path]?.[category] ?? endpointLimit
  const routes: ReadonlyArray<Route> = [...marketDataRoutes, ...tradingRoutes]
  const feeds = bookFeeds(engine, timers)
  const venueCancels = new VenueCancels()
  const endpoints = new FixedWindows(1000)

  const checkSigned = (request: HttpRequest, route: Route, now: number): Either.Either<ApiKey, BybitError> =>
    Either.gen(function*() {
      const keyText = header(request, "x-bapi-api-key")
      const sign = header(request, "x-bapi-sign")
      const tsText = header(request, "x-bapi-timestamp")
      const forced = faults.take(["authFailure"], { venue: VENUE, path: request.path, method: request.method })
      if (keyText === undefined || forced !== undefined) return yield* Either.left(Errors.error("INVALID_KEY"))
      const key = engine.apiKey(keyText)
      if (key === undefined) return yield* Either.left(Errors.error("INVALID_KEY"))
      if (tsText === undefined || !/^\d{1,16}$/.test(tsText)) {
        return yield* Either.left(Errors.params("X-BAPI-TIMESTAMP is missing or invalid"))
      }
      const recvText = header(request, "x-bapi-recv-window") ?? "5000"
      if (!/^\d{1,9}$/.test(recvText)) return yield* Either.left(Errors.params("X-BAPI-RECV-WINDOW invalid"))
      const ts = Number.parseInt(tsText, 10)
      const recv = Number.parseInt(recvText, 10)
      if (Signing.timing(ts, now, recv) !== "ok") return yield* Either.left(Errors.error("TIMESTAMP", ts, now, recv))
      const payload = tsText + keyText + recvText + (request.method === "GET" ? request.rawQuery : request.body)
      if (sign === undefined || !Signing.hmacSha256HexMatches(key, payload, sign)) {
        return yield* Either.left(Errors.error("SIGN"))
      }
      if (!Signing.permits(key, route.trade === true)) return yield* Either.left(Errors.error("PERMISSION"))
      return key
    })

  const respond = (request: HttpRequest): HttpResponse => {
    const now = engine.now()
    const route = findRoute(routes, request)
    if (route === undefined) return Errors.toResponse(Errors.error("ROUTE_NOT_FOUND"), now)

    const ip = ips.charge(request.remoteAddress, 1, now)
    if (ip._tag === "banned") return accessTooFrequent(ip.retryAfter)

    const headers: Record<string, string> = {}
    const ext = { value: {} as unknown }
    const result = Either.gen(function*() {
      let params = new Map<string, string>()
      let body: Record<string, unknown> = {}
      if (request.method === "GET") {
        params = new Map(new URLSearchParams(request.rawQuery))
      } else {
        let parsed: unknown
        try {
          parsed = request.body === "" ? {} : JSON.parse(request.body)
        } catch {
          return yield* Either.left(Errors.params("the request body is not valid JSON"))
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
          return yield* Either.left(Errors.params("the request body must be a JSON object"))
        }
        body = parsed as Record<string, unknown>
        for (const [k, v] of Object.entries(body)) if (typeof v === "string") params.set(k, v)
      }
      let key: ApiKey | undefined
      if (route.signed) {
        key = yield* checkSigned(request, route, now)
        const category = params.get("category") ?? ""
        const limit = limitOf(route.path, category)
        const units = Array.isArray(body["request"]) ? Math.max(1, body["request"].length) : 1
        const usage = endpoints.add(`${key.key}:${route.path}:${category}`, now, units)
        headers["X-Bapi-Limit"] = String(limit)
        headers["X-Bapi-Limit-Status"] = String(Math.max(0, limit - usage.used))
        headers["X-Bapi-Limit-Reset-Timestamp"] = String(usage.resetAt)
        if (usage.used > limit) return yield* Either.left(Errors.tooManyVisits(headers))
      }
      return yield* route.handle({ params, body, engine, feeds, venueCancels, now, random, key, ext })
    })
    return Either.isRight(result)
      ? json(200, Errors.ok(result.right, now, ext.value), headers)
      : Errors.toResponse(result.left, now, headers)
  }

  const faultResponse = (rule: FaultRule): HttpResponse => {
    const now = engine.now()
    switch (rule.kind) {
      case "http429": {
        const seconds = rule.retryAfter ?? 2
        return Errors.toResponse(
          Errors.tooManyVisits({
            "Retry-After": String(seconds),
            "X-Bapi-Limit": String(endpointLimit),
            "X-Bapi-Limit-Status": "0",
            "X-Bapi-Limit-Reset-Timestamp": String(now + seconds * 1000)
          }),
          now
        )
      }
      case "http418":
        return accessTooFrequent(rule.retryAfter ?? 600)
      case "http503":
        return gatewayPage(503)
      case "htmlError":
        return gatewayPage(rule.status ?? 502)
      default:
        return Errors.toResponse(Errors.error("SERVER_ERROR"), now)
    }
  }

  return {
    venue: VENUE,
    prefix: `/${VENUE}`,
    handle: (request) => Effect.sync(() => respond(request)),
    faultResponse,
    internalError: Errors.toResponse(Errors.error("SERVER_ERROR"), 0),
    connect: (connection) =>
      connection.path === "/v5/private"
        ? connectPrivate({ engine, random, timers }, connection)
        : connect({ engine, faults, timers, feeds, random, venue: VENUE }, connection),
    close: () => feeds.close()
  }
}
