/**
 * One websocket connection to a venue, shared by every subscription on it (DESIGN.md §7):
 * connect; subscribe and unsubscribe topics as consumers come and go; a per-venue heartbeat; a
 * watchdog that notices a connection that went silent without closing; reconnect with jittered
 * exponential backoff; resubscribe every topic after a reconnect; a maximum frame size; a frame
 * that cannot be parsed is reported and skipped — it never kills the connection.
 *
 * The per-frame path is plain code (parse, route, offer to the subscribers' queues), not an Effect
 * per message.
 *
 * @since 0.1.0
 */
import * as Socket from "@effect/platform/Socket"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Metric from "effect/Metric"
import * as Option from "effect/Option"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import type * as Tracer from "effect/Tracer"
import { parseFrame, snippet } from "./Json.js"
import { describeParseError } from "./RestClient.js"
import * as Telemetry from "./Telemetry.js"
import { TextPayload } from "./TextPayload.js"

/**
 * How a venue speaks on its websocket.
 * @since 0.1.0
 */
export interface WsProtocol {
  readonly venue: string
  /**
   * Connection URL for the topics subscribed at connect time. When `topicsInUrl` is true the URL
   * itself subscribes them (Binance's `/stream?streams=a/b`); otherwise they are subscribed with
   * `subscribe` frames once the connection is open.
   */
  readonly url: (topics: ReadonlyArray<string>) => string
  readonly topicsInUrl?: boolean | undefined
  /** Frames that subscribe `topics` (request id for venues that echo one). */
  readonly subscribe: (topics: ReadonlyArray<string>, requestId: number) => ReadonlyArray<string>
  readonly unsubscribe: (topics: ReadonlyArray<string>, requestId: number) => ReadonlyArray<string>
  /**
   * Application-level ping the client sends (OKX `ping`, Bybit `{"op":"ping"}`, Hyperliquid
   * `{"method":"ping"}`; on Binance, which pings at the protocol level, a cheap request).
   */
  readonly heartbeat?: {
    readonly interval: Duration.DurationInput
    readonly frame: (requestId: number) => string
  } | undefined
  /** A connection with no frame for this long is considered dead and is replaced. */
  readonly watchdog: Duration.DurationInput
  /**
   * Which topic a parsed frame belongs to and its payload; `undefined` for control frames (acks,
   * pongs), which only feed the watchdog.
   */
  readonly route: (frame: unknown) => { readonly topic: string; readonly payload: unknown } | undefined
  /**
   * Routes a frame from its text alone, for topics whose decoder reads the text itself (order book
   * diffs): the payload is then a `TextPayload`, and the frame is not `JSON.parse`d here. Returns
   * `undefined` for every other frame, which is parsed and given to `route`.
   */
  readonly routeText?: ((text: string) => { readonly topic: string; readonly payload: unknown } | undefined) | undefined
  /** Frames larger than this (bytes of text) are reported and skipped. Default 4 MiB. */
  readonly maxFrameBytes?: number | undefined
  /** Frames per subscriber kept while the consumer is slow; older ones are dropped. Default 10,000. */
  readonly bufferSize?: number | undefined
  /** Reconnect backoff: first delay and cap. */
  readonly reconnect?: { readonly initial: Duration.DurationInput; readonly max: Duration.DurationInput } | undefined
}

/**
 * @since 0.1.0
 */
export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting"

/**
 * A message delivered to a subscriber: the venue payload and the local receive time (epoch ms,
 * from `Clock`).
 * @since 0.1.0
 */
export interface WsMessage {
  readonly payload: unknown
  readonly receivedAt: number
}

/**
 * The payload of the message every subscriber receives when the connection that carried its topic
 * is lost — closed, failed, or silent past the watchdog — before the session reconnects. Whatever
 * the subscriber built from earlier messages (an order book) may have missed updates since.
 * `decodeOrSkip` turns it into a value with `onInterrupted`, or drops it.
 * @since 0.1.0
 */
export class Interrupted {
  constructor(readonly reason: string) {}
}

/**
 * The payload of the message every subscriber receives when the session is connected again after
 * an `Interrupted` and has sent its topics' subscriptions: the feed is back. An order book waits for
 * it before it fetches the snapshot to rebuild from, so that it never goes live from a snapshot
 * while its feed is still down. `decodeOrSkip` turns it into a value with `onResumed`, or drops it.
 * @since 0.1.0
 */
export class Resumed {
  readonly _tag = "Resumed"
}

/**
 * @since 0.1.0
 */
export interface WsSession {
  readonly venue: string
  /**
   * The messages of one topic, for as long as the stream is consumed. The first subscriber of a
   * topic subscribes it on the venue; the last one to leave unsubscribes it. The stream never fails:
   * connection problems are retried forever and are visible in `state`, and each lost connection
   * is announced in the stream by a message whose payload is an `Interrupted`, and the next
   * connection (once the topic is subscribed again) by one whose payload is a `Resumed`.
   */
  readonly messages: (topic: string) => Stream.Stream<WsMessage>
  readonly state: SubscriptionRef.SubscriptionRef<ConnectionState>
  /** Number of (re)connections made so far. */
  readonly connections: Effect.Effect<number>
}

interface Subscriber {
  readonly queue: Queue.Queue<WsMessage>
}

/** Runs `effect` after each `interval` (`Schedule.spaced`) until it fails: the schedule never ends. */
const every = <E, R>(
  interval: Duration.DurationInput,
  effect: Effect.Effect<unknown, E, R>
): Effect.Effect<never, E, R> => Effect.zipRight(Effect.schedule(effect, Schedule.spaced(interval)), Effect.never)

/** Why one connection ended, and whether it had opened (which restarts the backoff). */
class Lost {
  constructor(readonly reason: string, readonly opened: boolean) {}
}

/**
 * Starts a session in the current scope. Nothing connects until the first subscription.
 * @since 0.1.0
 */
export const make = (
  protocol: WsProtocol
): Effect.Effect<WsSession, never, Scope.Scope | Socket.WebSocketConstructor> =>
  Effect.gen(function*() {
    const venue = protocol.venue
    const maxFrame = protocol.maxFrameBytes ?? 4 * 1024 * 1024
    const bufferSize = protocol.bufferSize ?? 10_000
    const watchdog = Duration.toMillis(protocol.watchdog)
    // Checked often enough that silence is noticed within `watchdog` + 1 s.
    const watchdogTick = Duration.millis(Math.max(10, Math.min(1000, Math.floor(watchdog / 4))))
    const initialBackoff = protocol.reconnect?.initial ?? Duration.millis(250)
    const maxBackoff = protocol.reconnect?.max ?? Duration.seconds(30)
    const scope = yield* Effect.scope
    const constructor = yield* Socket.WebSocketConstructor

    const topics = new Map<string, Set<Subscriber>>()
    const state = yield* SubscriptionRef.make<ConnectionState>("idle")
    const connections = yield* Ref.make(0)
    let writer: ((frame: string) => Effect.Effect<void, Socket.SocketError>) | undefined
    let requestId = 1
    let lastFrameAt = 0
    let loop: Fiber.RuntimeFiber<void> | undefined

    const tagged = <T extends Metric.Metric<any, any, any>>(metric: T) => metric.pipe(Metric.tagged("exchange", venue))
    const inbound = tagged(Telemetry.websocketMessagesTotal).pipe(Metric.tagged("direction", "in"))
    const outbound = tagged(Telemetry.websocketMessagesTotal).pipe(Metric.tagged("direction", "out"))
    const decodeErrors = tagged(Telemetry.websocketDecodeErrorsTotal)
    const connectionStatus = tagged(Telemetry.websocketConnectionStatus)
    const reconnects = tagged(Telemetry.websocketReconnectsTotal)

    const send = (frames: ReadonlyArray<string>) =>
      Effect.gen(function*() {
        const write = writer
        if (write === undefined) return
        for (const frame of frames) {
          yield* write(frame)
          yield* Metric.update(outbound, 1)
        }
      }).pipe(Effect.catchAll((e) => Effect.logWarning(`[${venue}] websocket write failed: ${e.message}`)))

    let framesIn = 0
    const onFrame = (data: string | Uint8Array, now: number): void => {
      lastFrameAt = now
      framesIn++
      const text = typeof data === "string" ? data : Buffer.from(data).toString("utf8")
      if (text.length > maxFrame) {
        report(`frame of ${text.length} bytes exceeds the ${maxFrame}-byte limit`, text)
        return
      }
      const fast = routeText === undefined ? undefined : routeText(text)
      if (fast !== undefined) return deliver(fast.topic, fast.payload, now)
      const parsed = parseFrame(text)
      if (Either.isLeft(parsed)) {
        // Heartbeat replies such as OKX's bare `pong` are not JSON; they still feed the watchdog.
        if (text !== "pong" && text !== "ping") report(`malformed JSON (${parsed.left})`, text)
        return
      }
      const routed = protocol.route(parsed.right)
      if (routed !== undefined) deliver(routed.topic, routed.payload, now)
    }
    const routeText = protocol.routeText
    /** Set when subscribers were told of a lost connection, until they are told it is back. */
    let interrupted = false
    const interrupt = (reason: string, now: number): void => {
      interrupted = true
      const message: WsMessage = { payload: new Interrupted(reason), receivedAt: now }
      for (const subscribers of topics.values()) {
        for (const s of subscribers) Queue.unsafeOffer(s.queue, message)
      }
    }
    const resume = (now: number): void => {
      interrupted = false
      const message: WsMessage = { payload: new Resumed(), receivedAt: now }
      for (const subscribers of topics.values()) {
        for (const s of subscribers) Queue.unsafeOffer(s.queue, message)
      }
    }
    const deliver = (topic: string, payload: unknown, now: number): void => {
      const subscribers = topics.get(topic)
      if (subscribers === undefined) return
      const message: WsMessage = { payload, receivedAt: now }
      for (const s of subscribers) Queue.unsafeOffer(s.queue, message)
    }

    const pendingReports: Array<string> = []
    const report = (why: string, text: string) => {
      pendingReports.push(`[${venue}] skipped a websocket frame: ${why}: ${snippet(text)}`)
    }
    const flushReports = Effect.suspend(() => {
      const count = framesIn
      framesIn = 0
      const counted = count === 0 ? Effect.void : Metric.update(inbound, count)
      if (pendingReports.length === 0) return counted
      const lines = pendingReports.splice(0, pendingReports.length)
      return Effect.zipRight(
        Effect.zipRight(counted, Metric.update(decodeErrors, lines.length)),
        Effect.forEach(lines, Effect.logWarning)
      )
    })

    /** The span of the running session (`ws.session`), for events from subscribers' fibers. */
    let sessionSpan: Tracer.Span | undefined
    const spanEvent = (span: Tracer.Span | undefined, name: string, attributes: Record<string, unknown> = {}) =>
      span === undefined ? Effect.void : Effect.map(Clock.currentTimeNanos, (now) => span.event(name, now, attributes))
    const currentSpanEvent = (name: string, attributes: Record<string, unknown> = {}) =>
      Effect.flatMap(Effect.option(Effect.currentSpan), (span) =>
        spanEvent(Option.getOrUndefined(span), name, attributes))

    /** One connection, until it fails, closes or goes silent. Always ends in a failure. */
    const connectOnce = Effect.scoped(
      Effect.gen(function*() {
        const initialTopics = [...topics.keys()]
        const socket = yield* Socket.makeWebSocket(protocol.url(initialTopics), {
          closeCodeIsError: () =>
            true,
          openTimeout: Duration.seconds(10)
        })
        const write = yield* socket.writer
        const connectionScope = yield* Effect.scope
        const opened = Effect.gen(function*() {
          writer = (frame) => write(frame)
          lastFrameAt = yield* Clock.currentTimeMillis
          yield* Ref.update(connections, (n) => n + 1)
          yield* SubscriptionRef.set(state, "open")
          yield* Metric.set(connectionStatus, 1)
          const inUrl = new Set(protocol.topicsInUrl === true ? initialTopics : [])
          const all = [...topics.keys()].filter((t) => !inUrl.has(t))
          yield* currentSpanEvent("open")
          if (topics.size > 0) yield* currentSpanEvent("subscribe", { "lotusx.ws.topics": topics.size })
          if (all.length > 0) yield* Effect.forkIn(send(protocol.subscribe(all, requestId++)), connectionScope)
          if (interrupted) resume(lastFrameAt)
        })
        const silence = Effect.flatMap(Clock.currentTimeMillis, (now) =>
          lastFrameAt > 0 && now - lastFrameAt > watchdog
            ? Effect.fail(`no frame for ${now - lastFrameAt} ms`)
            : Effect.void)
        const watch = every(watchdogTick, Effect.zipRight(flushReports, silence))
        const heartbeat = protocol.heartbeat === undefined
          ? Effect.never
          : every(protocol.heartbeat.interval, Effect.suspend(() => send([protocol.heartbeat!.frame(requestId++)])))
        const runtimeClock = yield* Effect.clock
        const run = socket.runRaw((data) => {
          onFrame(data, runtimeClock.unsafeCurrentTimeMillis())
        }, { onOpen: opened }).pipe(
          Effect.mapError((e) => e.message),
          Effect.zipRight(Effect.fail("connection closed"))
        )
        return yield* run.pipe(
          Effect.raceFirst(watch),
          Effect.raceFirst(heartbeat),
          Effect.ensuring(Effect.suspend(() => {
            writer = undefined
            return Metric.set(connectionStatus, 0)
          }))
        )
      }).pipe(Effect.withSpan("ws.connection", { attributes: { "lotusx.venue": venue } }))
    )

    /** One connection's life: fails with why it ended and whether it had opened. */
    const attempt = Effect.gen(function*() {
      const before = yield* Ref.get(connections)
      const reason = yield* Effect.flip(connectOnce)
      yield* flushReports
      const opened = (yield* Ref.get(connections)) > before
      if (opened) interrupt(reason, yield* Clock.currentTimeMillis)
      return yield* Effect.fail(new Lost(reason, opened))
    })

    /** Each delay is announced (log, metric, span event, `reconnecting`) before it is waited. */
    const reconnect = reconnectSchedule<Lost>(initialBackoff, maxBackoff).pipe(
      Schedule.modifyDelayEffect(({ attempt, input: lost }, jittered) =>
        Effect.gen(function*() {
          const delay = Math.round(Duration.toMillis(jittered))
          yield* Metric.update(reconnects, 1)
          yield* Effect.logInfo(`[${venue}] websocket lost (${lost.reason}); reconnecting in ${delay} ms`)
          yield* spanEvent(sessionSpan, "reconnect", {
            "lotusx.ws.reason": lost.reason,
            "lotusx.ws.delay_ms": delay,
            attempt
          })
          yield* SubscriptionRef.set(state, "reconnecting")
          return Duration.millis(delay)
        })
      )
    )

    const connectionLoop = Effect.gen(function*() {
      sessionSpan = Option.getOrUndefined(yield* Effect.option(Effect.currentSpan))
      yield* SubscriptionRef.set(state, "connecting")
      // The schedule never ends: connection problems are retried for as long as the session runs.
      return yield* Effect.orDie(Effect.retry(attempt, reconnect))
    }).pipe(
      Effect.provideService(Socket.WebSocketConstructor, constructor),
      // a root span: the session outlives whichever subscriber happened to start it
      Effect.withSpan("ws.session", { root: true, attributes: { "lotusx.venue": venue } }),
      Effect.ensuring(Effect.sync(() => {
        sessionSpan = undefined
      }))
    )

    const ensureRunning = Effect.suspend(() => {
      if (loop !== undefined) return Effect.void
      // Forked from inside a subscription's acquire (uninterruptible): the loop must opt back in.
      return Effect.map(Effect.forkIn(Effect.interruptible(connectionLoop), scope), (fiber) => {
        loop = fiber
      })
    })

    const messages = (topic: string): Stream.Stream<WsMessage> =>
      Stream.unwrapScoped(
        Effect.gen(function*() {
          const queue = yield* Queue.sliding<WsMessage>(bufferSize)
          const subscriber: Subscriber = { queue }
          yield* Effect.acquireRelease(
            Effect.gen(function*() {
              let set = topics.get(topic)
              const first = set === undefined
              if (set === undefined) {
                set = new Set()
                topics.set(topic, set)
              }
              set.add(subscriber)
              yield* ensureRunning
              if (first) {
                yield* spanEvent(sessionSpan, "subscribe", { "lotusx.ws.topic": topic })
                yield* send(protocol.subscribe([topic], requestId++))
              }
            }),
            () =>
              Effect.gen(function*() {
                const set = topics.get(topic)
                set?.delete(subscriber)
                if (set !== undefined && set.size === 0) {
                  topics.delete(topic)
                  yield* spanEvent(sessionSpan, "unsubscribe", { "lotusx.ws.topic": topic })
                  yield* send(protocol.unsubscribe([topic], requestId++))
                }
                if (topics.size === 0 && loop !== undefined) {
                  const fiber = loop
                  loop = undefined
                  yield* Fiber.interrupt(fiber)
                  yield* SubscriptionRef.set(state, "idle")
                }
                yield* Queue.shutdown(queue)
              })
          )
          return Stream.fromQueue(queue)
        })
      )

    yield* Effect.addFinalizer(() =>
      Effect.suspend(() => loop === undefined ? Effect.void : Fiber.interrupt(loop)).pipe(
        Effect.zipRight(Metric.set(connectionStatus, 0))
      )
    )

    return {
      venue,
      messages,
      state,
      connections: Ref.get(connections)
    }
  })

/**
 * The reconnect backoff of a session. After the k-th failed attempt in a row the delay is
 * `initial`·2^(k−1), capped at `max`, times a factor in [0.5, 1) drawn from the `Random` service
 * (seed it with `Effect.withRandom(Random.make(seed))`); an input whose connection had `opened`
 * restarts from `initial`. Never ends. Outputs the input and the attempt number (k).
 * @since 0.1.0
 */
export const reconnectSchedule = <In extends { readonly opened: boolean }>(
  initial: Duration.DurationInput,
  max: Duration.DurationInput
): Schedule.Schedule<{ readonly input: In; readonly attempt: number }, In> =>
  Schedule.zipWith(
    Schedule.identity<In>(),
    Schedule.zipRight(Schedule.union(Schedule.exponential(initial), Schedule.spaced(max)), Schedule.count),
    (input, n) => ({ input, attempt: n + 1 })
  ).pipe(
    Schedule.resetWhen(({ input }) => input.opened),
    Schedule.jitteredWith({ min: 0.5, max: 1 })
  )

/**
 * What makes a connector's websocket sessions.
 * @since 0.1.0
 */
export interface Factory {
  /** A session speaking `protocol`, living in the current scope. */
  readonly make: (protocol: WsProtocol) => Effect.Effect<WsSession, never, Scope.Scope | Socket.WebSocketConstructor>
}

/**
 * The websocket session factory service: connectors obtain their sessions from it, so a test or an
 * application can provide another (a recorded feed, different timings) with `layer`; `make` when
 * none is provided.
 * @since 0.1.0
 */
export class WsSessionFactory extends Context.Reference<WsSessionFactory>()("lotusx/WsSessionFactory", {
  defaultValue: (): Factory => ({ make })
}) {}

/**
 * Provides `factory` as the websocket session factory.
 * @since 0.1.0
 */
export const layer = (factory: Factory): Layer.Layer<never> => Layer.succeed(WsSessionFactory, factory)

/**
 * What a subscriber makes of the session's connection markers (`Interrupted`, `Resumed`); a marker
 * without a function here is dropped.
 * @since 0.1.0
 */
export interface ConnectionMarkers<A> {
  readonly onInterrupted?: ((reason: string, receivedAt: number) => A) | undefined
  readonly onResumed?: ((receivedAt: number) => A) | undefined
}

/**
 * Decodes each message of a stream with `decode`; a message that fails is logged, counted in
 * `websocket_decode_errors_total` and skipped. A lost connection (an `Interrupted` message) becomes
 * `onInterrupted`'s value when given (an order book's stream uses it to stop trusting its book),
 * and the connection being back (`Resumed`) `onResumed`'s; both are dropped otherwise. Plain
 * functions per message, no Effect each.
 * @since 0.1.0
 */
export const decodeOrSkip = <A>(
  venue: string,
  decode: (payload: unknown, receivedAt: number) => A | { readonly _tag: "DecodeFailure"; readonly reason: string },
  options?: ConnectionMarkers<A>
) =>
(self: Stream.Stream<WsMessage>): Stream.Stream<A> => {
  const decodeErrors = Telemetry.websocketDecodeErrorsTotal.pipe(Metric.tagged("exchange", venue))
  const onInterrupted = options?.onInterrupted
  const onResumed = options?.onResumed
  return self.pipe(
    Stream.mapChunksEffect((chunk) => {
      const out: Array<A> = []
      let failures: Array<string> | undefined
      for (const m of chunk) {
        if (m.payload instanceof Interrupted) {
          if (onInterrupted !== undefined) out.push(onInterrupted(m.payload.reason, m.receivedAt))
          continue
        }
        if (m.payload instanceof Resumed) {
          if (onResumed !== undefined) out.push(onResumed(m.receivedAt))
          continue
        }
        const r = decode(m.payload, m.receivedAt)
        if (isDecodeFailure(r)) {
          failures ??= []
          failures.push(`[${venue}] skipped a websocket message: ${r.reason}: ${snippet(safeStringify(m.payload))}`)
        } else {
          out.push(r)
        }
      }
      const result = Chunk.unsafeFromArray(out)
      if (failures === undefined) return Effect.succeed(result)
      return Effect.as(
        Effect.zipRight(Metric.update(decodeErrors, failures.length), Effect.forEach(failures, Effect.logWarning)),
        result
      )
    })
  )
}

const isDecodeFailure = (u: unknown): u is { readonly _tag: "DecodeFailure"; readonly reason: string } =>
  typeof u === "object" && u !== null && "_tag" in u && u._tag === "DecodeFailure"

/**
 * The failure value of a hand-written or Schema-backed message decoder.
 * @since 0.1.0
 */
export interface DecodeFailure {
  readonly _tag: "DecodeFailure"
  readonly reason: string
}

/** @since 0.1.0 */
export const decodeFailure = (reason: string): DecodeFailure => ({ _tag: "DecodeFailure", reason })

const safeStringify = (u: unknown): string => {
  if (u instanceof TextPayload) return u.text
  try {
    return JSON.stringify(u) ?? typeof u
  } catch {
    return `(a ${typeof u} that cannot be shown)`
  }
}

/**
 * A message decoder backed by a Schema (for streams off the hot path): the decoded value mapped by
 * `f`, or a `DecodeFailure` naming the path.
 * @since 0.1.0
 */
export const schemaDecoder = <A, I, B>(schema: Schema.Schema<A, I>, f: (a: A, receivedAt: number) => B) => {
  const decode = Schema.decodeUnknownEither(schema)
  return (payload: unknown, receivedAt: number): B | DecodeFailure => {
    const r = decode(payload)
    if (Either.isLeft(r)) {
      const { detail, path } = describeParseError(r.left)
      return decodeFailure(`${path}: ${detail}`)
    }
    return f(r.right, receivedAt)
  }
}
