/**
 * The library's metrics (DESIGN.md §7). Label sets are bounded: venue ids, endpoint path templates
 * (never ids or query strings), status codes, directions.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricKey from "effect/MetricKey"
import type * as MetricKeyType from "effect/MetricKeyType"
import * as MetricLabel from "effect/MetricLabel"
import * as Tracer from "effect/Tracer"

/**
 * Span options for the hot paths (every order, every REST request): no call-site stack trace.
 * Effect captures one per span by default, at more cost than the span itself; the span's name
 * already says which call it is, and a failure's cause keeps its own trace.
 * @since 0.1.0
 */
export const hotSpan: Tracer.SpanOptions = { captureStackTrace: false }

/**
 * `Effect.withSpan` for the hot paths: the same span (made by `Effect.makeSpan`, so the tracer,
 * its parent, annotations and links are as `withSpan` gives them), the parent of the spans inside,
 * ended when the effect ends however it ends — in a third of the runtime steps: the span is put in
 * the fiber's context and taken out again directly, where `withSpan` provides it through
 * `Effect.locally`'s acquire / use / release.
 * @since 0.1.0
 */
export const withHotSpan =
  (name: string, options: Tracer.SpanOptions = hotSpan) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(Effect.makeSpan(name, options), (span) =>
      Effect.uninterruptibleMask((restore) =>
        Effect.flatMap(
          FiberRef.getAndUpdate(FiberRef.currentContext, (context) => Context.add(context, Tracer.ParentSpan, span)),
          (outer) => {
            const end = (exit: Exit.Exit<A, E>) =>
              Effect.withFiberRuntime<void>((fiber) => {
                span.end(
                  fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
                    ? Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeNanos()
                    : 0n,
                  exit
                )
                return FiberRef.set(FiberRef.currentContext, outer)
              })
            return Effect.matchCauseEffect(restore(self), {
              onFailure: (cause) => Effect.zipRight(end(Exit.failCause(cause)), Effect.failCause(cause)),
              onSuccess: (a) => Effect.as(end(Exit.succeed(a)), a)
            })
          }
        )
      ))

/**
 * A metric with a fixed label set, for a hot path. `Metric.tagged` re-derives its key on every
 * update (a new label array, a new key, a registry lookup); this derives it once, so an update is
 * one cached lookup. Labels given by `Effect.tagMetrics` still apply on top.
 * @since 0.1.0
 */
export const labelled = <Type extends MetricKeyType.MetricKeyType<any, any>>(
  key: MetricKey.MetricKey<Type>,
  labels: ReadonlyArray<readonly [string, string]>
) => Metric.fromMetricKey(MetricKey.taggedWithLabels(key, labels.map(([k, v]) => MetricLabel.make(k, v))))

/**
 * The key of `httpRequestLatency`.
 * @since 0.1.0
 */
export const httpRequestLatencyKey = MetricKey.histogram(
  "http_request_latency_seconds",
  MetricBoundaries.exponential({ start: 0.0005, factor: 2, count: 16 }),
  "REST request latency in seconds"
)

/**
 * REST latency, seconds. Labels: `exchange`, `endpoint`.
 * @since 0.1.0
 */
export const httpRequestLatency = Metric.fromMetricKey(httpRequestLatencyKey)

/**
 * The key of `httpRequestsTotal`.
 * @since 0.1.0
 */
export const httpRequestsTotalKey = MetricKey.counter("http_requests_total", {
  description: "REST requests by exchange and HTTP status code",
  incremental: true
})

/**
 * REST requests. Labels: `exchange`, `status_code` (`"error"` when no response arrived).
 * @since 0.1.0
 */
export const httpRequestsTotal = Metric.fromMetricKey(httpRequestsTotalKey)

/** A counter that only goes up. */
const counter = (name: string, description: string) => Metric.counter(name, { description, incremental: true })

/**
 * Websocket messages. Labels: `exchange`, `direction` (`in` | `out`).
 * @since 0.1.0
 */
export const websocketMessagesTotal = counter(
  "websocket_messages_total",
  "Websocket messages by exchange and direction"
)

/**
 * 1 while a websocket session of the exchange is connected, 0 otherwise. Label: `exchange`.
 * @since 0.1.0
 */
export const websocketConnectionStatus = Metric.gauge("websocket_connection_status", {
  description: "1 when the exchange's websocket is connected, else 0"
})

/**
 * Websocket reconnects. Label: `exchange`.
 * @since 0.1.0
 */
export const websocketReconnectsTotal = counter("websocket_reconnects_total", "Websocket reconnects by exchange")

/**
 * Websocket messages that failed to decode and were skipped. Label: `exchange`.
 * @since 0.1.0
 */
export const websocketDecodeErrorsTotal = counter(
  "websocket_decode_errors_total",
  "Websocket messages that failed to decode and were skipped"
)

/**
 * Order-book frames that could not be read from their text (not in the compact form the venue
 * normally sends) and were `JSON.parse`d instead: correct, but several times slower. A steady rate
 * means the venue changed its format. Label: `exchange`.
 * @since 0.1.0
 */
export const bookFramesParsedTotal = counter(
  "book_frames_parsed_total",
  "Order-book frames decoded through JSON.parse because they could not be read from their text"
)

/**
 * Times a request waited at the venue gate (rate-limit budget or 429 pause). Label: `exchange`.
 * @since 0.1.0
 */
export const rateLimitWaits = counter(
  "rate_limit_waits_total",
  "Requests held back by the rate-limit budget or a 429 pause"
)
