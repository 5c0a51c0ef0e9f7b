/**
 * One accepted websocket connection, venue-agnostic: sending (suppressed while the connection is
 * silenced by a fault), server-initiated pings with a pong deadline, answering client pings, and
 * the two websocket faults (silence without close; abrupt termination).
 *
 * @since 0.1.0
 */
import type { WebSocket } from "ws"
import type { Timers } from "./Timers.js"

let nextId = 1

/**
 * A websocket connection under a venue prefix.
 * @since 0.1.0
 */
export class WsConnection {
  readonly id = nextId++
  /** Silenced: no data, no pings, no pongs — but the TCP connection stays open. */
  silent = false
  closed = false
  private lastPong: number
  private readonly cleanups: Array<() => void> = []
  private readonly closeHandlers: Array<() => void> = []

  constructor(
    readonly socket: WebSocket,
    readonly venue: string,
    /** Path relative to the venue prefix (`/ws/btcusdt@trade`, `/stream`). */
    readonly path: string,
    readonly query: URLSearchParams,
    readonly timers: Timers
  ) {
    this.lastPong = timers.now()
    socket.on("pong", () => {
      this.lastPong = this.timers.now()
    })
    socket.on("ping", (data) => {
      if (!this.silent && !this.closed) socket.pong(data)
    })
    socket.on("close", () => this.dispose())
    socket.on("error", () => this.dispose())
  }

  /** Sends a text frame unless the connection is silenced or closed. */
  send(text: string): void {
    if (!this.silent && !this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(text)
  }

  /** Registers a handler for text messages from the client. */
  onMessage(handler: (text: string) => void): void {
    this.socket.on("message", (data, isBinary) => {
      if (!this.closed) handler(isBinary ? "" : data.toString())
    })
  }

  /** Registers a handler run once when the connection ends, however it ends. */
  onClose(handler: () => void): void {
    this.closeHandlers.push(handler)
  }

  /** Registers a cancel function (a timer) run when the connection ends. */
  own(cleanup: () => void): void {
    this.cleanups.push(cleanup)
  }

  /**
   * Pings every `intervalMs`; terminates the connection when no pong arrived for `timeoutMs`.
   */
  heartbeat(intervalMs: number, timeoutMs: number): void {
    this.own(this.timers.every(intervalMs, () => {
      if (this.closed || this.silent) return
      if (this.timers.now() - this.lastPong > timeoutMs) {
        this.socket.close(1000, "pong timeout")
        this.dispose()
        return
      }
      this.socket.ping()
    }))
  }

  /** Fault: stop sending data and answering pings, keep the TCP connection open. */
  silence(): void {
    this.silent = true
  }

  /** Fault: destroy the connection without a close frame (the client sees 1006). */
  terminate(): void {
    this.socket.terminate()
    this.dispose()
  }

  /** Closes with a close frame. */
  close(code = 1000, reason = ""): void {
    this.socket.close(code, reason)
    this.dispose()
  }

  private dispose(): void {
    if (this.closed) return
    this.closed = true
    for (const cleanup of this.cleanups.splice(0)) cleanup()
    for (const handler of this.closeHandlers.splice(0)) handler()
  }
}
