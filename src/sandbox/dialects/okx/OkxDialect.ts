/**
 * The OKX v5 dialect of the sandbox: REST under `/okx/api/v5/...`, public streams under
 * `/okx/ws/v5/public` and `/okx/ws/v5/business`, and the private stream `/okx/ws/v5/private`, speaking OKX's wire protocol as its official
 * documentation defines it (https://www.okx.com/docs-v5/en/).
 *
 * A request goes through: route lookup (unknown: HTTP 404) → the endpoint's limit per 2 s (per IP,
 * per key, or per key and instrument counting a batch's orders; beyond it HTTP 429 `50011`) → the
 * body (a JSON object, or an array for the batch endpoints; `50002`) → for signed endpoints the
 * `OK-ACCESS-*` headers: key (`50103` empty, `50111` unknown), passphrase (`50104` empty, `50105`
 * wrong), timestamp (`50107` empty, `50112` not ISO-8601 with milliseconds, `50102` more than 30 s
 * from the server's time), signature = base64(HMAC-SHA256(secret, timestamp + METHOD +
 * requestPath with its query + body)) (`50106` empty, `50113` wrong), permission → for the
 * endpoints that honour it (place and amend, single and batch), the `expTime` header: a request
 * processed after that deadline is not processed (`50036`) → the endpoint.
 * Every answer is the envelope `{code, msg, data}`. `x-simulated-trading: 1` (demo trading) is
 * accepted and changes nothing.
 *
 * https://www.okx.com/docs-v5/en/#overview-rest-authentication
 * https://www.okx.com/docs-v5/en/#overview-rate-limits
 * https://www.okx.com/docs-v5/en/#overview-transaction-timeouts
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"
import type { Engine } from "../../engine/Engine.js"
import type { ApiKey } from "../../engine/Ledger.js"
import type { Random } from "../../engine/Random.js"
import type { FaultRule } from "../../faults/FaultRule.js"
import type { Faults } from "../../faults/Faults.js"
import type { Dialect, HttpRequest, HttpResponse } from "../../server/Dialect.js"
import { htmlPage, json } from "../../server/Dialect.js"
import type { Timers } from "../../server/Timers.js"
import { findRoute, header } from "../kit/Routes.js"
import type { OkxError } from "./errors.js"
import * as Errors from "./errors.js"
import { marketDataRoutes } from "./marketData.js"
import { connectPrivate } from "./privateStream.js"
import type { Route, RouteAnswer } from "./Route.js"
import { DialectState } from "./state.js"
import { bookFeeds, connect } from "./streams.js"
import { tradingRoutes } from "./trading.js"

/** @since 0.1.0 */
export const VENUE = "okx"

/** @since 0.1.0 */
export interface OkxDialectOptions {
  readonly engine: Engine
  readonly faults: Faults
  readonly random: Random
  readonly timers: Timers
}

const WINDOW_MS = 2_000
const TIMESTAMP_WINDOW_MS = 30_000
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
/**
 * "If expTime is specified in the requests for Place (multiple) orders or Amend (multiple) orders,
 * the request will not be processed if the current system time of the server is after the
 * expTime." https://www.okx.com/docs-v5/en/#overview-transaction-timeouts
 */
const EXP_TIME_PATHS = new Set([
  "/api/v5/trade/order",
  "/api/v5/trade/batch-orders",
  "/api/v5/trade/amend-order",
  "/api/v5/trade/amend-batch-orders"
])

const HTML_TITLES: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out"
}

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b)

/** The instruments a request's body names, once per order (the per-instrument limits). */
const instIds = (body: unknown): ReadonlyArray<string> => {
  const items = Array.isArray(body) ? body : [body]
  return items.flatMap((o) =>
    typeof o === "object" && o !== null && "instId" in o && typeof o.instId === "string" ? [o.instId] : ["?"]
  )
}

/**
 * Builds the dialect.
 * @since 0.1.0
 */
export const make = (options: OkxDialectOptions): Dialect => {
  const { engine, faults, random, timers } = options
  const routes: ReadonlyArray<Route> = [...marketDataRoutes, ...tradingRoutes]
  const feeds = bookFeeds(engine, timers, random)
  const state = new DialectState()

  const count = (id: string, n: number, limit: number, now: number): boolean => {
    const window = now - (now % WINDOW_MS)
    let c = state.counters.get(id)
    if (c === undefined || c.window !== window) {
      c = { window, used: 0 }
      state.counters.set(id, c)
    }
    c.used += n
    return c.used <= limit
  }

  const checkSigned = (request: HttpRequest, route: Route, now: number): Either.Either<ApiKey, OkxError> =>
    Either.gen(function*() {
      const keyText = header(request, "ok-access-key")
      const passphrase = header(request, "ok-access-passphrase")
      const tsText = header(request, "ok-access-timestamp")
      const sign = header(request, "ok-access-sign")
      if (keyText === undefined || keyText === "") return yield* Either.left(Errors.keyEmpty)
      const forced = faults.take(["authFailure"], { venue: VENUE, path: request.path, method: request.method })
      if (forced !== undefined) return yield* Either.left(Errors.invalidSign)
      const key = engine.apiKey(keyText)
      if (key === undefined) return yield* Either.left(Errors.invalidKey)
      if (passphrase === undefined || passphrase === "") return yield* Either.left(Errors.passphraseEmpty)
      const expectedPassphrase = key.passphrase === undefined ? undefined : Redacted.value(key.passphrase)
      if (expectedPassphrase === undefined || !equal(Buffer.from(passphrase), Buffer.from(expectedPassphrase))) {
        return yield* Either.left(Errors.passphraseWrong)
      }
      if (tsText === undefined || tsText === "") return yield* Either.left(Errors.timestampEmpty)
      const ts = ISO_MS.test(tsText) ? Date.parse(tsText) : Number.NaN
      if (Number.isNaN(ts)) return yield* Either.left(Errors.invalidTimestamp)
      if (Math.abs(now - ts) > TIMESTAMP_WINDOW_MS) return yield* Either.left(Errors.timestampExpired)
      if (sign === undefined || sign === "") return yield* Either.left(Errors.signEmpty)
      const requestPath = request.rawQuery === "" ? request.path : `${request.path}?${request.rawQuery}`
      const expected = createHmac("sha256", Redacted.value(key.secret))
        .update(`${tsText}${request.method.toUpperCase()}${requestPath}${request.body}`)
        .digest()
      if (!equal(expected, Buffer.from(sign, "base64"))) return yield* Either.left(Errors.invalidSign)
      if (route.trade === true ? !key.permissions.trade : !key.permissions.read) {
        return yield* Either.left(Errors.permission)
      }
      const expTime = request.method === "POST" && EXP_TIME_PATHS.has(request.path)
        ? header(request, "exptime")
        : undefined
      if (expTime !== undefined && expTime !== "") {
        if (!/^\d{1,15}$/.test(expTime)) return yield* Either.left(Errors.param("expTime"))
        // eslint-disable-next-line no-restricted-syntax -- a time in ms, not money
        if (now > Number(expTime)) return yield* Either.left(Errors.expired) // lotusx-allow-number
      }
      return key
    })

  const respond = (request: HttpRequest): HttpResponse => {
    const now = engine.now()
    const route = findRoute(routes, request)
    if (route === undefined) return Errors.toResponse(Errors.notFound)

    const result = Either.gen(function*() {
      let params = new Map<string, string>()
      let body: unknown = undefined
      if (request.method === "GET") {
        params = new Map(new URLSearchParams(request.rawQuery))
      } else {
        try {
          body = request.body === "" ? undefined : JSON.parse(request.body)
        } catch {
          return yield* Either.left(Errors.jsonSyntax)
        }
        if (body === undefined) return yield* Either.left(Errors.error("50000", "Body cannot be empty.", 400))
        if (typeof body === "object" && body !== null && !Array.isArray(body)) {
          for (const [k, v] of Object.entries(body)) if (typeof v === "string") params.set(k, v)
        }
      }
      const key = route.signed ? yield* checkSigned(request, route, now) : undefined
      const who = key?.key ?? `ip:${request.remoteAddress}`
      if (route.limit.scope === "instrument") {
        const counts = new Map<string, number>()
        for (const id of instIds(body)) counts.set(id, (counts.get(id) ?? 0) + 1)
        for (const [id, n] of counts) {
          if (!count(`${who}:${route.path}:${id}`, n, route.limit.requests, now)) {
            return yield* Either.left(Errors.rateLimited)
          }
        }
      } else if (!count(`${who}:${route.path}`, 1, route.limit.requests, now)) {
        return yield* Either.left(Errors.rateLimited)
      }
      return yield* route.handle({ params, body, engine, state, now, random, key })
    })
    if (Either.isLeft(result)) return Errors.toResponse(result.left)
    const answer: RouteAnswer = Array.isArray(result.right) ? { data: result.right } : result.right as RouteAnswer
    return json(200, Errors.ok(answer.data, answer.code ?? "0", answer.msg ?? ""))
  }

  const faultResponse = (rule: FaultRule): HttpResponse => {
    switch (rule.kind) {
      case "http429":
      case "http418":
        return Errors.toResponse(Errors.rateLimited, { "Retry-After": String(rule.retryAfter ?? 2) })
      case "http503":
        return htmlPage(503, HTML_TITLES[503]!)
      case "htmlError": {
        const status = rule.status ?? 502
        return htmlPage(status, HTML_TITLES[status] ?? "Error")
      }
      default:
        return Errors.toResponse(Errors.systemError)
    }
  }

  return {
    venue: VENUE,
    prefix: `/${VENUE}`,
    handle: (request) => Effect.sync(() => respond(request)),
    faultResponse,
    internalError: Errors.toResponse(Errors.systemError),
    connect: (connection) =>
      connection.path === "/ws/v5/private"
        ? connectPrivate({ engine, faults, timers, random, state, venue: VENUE }, connection)
        : connect({ engine, faults, timers, feeds, random, venue: VENUE }, connection),
    close: () => feeds.close()
  }
}
