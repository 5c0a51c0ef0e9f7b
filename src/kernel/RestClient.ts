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
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as Metric from "effect/Metric"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
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
import { roundTripProbe, type ServerClock } from "./ServerClock.js"
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
  /**
   * Largest response body read, in bytes; a larger (or never-ending) body is cut off there and the
   * call fails with a `DecodeError`. Default `defaultMaxResponseBytes` (8 MiB).
   */
  readonly maxResponseBytes?: number | undefined
}

/**
 * Default cap on a response body: 8 MiB. The largest documented responses are market lists
 * (Binance Spot's full `exchangeInfo` is a few MiB); websocket frames are capped at 4 MiB.
 * @since 0.1.0
 */
export const defaultMaxResponseBytes = 8 * 1024 * 1024

/** A body cut off at the cap. */
class BodyTooLarge {
  constructor(readonly declared: number | undefined) {}
}

/**
 * Reads a response body, at most `maxBytes` of it. A body whose `Content-Length` fits is read
 * whole; any other (chunked, or declared too large) is read chunk by chunk and abandoned — the
 * connection aborted, nothing more buffered — as soon as it passes the cap.
 */
const readBody = (
  res: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<string | BodyTooLarge, HttpClientError.ResponseError> => {
  const header = res.headers["content-length"]
  const declared = header !== undefined && /^\d{1,15}$/.test(header) ? Number.parseInt(header, 10) : undefined
  if (declared !== undefined && declared <= maxBytes) return res.text
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    let over = declared !== undefined
    return res.stream.pipe(
      Stream.takeWhile((chunk) => {
        size += chunk.length
        if (over || size > maxBytes) {
          over = true
          return false
        }
        chunks.push(chunk)
        return true
      }),
      Stream.runDrain,
      Effect.map(() => over ? new BodyTooLarge(declared) : Buffer.concat(chunks).toString("utf8"))
    )
  })
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
 * Parses `Retry-After` (whole seconds, or an HTTP date: RFC 9110 §10.2.3) into ms from `now`.
 * Anything else (`1e23`, `-1`, `soon`) is ignored. The result is finite; the gate caps how long it
 * actually pauses (`RateLimitPolicy.maxPauseMs` / `maxBanMs`).
 * @since 0.1.0
 */
export const parseRetryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) {
    return trimmed.length > 12 ? Number.MAX_SAFE_INTEGER : Number.parseInt(trimmed, 10) * 1000
  }
  if (!/[a-z]/i.test(trimmed)) return undefined
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, date - now))
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
  let issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>
  try {
    issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  } catch {
    // Effect's formatter prints the offending value recursively; a value nested deeply enough
    // overflows the stack. Say where and what was expected without printing the value.
    return describeIssueBriefly(error.issue)
  }
  const first = issues[0]
  if (first === undefined) return { path: "$", detail: error.message }
  const path = "$" + first.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("")
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""
  return { path, detail: first.message + more }
}

/** Follows the first issue down to its leaf, naming the path and the expected schema only. */
const describeIssueBriefly = (root: ParseResult.ParseIssue): { path: string; detail: string } => {
  let path = "$"
  let issue: ParseResult.ParseIssue = root
  for (let i = 0; i < 1000; i++) {
    switch (issue._tag) {
      case "Pointer": {
        const keys: ReadonlyArray<PropertyKey> = Array.isArray(issue.path)
          ? issue.path as ReadonlyArray<PropertyKey>
          : [issue.path as PropertyKey]
        path += keys.map((p: PropertyKey) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("")
        issue = issue.issue
        continue
      }
      case "Composite": {
        const first = Array.isArray(issue.issues) ? issue.issues[0] : issue.issues
        if (first === undefined) break
        issue = first as ParseResult.ParseIssue
        continue
      }
      case "Refinement":
      case "Transformation":
        issue = issue.issue
        continue
    }
    break
  }
  const expected = "ast" in issue ? String(issue.ast) : "a valid value"
  return { path, detail: `expected ${expected}; the value is too deeply nested to show` }
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
    const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes
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
          Effect.flatMap((res) => Effect.map(readBody(res, maxResponseBytes), (body) => ({ res, body }))),
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
        const probe = yield* FiberRef.get(roundTripProbe)
        if (probe !== undefined) probe({ sentAt: started, receivedAt })
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
        const { body: readText, res } = result.right
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
        if (readText instanceof BodyTooLarge) {
          return yield* new DecodeError({
            venue,
            endpoint: label,
            httpStatus: res.status,
            path: "$",
            detail: `the response body is larger than the ${maxResponseBytes}-byte cap` +
              (readText.declared === undefined ? "" : ` (Content-Length ${readText.declared})`) +
              "; it was not read",
            outcome: res.status < 300 && !idempotent ? "ambiguous" : "definitive"
          })
        }
        const text = readText

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
          const asked = error.retryAfterMs ?? raw.retryAfterMs ?? 1000
          const until = yield* gate.pauseUntil(raw.receivedAt + asked)
          const wait = Math.max(0, until - raw.receivedAt)
          return yield* Effect.fail(
            error.retryAfterMs === wait ? error : new RateLimited({ ...errorFields(error), retryAfterMs: wait })
          )
        }
        if (error._tag === "IpBanned") {
          const asked = error.untilMs ?? raw.receivedAt + (raw.retryAfterMs ?? 60_000)
          const until = yield* gate.banUntil(asked)
          return yield* Effect.fail(
            error.untilMs === until ? error : new IpBanned({ ...errorFields(error), untilMs: until })
          )
        }
        return yield* Effect.fail(error)
      })

    const retryable = (idempotent: boolean) => (error: TransportError) =>
      idempotent && error.outcome === "transient" && error._tag !== "IpBanned"

    const requestRaw = <A, I>(endpoint: Endpoint<A, I>, params: RequestParams = {}) => {
      const idempotent = endpoint.idempotent ?? endpoint.method === "GET"
      let lastError: TransportError | undefined
      const schedule = Schedule.exponential(retry.baseDelay, 2).pipe(
        Schedule.jittered,
        Schedule.intersect(Schedule.recurs(retry.maxRetries)),
        Schedule.upTo(retry.maxElapsed),
        Schedule.whileInput(retryable(idempotent)),
        Schedule.tapInput((error: TransportError) =>
          Effect.sync(() => {
            lastError = error
          })
        ),
        // Retries are not silent: each one is logged (with why and how long until the next try)
        Schedule.onDecision(([, retries], decision) =>
          ScheduleDecision.isContinue(decision)
            ? Effect.flatMap(Clock.currentTimeMillis, (now) =>
              Effect.logWarning(
                `[${venue}] ${endpoint.method} ${endpoint.path} failed (${lastError?._tag ?? "error"}); ` +
                  `retry ${retries + 1} of ${retry.maxRetries} in ${
                    Math.max(0, Math.round(ScheduleIntervals.start(decision.intervals) - now))
                  } ms`
              ).pipe(Effect.annotateLogs({ venue, endpoint: endpoint.path, retry: retries + 1 })))
            : Effect.void
        )
      )
      return attempt(endpoint, params, idempotent).pipe(
        Effect.retry(schedule),
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
