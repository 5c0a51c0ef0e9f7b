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
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http"
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Layer from "effect/Layer"

/**
 * The traces URL for a collector base URL: `<base>/v1/traces` (kept as is when it already ends so).
 * @since 0.1.0
 */
export const tracesUrl = (endpoint: string): string =>
  /\/v1\/traces\/?$/.test(endpoint) ? endpoint : `${endpoint.replace(/\/+$/, "")}/v1/traces`

/**
 * Installs an OpenTelemetry tracer that hands every span to `spanProcessor`.
 * @since 0.1.0
 */
export const layerSpanProcessor = (
  spanProcessor: SpanProcessor,
  serviceName = "lotusx"
): Layer.Layer<Resource.Resource> =>
  NodeSdk.layer(() => ({
    resource: { serviceName },
    spanProcessor
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
