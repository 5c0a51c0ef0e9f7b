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
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import type * as Metric from "effect/Metric"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as ScheduleDecision from "effect/ScheduleDecision"
import * as ScheduleIntervals from "effect/ScheduleIntervals"
import type * as Schema from "effect/Schema"
import type * as Tracer from "effect/Tracer"
import {
  AuthenticationFailed,
  DecodeError,
  ExchangeUnavailable,
  IpBanned,
  RateLimited,
  RequestTimeout,
  type TransportError
} from "../errors/ExchangeError.js"
import * as FastDecoder from "./FastDecoder.js"
import * as HttpTransport from "./HttpTransport.js"
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
  /**
   * With `signed`: the request carries the API key only (Binance's `USER_STREAM` security: the
   * key header, no timestamp, no signature); the signer's headers are kept, its query and body not.
   */
  readonly apiKeyOnly?: boolean | undefined
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
  /** Reads the venue's own count of used request weight from a response's headers (to `endpoint`). */
  readonly usedWeight?:
    | ((headers: Readonly<Record<string, string>>, endpoint: Endpoint<any, any>) => number | undefined)
    | undefined
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
 * The least time, ms, one attempt of a request made in a region of code (`Effect.locally`) may take
 * before it times out, however short the client's own timeout: the follow-up reads of the order
 * flow (`Persist`: the lookups after an ambiguous placement, the query after a create) are patient,
 * since giving up on them leaves an order's state unknown. `undefined`: the client's timeout.
 * @since 0.1.0
 */
export const minimumTimeoutMs: FiberRef.FiberRef<number | undefined> = FiberRef.unsafeMake<number | undefined>(
  undefined
)

/**
 * Default cap on a response body: 8 MiB. The largest documented responses are market lists
 * (Binance Spot's full `exchangeInfo` is a few MiB); websocket frames are capped at 4 MiB.
 * @since 0.1.0
 */
export const defaultMaxResponseBytes = 8 * 1024 * 1024

/**
 * @since 0.1.0
 */
export interface RestClient {
  readonly venue: string
  readonly baseUrl: string
  readonly clock: ServerClock
  readonly gate: VenueGate
  readonly hasCredentials: boolean
  /** One attempt's timeout, ms (`RestClientOptions.timeout`). */
  readonly timeoutMs: number
  readonly request: <A, I>(endpoint: Endpoint<A, I>, params?: RequestParams) => Effect.Effect<A, TransportError>
  /** Like `request`, also returning the raw response (headers, receive time). */
  readonly requestRaw: <A, I>(
    endpoint: Endpoint<A, I>,
    params?: RequestParams
  ) => Effect.Effect<{ readonly value: A; readonly response: RawResponse }, TransportError>
  /**
   * `Effect.map(requestRaw(endpoint, params), ({ value, response }) => f(value, response))`, with
   * `f` applied where the answer is read (no runtime step of its own). `f` must not throw: what it
   * throws is a defect, as in `Effect.map`.
   */
  readonly requestWith: <A, I, B>(
    endpoint: Endpoint<A, I>,
    params: RequestParams,
    f: (value: A, response: RawResponse) => B
  ) => Effect.Effect<B, TransportError>
}

/**
 * A REST client as a service, for a program that talks to one venue's REST API directly (the
 * connectors build one each with `make`).
 * @since 0.1.0
 */
export const RestClient: Context.Tag<RestClient, RestClient> = Context.GenericTag<RestClient>("lotusx/RestClient")

/**
 * Encodes parameters as `application/x-www-form-urlencoded`, keeping their order.
 * @since 0.1.0
 */
export const encodeParams = (params: Readonly<Record<string, string | undefined>> | undefined): string => {
  if (params === undefined) return ""
  let out = ""
  for (const k in params) {
    const v = params[k]
    if (v === undefined) continue
    out += (out === "" ? "" : "&") + formEncode(k) + "=" + formEncode(v)
  }
  return out
}

/** What `application/x-www-form-urlencoded` leaves as it is. */
const formSafe = /^[A-Za-z0-9*._-]*$/

/** One name or value, encoded as `URLSearchParams` encodes it (most are left as they are). */
const formEncode = (s: string): string => formSafe.test(s) ? s : new URLSearchParams([["", s]]).toString().slice(1)

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
 * What the client derives from an endpoint once, not per request: its label, span name and
 * options, metric label sets and compiled decoder.
 */
interface Compiled<A, I> {
  readonly endpoint: Endpoint<A, I>
  readonly label: string
  readonly idempotent: boolean
  readonly ambiguity: "transient" | "ambiguous"
  readonly decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>
  readonly latency: Metric.Metric.Histogram<number>
  readonly spanName: string
  readonly spanOptions: Telemetry.HotSpanOptions
  readonly onTimeout: () => RequestTimeout
  readonly onTransportTimeout: () => HttpTransport.HttpTransportError
  readonly noCredentials: () => AuthenticationFailed
  /** Base URL and path. */
  readonly url: string
}

/**
 * Builds a REST client for one venue.
 * @since 0.1.0
 */
export const make = (options: RestClientOptions): Effect.Effect<RestClient, never, HttpClient.HttpClient> =>
  Effect.map(HttpTransport.current, (transport) => makeWith(transport, options))

/**
 * A layer providing `RestClient`, on the `HttpTransport` in the context, else the `HttpClient`.
 * @since 0.1.0
 */
export const layer = (options: RestClientOptions): Layer.Layer<RestClient, never, HttpClient.HttpClient> =>
  Layer.effect(RestClient, make(options))

/**
 * Builds a REST client for one venue on a given transport. The transport never sends trace
 * headers nor records the URL (a signed query string) or the request headers (the API key); the
 * client's own span records the venue, endpoint path and status only.
 * @since 0.1.0
 */
export const makeWith = (transport: HttpTransport.HttpTransport, options: RestClientOptions): RestClient => {
  const { clock, gate, rules, signer } = options
  const venue = rules.venue
  const retry = options.retry ?? defaultRetryPolicy
  const timeout = Duration.decode(options.timeout ?? Duration.seconds(10))
  const timeoutMs = Duration.toMillis(timeout)
  const nativeTimer = timeoutMs < 2 ** 31 - 1
  const timeoutText = `no response within ${Duration.format(timeout)}`
  const maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes
  const baseUrl = options.baseUrl.replace(/\/+$/, "")
  const schedule = Schedule.exponential(retry.baseDelay, 2).pipe(
    Schedule.jittered,
    Schedule.intersect(Schedule.recurs(retry.maxRetries)),
    Schedule.upTo(retry.maxElapsed)
  )

  // Label sets, built once per client (status codes) or once per endpoint (below).
  const noResponse = Telemetry.labelled(Telemetry.httpRequestsTotalKey, [["exchange", venue], [
    "status_code",
    "error"
  ]])
  const byStatus = new Map<number, Metric.Metric.Counter<number>>()
  const statusCounter = (status: number) => {
    let counter = byStatus.get(status)
    if (counter === undefined) {
      counter = Telemetry.labelled(Telemetry.httpRequestsTotalKey, [["exchange", venue], [
        "status_code",
        String(status)
      ]])
      byStatus.set(status, counter)
    }
    return counter
  }

  const compiledEndpoints = new WeakMap<Endpoint<any, any>, Compiled<any, any>>()
  const compile = <A, I>(endpoint: Endpoint<A, I>): Compiled<A, I> => {
    const known = compiledEndpoints.get(endpoint)
    if (known !== undefined) return known
    const label = `${endpoint.method} ${endpoint.path}`
    const idempotent = endpoint.idempotent ?? endpoint.method === "GET"
    const ambiguity = idempotent ? "transient" as const : "ambiguous" as const
    const compiled: Compiled<A, I> = {
      endpoint,
      label,
      idempotent,
      ambiguity,
      decode: FastDecoder.make(endpoint.response),
      latency: Telemetry.labelled(Telemetry.httpRequestLatencyKey, [["exchange", venue], [
        "endpoint",
        endpoint.path
      ]]),
      spanName: `${venue} ${label}`,
      spanOptions: {
        kind: "client",
        // A stack trace per span costs more than the rest of the span; the span's name already
        // says which call it is.
        captureStackTrace: false,
        attributes: {
          "lotusx.venue": venue,
          "lotusx.endpoint": endpoint.path,
          "http.request.method": endpoint.method,
          "lotusx.signed": endpoint.signed
        }
      },
      onTimeout: () => new RequestTimeout({ venue, endpoint: label, outcome: ambiguity, detail: timeoutText }),
      onTransportTimeout: () => new HttpTransport.HttpTransportError({ reason: "Timeout" }),
      noCredentials: () =>
        new AuthenticationFailed({
          venue,
          endpoint: label,
          reason: "no API credentials are configured for this venue"
        }),
      url: baseUrl + endpoint.path
    }
    compiledEndpoints.set(endpoint, compiled)
    return compiled
  }

  /** One attempt's timeout, ms: the client's, or longer where `minimumTimeoutMs` asks for it. */
  const attemptTimeout = (fiber: Fiber.RuntimeFiber<unknown, unknown>): number => {
    const least = fiber.getFiberRef(minimumTimeoutMs)
    return least !== undefined && least > timeoutMs ? least : timeoutMs
  }

  /** What a transport failure means for the caller (`attemptMs`: the attempt's timeout). */
  const transportFailure = (
    c: Compiled<any, any>,
    error: HttpTransport.HttpTransportError,
    attemptMs: number
  ): TransportError =>
    error.reason === "Timeout"
      ? attemptMs === timeoutMs
        ? c.onTimeout()
        : new RequestTimeout({
          venue,
          endpoint: c.label,
          outcome: c.ambiguity,
          detail: `no response within ${Duration.format(Duration.millis(attemptMs))}`
        })
      : error.reason === "Request" && error.code === "ECONNREFUSED"
      ? new ExchangeUnavailable({ venue, endpoint: c.label, outcome: "transient", detail: "connection refused" })
      : new RequestTimeout({
        venue,
        endpoint: c.label,
        outcome: c.ambiguity,
        detail: `connection failed (${error.reason}${error.code === undefined ? "" : `, ${error.code}`})`
      })

  /**
   * An ambiguous failure records when its request was stamped (`sentAt`): the venue's validity
   * window for it, and so when a lookup can tell whether it took effect, runs from there — not from
   * when the caller asked, which may be long before when the gate made it wait. The error was made
   * for this request just now and has not been seen by anyone else.
   */
  const withSentAt = (error: TransportError, stampedAt: number): TransportError => {
    if (error.outcome === "ambiguous" && error.sentAt === undefined) {
      ;(error as { sentAt?: number }).sentAt = stampedAt
    }
    return error
  }

  /**
   * Builds the request (signed when the endpoint is) stamped `stampedAt` (server time): what the
   * transport is to send, or the failure. `live`: the transport's own timer times the request out.
   */
  const build = <A, I>(
    c: Compiled<A, I>,
    params: RequestParams,
    stampedAt: number,
    live: boolean,
    attemptMs: number
  ): HttpTransport.HttpTransportRequest | AuthenticationFailed => {
    const { endpoint } = c
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
      if (signer === undefined) return c.noCredentials()
      const signed = signer.sign({
        method: endpoint.method,
        path: endpoint.path,
        query,
        body,
        timestamp: stampedAt
      })
      if (endpoint.apiKeyOnly !== true) {
        query = signed.query
        body = signed.body
      }
      if (contentType === undefined) headers = signed.headers
      else {
        for (const k in signed.headers) headers[k] = signed.headers[k]!
        headers["content-type"] = contentType
      }
    } else if (contentType !== undefined) {
      headers["content-type"] = contentType
    }
    return {
      method: endpoint.method,
      url: query === "" ? c.url : c.url + "?" + query,
      headers,
      body: body === "" ? undefined : body,
      timeoutMs: live ? attemptMs : undefined,
      maxResponseBytes
    }
  }

  /**
   * Builds the request (signed when the endpoint is) at `now`, sends it, reads the answer. `live`:
   * the fiber's clock is Effect's live one, so the transport's own timer times the request out;
   * on any other clock (a `TestClock`) the timeout runs on that clock.
   */
  const send = <A, I>(
    c: Compiled<A, I>,
    params: RequestParams,
    now: number,
    live: boolean,
    attemptMs: number
  ): Effect.Effect<{ readonly value: A; readonly response: RawResponse }, TransportError> => {
    const stampedAt = clock.unsafeNow(now)
    const request = build(c, params, stampedAt, live, attemptMs)
    if (request instanceof AuthenticationFailed) return Effect.fail(request)
    const sent = transport.send(request)
    const exchange = live ? sent : Effect.timeoutFail(sent, {
      duration: attemptMs === timeoutMs ? timeout : Duration.millis(attemptMs),
      onTimeout: c.onTransportTimeout
    })

    return Effect.matchEffect(exchange, {
      onFailure: (error) =>
        Effect.withFiberRuntime<never, TransportError>((fiber) => {
          const receivedAt = fiberClock(fiber).unsafeCurrentTimeMillis()
          fiber.getFiberRef(roundTripProbe)?.({ sentAt: now, receivedAt })
          const tags = fiber.getFiberRef(FiberRef.currentMetricLabels)
          c.latency.unsafeUpdate((receivedAt - now) / 1000, tags)
          noResponse.unsafeUpdate(1, tags)
          return Effect.fail(withSentAt(transportFailure(c, error, attemptMs), stampedAt))
        }),
      onSuccess: (res) =>
        Effect.withFiberRuntime<{ readonly value: A; readonly response: RawResponse }, TransportError>((fiber) => {
          const receivedAt = fiberClock(fiber).unsafeCurrentTimeMillis()
          fiber.getFiberRef(roundTripProbe)?.({ sentAt: now, receivedAt })
          const tags = fiber.getFiberRef(FiberRef.currentMetricLabels)
          c.latency.unsafeUpdate((receivedAt - now) / 1000, tags)
          statusCounter(res.status).unsafeUpdate(1, tags)
          const span = fiber.currentSpan
          if (span?._tag === "Span") span.attribute("http.response.status_code", res.status)
          const result = read(c, res, receivedAt)
          return Either.isRight(result) ? Effect.succeed(result.right) : Effect.fail(withSentAt(result.left, stampedAt))
        })
    })
  }

  /** The body as a whole could not be read as JSON. */
  const unreadable = (c: Compiled<any, any>, status: number, detail: string, excerpt: string | undefined) =>
    Either.left(
      new DecodeError({
        venue,
        endpoint: c.label,
        httpStatus: status,
        path: "$",
        detail,
        snippet: excerpt,
        outcome: status < 300 && !c.idempotent ? "ambiguous" : "definitive"
      })
    )

  /** Classifies and decodes a response; no effects but the gate's bookkeeping. */
  const read = <A, I>(
    c: Compiled<A, I>,
    res: HttpTransport.HttpTransportResponse,
    receivedAt: number
  ): Either.Either<{ readonly value: A; readonly response: RawResponse }, TransportError> => {
    const { ambiguity, idempotent, label } = c
    const { headers: responseHeaders, status, text } = res
    const used = rules.usedWeight?.(responseHeaders, c.endpoint)
    if (used !== undefined) gate.unsafeObserveUsed(used, receivedAt)
    if (res.overCap) {
      return unreadable(
        c,
        status,
        `the response body is larger than the ${maxResponseBytes}-byte cap` +
          (res.declaredBytes === undefined ? "" : ` (Content-Length ${res.declaredBytes})`) +
          "; it was not read",
        undefined
      )
    }

    const parsed = parseLossless(text)
    const raw: RawResponse = {
      status,
      headers: responseHeaders,
      text,
      json: Either.isRight(parsed) ? parsed.right : undefined,
      retryAfterMs: parseRetryAfter(responseHeaders["retry-after"], receivedAt),
      receivedAt
    }

    const venueError = rules.classify(raw, { endpoint: label })
    if (venueError !== undefined) return Either.left(withGateEffects(raw, venueError))
    if (Either.isLeft(parsed)) {
      const looksHtml = /^\s*</.test(text) || (responseHeaders["content-type"] ?? "").includes("text/html")
      if (status >= 500 || looksHtml) {
        return Either.left(
          new ExchangeUnavailable({
            venue,
            endpoint: label,
            httpStatus: status,
            outcome: status >= 500 || status < 400 ? ambiguity : "transient",
            detail: looksHtml ? "the venue answered with an HTML page, not its API" : "unreadable response",
            snippet: snippet(text)
          })
        )
      }
      return unreadable(
        c,
        status,
        text === "" ? "empty response body" : `malformed JSON: ${parsed.left}`,
        snippet(text)
      )
    }
    if (status >= 400) {
      return Either.left(withGateEffects(
        raw,
        new ExchangeUnavailable({
          venue,
          endpoint: label,
          httpStatus: status,
          outcome: status >= 500 ? ambiguity : "definitive",
          detail: `unexpected HTTP ${status}`,
          snippet: snippet(text)
        })
      ))
    }
    const decoded = c.decode(raw.json)
    if (Either.isLeft(decoded)) {
      const { detail, path } = describeParseError(decoded.left)
      return Either.left(
        new DecodeError({
          venue,
          endpoint: label,
          httpStatus: status,
          path,
          detail,
          snippet: snippet(text),
          outcome: idempotent ? "definitive" : "ambiguous"
        })
      )
    }
    return Either.right({ value: decoded.right, response: raw })
  }

  /** Applies the gate side effects of rate-limit errors; returns the error to fail with. */
  const withGateEffects = (raw: RawResponse, error: TransportError): TransportError => {
    if (error._tag === "RateLimited") {
      const asked = error.retryAfterMs ?? raw.retryAfterMs ?? 1000
      const until = gate.unsafePauseUntil(raw.receivedAt + asked, raw.receivedAt)
      const wait = Math.max(0, until - raw.receivedAt)
      return error.retryAfterMs === wait ? error : new RateLimited({ ...errorFields(error), retryAfterMs: wait })
    }
    if (error._tag === "IpBanned") {
      const asked = error.untilMs ?? raw.receivedAt + (raw.retryAfterMs ?? 60_000)
      const until = gate.unsafeBanUntil(asked, raw.receivedAt)
      return error.untilMs === until ? error : new IpBanned({ ...errorFields(error), untilMs: until })
    }
    return error
  }

  const attempt = <A, I>(
    c: Compiled<A, I>,
    params: RequestParams
  ): Effect.Effect<{ readonly value: A; readonly response: RawResponse }, TransportError> =>
    Effect.withFiberRuntime((fiber) => {
      const clk = fiberClock(fiber)
      const now = clk.unsafeCurrentTimeMillis()
      const attemptMs = attemptTimeout(fiber)
      const live = attemptMs < 2 ** 31 - 1 && HttpTransport.isLiveClock(clk)
      if (gate.tryAcquire(c.endpoint.weight, now, c.endpoint.orders)) return send(c, params, now, live, attemptMs)
      return Effect.zipRight(
        c.endpoint.orders === undefined && c.endpoint.urgent === undefined
          ? gate.acquire(c.endpoint.weight)
          : gate.acquire(c.endpoint.weight, c.endpoint),
        Effect.clockWith((after) => send(c, params, after.unsafeCurrentTimeMillis(), live, attemptMs))
      )
    })

  const retryable = (error: TransportError) => error.outcome === "transient" && error._tag !== "IpBanned"

  const annotateError = (error: TransportError) =>
    Effect.annotateCurrentSpan({
      "lotusx.error": error._tag,
      ...(error.venueCode !== undefined ? { "lotusx.venue_code": error.venueCode } : {})
    })

  /** The retry schedule of one idempotent call: bounded, jittered, and each retry logged. */
  const retrySchedule = (endpoint: Endpoint<any, any>) => {
    let lastError: TransportError | undefined
    return schedule.pipe(
      Schedule.whileInput(retryable),
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
  }

  /** Every attempt of one call, retried when it may be, in the call's span. */
  const general = <A, I>(c: Compiled<A, I>, params: RequestParams) => {
    const once = attempt(c, params)
    // Only idempotent requests are ever sent again; the retry schedule is built after a first
    // retryable failure (which it sees first, as `Effect.retry` would), not for every call.
    const attempts = c.idempotent
      ? Effect.catchAll(once, (first) => retryable(first) ? retryAfter(c, params, first) : Effect.fail(first))
      : once
    return attempts.pipe(Effect.tapError(annotateError), Telemetry.withHotSpan(c.spanName, c.spanOptions))
  }

  /** The retries of an idempotent call after its first attempt failed with `first`. */
  const retryAfter = <A, I>(c: Compiled<A, I>, params: RequestParams, first: TransportError) => {
    const once = attempt(c, params)
    let failed = false
    const again = Effect.suspend(() => failed ? once : (failed = true, Effect.fail(first)))
    return Effect.retry(again, retrySchedule(c.endpoint))
  }

  const annotateSpan = (span: Tracer.Span | undefined, error: TransportError) => {
    if (span === undefined) return
    span.attribute("lotusx.error", error._tag)
    if (error.venueCode !== undefined) span.attribute("lotusx.venue_code", error.venueCode)
  }

  const unsafeSend = transport.unsafeSend

  /**
   * One call as one async step, when it can be: the transport sends outside effects
   * (`unsafeSend`), the clock is the live one and the gate has budget now. Everything before the
   * send (span, gate, request, signature) and after it (metrics, classification, decoding, the span's
   * end) is synchronous; a first failure that may be retried continues on the general path's retry.
   * Otherwise the call takes the general path.
   */
  const call = <A, I>(
    endpoint: Endpoint<A, I>,
    params: RequestParams,
    finish: ((result: { readonly value: A; readonly response: RawResponse }) => unknown) | undefined
  ): Effect.Effect<any, TransportError> => {
    const c = compile(endpoint)
    const slow = () => finish !== undefined ? Effect.map(general(c, params), finish) : general(c, params)
    if (unsafeSend === undefined || !nativeTimer) return slow()
    return Effect.withFiberRuntime((fiber) => {
      const clk = fiberClock(fiber)
      if (!HttpTransport.isLiveClock(clk)) return slow()
      const attemptMs = attemptTimeout(fiber)
      if (attemptMs >= 2 ** 31 - 1) return slow()
      const now = clk.unsafeCurrentTimeMillis()
      if (!gate.tryAcquire(c.endpoint.weight, now, c.endpoint.orders)) return slow()
      const span = Telemetry.unsafeStartSpan(fiber, c.spanName, c.spanOptions)
      const stampedAt = clock.unsafeNow(now)
      const request = build(c, params, stampedAt, true, attemptMs)
      if (request instanceof AuthenticationFailed) {
        const exit = Exit.fail(request)
        annotateSpan(span, request)
        if (span !== undefined) Telemetry.unsafeEndSpan(fiber, span, exit)
        return exit
      }
      const tags = fiber.getFiberRef(FiberRef.currentMetricLabels)
      const probe = fiber.getFiberRef(roundTripProbe)
      // The raw result, or what `finish` makes of it. No canceler is registered with the async
      // step (Effect wraps one in an `onInterrupt` region: six more runtime steps per request):
      // an interrupted fiber always ends (interruption is not recoverable in Effect), so the
      // request is abandoned, and its span ended, when the fiber exits; the runtime resumes the
      // interrupted step itself, and the answer of an abandoned request is never read.
      let cancel: (() => void) | undefined
      let finished = false
      const onFiberExit = () => {
        if (finished) return
        finished = true
        cancel?.()
        if (span !== undefined) Telemetry.unsafeEndSpan(fiber, span, Exit.interrupt(fiber.id()))
      }
      return Effect.async<unknown, TransportError>((resume) => {
        fiber.addObserver(onFiberExit)
        cancel = unsafeSend(request, (outcome) => {
          if (finished) return
          finished = true
          fiber.removeObserver(onFiberExit)
          const receivedAt = clk.unsafeCurrentTimeMillis()
          probe?.({ sentAt: now, receivedAt })
          c.latency.unsafeUpdate((receivedAt - now) / 1000, tags)
          let result: Either.Either<{ readonly value: A; readonly response: RawResponse }, TransportError>
          if (Either.isLeft(outcome)) {
            noResponse.unsafeUpdate(1, tags)
            result = Either.left(withSentAt(transportFailure(c, outcome.left, attemptMs), stampedAt))
          } else {
            const status = outcome.right.status
            statusCounter(status).unsafeUpdate(1, tags)
            span?.attribute("http.response.status_code", status)
            result = read(c, outcome.right, receivedAt)
          }
          if (Either.isRight(result)) {
            const exit = Exit.succeed(result.right)
            if (span !== undefined) Telemetry.unsafeEndSpan(fiber, span, exit)
            if (finish === undefined) return resume(exit)
            let value: unknown
            try {
              value = finish(result.right)
            } catch (defect) {
              return resume(Exit.die(defect))
            }
            return resume(Exit.succeed(value))
          }
          const error = withSentAt(result.left, stampedAt)
          if (c.idempotent && retryable(error)) {
            const retried = retryAfter(c, params, error)
            return resume(
              (finish !== undefined ? Effect.map(retried, finish) : retried as Effect.Effect<unknown, TransportError>)
                .pipe(
                  Effect.tapError((e) => Effect.sync(() => annotateSpan(span, e))),
                  Effect.onExit((exit) =>
                    Effect.sync(() => {
                      if (span !== undefined) Telemetry.unsafeEndSpan(fiber, span, exit)
                    })
                  )
                )
            )
          }
          const exit = Exit.fail(error)
          annotateSpan(span, error)
          if (span !== undefined) Telemetry.unsafeEndSpan(fiber, span, exit)
          resume(exit)
        })
      })
    })
  }

  return {
    venue,
    baseUrl,
    clock,
    gate,
    hasCredentials: signer !== undefined,
    timeoutMs,
    requestRaw: (endpoint, params = {}) => call(endpoint, params, undefined),
    // the value alone, resumed with directly (no `Effect.map` step per request on the fast path)
    request: (endpoint, params = {}) => call(endpoint, params, valueOf),
    requestWith: (endpoint, params, f) => call(endpoint, params, (r) => f(r.value, r.response))
  } satisfies RestClient
}

const valueOf = <A>(r: { readonly value: A }): A => r.value

const fiberClock = (fiber: Fiber.RuntimeFiber<unknown, unknown>): Clock.Clock =>
  Context.get(fiber.currentDefaultServices, Clock.Clock)

const errorFields = (error: TransportError) => ({
  venue: "venue" in error && error.venue !== undefined ? error.venue : "unknown",
  venueCode: "venueCode" in error ? error.venueCode : undefined,
  venueMessage: "venueMessage" in error ? error.venueMessage : undefined,
  httpStatus: "httpStatus" in error ? error.httpStatus : undefined,
  endpoint: "endpoint" in error ? error.endpoint : undefined
})
