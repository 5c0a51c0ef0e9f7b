/**
 * Optional peer dependencies: the `lotusx` command needs @effect/cli and its printers, OTLP export
 * needs @effect/opentelemetry and the OpenTelemetry SDK. A library user who composes Layers needs
 * neither; these helpers turn "cannot find package" into a sentence saying what to install.
 *
 * @since 0.1.0
 */

/**
 * The package among `packages` that a failed dynamic `import()` could not find, if that is why it
 * failed.
 * @since 0.1.0
 */
export const missingPeer = (error: unknown, packages: ReadonlyArray<string>): string | undefined => {
  if (typeof error !== "object" || error === null) return undefined
  const code = (error as { readonly code?: unknown }).code
  const message = String((error as { readonly message?: unknown }).message ?? "")
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return undefined
  return packages.find((name) => message.includes(`'${name}'`) || message.includes(`"${name}"`))
}

/**
 * The packages OTLP span export needs (`telemetry/Otlp.ts`).
 * @since 0.1.0
 */
export const otlpPeers: ReadonlyArray<string> = [
  "@effect/opentelemetry",
  "@opentelemetry/api",
  "@opentelemetry/exporter-trace-otlp-http",
  "@opentelemetry/sdk-trace-base",
  "@opentelemetry/sdk-trace-node",
  "@opentelemetry/resources",
  "@opentelemetry/semantic-conventions",
  "@opentelemetry/sdk-metrics",
  "@opentelemetry/sdk-logs",
  "@opentelemetry/sdk-trace-web"
]
