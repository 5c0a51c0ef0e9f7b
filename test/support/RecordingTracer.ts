/**
 * A tracer that keeps every span it makes (spans made by the fiber's own tracer, Effect's default
 * one unless a test provides another), for tests that look at spans.
 */
import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"

export interface RecordingTracer {
  readonly spans: Array<Tracer.Span>
  readonly tracer: Tracer.Tracer
}

/** Records the spans `base` makes. */
export const recording = (base: Tracer.Tracer): RecordingTracer => {
  const spans: Array<Tracer.Span> = []
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind, options) => {
      const span = base.span(name, parent, context, links, startTime, kind, options)
      spans.push(span)
      return span
    },
    context: (f) => f()
  })
  return { spans, tracer }
}

/** Records the spans the current tracer makes. */
export const make: Effect.Effect<RecordingTracer> = Effect.map(Effect.tracer, recording)
