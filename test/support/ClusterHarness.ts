/**
 * A private Redis and a fleet of bot processes (`clusterWorker.ts`) for the shared-budget tests and
 * `npm run bench:cluster`.
 */
import * as childProcess from "node:child_process"
import * as net from "node:net"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, "../..")

/** Why Redis tests cannot run here, or `undefined` when `redis-server` is installed. */
export const redisUnavailable = (): string | undefined => {
  const probe = childProcess.spawnSync("redis-server", ["--version"], { encoding: "utf8" })
  return probe.error === undefined && probe.status === 0
    ? undefined
    : "redis-server is not installed (apt-get install -y redis-server)"
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo
      server.close(() => resolve(address.port))
    })
  })

const ping = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.createConnection({ host: "127.0.0.1", port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(200, () => done(false))
    socket.once("error", () => done(false))
    socket.once("data", (d) => done(d.toString().startsWith("+PONG")))
    socket.once("connect", () => socket.write("PING\r\n"))
  })

/** A redis-server of this test run, on a free port, persistence off. */
export interface RedisProcess {
  readonly port: number
  readonly url: string
  readonly pid: number
  /** SIGSTOP: the server keeps its connections but answers nothing. */
  readonly pause: () => void
  /** SIGCONT. */
  readonly resume: () => void
  readonly stop: () => Promise<void>
}

/** Starts `redis-server` on a free loopback port and waits until it answers PING. */
export const startRedis = async (): Promise<RedisProcess> => {
  const port = await freePort()
  const child = childProcess.spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"],
    { stdio: "ignore" }
  )
  const pid = child.pid!
  for (let i = 0; i < 100; i++) {
    if (await ping(port)) break
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid,
    pause: () => process.kill(pid, "SIGSTOP"),
    resume: () => process.kill(pid, "SIGCONT"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        process.kill(pid, "SIGCONT")
        process.kill(pid, "SIGTERM")
      })
  }
}

/** Settings of one worker (see `clusterWorker.ts`). */
export interface WorkerSettings {
  readonly restUrl: string
  readonly redisUrl: string
  readonly namespace: string
  readonly weightLimit: number
  readonly windowMs: number
  readonly durationMs: number
  readonly concurrency: number
  readonly maxProcesses: number
  readonly reserve?: number
  readonly edgeMs?: number
  readonly acquireOnly?: boolean
}

/** One line a worker printed. */
export type WorkerEvent =
  | {
    readonly k: "r"
    readonly g: number
    readonly t: number
    readonly s: number
    readonly u: number | null
    readonly l: number
  }
  | { readonly k: "a"; readonly l: number }
  | { readonly k: "ban"; readonly t: number; readonly until: number }
  | { readonly k: "mode"; readonly t: number; readonly m: "shared" | "local" }
  | { readonly k: "err"; readonly t: number; readonly e: string; readonly m: string }
  | { readonly k: "done" }

/** A fleet of workers: `started` resolves (with the time) once all are connected and told to go. */
export interface Fleet {
  readonly started: Promise<number>
  readonly done: Promise<ReadonlyArray<ReadonlyArray<WorkerEvent>>>
}

/** Starts `count` workers; they begin sending together once every one of them is ready. */
export const runWorkers = (count: number, settings: WorkerSettings): Fleet => {
  const children: Array<childProcess.ChildProcess> = []
  const ready: Array<Promise<void>> = []
  const done = Array.from({ length: count }, () =>
    new Promise<ReadonlyArray<WorkerEvent>>((resolve, reject) => {
      const child = childProcess.spawn(
        process.execPath,
        ["--import", "tsx", path.join(here, "clusterWorker.ts")],
        {
          cwd: root,
          env: { ...process.env, LOTUSX_CLUSTER_WORKER: JSON.stringify(settings) },
          stdio: ["pipe", "pipe", "pipe"]
        }
      )
      children.push(child)
      const events: Array<WorkerEvent> = []
      let stderr = ""
      let markReady: () => void = () => undefined
      ready.push(
        new Promise<void>((r) => {
          markReady = r
        })
      )
      child.stderr!.on("data", (d) => {
        stderr += String(d)
      })
      readline.createInterface({ input: child.stdout! }).on("line", (line) => {
        if (!line.startsWith("{")) return
        const event = JSON.parse(line) as WorkerEvent
        if (events.length === 0) markReady()
        events.push(event)
      })
      child.on("exit", (code) => {
        markReady()
        if (code === 0) resolve(events)
        else reject(new Error(`worker exited with ${code}: ${stderr.slice(-2000)}`))
      })
    }))
  const started = Promise.all(ready).then(() => {
    for (const child of children) child.stdin!.write("go\n")
    return Date.now()
  })
  return { started, done: Promise.all(done) }
}

/** What a fleet's run looked like from the venue's side. */
export interface Summary {
  readonly requests: number
  readonly status429: number
  readonly status418: number
  readonly otherErrors: number
  /**
   * Highest `X-MBX-USED-WEIGHT-1M` seen per window start (the sandbox's own count), from requests
   * sent and answered in the same window.
   */
  readonly usedPerWindow: ReadonlyMap<number, number>
  /** Time spent in `acquire`, per request (including waits for budget) or per bare acquire. */
  readonly acquireMs: ReadonlyArray<number>
}

/** Summarises the events of every worker. */
export const summarize = (runs: ReadonlyArray<ReadonlyArray<WorkerEvent>>, windowMs: number): Summary => {
  const usedPerWindow = new Map<number, number>()
  let requests = 0
  let status429 = 0
  let status418 = 0
  let otherErrors = 0
  const acquireMs: Array<number> = []
  for (const events of runs) {
    for (const e of events) {
      if (e.k === "err") otherErrors += 1
      if (e.k === "a") acquireMs.push(e.l)
      if (e.k !== "r") continue
      requests += 1
      acquireMs.push(e.l)
      if (e.s === 429) status429 += 1
      if (e.s === 418) status418 += 1
      const w = e.t - (e.t % windowMs)
      if (e.u !== null && e.g - (e.g % windowMs) === w) {
        usedPerWindow.set(w, Math.max(usedPerWindow.get(w) ?? 0, e.u))
      }
    }
  }
  return { requests, status429, status418, otherErrors, usedPerWindow, acquireMs }
}

/** The q-quantile (0–1) of a sample. */
export const quantile = (sample: ReadonlyArray<number>, q: number): number => {
  if (sample.length === 0) return Number.NaN
  const sorted = [...sample].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
