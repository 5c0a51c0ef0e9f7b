/**
 * LotusX's own CPU per order call, apart from the network: the calls of `orders.ts` (a post-only
 * bid placed, then cancelled) sent through a transport that replays answers recorded from the
 * sandbox, one `runPromise` per call, the answer delivered on `setImmediate` as a socket's would be.
 * Printed: CPU per call (µs) for LotusX and for the floor (`runPromise` of one async step), and the
 * Effect runtime steps per call (counted by a supervisor with op supervision on, in a separate run).
 *
 * ```sh
 * node --expose-gc --import tsx bench/ordersReplay.ts [calls=4000] [rounds=5]
 * PROFILE=/tmp/replay VENUES=bybit node --import tsx bench/ordersReplay.ts 20000 1   # profile the measured calls
 * STEPS=log VENUES=binance node --import tsx bench/ordersReplay.ts 100 1        # print the runtime steps of a pair
 * ```
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as BigDecimal from "effect/BigDecimal"
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type * as Option from "effect/Option"
import * as RuntimeFlags from "effect/RuntimeFlags"
import * as RuntimeFlagsPatch from "effect/RuntimeFlagsPatch"
import * as Supervisor from "effect/Supervisor"
import { writeFileSync } from "node:fs"
import { Session } from "node:inspector"
import type * as HttpTransportTypes from "../src/kernel/HttpTransport.js"
import { Binance, Bybit, Exchange, HttpTransport, Sandbox, source } from "./lotusx.js"

const CALLS = Number.parseInt(process.argv[2] ?? "4000", 10)
const ROUNDS = Number.parseInt(process.argv[3] ?? "5", 10)
const VENUES = (process.env["VENUES"] ?? "binance,bybit").split(",") as Array<"binance" | "bybit">

/** Counts the runtime steps of the fibers it supervises. */
class StepCounter extends Supervisor.AbstractSupervisor<void> {
  steps = 0
  get value() {
    return Effect.void
  }
  /** With `STEPS=log`: each step's operation, printed for one place + cancel. */
  log: Array<string> | undefined
  override onEffect(_fiber: Fiber.RuntimeFiber<unknown, unknown>, effect: Effect.Effect<unknown, unknown, unknown>) {
    this.steps++
    if (this.log === undefined) return
    const op = effect as unknown as { _op: string; effect_instruction_i0?: unknown; effect_instruction_i1?: unknown }
    const show = (f: unknown) => typeof f === "function" ? String(f).slice(0, 80).replace(/\s+/g, " ") : ""
    this.log.push(`${op._op} ${show(op.effect_instruction_i0)} ${show(op.effect_instruction_i1)}`)
  }
  override onStart<A, E, R>(
    _context: Context.Context<R>,
    _effect: Effect.Effect<A, E, R>,
    _parent: Option.Option<Fiber.RuntimeFiber<unknown, unknown>>,
    _fiber: Fiber.RuntimeFiber<A, E>
  ) {}
  override onEnd<A, E>(_value: Exit.Exit<A, E>, _fiber: Fiber.RuntimeFiber<A, E>) {}
}

/** Records the answers of the first calls per method + path, then replays them. */
const recordingTransport = (real: HttpTransportTypes.HttpTransport) => {
  const recorded = new Map<string, HttpTransportTypes.HttpTransportResponse>()
  let replaying = false
  const keyOf = (request: HttpTransportTypes.HttpTransportRequest) => {
    const q = request.url.indexOf("?")
    return `${request.method} ${q < 0 ? request.url : request.url.slice(0, q)}`
  }
  const transport: HttpTransportTypes.HttpTransport = {
    send: (request) => {
      const key = keyOf(request)
      if (!replaying) return Effect.tap(real.send(request), (r) => Effect.sync(() => recorded.set(key, r)))
      const answer = recorded.get(key)
      if (answer === undefined) return Effect.die(`nothing recorded for ${key}`)
      return Effect.async((resume) => {
        setImmediate(() => resume(Effect.succeed(answer)))
      })
    },
    unsafeSend: (request, done) => {
      const key = keyOf(request)
      if (!replaying) {
        return real.unsafeSend!(request, (outcome) => {
          if (Either.isRight(outcome)) recorded.set(key, outcome.right)
          done(outcome)
        })
      }
      const answer = recorded.get(key)
      if (answer === undefined) throw new Error(`nothing recorded for ${key}`)
      const timer = setImmediate(() => done(Either.right(answer)))
      return () => clearImmediate(timer)
    }
  }
  return { transport, replay: () => (replaying = true) }
}

/** Stops a profiler of `session` (`method`), writes its profile to `file` and disconnects. */
const stopInto = (session: Session, method: "Profiler.stop" | "HeapProfiler.stopSampling", file: string) =>
  Effect.promise(() =>
    new Promise<void>((resolve) => {
      const post = session.post as (
        method: string,
        callback: (error: Error | null, result: { readonly profile: unknown }) => void
      ) => void
      post.call(session, method, (_error, result) => {
        writeFileSync(file, JSON.stringify(result.profile))
        session.disconnect()
        resolve()
      })
    })
  )

const cpuNow = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}

const program = Effect.gen(function*() {
  // the sandbox's limits lifted as in `ordersSandbox.ts`: the answers recorded carry them (Bybit's
  // X-Bapi-Limit), so the client does not pace the replayed calls
  const unlimited = 1_000_000_000
  const sandbox = yield* Sandbox.start({
    seed: 12,
    venues: ["binance", "bybit"],
    market: { running: false },
    binance: { rateLimits: { weightPerMinute: unlimited, ordersPer10s: unlimited, ordersPerDay: unlimited } },
    bybit: { rateLimits: { ipPer5s: unlimited, perEndpointPerSecond: unlimited } }
  })
  for (const venue of VENUES) {
    const real = HttpTransport.fromDispatcher(new (yield* Effect.promise(() => import("undici"))).Agent())
    const rec = recordingTransport(real)
    const connection = Sandbox.connection(sandbox, venue)
    const options = { ...connection, rateLimit: { weightLimit: 1_000_000_000, counters: [] } }
    const runtime = ManagedRuntime.make(
      (venue === "binance" ? Binance.layer(options) : Bybit.layer(options)).pipe(Layer.provide(Layer.mergeAll(
        Layer.succeed(HttpTransport.HttpTransport, rec.transport),
        NodeHttpClient.layerUndici,
        NodeSocket.layerWebSocketConstructor
      )))
    )
    const exchange = yield* Effect.promise(() => runtime.runPromise(Exchange))
    const symbol = venue === "binance" ? "BTC/USDT" : "ETH/USDT:USDT"
    const m = yield* Effect.promise(() => runtime.runPromise(exchange.market(symbol)))
    const request = {
      symbol,
      side: "buy",
      type: "limit",
      price: BigDecimal.unsafeFromString(venue === "binance" ? "30000.00" : "1500.00"),
      quantity: BigDecimal.unsafeFromString(venue === "binance" ? "0.00100" : "0.020"),
      postOnly: true
    } as const
    void m
    const pair = async (wrap: <A, E>(e: Effect.Effect<A, E>) => Effect.Effect<A, E>) => {
      const placed = await runtime.runPromise(wrap(exchange.placeOrder(request)))
      await runtime.runPromise(wrap(exchange.cancelOrder({ symbol, id: placed.id })))
    }
    const same = <A, E>(e: Effect.Effect<A, E>) => e
    yield* Effect.promise(() => pair(same))
    rec.replay()
    const floor = async () => {
      await runtime.runPromise(Effect.async<void>((resume) => {
        setImmediate(() => resume(Effect.void))
      }))
    }
    const measure = async (f: () => Promise<void>, calls: number) => {
      ;(globalThis as { gc?: () => void }).gc?.()
      const t0 = cpuNow()
      for (let i = 0; i < calls; i++) await f()
      return (cpuNow() - t0) / calls
    }
    // warm-up
    yield* Effect.promise(() => measure(() => pair(same), 1000))
    yield* Effect.promise(() => measure(floor, 1000))
    const lotusx: Array<number> = []
    const bare: Array<number> = []
    const profile = process.env["PROFILE"]
    const session = profile === undefined ? undefined : new Session()
    const heap = process.env["HEAP_PROFILE"]
    const heapSession = heap === undefined ? undefined : new Session()
    if (session !== undefined) {
      session.connect()
      yield* Effect.promise(() =>
        new Promise<void>((resolve) => {
          session.post("Profiler.enable", () => session.post("Profiler.start", () => resolve()))
        })
      )
    }
    if (heapSession !== undefined) {
      heapSession.connect()
      yield* Effect.promise(() =>
        new Promise<void>((resolve) => {
          heapSession.post("HeapProfiler.startSampling", {
            samplingInterval: 512,
            includeObjectsCollectedByMajorGC: process.env["HEAP_LIVE"] === undefined ||
              process.env["HEAP_LIVE"] === "promoted",
            includeObjectsCollectedByMinorGC: process.env["HEAP_LIVE"] === undefined
          } as never, () => resolve())
        })
      )
    }
    for (let r = 0; r < ROUNDS; r++) {
      lotusx.push((yield* Effect.promise(() => measure(() => pair(same), CALLS / 2))) / 2)
      bare.push(yield* Effect.promise(() => measure(floor, CALLS)))
    }
    if (session !== undefined) yield* stopInto(session, "Profiler.stop", `${profile}-${venue}.cpuprofile`)
    if (heapSession !== undefined) {
      yield* stopInto(heapSession, "HeapProfiler.stopSampling", `${heap}-${venue}.heapprofile`)
    }
    const counter = new StepCounter()
    const counted = <A, E>(e: Effect.Effect<A, E>) =>
      Effect.supervised(
        Effect.withRuntimeFlagsPatch(e, RuntimeFlagsPatch.enable(RuntimeFlags.OpSupervision)),
        counter
      )
    yield* Effect.promise(() => pair(counted))
    counter.steps = 0
    if (process.env["STEPS"] === "log") counter.log = []
    yield* Effect.promise(() => pair(counted))
    if (counter.log !== undefined) console.log(counter.log.join("\n"))
    counter.log = undefined
    const pairSteps = counter.steps
    counter.steps = 0
    yield* Effect.promise(() =>
      runtime.runPromise(counted(Effect.async<void>((resume) => {
        setImmediate(() => resume(Effect.void))
      })))
    )
    const sorted = (xs: Array<number>) => [...xs].sort((a, b) => a - b)
    const med = (xs: Array<number>) => sorted(xs)[Math.floor(xs.length / 2)]!
    console.log(
      `${venue}: lotusx ${med(lotusx).toFixed(1)} µs/call (rounds: ${lotusx.map((x) => x.toFixed(1)).join(" ")}), ` +
        `floor ${
          med(bare).toFixed(1)
        } µs/call; runtime steps per place+cancel ${pairSteps} (floor ${counter.steps} per call); LotusX from ${source}`
    )
    yield* Effect.promise(() => runtime.dispose())
  }
})

Effect.runPromise(Effect.scoped(program)).then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
