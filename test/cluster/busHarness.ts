/**
 * Helpers of the market-data bus tests and `npm run bench:cluster`: a sandbox behind a loopback
 * proxy that counts the venue websockets opened through it, `lotusx ingest` as a child process, and
 * a book's levels as one comparable string.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as childProcess from "node:child_process"
import * as fs from "node:fs"
import * as net from "node:net"
import * as os from "node:os"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import * as Wire from "../../src/cluster/BusWire.js"
import * as Resp from "../../src/cluster/Resp.js"
import { format } from "../../src/model/Decimal.js"
import type { BookLevel } from "../../src/model/OrderBook.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, "../..")

/** A book's levels as `b p×q p×q | a p×q …`, exact. */
export const levelsOf = (view: { readonly bids: ReadonlyArray<BookLevel>; readonly asks: ReadonlyArray<BookLevel> }) =>
  `b ${view.bids.map(([p, q]) => `${format(p)}x${format(q)}`).join(" ")} | a ${
    view.asks.map(([p, q]) => `${format(p)}x${format(q)}`).join(" ")
  }`

/** Polls `check` every 20 ms until it holds or `ms` pass. */
export const waitFor = async (check: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return check()
}

/** A sandbox (Binance) reached through a counting proxy. */
export interface SandboxProxy {
  readonly rest: string
  readonly ws: string
  /** Websocket connections open through the proxy now. */
  readonly open: () => number
  /** Websocket connections opened through the proxy so far. */
  readonly opened: () => number
  /** Most websocket connections open at once. */
  readonly mostOpen: () => number
  readonly sandbox: Sandbox.Sandbox
  readonly pause: Effect.Effect<void>
}

/** Starts a sandbox in the current scope and a proxy in front of it that counts websocket upgrades. */
export const sandboxProxy = (
  market: { readonly intervalMs?: { readonly min: number; readonly max: number } } = {}
): Effect.Effect<SandboxProxy, Sandbox.SandboxError, Scope.Scope> =>
  Effect.gen(function*() {
    const sandbox = yield* Sandbox.start({ venues: ["binance"], market })
    let open = 0
    let opened = 0
    let most = 0
    const sockets = new Set<net.Socket>()
    const server = net.createServer((client) => {
      const upstream = net.createConnection({ host: "127.0.0.1", port: sandbox.port })
      sockets.add(client)
      sockets.add(upstream)
      let counted = false
      client.once("data", (first) => {
        if (/^upgrade:\s*websocket/im.test(first.toString("latin1"))) {
          counted = true
          open++
          opened++
          most = Math.max(most, open)
        }
        upstream.write(first)
        client.pipe(upstream)
      })
      upstream.pipe(client)
      const done = () => {
        if (counted) {
          counted = false
          open--
        }
        client.destroy()
        upstream.destroy()
        sockets.delete(client)
        sockets.delete(upstream)
      }
      client.on("close", done)
      client.on("error", done)
      upstream.on("close", done)
      upstream.on("error", done)
    })
    const port = yield* Effect.acquireRelease(
      Effect.async<number>((resume) => {
        server.listen(0, "127.0.0.1", () => {
          resume(Effect.succeed((server.address() as net.AddressInfo).port))
        })
      }),
      () =>
        Effect.async<void>((resume) => {
          server.close(() => resume(Effect.void))
          for (const socket of sockets) socket.destroy()
        })
    )
    const swap = (url: string) => url.replace(`:${sandbox.port}`, `:${port}`)
    return {
      rest: swap(sandbox.urls.binance.rest),
      ws: swap(sandbox.urls.binance.ws),
      open: () => open,
      opened: () => opened,
      mostOpen: () => most,
      sandbox,
      pause: sandbox.market.pause
    }
  })

/** One status line of `lotusx ingest --json`. */
export interface IngestStatus {
  readonly status: "leading" | "standby" | "lost"
  readonly group: string
  readonly epoch?: number
  readonly reason?: string
}

/** `lotusx ingest` in a child process. */
export interface IngestProcess {
  readonly statuses: ReadonlyArray<IngestStatus>
  /** Resolves with the first status (past or future) that matches. */
  readonly waitFor: (match: (s: IngestStatus) => boolean, ms?: number) => Promise<IngestStatus>
  readonly kill: (signal?: NodeJS.Signals) => void
  readonly stderr: () => string
}

/** Starts `lotusx ingest --exchange binance --symbols …` on the proxied sandbox and Redis. */
export const spawnIngest = (options: {
  readonly proxy: Pick<SandboxProxy, "rest" | "ws">
  readonly redisUrl: string
  readonly namespace: string
  readonly symbols: string
}): IngestProcess => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotusx-ingest-"))
  const file = path.join(dir, "lotusx.config.toml")
  fs.writeFileSync(
    file,
    [
      "[exchanges.binance]",
      "environment = \"sandbox\"",
      `rest_url = "${options.proxy.rest}"`,
      `ws_url = "${options.proxy.ws}"`,
      "[cluster]",
      `redis = "${options.redisUrl}"`,
      `namespace = "${options.namespace}"`,
      ""
    ].join("\n")
  )
  const child = childProcess.spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "src/bin/lotusx.ts"),
      "ingest",
      "--exchange",
      "binance",
      "--symbols",
      options.symbols,
      "--config",
      file,
      "--json"
    ],
    { cwd: root, env: { ...process.env, LOTUSX_CONFIG: undefined }, stdio: ["ignore", "pipe", "pipe"] }
  )
  const statuses: Array<IngestStatus> = []
  const waiting: Array<{ match: (s: IngestStatus) => boolean; resolve: (s: IngestStatus) => void }> = []
  let stderr = ""
  child.stderr.on("data", (d) => {
    stderr += String(d)
  })
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    let parsed: IngestStatus
    try {
      parsed = JSON.parse(line) as IngestStatus
    } catch {
      return
    }
    statuses.push(parsed)
    for (const w of waiting.splice(0)) {
      if (w.match(parsed)) w.resolve(parsed)
      else waiting.push(w)
    }
  })
  return {
    statuses,
    waitFor: (match, ms = 30_000) =>
      new Promise((resolve, reject) => {
        const seen = statuses.find(match)
        if (seen !== undefined) return resolve(seen)
        const timer = setTimeout(
          () => reject(new Error(`ingest: no such status in ${ms} ms; got ${JSON.stringify(statuses)}; ${stderr}`)),
          ms
        )
        waiting.push({
          match,
          resolve: (s) => {
            clearTimeout(timer)
            resolve(s)
          }
        })
      }),
    kill: (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    },
    stderr: () => stderr
  }
}

/** A message a test publishes by hand, as an ingest would. */
export interface HandMessage {
  readonly k: "s" | "d"
  readonly s: number
  readonly p?: number
  readonly b: ReadonlyArray<readonly [string, string]>
  readonly a: ReadonlyArray<readonly [string, string]>
}

/** A stand-in ingest of one symbol's group (`<venue>:<symbol>`), driven by the test: lease, epoch, messages, heartbeats. */
export interface HandIngest {
  readonly keys: Wire.GroupKeys
  readonly epoch: number
  /** Publishes a message (to `channel`: elsewhere, the snapshot changes and nobody hears it); dies unless Redis took it. */
  readonly publish: (m: HandMessage, channel?: string) => Effect.Effect<void>
  /** Publishes a heartbeat announcing the last sequence published. */
  readonly heartbeat: Effect.Effect<void>
  /** The command connection (on Redis directly). */
  readonly redis: Resp.Connection
}

/** Takes the lease of `<venue>:<symbol>` in `namespace` on Redis at `redisUrl` (its own connection, closed with the scope). */
export const handIngest = (
  redisUrl: string,
  namespace: string,
  venue: string,
  symbol: string
): Effect.Effect<HandIngest, Resp.RedisError, Scope.Scope> =>
  Effect.gen(function*() {
    const keys = Wire.groupKeys(namespace, `${venue}:${symbol}`)
    const c = yield* Resp.connect(Resp.parseUrl(redisUrl)!)
    yield* c.command(["HSET", Wire.routesKey(namespace, venue), symbol, keys.id])
    const epoch = yield* c.evalScript(Wire.acquireScript, [keys.lease, keys.epoch], ["test", 60_000])
    if (typeof epoch !== "number" || epoch < 1) return yield* Effect.dieMessage(`no lease: ${String(epoch)}`)
    let last = 0
    const publish = (m: HandMessage, channel = keys.channel) =>
      Effect.gen(function*() {
        const payload = JSON.stringify({ k: m.k, e: epoch, s: m.s, p: m.p, y: symbol, b: m.b, a: m.a, t: 0 })
        const args: Array<string | number> = ["test", channel, keys.prefix, epoch, m.k, symbol, m.s, "", "", payload]
        args.push(m.b.length, ...m.b.flat(), m.a.length, ...m.a.flat())
        const r = yield* Effect.orDie(c.evalScript(Wire.publishScript, [keys.lease, keys.epoch], args))
        if (r !== 1) return yield* Effect.dieMessage(`publish refused: ${String(r)}`)
        last = m.s
      })
    const heartbeat = Effect.suspend(() =>
      Effect.orDie(c.evalScript(Wire.heartbeatScript, [keys.lease, keys.epoch], [
        "test",
        60_000,
        keys.channel,
        JSON.stringify({ k: "h", e: epoch, s: last, t: 0 }),
        epoch
      ]))
    ).pipe(Effect.asVoid)
    return { keys, epoch, publish, heartbeat, redis: c }
  })

/** A TCP proxy in front of Redis whose connections can be frozen: open, but nothing passes either way. */
export interface FreezingProxy {
  readonly url: string
  /** Freezes the connections open now (a half-open link); new connections pass normally. */
  readonly freeze: () => void
  /** Connections accepted so far. */
  readonly accepted: () => number
}

/** Starts a freezing proxy to `redisUrl` in the current scope. */
export const freezingProxy = (redisUrl: string): Effect.Effect<FreezingProxy, never, Scope.Scope> =>
  Effect.gen(function*() {
    const target = Resp.parseUrl(redisUrl)!
    const links = new Set<{ client: net.Socket; upstream: net.Socket; frozen: boolean }>()
    let accepted = 0
    const server = net.createServer((client) => {
      accepted++
      const upstream = net.createConnection({ host: target.host, port: target.port })
      const link = { client, upstream, frozen: false }
      links.add(link)
      client.on("data", (d) => {
        if (!link.frozen) upstream.write(d)
      })
      upstream.on("data", (d) => {
        if (!link.frozen) client.write(d)
      })
      const done = () => {
        links.delete(link)
        client.destroy()
        upstream.destroy()
      }
      client.on("close", done)
      client.on("error", done)
      upstream.on("close", done)
      upstream.on("error", done)
    })
    const port = yield* Effect.acquireRelease(
      Effect.async<number>((resume) => {
        server.listen(0, "127.0.0.1", () => resume(Effect.succeed((server.address() as net.AddressInfo).port)))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.close(() => resume(Effect.void))
          for (const link of links) {
            link.client.destroy()
            link.upstream.destroy()
          }
        })
    )
    return {
      url: `redis://127.0.0.1:${port}`,
      freeze: () => {
        for (const link of links) link.frozen = true
      },
      accepted: () => accepted
    }
  })
