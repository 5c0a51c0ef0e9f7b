/**
 * Fault rules: what can go wrong on purpose, where, and how often. A rule is scoped by venue and
 * optionally by path and method, and fires a number of times (`count`) and/or with a probability
 * (drawn from the sandbox's seeded generator).
 *
 * The same rules are written on the command line as `kind:key=value,key=value`, e.g.
 * `http429:count=3,retryAfter=2` or `latency:ms=300,path=/api/v3/order,method=POST,p=0.5`.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"

/**
 * Every fault the sandbox can inject.
 *
 * - `http429`: 429 with the venue's rate-limit error and `Retry-After` (request not processed).
 * - `http418`: 418 ban with the venue's ban error and `Retry-After` (request not processed).
 * - `http503`: 503 with the venue's "overloaded" error (request not processed); `count` = burst size.
 * - `htmlError`: an HTML error page as a CDN would serve it (default status 502; not processed).
 * - `authFailure`: the venue's "invalid key" error on authenticated requests, whatever the key.
 * - `latency`: `ms` of added delay before the request is handled.
 * - `malformedJson` / `truncatedJson`: the request IS processed, then the response body is
 *   corrupted (invalid JSON) or cut in half.
 * - `dropResponse`: the request IS processed (an order is committed), then the connection is
 *   destroyed without a response.
 * - `wsSilence`: a websocket stops sending data and answering pings, but stays open.
 * - `wsClose`: a websocket is terminated abruptly (the client sees 1006).
 * - `wsRefuse`: a websocket upgrade is refused with a 503, as when a venue's stream servers are down
 *   while its REST API answers; `count` = how many connection attempts are refused.
 * - `depthGap`: one depth diff is skipped, so the next one's first update id leaves a gap.
 * - `listenKeyExpiry`: the listen key of a user data stream on the matching path expires now (the
 *   stream says `listenKeyExpired` and closes).
 *
 * @since 0.1.0
 */
export type FaultKind =
  | "http429"
  | "http418"
  | "http503"
  | "htmlError"
  | "authFailure"
  | "latency"
  | "malformedJson"
  | "truncatedJson"
  | "dropResponse"
  | "wsSilence"
  | "wsClose"
  | "wsRefuse"
  | "depthGap"
  | "listenKeyExpiry"

/** @since 0.1.0 */
export const faultKinds: ReadonlyArray<FaultKind> = [
  "http429",
  "http418",
  "http503",
  "htmlError",
  "authFailure",
  "latency",
  "malformedJson",
  "truncatedJson",
  "dropResponse",
  "wsSilence",
  "wsClose",
  "wsRefuse",
  "depthGap",
  "listenKeyExpiry"
]

/**
 * One fault rule.
 * @since 0.1.0
 */
export interface FaultRule {
  readonly kind: FaultKind
  /** Venue id (`binance`); all venues when absent. */
  readonly venue?: string | undefined
  /**
   * Venue-relative path (`/api/v3/order`, `/ws/btcusdt@depth`, `/stream`); a trailing `*` matches a
   * prefix. For `depthGap`, the stream name (`btcusdt@depth@100ms`) also matches. All paths when absent.
   */
  readonly path?: string | undefined
  /** HTTP method (`POST`); all methods when absent. */
  readonly method?: string | undefined
  /**
   * How many times the rule fires. Default: 1, or unlimited when `probability` is given.
   * For `wsSilence` / `wsClose`, the number of connections affected.
   */
  readonly count?: number | undefined
  /** Probability in [0, 1] that a matching request or connection is affected. Default 1. */
  readonly probability?: number | undefined
  /** Seconds announced in `Retry-After` (`http429`, `http418`). Defaults: 2 and 60. */
  readonly retryAfter?: number | undefined
  /** Added latency in milliseconds (`latency`). Default 1000. */
  readonly ms?: number | undefined
  /** HTTP status for `htmlError` (default 502). */
  readonly status?: number | undefined
  /** For `wsSilence` / `wsClose`: milliseconds after the connection opens (or the rule is added). */
  readonly after?: number | undefined
}

const integerKeys = new Set(["count", "retryAfter", "ms", "status", "after"])

/**
 * Parses a rule written as `kind:key=value,...` (keys: `venue`, `path`, `method`, `count`,
 * `p`/`probability`, `retryAfter`, `ms`, `status`, `after`). Returns a readable error otherwise.
 * @since 0.1.0
 */
export const parseFaultSpec = (spec: string): Either.Either<FaultRule, string> => {
  const colon = spec.indexOf(":")
  const kindText = (colon < 0 ? spec : spec.slice(0, colon)).trim()
  const kind = faultKinds.find((k) => k.toLowerCase() === kindText.toLowerCase())
  if (kind === undefined) {
    return Either.left(`unknown fault "${kindText}"; expected one of ${faultKinds.join(", ")}`)
  }
  const rule: Record<string, string | number> = { kind }
  const rest = colon < 0 ? "" : spec.slice(colon + 1).trim()
  if (rest === "") return Either.right(rule as unknown as FaultRule)
  for (const part of rest.split(",")) {
    const eq = part.indexOf("=")
    if (eq <= 0) return Either.left(`fault "${spec}": expected key=value, got "${part}"`)
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === "venue" || key === "path") {
      rule[key] = value
    } else if (key === "method") {
      rule.method = value.toUpperCase()
    } else if (key === "p" || key === "probability") {
      if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(value)) {
        return Either.left(`fault "${spec}": probability must be a number between 0 and 1, got "${value}"`)
      }
      // eslint-disable-next-line no-restricted-syntax -- a probability, not money
      rule.probability = Number(value) // lotusx-allow-number: a probability, not money
    } else if (integerKeys.has(key)) {
      if (!/^\d{1,9}$/.test(value)) return Either.left(`fault "${spec}": ${key} must be a whole number, got "${value}"`)
      rule[key] = Number.parseInt(value, 10)
    } else {
      return Either.left(`fault "${spec}": unknown key "${key}"`)
    }
  }
  return Either.right(rule as unknown as FaultRule)
}

/**
 * Writes a rule back in the command-line form.
 * @since 0.1.0
 */
export const formatFaultSpec = (rule: FaultRule): string => {
  const parts: Array<string> = []
  for (
    const key of ["venue", "path", "method", "count", "probability", "retryAfter", "ms", "status", "after"] as const
  ) {
    const value = rule[key]
    if (value !== undefined) parts.push(`${key === "probability" ? "p" : key}=${value}`)
  }
  return parts.length === 0 ? rule.kind : `${rule.kind}:${parts.join(",")}`
}
