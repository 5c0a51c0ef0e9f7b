/**
 * Effect metrics in the Prometheus text exposition format (version 0.0.4):
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 *
 * Counters and gauges become one sample per label set; histograms become cumulative
 * `_bucket{le="…"}` samples (ending with `le="+Inf"`), `_sum` and `_count`; summaries become
 * `{quantile="…"}` samples, `_sum` and `_count`; frequencies become a counter labelled `key`.
 * Metrics that share a name share one `# HELP` / `# TYPE` header.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Metric from "effect/Metric"
import type * as MetricPair from "effect/MetricPair"
import * as MetricState from "effect/MetricState"
import * as Option from "effect/Option"

/**
 * The content type of the format.
 * @since 0.1.0
 */
export const contentType = "text/plain; version=0.0.4; charset=utf-8"

/**
 * Escapes a label value: backslash, double quote and line feed.
 * @since 0.1.0
 */
export const escapeLabelValue = (value: string): string =>
  value.replace(/\\/g, "\\\\").replace(/"/g, "\\\"").replace(/\n/g, "\\n")

const escapeHelp = (text: string): string => text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")

/** Metric and label names: `[a-zA-Z_:][a-zA-Z0-9_:]*` (labels without `:`). */
const metricName = (name: string): string => name.replace(/[^a-zA-Z0-9_:]/g, "_").replace(/^([0-9])/, "_$1")
const labelName = (name: string): string => name.replace(/[^a-zA-Z0-9_]/g, "_").replace(/^([0-9])/, "_$1")

const number = (n: number | bigint): string =>
  typeof n === "bigint"
    ? n.toString()
    : Number.isNaN(n)
    ? "NaN"
    : n === Infinity
    ? "+Inf"
    : n === -Infinity
    ? "-Inf"
    : String(n)

const labels = (pairs: ReadonlyArray<readonly [string, string]>): string =>
  pairs.length === 0 ? "" : `{${pairs.map(([k, v]) => `${labelName(k)}="${escapeLabelValue(v)}"`).join(",")}}`

interface Family {
  readonly type: "counter" | "gauge" | "histogram" | "summary"
  help: string | undefined
  readonly samples: Array<string>
}

/**
 * Renders metric pairs (from `Metric.snapshot`) as exposition text.
 * @since 0.1.0
 */
export const format = (pairs: ReadonlyArray<MetricPair.MetricPair.Untyped>): string => {
  const families = new Map<string, Family>()
  const family = (name: string, type: Family["type"], description: Option.Option<string>): Family => {
    let f = families.get(name)
    if (f === undefined) {
      f = { type, help: undefined, samples: [] }
      families.set(name, f)
    }
    if (f.help === undefined && Option.isSome(description)) f.help = description.value
    return f
  }
  const sorted = [...pairs].sort((a, b) => a.metricKey.name.localeCompare(b.metricKey.name))
  for (const pair of sorted) {
    const name = metricName(pair.metricKey.name)
    const tags: Array<readonly [string, string]> = pair.metricKey.tags.map((t) => [t.key, t.value] as const)
    const state = pair.metricState
    const description = pair.metricKey.description
    if (MetricState.isCounterState(state)) {
      family(name, "counter", description).samples.push(`${name}${labels(tags)} ${number(state.count)}`)
    } else if (MetricState.isGaugeState(state)) {
      family(name, "gauge", description).samples.push(`${name}${labels(tags)} ${number(state.value)}`)
    } else if (MetricState.isHistogramState(state)) {
      const f = family(name, "histogram", description)
      let sawInf = false
      for (const [le, count] of state.buckets) {
        if (le === Infinity) sawInf = true
        f.samples.push(`${name}_bucket${labels([...tags, ["le", number(le)]])} ${number(count)}`)
      }
      if (!sawInf) f.samples.push(`${name}_bucket${labels([...tags, ["le", "+Inf"]])} ${number(state.count)}`)
      f.samples.push(`${name}_sum${labels(tags)} ${number(state.sum)}`)
      f.samples.push(`${name}_count${labels(tags)} ${number(state.count)}`)
    } else if (MetricState.isSummaryState(state)) {
      const f = family(name, "summary", description)
      for (const [q, value] of state.quantiles) {
        if (Option.isSome(value)) {
          f.samples.push(`${name}${labels([...tags, ["quantile", number(q)]])} ${number(value.value)}`)
        }
      }
      f.samples.push(`${name}_sum${labels(tags)} ${number(state.sum)}`)
      f.samples.push(`${name}_count${labels(tags)} ${number(state.count)}`)
    } else if (MetricState.isFrequencyState(state)) {
      const f = family(name, "counter", description)
      for (const [key, count] of state.occurrences) {
        f.samples.push(`${name}${labels([...tags, ["key", key]])} ${number(count)}`)
      }
    }
  }
  const out: Array<string> = []
  for (const [name, f] of families) {
    if (f.help !== undefined) out.push(`# HELP ${name} ${escapeHelp(f.help)}`)
    out.push(`# TYPE ${name} ${f.type}`)
    out.push(...f.samples)
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`
}

/**
 * Whether a metric is one of Effect's own fiber metrics (`effect_fiber_started`, `_active`,
 * `_successes`, `_failures`, `_lifetimes`). They count every fiber of the runtime, and
 * `effect_fiber_failures` counts interrupted fibers too (every cancelled timeout, race or stream
 * fiber): it grows in a healthy run, so whoever alerts on it gets noise.
 * @since 0.1.0
 */
export const isEffectRuntimeMetric = (name: string): boolean => name.startsWith("effect_fiber_")

/**
 * Options of `scrape`.
 * @since 0.1.0
 */
export interface ScrapeOptions {
  /** Also export Effect's fiber metrics (see `isEffectRuntimeMetric`). Default false. */
  readonly runtimeMetrics?: boolean | undefined
}

/**
 * The current value of every metric of the process, as exposition text; Effect's internal fiber
 * metrics only when asked for.
 * @since 0.1.0
 */
export const scrapeWith = (options: ScrapeOptions = {}): Effect.Effect<string> =>
  Effect.map(
    Metric.snapshot,
    (pairs) =>
      format(options.runtimeMetrics === true ? pairs : pairs.filter((p) => !isEffectRuntimeMetric(p.metricKey.name)))
  )

/**
 * The library's metrics (and any of the program's own) as exposition text, without Effect's
 * internal fiber metrics.
 * @since 0.1.0
 */
export const scrape: Effect.Effect<string> = scrapeWith()
