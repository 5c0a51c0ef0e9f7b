/** A small websocket test client over `ws` that records what it receives. */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import WebSocket from "ws"

export interface TestSocket {
  readonly ws: WebSocket
  readonly messages: Array<any>
  readonly pings: Array<number>
  readonly closed: Promise<number>
  readonly send: (message: unknown) => void
  /** Waits (real time) until a message satisfies `predicate`; returns it. */
  readonly next: (predicate: (m: any) => boolean, timeoutMs?: number) => Effect.Effect<any>
  /** Waits until `count` messages satisfying `predicate` arrived; returns them. */
  readonly collect: (predicate: (m: any) => boolean, count: number, timeoutMs?: number) => Effect.Effect<Array<any>>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const connect = (
  url: string,
  options: { autoPong?: boolean } = {}
): Effect.Effect<TestSocket, Error, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<TestSocket, Error>((resume) => {
      const ws = new WebSocket(url, { autoPong: options.autoPong ?? true })
      const messages: Array<any> = []
      const pings: Array<number> = []
      let onClose: (code: number) => void = () => {}
      const closed = new Promise<number>((r) => (onClose = r))
      ws.on("message", (data) => messages.push(JSON.parse(data.toString())))
      ws.on("ping", () => pings.push(Date.now()))
      ws.on("close", (code) => onClose(code))
      ws.on("error", () => {})
      const waitFor = async (predicate: (m: any) => boolean, count: number, timeoutMs: number) => {
        const deadline = Date.now() + timeoutMs
        for (;;) {
          const found = messages.filter(predicate)
          if (found.length >= count) return found.slice(0, count)
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} message(s); got ${found.length}`)
          await sleep(10)
        }
      }
      ws.once("open", () =>
        resume(Effect.succeed({
          ws,
          messages,
          pings,
          closed,
          send: (m) => ws.send(JSON.stringify(m)),
          next: (predicate, timeoutMs = 5000) =>
            Effect.promise(() => waitFor(predicate, 1, timeoutMs).then((found) => found[0])),
          collect: (predicate, count, timeoutMs = 5000) => Effect.promise(() => waitFor(predicate, count, timeoutMs))
        })))
      ws.once("error", (e) => resume(Effect.fail(e)))
    }),
    (s) => Effect.sync(() => s.ws.terminate())
  )
