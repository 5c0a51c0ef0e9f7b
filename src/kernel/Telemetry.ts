/**
 * The library's metrics (DESIGN.md §7). Label sets are bounded: venue ids, endpoint path templates
 * (never ids or query strings), status codes, directions.
 *
 * @since 0.1.0
 */
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as HashMap from "effect/HashMap"
import * as Metric from "effect/Metric"
import * as MetricBoundaries from "effect/MetricBoundaries"
import * as MetricKey from "effect/MetricKey"
import type * as MetricKeyType from "effect/MetricKeyType"
import * as MetricLabel from "effect/MetricLabel"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"
import { randomFillSync } from "node:crypto"

/**
 * Span options for the hot paths (every order, every REST request): no call-site stack trace.
 * Effect captures one per span by default, at more cost than the span itself; the span's name
 * already says which call it is, and a failure's cause keeps its own trace.
 * @since 0.1.0
 */
export const hotSpan: HotSpanOptions = { captureStackTrace: false }

/**
 * Effect's default tracer (its spans are kept in memory only, as parents and for
 * `Effect.currentSpan`), looked up once.
 */
let defaultTracer: Tracer.Tracer | undefined
const isDefaultTracer = (tracer: Tracer.Tracer): boolean => tracer === (defaultTracer ??= Effect.runSync(Effect.tracer))

/**
 * Random hex digits for span and trace ids: 4 KiB of random bytes drawn at a time and written out
 * as hex once, each id a slice of that text (no native call per id).
 */
const idBytes = Buffer.alloc(4096)
let idPool = ""
let idOffset = 0
const randomHex = (bytes: number): string => {
  const digits = 2 * bytes
  if (idOffset + digits > idPool.length) {
    randomFillSync(idBytes)
    idPool = idBytes.toString("hex")
    idOffset = 0
  }
  const hex = idPool.slice(idOffset, idOffset + digits)
  idOffset += digits
  return hex
}

/**
 * The span Effect's default tracer makes (`NativeSpan`: the same fields, the same behaviour), with
 * its ids from a pool of random bytes: Effect draws them one hex digit at a time from
 * `Math.random` (48 draws per span, more than the rest of the span costs).
 */
class LeanSpan implements Tracer.Span {
  readonly _tag = "Span"
  readonly spanId: string
  readonly traceId: string
  readonly sampled = true
  status: Tracer.SpanStatus
  readonly attributes = new Map<string, unknown>()
  readonly events: Array<[name: string, startTime: bigint, attributes: Record<string, unknown>]> = []
  readonly links: Array<Tracer.SpanLink>
  constructor(
    readonly name: string,
    readonly parent: Option.Option<Tracer.AnySpan>,
    readonly context: Context.Context<never>,
    links: ReadonlyArray<Tracer.SpanLink>,
    readonly startTime: bigint,
    readonly kind: Tracer.SpanKind
  ) {
    this.status = { _tag: "Started", startTime }
    this.traceId = parent._tag === "Some" ? parent.value.traceId : randomHex(16)
    this.spanId = randomHex(8)
    this.links = Array.from(links)
  }
  end(endTime: bigint, exit: Exit.Exit<unknown, unknown>): void {
    this.status = { _tag: "Ended", endTime, exit, startTime: this.status.startTime }
  }
  attribute(key: string, value: unknown): void {
    this.attributes.set(key, value)
  }
  event(name: string, startTime: bigint, attributes?: Record<string, unknown>): void {
    this.events.push([name, startTime, attributes ?? {}])
  }
  addLinks(links: ReadonlyArray<Tracer.SpanLink>): void {
    this.links.push(...links)
  }
}

/** The parent span in a context, skipping spans that disable propagation (as Effect does). */
const parentOf = (context: Context.Context<never>): Option.Option<Tracer.AnySpan> => {
  let parent = Context.getOption(context, Tracer.ParentSpan)
  while (parent._tag === "Some" && Context.get(parent.value.context, Tracer.DisablePropagation)) {
    parent = parent.value._tag === "Span" ? parent.value.parent : Option.none()
  }
  return parent
}

/**
 * Options of a hot span: its kind and attributes (never a parent, root, context or links of its
 * own: the parent is the fiber's current span, as for `Effect.withSpan`).
 * @since 0.1.0
 */
export interface HotSpanOptions {
  readonly kind?: Tracer.SpanKind | undefined
  readonly attributes?: Record<string, unknown> | undefined
  readonly captureStackTrace?: false | undefined
}

/**
 * Starts a span on the fiber's tracer, synchronously, as `Effect.makeSpan` does (the fiber's
 * current span as its parent, the fiber's span links and annotations, its clock when timing is
 * on), without a stack trace; `undefined` when the fiber's tracer is off (Effect would make a
 * no-op span). On Effect's default tracer the span is a `LeanSpan`.
 * @since 0.1.0
 */
export const unsafeStartSpan = (
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  name: string,
  options: HotSpanOptions
): Tracer.Span | undefined => {
  if (!fiber.getFiberRef(FiberRef.currentTracerEnabled)) return undefined
  const parent = parentOf(fiber.currentContext)
  const services = fiber.currentDefaultServices
  const tracer = Context.get(services, Tracer.Tracer)
  const startTime = fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
    ? Context.get(services, Clock.Clock).unsafeCurrentTimeNanos()
    : 0n
  const envLinks = fiber.getFiberRef(FiberRef.currentTracerSpanLinks)
  const links = Chunk.isEmpty(envLinks) ? noLinks : Chunk.toReadonlyArray(envLinks)
  const kind = options.kind ?? "internal"
  const span = isDefaultTracer(tracer)
    ? new LeanSpan(name, parent, Context.empty(), links, startTime, kind)
    : tracer.span(name, parent, Context.empty(), links, startTime, kind, options)
  const annotations = fiber.getFiberRef(FiberRef.currentTracerSpanAnnotations)
  if (HashMap.size(annotations) > 0) HashMap.forEach(annotations, (value, key) => span.attribute(key, value))
  const attributes = options.attributes
  if (attributes !== undefined) { for (const key in attributes) span.attribute(key, attributes[key]) }
  return span
}

const noLinks: ReadonlyArray<Tracer.SpanLink> = []

/**
 * Ends a span started by `unsafeStartSpan` with the fiber's clock (0 when timing is off, as Effect
 * does).
 * @since 0.1.0
 */
export const unsafeEndSpan = (
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  span: Tracer.Span,
  exit: Exit.Exit<unknown, unknown>
): void => {
  span.end(
    fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
      ? Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeNanos()
      : 0n,
    exit
  )
}

/**
 * `Effect.withSpan` for the hot paths: the same span (the fiber's tracer, its current span as the
 * parent, its annotations and links; see `unsafeStartSpan`), the parent of the spans inside, ended
 * when the effect ends however it ends — in a fraction of the runtime steps: the span is made
 * synchronously, put in the fiber's context and taken out again directly, where `withSpan` makes it
 * through effects and provides it through `Effect.locally`'s acquire / use / release. With the
 * tracer off it is `Effect.withSpan`.
 * @since 0.1.0
 */
export const withHotSpan =
  (name: string, options: HotSpanOptions = hotSpan) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => withHotSpanOf(name, options, () => self)

/**
 * `withHotSpan` of `Effect.withFiberRuntime(body)`, in two runtime steps: `body` is called with the
 * fiber in the step that starts the span (synchronously, before the span is the fiber's current
 * one: it builds the effect to run, which then runs in the span), and one frame ends the span and
 * puts the outer context back when the effect succeeds or fails.
 *
 * There is no uninterruptible region around it (Effect's `onExit` costs five more steps): an
 * interrupted fiber skips that frame, and always ends (interruption is not recoverable in Effect),
 * so the span is then ended as interrupted when the fiber exits (a fiber observer). Until then, the
 * finalizers that the interruption runs in that fiber see the span as the current one.
 * @since 0.1.0
 */
export const withHotSpanOf = <A, E, R>(
  name: string,
  options: HotSpanOptions,
  body: (fiber: Fiber.RuntimeFiber<A, E>) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.withFiberRuntime<A, E, R>((fiber) => {
    const f = fiber as unknown as WithSetter
    if (typeof f.setFiberRef !== "function" || typeof f.setFiberRefs !== "function" || f._fiberRefs === undefined) {
      return maskedSpan(name, options, body)
    }
    const span = unsafeStartSpan(fiber, name, options)
    if (span === undefined) return Effect.withSpan(Effect.withFiberRuntime(body), name, options)
    let open = true
    const onFiberExit = () => {
      if (!open) return
      open = false
      unsafeEndSpan(fiber, span, Exit.interrupt(fiber.id()))
    }
    const self = body(fiber)
    const outer = fiber.currentContext
    const before = f._fiberRefs
    f.setFiberRef(FiberRef.currentContext, Context.add(outer, Tracer.ParentSpan, span))
    const inside = f._fiberRefs
    fiber.addObserver(onFiberExit)
    const end = (exit: Exit.Exit<A, E>) => {
      open = false
      fiber.removeObserver(onFiberExit)
      unsafeEndSpan(fiber, span, exit)
      // Nothing in the region changed a fiber ref (refs are immutable: any change is a new
      // object): the refs from before are the outer context restored, without another copy.
      if (f._fiberRefs === inside) f.setFiberRefs!(before)
      else f.setFiberRef!(FiberRef.currentContext, outer)
      return exit
    }
    return Effect.matchCauseEffect(self, {
      onFailure: (cause) => end(Exit.failCause(cause)),
      onSuccess: (a) => end(Exit.succeed(a))
    })
  })

/** `withHotSpanOf` where a fiber has no synchronous ref setters: an uninterruptible region. */
const maskedSpan = <A, E, R>(
  name: string,
  options: HotSpanOptions,
  body: (fiber: Fiber.RuntimeFiber<A, E>) => Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.withFiberRuntime<A, E, R>((fiber) => {
      const span = unsafeStartSpan(fiber, name, options)
      if (span === undefined) return restore(Effect.withSpan(Effect.withFiberRuntime(body), name, options))
      const inner = Context.add(fiber.currentContext, Tracer.ParentSpan, span)
      return inRegion(
        fiber,
        restore,
        body(fiber),
        FiberRef.currentContext,
        inner,
        (exit) => unsafeEndSpan(fiber, span, exit)
      )
    })
  )

/**
 * `Effect.locally` for the hot paths: nothing at all when the fiber already holds `value`; else the
 * ref is set and put back directly (see `inRegion`), where `locally` does it through an acquire /
 * use / release and copies the fiber's refs twice.
 * @since 0.1.0
 */
export const locallyHot =
  <X>(ref: FiberRef.FiberRef<X>, value: X) => <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.withFiberRuntime<A, E, R>((fiber) =>
      fiber.getFiberRef(ref) === value ?
        self :
        Effect.uninterruptibleMask((restore) =>
          Effect.withFiberRuntime<A, E, R>((fiber) => inRegion(fiber, restore, self, ref, value))
        )
    )

/**
 * Runs `self` (interruptible again through `restore`) with `ref` set to `value` on `fiber`, and the
 * ref put back when it ends, however it ends (`onEnd` sees the exit first). When nothing in the
 * region changed a fiber ref (refs are immutable: any change is a new object), the refs from before
 * are restored as they were, without another copy; else the ref alone is set back.
 */
const inRegion = <X, A, E, R>(
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  restore: <AX, EX, RX>(effect: Effect.Effect<AX, EX, RX>) => Effect.Effect<AX, EX, RX>,
  self: Effect.Effect<A, E, R>,
  ref: FiberRef.FiberRef<X>,
  value: X,
  onEnd?: (exit: Exit.Exit<A, E>) => void
): Effect.Effect<A, E, R> => {
  const old = fiber.getFiberRef(ref)
  const f = fiber as unknown as WithSetter
  const before = f._fiberRefs
  let inside: unknown
  const end = (exit: Exit.Exit<A, E>) => {
    onEnd?.(exit)
    if (inside !== undefined && f._fiberRefs === inside && typeof f.setFiberRefs === "function") {
      f.setFiberRefs(before)
      return exit
    }
    return setRef(fiber, ref, old, exit)
  }
  const run = Effect.matchCauseEffect(restore(self), {
    onFailure: (cause) => end(Exit.failCause(cause)),
    onSuccess: (a) => end(Exit.succeed(a))
  })
  const next = setRef(fiber, ref, value, run)
  inside = before === undefined ? undefined : f._fiberRefs
  return next
}

/**
 * The runtime's own synchronous accessors of a fiber's refs (`FiberRuntime.setFiberRef`, its
 * `_fiberRefs` and `setFiberRefs`), where the fiber has them (Effect 3's fibers do).
 */
type WithSetter = {
  readonly setFiberRef?: <X>(ref: FiberRef.FiberRef<X>, value: X) => void
  readonly _fiberRefs?: unknown
  readonly setFiberRefs?: (refs: unknown) => void
}

/**
 * Sets a ref of the fiber, then goes on with `next`: directly when the fiber has the runtime's
 * synchronous setter (Effect 3's fibers do), else through `FiberRef.set`.
 */
const setRef = <X, A, E, R>(
  fiber: Fiber.RuntimeFiber<unknown, unknown>,
  ref: FiberRef.FiberRef<X>,
  value: X,
  next: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => {
  const f = fiber as unknown as WithSetter
  if (typeof f.setFiberRef !== "function") return Effect.zipRight(FiberRef.set(ref, value), next)
  f.setFiberRef(ref, value)
  return next
}

/**
 * A metric with a fixed label set, for a hot path. `Metric.tagged` re-derives its key on every
 * update (a new label array, a new key, a registry lookup); this derives it once, so an update is
 * one cached lookup. Labels given by `Effect.tagMetrics` still apply on top.
 * @since 0.1.0
 */
export const labelled = <Type extends MetricKeyType.MetricKeyType<any, any>>(
  key: MetricKey.MetricKey<Type>,
  labels: ReadonlyArray<readonly [string, string]>
) => Metric.fromMetricKey(MetricKey.taggedWithLabels(key, labels.map(([k, v]) => MetricLabel.make(k, v))))

/**
 * The key of `httpRequestLatency`.
 * @since 0.1.0
 */
export const httpRequestLatencyKey = MetricKey.histogram(
  "http_request_latency_seconds",
  MetricBoundaries.exponential({ start: 0.0005, factor: 2, count: 16 }),
  "REST request latency in seconds"
)

/**
 * REST latency, seconds. Labels: `exchange`, `endpoint`.
 * @since 0.1.0
 */
export const httpRequestLatency = Metric.fromMetricKey(httpRequestLatencyKey)

/**
 * The key of `httpRequestsTotal`.
 * @since 0.1.0
 */
export const httpRequestsTotalKey = MetricKey.counter("http_requests_total", {
  description: "REST requests by exchange and HTTP status code",
  incremental: true
})

/**
 * REST requests. Labels: `exchange`, `status_code` (`"error"` when no response arrived).
 * @since 0.1.0
 */
export const httpRequestsTotal = Metric.fromMetricKey(httpRequestsTotalKey)

/** A counter that only goes up. */
const counter = (name: string, description: string) => Metric.counter(name, { description, incremental: true })

/**
 * Websocket messages. Labels: `exchange`, `direction` (`in` | `out`).
 * @since 0.1.0
 */
export const websocketMessagesTotal = counter(
  "websocket_messages_total",
  "Websocket messages by exchange and direction"
)

/**
 * 1 while a websocket session of the exchange is connected, 0 otherwise. Label: `exchange`.
 * @since 0.1.0
 */
export const websocketConnectionStatus = Metric.gauge("websocket_connection_status", {
  description: "1 when the exchange's websocket is connected, else 0"
})

/**
 * Websocket reconnects. Label: `exchange`.
 * @since 0.1.0
 */
export const websocketReconnectsTotal = counter("websocket_reconnects_total", "Websocket reconnects by exchange")

/**
 * Websocket messages that failed to decode and were skipped. Label: `exchange`.
 * @since 0.1.0
 */
export const websocketDecodeErrorsTotal = counter(
  "websocket_decode_errors_total",
  "Websocket messages that failed to decode and were skipped"
)

/**
 * Order-book frames that could not be read from their text (not in the compact form the venue
 * normally sends) and were `JSON.parse`d instead: correct, but several times slower. A steady rate
 * means the venue changed its format. Label: `exchange`.
 * @since 0.1.0
 */
export const bookFramesParsedTotal = counter(
  "book_frames_parsed_total",
  "Order-book frames decoded through JSON.parse because they could not be read from their text"
)

/**
 * Times a request waited at the venue gate (rate-limit budget or 429 pause). Label: `exchange`.
 * @since 0.1.0
 */
export const rateLimitWaits = counter(
  "rate_limit_waits_total",
  "Requests held back by the rate-limit budget or a 429 pause"
)
