/**
 * Span export over OTLP/HTTP through @effect/opentelemetry: every span of the library (one per REST
 * call, one per websocket session…) goes to an OpenTelemetry collector.
 *
 * The endpoint is `OTEL_EXPORTER_OTLP_ENDPOINT` (the collector's base URL, e.g.
 * `http://localhost:4318`; `/v1/traces` is appended) or the CLI's `--otlp-endpoint`.
 *
 * @since 0.1.0
 */
import * as NodeSdk from "@effect/opentelemetry/NodeSdk"
import type * as Resource from "@effect/opentelemetry/Resource"
import type { Context } from "@opentelemetry/api"
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http"
import { BatchSpanProcessor, type ReadableSpan, type Span, type SpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Layer from "effect/Layer"

const keptRequestHeaders = new Set([
  "http.request.header.content-type",
  "http.request.header.accept",
  "http.request.header.user-agent"
])

/**
 * Removes what must never leave the process from a finished span's attributes: query strings
 * (signed requests carry `signature=` there) from `url.full` / `url.query`, and request headers
 * other than content-type, accept and user-agent (API keys travel in headers). The HTTP client of
 * @effect/platform records both on its own `http.client` spans.
 * @since 0.1.0
 */
export const scrubAttributes = (span: ReadableSpan): void => {
  const attributes = span.attributes as Record<string, unknown>
  for (const key of Object.keys(attributes)) {
    const value = attributes[key]
    if (key === "url.query") attributes[key] = "[redacted]"
    else if (key === "url.full" && typeof value === "string" && value.includes("?")) {
      attributes[key] = `${value.slice(0, value.indexOf("?"))}?[redacted]`
    } else if (key.startsWith("http.request.header.") && !keptRequestHeaders.has(key)) delete attributes[key]
  }
}

/**
 * A span processor that scrubs every span (`scrubAttributes`) before handing it to `processor`.
 * @since 0.1.0
 */
export const scrubbing = (processor: SpanProcessor): SpanProcessor => ({
  onStart: (span: Span, context: Context) => processor.onStart(span, context),
  onEnd: (span: ReadableSpan) => {
    scrubAttributes(span)
    processor.onEnd(span)
  },
  forceFlush: () => processor.forceFlush(),
  shutdown: () => processor.shutdown()
})

/**
 * The traces URL for a collector base URL: `<base>/v1/traces` (kept as is when it already ends so).
 * @since 0.1.0
 */
export const tracesUrl = (endpoint: string): string =>
  /\/v1\/traces\/?$/.test(endpoint) ? endpoint : `${endpoint.replace(/\/+$/, "")}/v1/traces`

/**
 * Installs an OpenTelemetry tracer that hands every span, scrubbed, to `spanProcessor`.
 * @since 0.1.0
 */
export const layerSpanProcessor = (
  spanProcessor: SpanProcessor,
  serviceName = "lotusx"
): Layer.Layer<Resource.Resource> =>
  NodeSdk.layer(() => ({
    resource: { serviceName },
    spanProcessor: scrubbing(spanProcessor)
  }))

/**
 * Exports spans in batches to an OTLP/HTTP collector at `endpoint` (its base URL).
 * @since 0.1.0
 */
export const layer = (options: {
  readonly endpoint: string
  readonly serviceName?: string | undefined
}): Layer.Layer<Resource.Resource> =>
  layerSpanProcessor(
    new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.endpoint) })),
    options.serviceName ?? "lotusx"
  )

/**
 * `layer` when an endpoint is given (the flag) or `OTEL_EXPORTER_OTLP_ENDPOINT` is set, else nothing.
 * @since 0.1.0
 */
export const layerFromEnv = (
  endpoint?: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env
): Layer.Layer<never> => {
  const url = endpoint ?? env["OTEL_EXPORTER_OTLP_ENDPOINT"]
  return url === undefined || url === "" ? Layer.empty : Layer.discard(layer({ endpoint: url }))
}
