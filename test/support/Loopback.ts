/**
 * A loopback HTTP + WebSocket server for tests: real sockets on 127.0.0.1, scripted by the test.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { type WebSocket, WebSocketServer } from "ws"
import * as HttpTransport from "../../src/kernel/HttpTransport.js"

export interface RecordedRequest {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: IncomingMessage["headers"]
  readonly body: string
  readonly at: number
}

export interface Reply {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: string
  /** Destroy the socket without answering. */
  readonly drop?: boolean
}

export interface Loopback {
  readonly url: string
  readonly wsUrl: string
  readonly requests: Array<RecordedRequest>
  readonly sockets: Set<WebSocket>
  /** Every websocket connection ever accepted, in order. */
  readonly connections: Array<{ readonly path: string; readonly socket: WebSocket; readonly received: Array<string> }>
}

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(value)
})

export const start = (options: {
  readonly http?: (request: RecordedRequest) => Reply | Promise<Reply>
  readonly ws?: (socket: WebSocket, path: string, message: string) => void
  readonly onConnection?: (socket: WebSocket, path: string) => void
}) =>
  Effect.acquireRelease(
    Effect.async<{ loopback: Loopback; close: () => Promise<void> }>((resume) => {
      const requests: Array<RecordedRequest> = []
      const sockets = new Set<WebSocket>()
      const connections: Loopback["connections"] = []
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const chunks: Array<Buffer> = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", async () => {
          const url = new URL(req.url ?? "/", "http://127.0.0.1")
          const recorded: RecordedRequest = {
            method: req.method ?? "GET",
            url: req.url ?? "/",
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            at: Date.now()
          }
          requests.push(recorded)
          const reply = options.http ? await options.http(recorded) : json({})
          if (reply.drop === true) {
            req.socket.destroy()
            return
          }
          res.writeHead(reply.status ?? 200, reply.headers ?? {})
          res.end(reply.body ?? "")
        })
      })
      const wss = new WebSocketServer({ server })
      wss.on("connection", (socket, req) => {
        const path = req.url ?? "/"
        sockets.add(socket)
        const entry = { path, socket, received: [] as Array<string> }
        connections.push(entry)
        socket.on("close", () => sockets.delete(socket))
        socket.on("message", (data) => {
          const text = data.toString()
          entry.received.push(text)
          options.ws?.(socket, path, text)
        })
        options.onConnection?.(socket, path)
      })
      server.listen(0, "127.0.0.1", () => {
        const port = (server.address() as AddressInfo).port
        resume(Effect.succeed({
          loopback: {
            url: `http://127.0.0.1:${port}`,
            wsUrl: `ws://127.0.0.1:${port}`,
            requests,
            sockets,
            connections
          },
          close: () =>
            new Promise<void>((done) => {
              for (const s of sockets) s.terminate()
              wss.close()
              server.closeAllConnections()
              server.close(() => done())
            })
        }))
      })
    }),
    ({ close }) => Effect.promise(close)
  ).pipe(Effect.map(({ loopback }) => loopback))

/**
 * The Node platform layers the library needs (keep-alive HTTP through undici, `ws` sockets). The
 * connectors send their REST requests through this `HttpClient` (`HttpTransport.fromHttpClient`).
 */
export const PlatformLive = Layer.mergeAll(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)

/**
 * The same, plus the kernel's own HTTP transport (`HttpTransport.layer`), which the connectors then
 * use instead of the `HttpClient`: what `PromiseApi` and the CLI run on.
 */
export const PlatformTransport = Layer.mergeAll(HttpTransport.layer(), PlatformLive)

/** Both ways a connector's requests travel, for tests of the REST path to run on each. */
export const Platforms = [
  { name: "HttpClient", platform: PlatformLive },
  { name: "HttpTransport", platform: PlatformTransport }
] as const
