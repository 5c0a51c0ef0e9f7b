/**
 * The kernel's HTTP transport: what the REST client needs from HTTP and nothing more — send one
 * request (method, URL, headers, text body) with a timeout and a cap on the response body, and get
 * back the status, the headers and the body's text.
 *
 * Two implementations:
 * - `layer`: the kernel's own, on an undici `Agent` (keep-alive, one handler object per request,
 *   the body gathered as it arrives and abandoned — the connection aborted — as soon as it passes
 *   the cap). This is the fast path; `PromiseApi` and the CLI use it.
 * - `fromHttpClient`: any `@effect/platform` `HttpClient` (a proxy, a recording client in a test, a
 *   browser `fetch` client). The connectors use it whenever the application provides an `HttpClient`
 *   and no `HttpTransport`, so a program written against `HttpClient` keeps working unchanged.
 *
 * Neither sends trace headers nor records the URL anywhere: a signed request's URL carries its
 * signature and parameters.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { Agent, type Dispatcher } from "undici"

/**
 * One request.
 * @since 0.1.0
 */
export interface HttpTransportRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  /** Absolute URL, query string included. */
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** The body as sent, or `undefined` for none. */
  readonly body: string | undefined
  /**
   * Give up after this many ms (of real time) and fail with reason `"Timeout"`; `undefined`: the
   * caller times the request out itself (the REST client does, through `Clock`, when the clock is
   * not Effect's live one, so a `TestClock` drives it).
   */
  readonly timeoutMs: number | undefined
  /** Largest body read, in bytes; a larger one is not read (`overCap`) and the connection dropped. */
  readonly maxResponseBytes: number
}

/**
 * One response.
 * @since 0.1.0
 */
export interface HttpTransportResponse {
  readonly status: number
  /** Header names in lower case; repeated headers joined with `", "`. */
  readonly headers: Readonly<Record<string, string>>
  /** The body as UTF-8 text; `""` when `overCap`. */
  readonly text: string
  /** The body was larger than `maxResponseBytes` (declared so, or found so while reading). */
  readonly overCap: boolean
  /** `Content-Length`, when the response declared one. */
  readonly declaredBytes: number | undefined
}

/**
 * A request that got no (complete) response. Its message never holds the URL.
 * @since 0.1.0
 */
export class HttpTransportError extends Data.TaggedError("HttpTransportError")<{
  /** `Timeout`: no complete response in time; `Request`: sending failed; `Response`: reading failed. */
  readonly reason: "Timeout" | "Request" | "Response"
  /** The system error code behind it (`ECONNREFUSED`, `ECONNRESET`, …), if any. */
  readonly code?: string | undefined
}> {
  override get message(): string {
    return `HTTP ${this.reason === "Timeout" ? "request timed out" : `${this.reason.toLowerCase()} failed`}` +
      (this.code === undefined ? "" : ` (${this.code})`)
  }
}

/**
 * @since 0.1.0
 */
export interface HttpTransport {
  readonly send: (request: HttpTransportRequest) => Effect.Effect<HttpTransportResponse, HttpTransportError>
  /**
   * The same request, sent outside any effect: `done` is called once with the outcome (not when
   * the returned cancel function runs first). The REST client's hot path uses it to make a request
   * one async step; a transport without it is used through `send`.
   */
  readonly unsafeSend?: UnsafeSend | undefined
}

/**
 * Sends one request; returns a function that abandons it.
 * @since 0.1.0
 */
export type UnsafeSend = (
  request: HttpTransportRequest,
  done: (outcome: Either.Either<HttpTransportResponse, HttpTransportError>) => void
) => () => void

/**
 * @since 0.1.0
 */
export const HttpTransport: Context.Tag<HttpTransport, HttpTransport> = Context.GenericTag<HttpTransport>(
  "lotusx/HttpTransport"
)

const contentLength = (value: string | undefined): number | undefined =>
  value !== undefined && /^\d{1,15}$/.test(value) ? Number.parseInt(value, 10) : undefined

const toRecord = (headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>) => {
  const out: Record<string, string> = {}
  for (const k in headers) {
    const v = headers[k]
    if (v !== undefined) out[k.toLowerCase()] = typeof v === "string" ? v : v.join(", ")
  }
  return out
}

/** The system error code behind a failure, following a few `cause` links. */
const errorCode = (error: unknown): string | undefined => {
  let cause: unknown = error
  for (let i = 0; i < 5 && cause !== undefined && cause !== null; i++) {
    if (typeof cause === "object" && "code" in cause && typeof cause.code === "string") return cause.code
    cause = typeof cause === "object" && "cause" in cause ? cause.cause : undefined
  }
  return undefined
}

/** Why a request was aborted by us (never shown: the effect has already resumed). */
const abandoned = new Error("abandoned by the caller")

/**
 * The transport on an undici dispatcher (an `Agent` or `Pool`): one `dispatch` per request with a
 * handler that gathers the body, no stream, no `AbortController`.
 * @since 0.1.0
 */
export const fromDispatcher = (dispatcher: Dispatcher): HttpTransport => {
  const unsafeSend: UnsafeSend = (request, done) => {
    const { maxResponseBytes, url } = request
    const slash = url.indexOf("/", url.indexOf("//") + 2)
    let settled = false
    let cancelled = false
    let controller: Dispatcher.DispatchController | undefined
    let status = 0
    let headers: Record<string, string> = {}
    let declared: number | undefined
    let first: Buffer | undefined
    let rest: Array<Buffer> | undefined
    let size = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const settle = (outcome: Either.Either<HttpTransportResponse, HttpTransportError>) => {
      if (settled) return
      settled = true
      if (timer !== undefined) clearTimeout(timer)
      done(outcome)
    }
    const overCap = (c: Dispatcher.DispatchController) => {
      settle(Either.right({ status, headers, text: "", overCap: true, declaredBytes: declared }))
      c.abort(abandoned)
    }
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c
        if (cancelled) c.abort(abandoned)
      },
      onResponseStart(c, statusCode, responseHeaders) {
        status = statusCode
        headers = toRecord(responseHeaders)
        declared = contentLength(headers["content-length"])
        if (declared !== undefined && declared > maxResponseBytes) overCap(c)
      },
      onResponseData(c, chunk) {
        if (settled) return
        size += chunk.length
        if (size > maxResponseBytes) return overCap(c)
        if (first === undefined) first = chunk
        else (rest ??= [first]).push(chunk)
      },
      onResponseEnd() {
        const text = rest !== undefined
          ? Buffer.concat(rest).toString("utf8")
          : first === undefined
          ? ""
          : first.toString("utf8")
        settle(Either.right({ status, headers, text, overCap: false, declaredBytes: declared }))
      },
      onResponseError(_c, error) {
        settle(
          Either.left(new HttpTransportError({ reason: status === 0 ? "Request" : "Response", code: errorCode(error) }))
        )
      }
    }
    const cancel = () => {
      settled = true
      cancelled = true
      if (timer !== undefined) clearTimeout(timer)
      controller?.abort(abandoned)
    }
    try {
      dispatcher.dispatch({
        origin: url.slice(0, slash),
        path: url.slice(slash),
        method: request.method,
        headers: request.headers,
        body: request.body ?? null
      }, handler)
    } catch (error) {
      settle(Either.left(new HttpTransportError({ reason: "Request", code: errorCode(error) })))
      return cancel
    }
    if (request.timeoutMs !== undefined && !settled) {
      timer = setTimeout(() => {
        cancelled = true
        settle(Either.left(new HttpTransportError({ reason: "Timeout" })))
        controller?.abort(abandoned)
      }, request.timeoutMs)
    }
    return cancel
  }
  return {
    unsafeSend,
    send: (request) =>
      Effect.async<HttpTransportResponse, HttpTransportError>((resume) => {
        const cancel = unsafeSend(
          request,
          (outcome) => resume(Either.isRight(outcome) ? Exit.succeed(outcome.right) : Exit.fail(outcome.left))
        )
        return Effect.sync(cancel)
      })
  }
}

/**
 * The kernel's own transport on a new undici `Agent` (keep-alive connections, closed with the
 * layer's scope).
 * @since 0.1.0
 */
export const layer = (options?: Agent.Options): Layer.Layer<HttpTransport> =>
  Layer.scoped(
    HttpTransport,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => new Agent(options)),
        (agent) => Effect.promise(() => agent.close().catch(() => undefined))
      ),
      fromDispatcher
    )
  )

/**
 * Reads a response body, at most `maxBytes` of it. A body whose `Content-Length` fits is read
 * whole; any other (chunked, or declared too large) is read chunk by chunk and abandoned — the
 * stream closed, nothing more buffered — as soon as it passes the cap.
 */
const readBody = (
  res: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<HttpTransportResponse, HttpClientError.ResponseError> => {
  const headers = toRecord(res.headers)
  const declared = contentLength(headers["content-length"])
  const response = (text: string, overCap: boolean): HttpTransportResponse => ({
    status: res.status,
    headers,
    text,
    overCap,
    declaredBytes: declared
  })
  if (declared !== undefined && declared <= maxBytes) return Effect.map(res.text, (text) => response(text, false))
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
      Effect.map(() => over ? response("", true) : response(Buffer.concat(chunks).toString("utf8"), false))
    )
  })
}

/**
 * The transport over an `@effect/platform` `HttpClient`, with trace propagation and the platform's
 * client spans off (those would record the full URL and the request headers).
 * @since 0.1.0
 */
export const fromHttpClient = (client: HttpClient.HttpClient): HttpTransport => {
  const http = client.pipe(HttpClient.withTracerPropagation(false), HttpClient.withTracerDisabledWhen(() => true))
  const toError = (error: HttpClientError.HttpClientError) =>
    new HttpTransportError({
      reason: error._tag === "RequestError" ? "Request" : "Response",
      code: errorCode(error.cause)
    })
  return {
    send: (request) => {
      let req = HttpClientRequest.make(request.method)(request.url, { headers: request.headers })
      if (request.body !== undefined) {
        req = HttpClientRequest.bodyText(req, request.body, request.headers["content-type"])
      }
      const exchange = http.execute(req).pipe(
        Effect.flatMap((res) => readBody(res, request.maxResponseBytes)),
        Effect.mapError(toError)
      )
      return request.timeoutMs === undefined
        ? exchange
        : withTimeout(exchange, request.timeoutMs, () => new HttpTransportError({ reason: "Timeout" }))
    }
  }
}

/**
 * A layer adapting the application's `HttpClient`.
 * @since 0.1.0
 */
export const layerHttpClient: Layer.Layer<HttpTransport, never, HttpClient.HttpClient> = Layer.effect(
  HttpTransport,
  Effect.map(HttpClient.HttpClient, fromHttpClient)
)

/**
 * The transport a connector uses: the `HttpTransport` in the context when there is one, else the
 * application's `HttpClient`, adapted.
 * @since 0.1.0
 */
export const current: Effect.Effect<HttpTransport, never, HttpClient.HttpClient> = Effect.flatMap(
  Effect.serviceOption(HttpTransport),
  Option.match({ onSome: Effect.succeed, onNone: () => Effect.map(HttpClient.HttpClient, fromHttpClient) })
)

/**
 * Times an effect out after `ms` on a real timer: it is forked once and interrupted when the timer
 * fires first (`Effect.timeoutFail` races two forked fibers and merges their fiber refs back, which
 * a request would pay for on every call).
 */
const withTimeout = <A, E, E2>(self: Effect.Effect<A, E>, ms: number, onTimeout: () => E2) =>
  Effect.flatMap(Effect.forkDaemon(self), (child) =>
    Effect.async<A, E | E2>((resume) => {
      let settled = false
      const timer = setTimeout(() => {
        if (settled) return
        settled = true
        child.unsafeInterruptAsFork(FiberId.none)
        resume(Effect.fail(onTimeout()))
      }, ms)
      child.addObserver((exit) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resume(exit)
      })
      return Effect.sync(() => {
        settled = true
        clearTimeout(timer)
        child.unsafeInterruptAsFork(FiberId.none)
      })
    }))

/**
 * Whether the current fiber's clock is Effect's live one (whose `sleep` is a real `setTimeout`),
 * so a transport may time a request with a real timer.
 * @since 0.1.0
 */
export const isLiveClock = (clock: Clock.Clock): boolean => clock.sleep === liveSleep

const liveSleep = Clock.make().sleep
