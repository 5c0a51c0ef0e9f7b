/**
 * A websocket connection's subscriptions as the dialects serve them (public and private streams
 * alike): JSON frames out; the client's text frames read as JSON objects (what is not one gets the
 * dialect's own error reply); the channels the connection started, each with what stops it, all
 * stopped when the connection ends; and the order of a request's answers: what a channel sends
 * while it starts (its first snapshot) is handed back to the dialect, so it can follow the
 * request's acknowledgement as the venues do.
 *
 * The wire shapes (requests, acknowledgements, errors) stay the dialect's business.
 *
 * @since 0.1.0
 */
import type { Engine } from "../../engine/Engine.js"
import type { Random } from "../../engine/Random.js"
import type { Faults } from "../../faults/Faults.js"
import type { Timers } from "../../server/Timers.js"
import type { WsConnection } from "../../server/WsConnection.js"

/**
 * What a dialect does with a connection's client frames.
 * @since 0.1.0
 */
export interface SubscriptionHandlers {
  /** A text frame before it is parsed (a venue's text `ping`); `true` when it was handled. */
  readonly text?: ((text: string) => boolean) | undefined
  /** The reply to a frame that is not JSON (`undefined`: none). */
  readonly invalidJson: (text: string) => unknown
  /** The reply to JSON that is not an object (absent or `undefined`: none). */
  readonly notObject?: (() => unknown) | undefined
  /** One JSON object the client sent. */
  readonly message: (message: Readonly<Record<string, unknown>>, text: string) => void
}

/**
 * One connection's channels.
 * @since 0.1.0
 */
export class Subscriptions {
  private readonly channels = new Map<string, () => void>()
  private held: Array<unknown> | undefined

  constructor(private readonly connection: WsConnection) {
    connection.onClose(() => this.stopAll())
  }

  /** Sends one JSON frame (held back while a channel starts). */
  send(message: unknown): void {
    if (this.held !== undefined) this.held.push(message)
    else this.connection.send(JSON.stringify(message))
  }

  /** Sends frames in order. */
  sendAll(messages: ReadonlyArray<unknown>): void {
    for (const m of messages) this.send(m)
  }

  has(key: string): boolean {
    return this.channels.has(key)
  }

  get size(): number {
    return this.channels.size
  }

  /** The channels' keys, in the order they started. */
  get keys(): ReadonlyArray<string> {
    return [...this.channels.keys()]
  }

  /**
   * Starts a channel under `key`: `start` returns what stops it, or `undefined` when it refuses the
   * channel (then nothing is kept). The frames the channel sent while starting are returned, not
   * sent; `undefined` when refused.
   */
  start(key: string, start: () => (() => void) | undefined): ReadonlyArray<unknown> | undefined {
    const outer = this.held
    const mine: Array<unknown> = []
    this.held = mine
    let stop: (() => void) | undefined
    try {
      stop = start()
    } finally {
      this.held = outer
    }
    if (stop === undefined) return undefined
    this.channels.set(key, stop)
    return mine
  }

  /** Stops one channel (nothing when it is not started). */
  stop(key: string): void {
    this.channels.get(key)?.()
    this.channels.delete(key)
  }

  stopAll(): void {
    for (const stop of this.channels.values()) stop()
    this.channels.clear()
  }

  /** Reads the connection's client frames with `handlers`. */
  serve(handlers: SubscriptionHandlers): void {
    this.connection.onMessage((text) => {
      if (handlers.text?.(text) === true) return
      let message: unknown
      try {
        message = JSON.parse(text)
      } catch {
        const reply = handlers.invalidJson(text)
        if (reply !== undefined) this.send(reply)
        return
      }
      if (typeof message !== "object" || message === null || Array.isArray(message)) {
        const reply = handlers.notObject?.()
        if (reply !== undefined) this.send(reply)
        return
      }
      handlers.message(message as Record<string, unknown>, text)
    })
  }
}

/**
 * A dialect's per-instrument feeds (book sequences), made on first use and shared by every
 * connection.
 * @since 0.1.0
 */
export class PerInstrument<I extends { readonly symbol: string }, F extends { stop(): void }> {
  private readonly feeds = new Map<string, F>()
  constructor(private readonly make: (instrument: I) => F) {}
  get(instrument: I): F {
    let feed = this.feeds.get(instrument.symbol)
    if (feed === undefined) {
      feed = this.make(instrument)
      this.feeds.set(instrument.symbol, feed)
    }
    return feed
  }
  close(): void {
    for (const feed of this.feeds.values()) feed.stop()
    this.feeds.clear()
  }
}

/**
 * What a dialect's public streams are served from.
 * @since 0.1.0
 */
export interface StreamOptions<Feeds> {
  readonly engine: Engine
  readonly faults: Faults
  readonly timers: Timers
  readonly feeds: Feeds
  readonly random: Random
  readonly venue: string
}

/**
 * The stream a connection's path names; a path the dialect does not serve is closed (1008
 * "Unknown path") and gives `undefined`.
 * @since 0.1.0
 */
export const streamOf = <K extends string>(
  connection: WsConnection,
  paths: Readonly<Record<string, K>>
): K | undefined => {
  const kind = Object.hasOwn(paths, connection.path) ? paths[connection.path] : undefined
  if (kind === undefined) connection.close(1008, "Unknown path")
  return kind
}

/**
 * A public stream session: the stream a connection's path names (a path the dialect does not serve
 * is closed, and gives `undefined`), the connection id the venue gives it, and its subscriptions.
 * @since 0.1.0
 */
export const openSession = <K extends string>(
  connection: WsConnection,
  paths: Readonly<Record<string, K>>,
  connId: () => string
): { readonly kind: K; readonly connId: string; readonly subscriptions: Subscriptions } | undefined => {
  const kind = streamOf(connection, paths)
  return kind === undefined ? undefined : { kind, connId: connId(), subscriptions: new Subscriptions(connection) }
}

/**
 * The listeners of one feed (a book sequence): each message goes to every listener.
 * @since 0.1.0
 */
export class Listeners<A> {
  private readonly listeners = new Set<(a: A) => void>()
  emit(a: A): void {
    for (const listener of this.listeners) listener(a)
  }
  /** Adds a listener; returns what removes it. */
  listen(f: (a: A) => void): () => void {
    this.listeners.add(f)
    return () => {
      this.listeners.delete(f)
    }
  }
}
