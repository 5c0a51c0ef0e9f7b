/**
 * A minimal Redis client over `node:net`: RESP2 framing, pipelined commands answered in order, and
 * a subscriber connection for pub/sub. Enough for the cluster's Lua scripts (`EVALSHA`, falling
 * back to `EVAL` on `NOSCRIPT`) and ban/pause broadcasts; not a general-purpose client.
 *
 * https://redis.io/docs/latest/develop/reference/protocol-spec/
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as crypto from "node:crypto"
import * as net from "node:net"

/**
 * A Redis failure: the server could not be reached, did not answer in time, closed the connection,
 * or answered with an error reply.
 * @since 0.1.0
 */
export class RedisError extends Data.TaggedError("RedisError")<{
  readonly reason: "Unreachable" | "Timeout" | "Closed" | "Reply"
  readonly detail: string
}> {
  override get message() {
    return `Redis ${this.reason.toLowerCase()}: ${this.detail}`
  }
}

/**
 * A decoded reply. Bulk strings are `string` (UTF-8), nil is `null`.
 * @since 0.1.0
 */
export type Reply = string | number | null | ReplyError | ReadonlyArray<Reply>

/**
 * An error reply (`-ERR …`), kept as a value inside arrays.
 * @since 0.1.0
 */
export class ReplyError {
  constructor(readonly text: string) {}
}

/**
 * Where Redis listens.
 * @since 0.1.0
 */
export interface Address {
  readonly host: string
  readonly port: number
  readonly password?: Redacted.Redacted<string> | undefined
  readonly username?: string | undefined
  readonly db?: number | undefined
}

/**
 * Parses `redis://[[user]:password@]host[:port][/db]`.
 * @since 0.1.0
 */
export const parseUrl = (url: string): Address | undefined => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== "redis:") return undefined
  const port = parsed.port === "" ? 6379 : Number.parseInt(parsed.port, 10)
  const dbText = parsed.pathname.replace(/^\//, "")
  const db = dbText === "" ? undefined : Number.parseInt(dbText, 10)
  if (!Number.isInteger(port) || (db !== undefined && !Number.isInteger(db))) return undefined
  return {
    host: parsed.hostname === "" ? "127.0.0.1" : parsed.hostname.replace(/^\[|\]$/g, ""),
    port,
    password: parsed.password === "" ? undefined : Redacted.make(decodeURIComponent(parsed.password)),
    username: parsed.username === "" ? undefined : decodeURIComponent(parsed.username),
    db
  }
}

/** Encodes one command as a RESP array of bulk strings. */
const encode = (args: ReadonlyArray<string>): Buffer => {
  const parts: Array<string> = [`*${args.length}\r\n`]
  for (const arg of args) parts.push(`$${Buffer.byteLength(arg)}\r\n${arg}\r\n`)
  return Buffer.from(parts.join(""))
}

const INCOMPLETE = Symbol("incomplete")

/** Parses one reply at `offset`; returns it and the next offset, or `INCOMPLETE`. */
const parseAt = (buf: Buffer, offset: number): typeof INCOMPLETE | readonly [Reply, number] => {
  if (offset >= buf.length) return INCOMPLETE
  const lineEnd = buf.indexOf("\r\n", offset)
  if (lineEnd < 0) return INCOMPLETE
  const type = buf[offset]
  const line = buf.toString("utf8", offset + 1, lineEnd)
  const next = lineEnd + 2
  switch (type) {
    case 43: // +
      return [line, next]
    case 45: // -
      return [new ReplyError(line), next]
    case 58: // :
      return [Number.parseInt(line, 10), next]
    case 36: { // $
      const len = Number.parseInt(line, 10)
      if (len < 0) return [null, next]
      if (buf.length < next + len + 2) return INCOMPLETE
      return [buf.toString("utf8", next, next + len), next + len + 2]
    }
    case 42: { // *
      const count = Number.parseInt(line, 10)
      if (count < 0) return [null, next]
      const items: Array<Reply> = []
      let at = next
      for (let i = 0; i < count; i++) {
        const r = parseAt(buf, at)
        if (r === INCOMPLETE) return INCOMPLETE
        items.push(r[0])
        at = r[1]
      }
      return [items, at]
    }
    default:
      throw new Error(`unexpected RESP type byte ${type}`)
  }
}

/**
 * One connection. Commands are pipelined: each is answered in the order it was sent.
 * @since 0.1.0
 */
export interface Connection {
  /** Sends a command and waits for its reply (an error reply fails with reason `Reply`). */
  readonly command: (args: ReadonlyArray<string>) => Effect.Effect<Reply, RedisError>
  /** Runs a Lua script by SHA1, loading it with `EVAL` when the server does not know it yet. */
  readonly evalScript: (
    script: Script,
    keys: ReadonlyArray<string>,
    args: ReadonlyArray<string | number>
  ) => Effect.Effect<Reply, RedisError>
  /** `true` until the socket closes or fails. */
  readonly isOpen: () => boolean
  /** Closes the socket now; pending commands fail with reason `Closed`. */
  readonly close: Effect.Effect<void>
}

/**
 * A Lua script with its SHA1 (for `EVALSHA`).
 * @since 0.1.0
 */
export interface Script {
  readonly source: string
  readonly sha1: string
}

/**
 * @since 0.1.0
 */
export const script = (source: string): Script => ({
  source,
  sha1: crypto.createHash("sha1").update(source).digest("hex")
})

interface Pending {
  readonly resolve: (reply: Reply) => void
  readonly reject: (error: RedisError) => void
}

interface OpenOptions {
  readonly connectTimeout: Duration.Duration
  /** Commands not answered within this fail with reason `Timeout` (their late answers are skipped). */
  readonly commandTimeout?: Duration.Duration | undefined
  /** Receives pushed pub/sub messages (`message`, channel, payload); the connection is a subscriber. */
  readonly onPush?: ((channel: string, payload: string) => void) | undefined
  readonly onClose?: (() => void) | undefined
}

const openRaw = (address: Address, options: OpenOptions): Effect.Effect<Connection, RedisError> =>
  Effect.async<Connection, RedisError>((resume) => {
    const socket = net.createConnection({ host: address.host, port: address.port })
    socket.setNoDelay(true)
    const pending: Array<Pending> = []
    let buffer: Buffer = Buffer.alloc(0)
    let open = false
    let settled = false
    // When the timer fires, look once more after the next poll phase: after the event loop was
    // blocked, timers run before sockets are read, and the connection may already be made.
    const timer = setTimeout(() => setImmediate(expire), Duration.toMillis(options.connectTimeout))
    function expire() {
      if (settled) return
      settled = true
      socket.destroy()
      resume(Effect.fail(
        new RedisError({
          reason: "Timeout",
          detail: `connecting to ${address.host}:${address.port} took over ${Duration.format(options.connectTimeout)}`
        })
      ))
    }

    const failAll = (error: RedisError) => {
      open = false
      for (const p of pending.splice(0)) p.reject(error)
    }
    socket.on("data", (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
      let at = 0
      while (true) {
        let r: ReturnType<typeof parseAt>
        try {
          r = parseAt(buffer, at)
        } catch (e) {
          failAll(new RedisError({ reason: "Closed", detail: String(e) }))
          socket.destroy()
          return
        }
        if (r === INCOMPLETE) break
        at = r[1]
        const reply = r[0]
        if (options.onPush !== undefined && Array.isArray(reply) && reply[0] === "message") {
          options.onPush(String(reply[1]), String(reply[2]))
          continue
        }
        const p = pending.shift()
        if (p === undefined) continue
        if (reply instanceof ReplyError) p.reject(new RedisError({ reason: "Reply", detail: reply.text }))
        else p.resolve(reply)
      }
      buffer = at === buffer.length ? Buffer.alloc(0) : buffer.subarray(at)
    })
    socket.on("error", (e) => {
      const error = new RedisError({ reason: open ? "Closed" : "Unreachable", detail: e.message })
      failAll(error)
      if (!settled) {
        settled = true
        clearTimeout(timer)
        resume(Effect.fail(error))
      }
    })
    socket.on("close", () => {
      failAll(new RedisError({ reason: "Closed", detail: "connection closed" }))
      options.onClose?.()
    })

    const timeoutMs = options.commandTimeout === undefined ? undefined : Duration.toMillis(options.commandTimeout)
    const send = (args: ReadonlyArray<string>): Promise<Reply> =>
      new Promise((resolve, reject) => {
        if (!open) {
          reject(new RedisError({ reason: "Closed", detail: "connection is not open" }))
          return
        }
        if (timeoutMs === undefined) {
          pending.push({ resolve, reject })
          socket.write(encode(args))
          return
        }
        let done = false
        // When the timer fires, look once more after the next poll phase: after the event loop was
        // blocked, timers run before sockets are read, and an answer may already be waiting.
        const timer = setTimeout(() => {
          setImmediate(() => {
            if (done) return
            done = true
            reject(new RedisError({ reason: "Timeout", detail: `no answer within ${timeoutMs} ms` }))
          })
        }, timeoutMs)
        pending.push({
          resolve: (reply) => {
            clearTimeout(timer)
            if (done) return
            done = true
            resolve(reply)
          },
          reject: (error) => {
            clearTimeout(timer)
            if (done) return
            done = true
            reject(error)
          }
        })
        socket.write(encode(args))
      })

    const command = (args: ReadonlyArray<string>) =>
      Effect.async<Reply, RedisError>((resumeCommand) => {
        send(args).then(
          (reply) => resumeCommand(Effect.succeed(reply)),
          (error: RedisError) => resumeCommand(Effect.fail(error))
        )
      })

    const connection: Connection = {
      command,
      evalScript: (s, keys, args) => {
        const tail = [String(keys.length), ...keys, ...args.map(String)]
        return command(["EVALSHA", s.sha1, ...tail]).pipe(
          Effect.catchIf(
            (e) => e.reason === "Reply" && e.detail.startsWith("NOSCRIPT"),
            () => command(["EVAL", s.source, ...tail])
          )
        )
      },
      isOpen: () => open,
      close: Effect.sync(() => {
        open = false
        socket.destroy()
      })
    }

    socket.on("connect", () => {
      open = true
      const handshake: Array<Promise<Reply>> = []
      if (address.password !== undefined) {
        handshake.push(
          send(
            address.username === undefined
              ? ["AUTH", Redacted.value(address.password)]
              : ["AUTH", address.username, Redacted.value(address.password)]
          )
        )
      }
      if (address.db !== undefined && options.onPush === undefined) handshake.push(send(["SELECT", String(address.db)]))
      Promise.all(handshake).then(
        () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          resume(Effect.succeed(connection))
        },
        (error: RedisError) => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          socket.destroy()
          resume(Effect.fail(
            new RedisError({
              reason: "Unreachable",
              detail: error.reason === "Reply" ? "AUTH/SELECT refused" : error.detail
            })
          ))
        }
      )
    })
    return Effect.sync(() => {
      if (!settled) {
        settled = true
        clearTimeout(timer)
        socket.destroy()
      }
    })
  })

/**
 * How a connection is opened.
 * @since 0.1.0
 */
export interface ConnectOptions {
  /** Default 1 s. */
  readonly connectTimeout?: Duration.DurationInput | undefined
  /** Commands not answered within this fail with reason `Timeout`. Default: no limit. */
  readonly commandTimeout?: Duration.DurationInput | undefined
  readonly onClose?: () => void
}

const openOptions = (options: ConnectOptions): OpenOptions => ({
  connectTimeout: Duration.decode(options.connectTimeout ?? Duration.seconds(1)),
  commandTimeout: options.commandTimeout === undefined ? undefined : Duration.decode(options.commandTimeout),
  onClose: options.onClose
})

/**
 * Opens a connection for commands. It is not scoped: close it with `close` (see `connect` for a
 * scoped one).
 * @since 0.1.0
 */
export const open = (address: Address, options: ConnectOptions = {}): Effect.Effect<Connection, RedisError> =>
  openRaw(address, openOptions(options))

/**
 * Opens a connection for commands, closed with the scope.
 * @since 0.1.0
 */
export const connect = (
  address: Address,
  options: {
    readonly connectTimeout?: Duration.DurationInput | undefined
    readonly commandTimeout?: Duration.DurationInput | undefined
  } = {}
): Effect.Effect<Connection, RedisError, Scope.Scope> => Effect.acquireRelease(open(address, options), (c) => c.close)

/**
 * Opens a subscriber connection and subscribes to `channels`; `onMessage` receives every message.
 * Not scoped: close it with `close`.
 * @since 0.1.0
 */
export const subscribe = (
  address: Address,
  channels: ReadonlyArray<string>,
  onMessage: (channel: string, payload: string) => void,
  options: ConnectOptions = {}
): Effect.Effect<Connection, RedisError> =>
  Effect.tap(
    openRaw(address, { ...openOptions(options), onPush: onMessage }),
    (c) => c.command(["SUBSCRIBE", ...channels])
  )

/**
 * A command connection opened on first use and kept: one open at a time however many callers find
 * none, opened again after it closed or was dropped.
 * @since 0.1.0
 */
export interface Reusable {
  /** The open connection, or a new one. */
  readonly get: Effect.Effect<Connection, RedisError>
  /** Closes the connection (after a failure: a timed-out one may be dead); the next `get` opens another. */
  readonly drop: Effect.Effect<void>
  /** Whether a connection was opened and not dropped since. */
  readonly held: () => boolean
}

/**
 * @since 0.1.0
 */
export const reusable = (
  address: Address,
  options: { readonly connectTimeout: Duration.DurationInput; readonly commandTimeout: Duration.DurationInput }
): Effect.Effect<Reusable> =>
  Effect.map(Effect.makeSemaphore(1), (opening) => {
    let conn: Connection | undefined
    const current = () => conn !== undefined && conn.isOpen() ? conn : undefined
    return {
      get: Effect.suspend(() => {
        const c = current()
        if (c !== undefined) return Effect.succeed(c)
        return opening.withPermits(1)(Effect.suspend(() => {
          const again = current()
          return again !== undefined ? Effect.succeed(again) : Effect.tap(open(address, options), (opened) => {
            conn = opened
          })
        }))
      }),
      drop: Effect.suspend(() => {
        const c = conn
        conn = undefined
        return c?.close ?? Effect.void
      }),
      held: () => conn !== undefined
    }
  })
