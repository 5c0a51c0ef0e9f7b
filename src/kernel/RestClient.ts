/**
 * The exchange-agnostic REST client (DESIGN.md §7). A venue gives it a base URL, a signer, a
 * response classifier (its error envelope, including HTTP 200 bodies that carry an error), a rate
 * limit policy and usage-header reader; the client does the rest: timestamps from `Clock` plus the
 * measured server offset, the venue gate (weight budget, 429 pause, 418 ban), bounded retries with
 * jittered exponential backoff for idempotent requests only, timeouts, Schema decoding with
 * `DecodeError`s that say where, a span per request and the REST metrics.
 *
 * Trace headers are never sent to exchanges (`withTracerPropagation(false)`), and spans carry the
 * path only — never the query string, body, keys or signatures.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Metric from "effect/Metric"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import {
  AuthenticationFailed,
  DecodeError,
  ExchangeUnavailable,
  IpBanned,
  RateLimited,
  RequestTimeout,
  type TransportError
} from "../errors/ExchangeError.js"
import { parseLossless, snippet } from "./Json.js"
import type { VenueGate } from "./RateLimiter.js"
import type { ServerClock } from "./ServerClock.js"
import type { Signer } from "./Signer.js"
import * as Telemetry from "./Telemetry.js"

/**
 * @since 0.1.0
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE"

/**
 * One endpoint of a venue's REST API.
 * @since 0.1.0
 */
export interface Endpoint<A, I = unknown> {
  readonly method: HttpMethod
  /** Path below the base URL (`/api/v3/depth`); also the metrics label, so never put ids in it. */
  readonly path: string
  /** Request weight in the venue's rate-limit budget. */
  readonly weight: number
  readonly signed: boolean
  /** Safe to send again after a transient failure. Defaults to `method === "GET"`. */
  readonly idempotent?: boolean | undefined
  /** Decodes the successful response body. */
  readonly response: Schema.Schema<A, I>
  /** New orders the request places (counted against the venue's order-rate counters, if any). */
  readonly orders?: number | undefined
  /** A cancel: may spend the budget kept for urgent requests, and stays open when a shared store falls back. */
  readonly urgent?: boolean | undefined
}

/**
 * Parameters of one call. Values that are `undefined` are left out.
 * @since 0.1.0
 */
export interface RequestParams {
  readonly query?: Readonly<Record<string, string | undefined>> | undefined
  /** A form (`application/x-www-form-urlencoded`) or JSON body. */
  readonly body?:
    | { readonly _tag: "form"; readonly params: Readonly<Record<string, string | undefined>> }
    | { readonly _tag: "json"; readonly value: unknown }
    | undefined
}

/**
 * A response as the classifier sees it.
 * @since 0.1.0
 */
export interface RawResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  /** The parsed body, or `undefined` when it is not JSON. */
  readonly json: unknown
  /** `Retry-After`, in ms, when the response had one. */
  readonly retryAfterMs: number | undefined
  /** Local time the response arrived, epoch ms. */
  readonly receivedAt: number
}

/**
 * What the venue teaches the kernel.
 * @since 0.1.0
 */
export interface VenueRules {
  readonly venue: string
  /**
   * Maps a response to the venue's error, or `undefined` when it is a success. Called for every
   * response, whatever the status (HTTP 200 bodies can carry errors); `json` is `undefined` when
   * the body is not JSON, and the kernel then reports an HTML page or malformed body itself.
   */
  readonly classify: (response: RawResponse, context: { readonly endpoint: string }) => TransportError | undefined
  /** Reads the venue's own count of used request weight from a response's headers. */
  readonly usedWeight?: ((headers: Readonly<Record<string, string>>) => number | undefined) | undefined
}

/**
 * Retry policy for idempotent requests.
 * @since 0.1.0
 */
export interface RetryPolicy {
  readonly maxRetries: number
  readonly baseDelay: Duration.DurationInput
  /** All attempts together stop after this long. */
  readonly maxElapsed: Duration.DurationInput
}

/** @since 0.1.0 */
export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 3,
  baseDelay: Duration.millis(200),
  maxElapsed: Duration.seconds(10)
}

/**
 * @since 0.1.0
 */
export interface RestClientOptions {
  readonly baseUrl: string
  readonly rules: VenueRules
  readonly gate: VenueGate
  readonly clock: ServerClock
  /** Needed for `signed` endpoints. */
  readonly signer?: Signer | undefined
  readonly retry?: RetryPolicy | undefined
  /** Per attempt. Default 10 s. */
  readonly timeout?: Duration.DurationInput | undefined
}

/**
 * @since 0.1.0
 */
export interface RestClient {
  readonly venue: string
  readonly baseUrl: string
  readonly clock: ServerClock
  readonly gate: VenueGate
  readonly hasCredentials: boolean
  readonly request: <A, I>(endpoint: Endpoint<A, I>, params?: RequestParams) => Effect.Effect<A, TransportError>
  /** Like `request`, also returning the raw response (headers, receive time). */
  readonly requestRaw: <A, I>(
    endpoint: Endpoint<A, I>,
    params?: RequestParams
  ) => Effect.Effect<{ readonly value: A; readonly response: RawResponse }, TransportError>
}

/**
 * Encodes parameters as `application/x-www-form-urlencoded`, keeping their order.
 * @since 0.1.0
 */
export const encodeParams = (params: Readonly<Record<string, string | undefined>> | undefined): string => {
  if (params === undefined) return ""
  const search = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.append(k, v)
  return search.toString()
}

const headersToRecord = (headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>) => {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = typeof v === "string" ? v : v.join(", ")
  }
  return out
}

/**
 * Reads a header holding a non-negative integer (a venue's used-weight counter), or `undefined`.
 * @since 0.1.0
 */
export const integerHeader = (name: string) => (headers: Readonly<Record<string, string>>): number | undefined => {
  const v = headers[name.toLowerCase()]
  return v !== undefined && /^\d{1,15}$/.test(v.trim()) ? Number.parseInt(v, 10) : undefined
}

/**
 * Parses `Retry-After` (seconds, or an HTTP date) into ms from `now`.
 * @since 0.1.0
 */
export const parseRetryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The system error code behind a transport failure (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`…),
 * if any. The platform error's own message is never used: it contains the full URL, which for a
 * signed request carries the signature and the parameters.
 */
const causeCode = (error: HttpClientError.HttpClientError): string | undefined => {
  let cause: unknown = error.cause
  for (let i = 0; i < 4 && cause !== undefined && cause !== null; i++) {
    if (typeof cause === "object" && "code" in cause && typeof cause.code === "string") return cause.code
    cause = typeof cause === "object" && "cause" in cause ? cause.cause : undefined
  }
  return undefined
}

/**
 * Formats a Schema parse error as a path and a reason.
 * @since 0.1.0
 */
export const describeParseError = (error: ParseResult.ParseError): { path: string; detail: string } => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  if (first === undefined) return { path: "$", detail: error.message }
  const path = "$" + first.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("")
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""
  return { path, detail: first.message + more }
}

/**
 * Builds a REST client for one venue.
 * @since 0.1.0
 */
export const make = (options: RestClientOptions): Effect.Effect<RestClient, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    // No trace headers to exchanges, and no platform-level client spans: those would record the
    // full URL (signed query string) and request headers (API key). Our own span below records the
    // venue, endpoint path and status only.
    const http = (yield* HttpClient.HttpClient).pipe(
      HttpClient.withTracerPropagation(false),
      HttpClient.withTracerDisabledWhen(() => true)
    )
    const { clock, gate, rules, signer } = options
    const venue = rules.venue
    const retry = options.retry ?? defaultRetryPolicy
    const timeout = options.timeout ?? Duration.seconds(10)
    const baseUrl = options.baseUrl.replace(/\/+$/, "")

    const attempt = <A, I>(
      endpoint: Endpoint<A, I>,
      params: RequestParams,
      idempotent: boolean
    ): Effect.Effect<{ readonly value: A; readonly response: RawResponse }, TransportError> =>
      Effect.gen(function*() {
        const label = `${endpoint.method} ${endpoint.path}`
        const ambiguity = idempotent ? "transient" as const : "ambiguous" as const
        yield* (endpoint.orders === undefined && endpoint.urgent === undefined
          ? gate.acquire(endpoint.weight)
          : gate.acquire(endpoint.weight, endpoint))

        let query = encodeParams(params.query)
        let body = ""
        let contentType: string | undefined
        if (params.body?._tag === "form") {
          body = encodeParams(params.body.params)
          contentType = "application/x-www-form-urlencoded"
        } else if (params.body?._tag === "json") {
          body = JSON.stringify(params.body.value)
          contentType = "application/json"
        }
        let headers: Record<string, string> = {}
        if (endpoint.signed) {
          if (signer === undefined) {
            return yield* new AuthenticationFailed({
              venue,
              endpoint: label,
              reason: "no API credentials are configured for this venue"
            })
          }
          const timestamp = yield* clock.now
          const signed = signer.sign({ method: endpoint.method, path: endpoint.path, query, body, timestamp })
          query = signed.query
          body = signed.body
          headers = { ...signed.headers }
        }
        if (contentType !== undefined) headers["content-type"] = contentType
        const url = baseUrl + endpoint.path + (query === "" ? "" : "?" + query)
        let request = HttpClientRequest.make(endpoint.method)(url).pipe(HttpClientRequest.setHeaders(headers))
        if (body !== "") request = HttpClientRequest.bodyText(request, body, contentType)

        const started = yield* Clock.currentTimeMillis
        const exchange = http.execute(request).pipe(
          Effect.flatMap((res) => Effect.map(res.text, (text) => ({ res, text }))),
          Effect.timeoutFail({
            duration: timeout,
            onTimeout: () =>
              new RequestTimeout({
                venue,
                endpoint: label,
                outcome: ambiguity,
                detail: `no response within ${Duration.format(timeout)}`
              })
          }),
          Effect.catchTag("RequestError", "ResponseError", (error) => {
            const code = causeCode(error)
            return Effect.fail(
              error._tag === "RequestError" && code === "ECONNREFUSED"
                ? new ExchangeUnavailable({
                  venue,
                  endpoint: label,
                  outcome: "transient",
                  detail: "connection refused"
                })
                : new RequestTimeout({
                  venue,
                  endpoint: label,
                  outcome: ambiguity,
                  detail: `connection failed (${error.reason}${code === undefined ? "" : `, ${code}`})`
                })
            )
          })
        )
        const result = yield* Effect.either(exchange)
        const receivedAt = yield* Clock.currentTimeMillis
        const latency = Telemetry.httpRequestLatency.pipe(
          Metric.tagged("exchange", venue),
          Metric.tagged("endpoint", endpoint.path)
        )
        yield* Metric.update(latency, (receivedAt - started) / 1000)
        if (Either.isLeft(result)) {
          yield* Metric.update(
            Telemetry.httpRequestsTotal.pipe(Metric.tagged("exchange", venue), Metric.tagged("status_code", "error")),
            1
          )
          return yield* result.left
        }
        const { res, text } = result.right
        yield* Metric.update(
          Telemetry.httpRequestsTotal.pipe(
            Metric.tagged("exchange", venue),
            Metric.tagged("status_code", String(res.status))
          ),
          1
        )
        yield* Effect.annotateCurrentSpan("http.response.status_code", res.status)
        const responseHeaders = headersToRecord(res.headers)
        const used = rules.usedWeight?.(responseHeaders)
        if (used !== undefined) yield* gate.observeUsed(used)

        const parsed = parseLossless(text)
        const raw: RawResponse = {
          status: res.status,
          headers: responseHeaders,
          text,
          json: Either.isRight(parsed) ? parsed.right : undefined,
          retryAfterMs: parseRetryAfter(responseHeaders["retry-after"], receivedAt),
          receivedAt
        }

        const venueError = rules.classify(raw, { endpoint: label })
        if (venueError !== undefined) return yield* failWith(raw, venueError)
        if (Either.isLeft(parsed)) {
          const looksHtml = /^\s*</.test(text) || (responseHeaders["content-type"] ?? "").includes("text/html")
          if (res.status >= 500 || looksHtml) {
            return yield* new ExchangeUnavailable({
              venue,
              endpoint: label,
              httpStatus: res.status,
              outcome: res.status >= 500 || res.status < 400 ? ambiguity : "transient",
              detail: looksHtml ? "the venue answered with an HTML page, not its API" : "unreadable response",
              snippet: snippet(text)
            })
          }
          return yield* new DecodeError({
            venue,
            endpoint: label,
            httpStatus: res.status,
            path: "$",
            detail: text === "" ? "empty response body" : `malformed JSON: ${parsed.left}`,
            snippet: snippet(text),
            outcome: res.status < 300 && !idempotent ? "ambiguous" : "definitive"
          })
        }
        if (res.status >= 400) {
          return yield* failWith(
            raw,
            new ExchangeUnavailable({
              venue,
              endpoint: label,
              httpStatus: res.status,
              outcome: res.status >= 500 ? ambiguity : "definitive",
              detail: `unexpected HTTP ${res.status}`,
              snippet: snippet(text)
            })
          )
        }
        const decoded = Schema.decodeUnknownEither(endpoint.response, { errors: "all" })(raw.json)
        if (Either.isLeft(decoded)) {
          const { detail, path } = describeParseError(decoded.left)
          return yield* new DecodeError({
            venue,
            endpoint: label,
            httpStatus: res.status,
            path,
            detail,
            snippet: snippet(text),
            outcome: idempotent ? "definitive" : "ambiguous"
          })
        }
        return { value: decoded.right, response: raw }
      })

    /** Applies the gate side effects of rate-limit errors, then fails with the error. */
    const failWith = (raw: RawResponse, error: TransportError): Effect.Effect<never, TransportError> =>
      Effect.gen(function*() {
        if (error._tag === "RateLimited") {
          const wait = error.retryAfterMs ?? raw.retryAfterMs ?? 1000
          yield* gate.pauseUntil(raw.receivedAt + wait)
          return yield* Effect.fail(
            error.retryAfterMs === undefined ? new RateLimited({ ...errorFields(error), retryAfterMs: wait }) : error
          )
        }
        if (error._tag === "IpBanned") {
          const until = error.untilMs ?? raw.receivedAt + (raw.retryAfterMs ?? 60_000)
          yield* gate.banUntil(until)
          return yield* Effect.fail(
            error.untilMs === undefined ? new IpBanned({ ...errorFields(error), untilMs: until }) : error
          )
        }
        return yield* Effect.fail(error)
      })

    const retryable = (idempotent: boolean) => (error: TransportError) =>
      idempotent && error.outcome === "transient" && error._tag !== "IpBanned"

    const requestRaw = <A, I>(endpoint: Endpoint<A, I>, params: RequestParams = {}) => {
      const idempotent = endpoint.idempotent ?? endpoint.method === "GET"
      const schedule = Schedule.exponential(retry.baseDelay, 2).pipe(
        Schedule.jittered,
        Schedule.intersect(Schedule.recurs(retry.maxRetries)),
        Schedule.upTo(retry.maxElapsed)
      )
      return attempt(endpoint, params, idempotent).pipe(
        Effect.retry({ schedule, while: retryable(idempotent) }),
        Effect.tapError((error) =>
          Effect.annotateCurrentSpan({
            "lotusx.error": error._tag,
            ...(error.venueCode !== undefined ? { "lotusx.venue_code": error.venueCode } : {})
          })
        ),
        Effect.withSpan(`${venue} ${endpoint.method} ${endpoint.path}`, {
          kind: "client",
          attributes: {
            "lotusx.venue": venue,
            "lotusx.endpoint": endpoint.path,
            "http.request.method": endpoint.method,
            "lotusx.signed": endpoint.signed
          }
        })
      )
    }

    return {
      venue,
      baseUrl,
      clock,
      gate,
      hasCredentials: signer !== undefined,
      requestRaw,
      request: (endpoint, params) => Effect.map(requestRaw(endpoint, params), (r) => r.value)
    } satisfies RestClient
  })

const errorFields = (error: TransportError) => ({
  venue: "venue" in error && error.venue !== undefined ? error.venue : "unknown",
  venueCode: "venueCode" in error ? error.venueCode : undefined,
  venueMessage: "venueMessage" in error ? error.venueMessage : undefined,
  httpStatus: "httpStatus" in error ? error.httpStatus : undefined,
  endpoint: "endpoint" in error ? error.endpoint : undefined
})
