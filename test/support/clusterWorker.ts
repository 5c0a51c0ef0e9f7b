/**
 * One bot process of the shared-budget tests and `npm run bench:cluster`: it sends Binance
 * `GET /api/v3/time` (weight 1) to the sandbox as fast as its gate allows, from `concurrency` fibers,
 * through the kernel's `RestClient` and a gate from the Redis store, and prints one JSON line per
 * event on stdout:
 *
 * - `{"k":"r","g":granted,"t":answered,"s":status,"u":usedWeightHeader,"l":acquireMs}` per request
 *   (status 0 when the request failed without a response);
 * - `{"k":"a","l":acquireMs}` per acquire when `acquireOnly` (no request is sent);
 * - `{"k":"ban","t":recordedAt,"until":ms}` when this process received a 418 (the ban is stored
 *   by then);
 * - `{"k":"mode","t":at,"m":"shared"|"local"}` when the store changes mode;
 * - `{"k":"done"}` at the end.
 *
 * Settings come as JSON in `LOTUSX_CLUSTER_WORKER`. The worker connects, prints its first `mode`
 * line, then waits for a line on stdin before it starts sending (so every process starts together).
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as process from "node:process"
import * as RedisRateLimiter from "../../src/cluster/RedisRateLimiter.js"
import type * as RateLimiter from "../../src/kernel/RateLimiter.js"
import * as RestClient from "../../src/kernel/RestClient.js"
import * as ServerClock from "../../src/kernel/ServerClock.js"
import { classifyResponse } from "../../src/venues/binance/envelope.js"
import { classify } from "../../src/venues/binance/spotErrors.js"

interface Settings {
  readonly restUrl: string
  readonly redisUrl: string
  readonly namespace: string
  readonly weightLimit: number
  readonly windowMs: number
  readonly durationMs: number
  readonly concurrency: number
  readonly maxProcesses: number
  readonly reserve?: number
  /** The store's `edge` (ms); default 300. */
  readonly edgeMs?: number
  /** Only acquire (no HTTP): measures the gate's own latency. */
  readonly acquireOnly?: boolean
}

const settings = JSON.parse(process.env.LOTUSX_CLUSTER_WORKER ?? "{}") as Settings
const emit = (line: Record<string, unknown>) => process.stdout.write(JSON.stringify(line) + "\n")

const time: RestClient.Endpoint<{ readonly serverTime: number }, { readonly serverTime: number }> = {
  method: "GET",
  path: "/api/v3/time",
  weight: 1,
  signed: false,
  response: Schema.Struct({ serverTime: Schema.Number })
}

const program = Effect.gen(function*() {
  const store = yield* RedisRateLimiter.make({
    url: settings.redisUrl,
    namespace: settings.namespace,
    maxProcesses: settings.maxProcesses,
    reserve: settings.reserve,
    commandTimeout: Duration.millis(400),
    reconnectEvery: Duration.millis(100),
    edge: Duration.millis(settings.edgeMs ?? 300)
  })
  const policy: RateLimiter.RateLimitPolicy = {
    weightLimit: settings.weightLimit,
    windowMs: settings.windowMs,
    maxWaitMs: settings.windowMs * 3
  }
  const inner = yield* store.gate("binance", policy)
  const serverClock = yield* ServerClock.make
  /** One REST client per fiber, so each knows when its own request was let through. */
  const client = Effect.gen(function*() {
    const last = { granted: 0, acquireMs: 0 }
    const gate: RateLimiter.VenueGate = {
      ...inner,
      acquire: (w, o) =>
        Effect.gen(function*() {
          const a = performance.now()
          yield* inner.acquire(w, o)
          last.acquireMs = performance.now() - a
          last.granted = yield* Clock.currentTimeMillis
        })
    }
    const rest = yield* RestClient.make({
      baseUrl: settings.restUrl,
      rules: {
        venue: "binance",
        classify: classifyResponse(classify),
        usedWeight: RestClient.integerHeader("X-MBX-USED-WEIGHT-1M")
      },
      gate,
      clock: serverClock,
      retry: { maxRetries: 0, baseDelay: Duration.millis(1), maxElapsed: Duration.millis(1) }
    })
    return { rest, last }
  })

  let lastMode = yield* store.mode
  emit({ k: "mode", t: Date.now(), m: lastMode })
  yield* Effect.forkScoped(Effect.forever(Effect.gen(function*() {
    yield* Effect.sleep(Duration.millis(20))
    const mode = yield* store.mode
    if (mode !== lastMode) {
      lastMode = mode
      emit({ k: "mode", t: Date.now(), m: mode })
    }
  })))
  yield* Effect.async<void>((resume) => {
    process.stdin.once("data", () => resume(Effect.void))
  })
  const deadline = Date.now() + settings.durationMs

  const acquireOnly = Effect.gen(function*() {
    while (Date.now() < deadline) {
      const a = performance.now()
      yield* Effect.either(inner.acquire(1))
      emit({ k: "a", l: performance.now() - a })
    }
  })
  const loop = Effect.gen(function*() {
    const { last, rest } = yield* client
    while (Date.now() < deadline) {
      const result = yield* Effect.either(rest.requestRaw(time))
      const t = Date.now()
      if (result._tag === "Right") {
        const used = result.right.response.headers["x-mbx-used-weight-1m"]
        emit({
          k: "r",
          g: last.granted,
          t,
          s: result.right.response.status,
          u: used === undefined ? null : Number(used),
          l: last.acquireMs
        })
        continue
      }
      const e = result.left
      if (e._tag === "IpBanned") {
        if (e.httpStatus !== undefined) {
          // The kernel stored the ban in the background; wait for it, so `t` is after it is shared.
          yield* inner.banUntil(e.untilMs ?? Date.now() + 1000)
          emit({ k: "r", g: last.granted, t, s: e.httpStatus, u: null, l: last.acquireMs })
          emit({ k: "ban", t: Date.now(), until: e.untilMs })
        }
        yield* Effect.sleep(Duration.millis(Math.max(1, (e.untilMs ?? t + 1000) - Date.now())))
        continue
      }
      if (e.httpStatus !== undefined) emit({ k: "r", g: last.granted, t, s: e.httpStatus, u: null, l: last.acquireMs })
      else if (e._tag !== "RateLimited") emit({ k: "err", t, e: e._tag, m: e.message })
    }
  })
  yield* Effect.all(
    Array.from({ length: settings.concurrency }, () => settings.acquireOnly === true ? acquireOnly : loop),
    {
      concurrency: "unbounded",
      discard: true
    }
  )
  emit({ k: "done" })
})

Effect.runPromise(Effect.scoped(program).pipe(Effect.provide(NodeHttpClient.layerUndici))).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(String(error) + "\n")
    process.exit(1)
  }
)
