/**
 * Serves `GET /metrics` (Prometheus text format, see `Prometheus.ts`) over HTTP, for the CLI's
 * `--metrics-port` and for long-running bots.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import * as Prometheus from "./Prometheus.js"

/**
 * A running metrics endpoint.
 * @since 0.1.0
 */
export interface MetricsServer {
  readonly port: number
  /** `http://<host>:<port>/metrics` */
  readonly url: string
}

/**
 * @since 0.1.0
 */
export interface Options {
  /** 0 picks a free port. */
  readonly port: number
  /** Default `127.0.0.1`; use `0.0.0.0` to be scraped from other hosts. */
  readonly host?: string | undefined
  /** Also serve Effect's internal fiber metrics (`effect_fiber_*`, see `Prometheus.isEffectRuntimeMetric`). Default false. */
  readonly runtimeMetrics?: boolean | undefined
}

/**
 * Why the endpoint could not start.
 * @since 0.1.0
 */
export class MetricsServerError extends Error {
  override readonly name = "MetricsServerError"
}

/**
 * Starts the endpoint in the current scope (closed with it).
 * @since 0.1.0
 */
export const start = (options: Options): Effect.Effect<MetricsServer, MetricsServerError, Scope.Scope> =>
  Effect.gen(function*() {
    const runtime = yield* Effect.runtime<never>()
    const host = options.host ?? "127.0.0.1"
    const server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0]
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end()
      } else if (path !== "/metrics") {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found: try /metrics\n")
      } else {
        Effect.runPromiseExit(
          Effect.provide(Prometheus.scrapeWith({ runtimeMetrics: options.runtimeMetrics }), runtime.context)
        ).then((exit) => {
          if (exit._tag === "Success") {
            res.writeHead(200, { "content-type": Prometheus.contentType }).end(req.method === "HEAD" ? "" : exit.value)
          } else {
            res.writeHead(500).end()
          }
        })
      }
    })
    yield* Effect.acquireRelease(
      Effect.async<void, MetricsServerError>((resume) => {
        server.once(
          "error",
          (error) =>
            resume(Effect.fail(new MetricsServerError(`cannot listen on ${host}:${options.port}: ${error.message}`)))
        )
        server.listen(options.port, host, () => resume(Effect.void))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    const port = (server.address() as AddressInfo).port
    return { port, url: `http://${host}:${port}/metrics` }
  })

/**
 * A layer that serves the metrics while it is alive.
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<never, MetricsServerError> => Layer.scopedDiscard(start(options))
