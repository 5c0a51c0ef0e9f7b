/**
 * The sandbox's one server: `node:http` plus a `ws` WebSocketServer on the same port, routing by
 * venue path prefix (`/binance/...`) to the venue dialects, and applying the server-level fault
 * rules around them (latency, 429/418/503/HTML pages before the handler; dropped, malformed and
 * truncated responses after it; websocket silence and abrupt close on connections).
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { WebSocketServer } from "ws"
import type { FaultRule } from "../faults/FaultRule.js"
import type { ActiveFault, Faults } from "../faults/Faults.js"
import { matches } from "../faults/Faults.js"
import type { Dialect, HttpRequest, HttpResponse } from "./Dialect.js"
import { htmlPage } from "./Dialect.js"
import type { Timers } from "./Timers.js"
import { WsConnection } from "./WsConnection.js"

/** @since 0.1.0 */
export interface ServerOptions {
  readonly host: string
  readonly port: number
  readonly dialects: ReadonlyArray<Dialect>
  readonly faults: Faults
  readonly timers: Timers
}

/**
 * A listening server.
 * @since 0.1.0
 */
export interface RunningServer {
  readonly port: number
  /** The open websocket connections. */
  readonly connections: () => ReadonlyArray<WsConnection>
}

const MAX_BODY = 1024 * 1024

type Outcome = { readonly _tag: "respond"; readonly response: HttpResponse } | { readonly _tag: "drop" }

/** Corrupts a JSON body so that it no longer parses (a stray token after the first colon). */
const malformed = (body: string): string => {
  const at = body.indexOf(":")
  return at < 0 ? body + "}{" : body.slice(0, at + 1) + " ,}" + body.slice(at + 1)
}

const withBody = (response: HttpResponse, body: string): HttpResponse => ({ ...response, body })

const splitUrl = (url: string): { readonly path: string; readonly rawQuery: string } => {
  const q = url.indexOf("?")
  return q < 0 ? { path: url, rawQuery: "" } : { path: url.slice(0, q), rawQuery: url.slice(q + 1) }
}

/**
 * Starts the server; stops it (and closes every connection) when the scope closes.
 * @since 0.1.0
 */
export const serve = (options: ServerOptions): Effect.Effect<RunningServer, Error, Scope.Scope> =>
  Effect.gen(function*() {
    const { dialects, faults, timers } = options
    const connections = new Set<WsConnection>()
    const dialectFor = (path: string) => dialects.find((d) => path === d.prefix || path.startsWith(d.prefix + "/"))

    const pipeline = (dialect: Dialect, request: HttpRequest): Effect.Effect<Outcome> =>
      Effect.gen(function*() {
        const scope = { venue: dialect.venue, path: request.path, method: request.method }
        const latency = faults.take(["latency"], scope)
        if (latency !== undefined) yield* Effect.sleep(Duration.millis(latency.ms ?? 1000))
        const early = faults.take(["http429", "http418", "http503", "htmlError"], scope)
        if (early !== undefined) return { _tag: "respond", response: dialect.faultResponse(early) } as const
        const response = yield* dialect.handle(request)
        const late = faults.take(["dropResponse", "malformedJson", "truncatedJson"], scope)
        if (late?.kind === "dropResponse") return { _tag: "drop" } as const
        if (late?.kind === "malformedJson") {
          return { _tag: "respond", response: withBody(response, malformed(response.body)) } as const
        }
        if (late?.kind === "truncatedJson") {
          const cut = response.body.slice(0, Math.max(1, Math.floor(response.body.length / 2)))
          return { _tag: "respond", response: withBody(response, cut) } as const
        }
        return { _tag: "respond", response } as const
      }).pipe(
        Effect.catchAllCause(() => Effect.succeed({ _tag: "respond", response: dialect.internalError } as const))
      )

    const onRequest = (req: Http.IncomingMessage, res: Http.ServerResponse) => {
      const chunks: Array<Buffer> = []
      let size = 0
      req.on("data", (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_BODY) {
          res.writeHead(413, { "Content-Type": "text/plain" }).end("Payload Too Large")
          req.destroy()
        } else {
          chunks.push(chunk)
        }
      })
      req.on("end", () => {
        if (res.writableEnded) return
        const { path, rawQuery } = splitUrl(req.url ?? "/")
        const dialect = dialectFor(path)
        if (dialect === undefined) {
          write(res, htmlPage(404, "Not Found"))
          return
        }
        const request: HttpRequest = {
          method: (req.method ?? "GET").toUpperCase(),
          path: path.slice(dialect.prefix.length) || "/",
          rawQuery,
          body: Buffer.concat(chunks).toString("utf8"),
          headers: req.headers,
          remoteAddress: req.socket.remoteAddress ?? "unknown"
        }
        timers.run(pipeline(dialect, request), (outcome) => {
          if (outcome._tag === "drop") req.socket.destroy()
          else write(res, outcome.response)
        })
      })
    }

    const write = (res: Http.ServerResponse, response: HttpResponse) => {
      if (res.writableEnded || res.destroyed) return
      res.writeHead(response.status, {
        ...response.headers,
        "Content-Length": String(Buffer.byteLength(response.body))
      })
      res.end(response.body)
    }

    const wss = new WebSocketServer({ noServer: true, autoPong: false })

    const applyWsFault = (connection: WsConnection, rule: FaultRule) => {
      const apply = () => (rule.kind === "wsSilence" ? connection.silence() : connection.terminate())
      if ((rule.after ?? 0) <= 0) apply()
      else connection.own(timers.after(rule.after!, apply))
    }
    const wsScope = (c: WsConnection) => ({ venue: c.venue, path: c.path })
    const isWsFault = (fault: ActiveFault) => fault.rule.kind === "wsSilence" || fault.rule.kind === "wsClose"
    const stopListening = faults.onAdded((fault) => {
      if (!isWsFault(fault)) return
      for (const connection of connections) {
        if (matches(fault.rule, wsScope(connection)) && faults.takeRule(fault)) applyWsFault(connection, fault.rule)
      }
    })

    const server = Http.createServer(onRequest)
    server.on("upgrade", (req: Http.IncomingMessage, socket, head) => {
      const { path, rawQuery } = splitUrl(req.url ?? "/")
      const dialect = dialectFor(path)
      if (dialect === undefined) {
        socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        return
      }
      if (faults.take(["wsRefuse"], { venue: dialect.venue, path: path.slice(dialect.prefix.length) || "/" })) {
        socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const connection = new WsConnection(
          ws,
          dialect.venue,
          path.slice(dialect.prefix.length) || "/",
          new URLSearchParams(rawQuery),
          timers
        )
        connections.add(connection)
        connection.onClose(() => connections.delete(connection))
        dialect.connect(connection)
        for (const fault of faults.list()) {
          if (isWsFault(fault) && matches(fault.rule, wsScope(connection)) && faults.takeRule(fault)) {
            applyWsFault(connection, fault.rule)
          }
        }
      })
    })

    const port = yield* Effect.acquireRelease(
      Effect.async<number, Error>((resume) => {
        const onError = (error: Error) => resume(Effect.fail(error))
        server.once("error", onError)
        server.listen(options.port, options.host, () => {
          server.off("error", onError)
          resume(Effect.succeed((server.address() as AddressInfo).port))
        })
      }),
      () =>
        Effect.async<void>((resume) => {
          stopListening()
          for (const d of dialects) d.close()
          for (const c of connections) c.terminate()
          wss.close()
          server.close(() => resume(Effect.void))
          server.closeAllConnections()
        })
    )
    return { port, connections: () => [...connections] }
  })
