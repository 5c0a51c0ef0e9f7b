/**
 * Candle intervals as venues name them: a count and a unit (`1s`, `15m`, `4h`/`4H`, `1d`/`1D`,
 * `1w`/`1W`, `1M`), the lengths the engine's candles are cut by. Weeks start on Monday, months are
 * calendar months; a venue that aligns its bars to another time zone than UTC gives its offset.
 *
 * @since 0.1.0
 */
import type { Engine } from "../../engine/Engine.js"
import type { Candle, CandleInterval } from "../../engine/Statistics.js"
import { candles } from "../../engine/Statistics.js"

const HOUR = 3_600_000
const DAY = 24 * HOUR
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: HOUR, H: HOUR, d: DAY, D: DAY, w: 7 * DAY, W: 7 * DAY }
/** The epoch was a Thursday; weeks start on Monday. */
const MONDAY = 4 * DAY

/**
 * The interval a name stands for (`M` is months, `m` minutes), its bars starting at midnight of a
 * time zone `utcOffsetHours` east of UTC; `undefined` for a name of another form.
 * @since 0.1.0
 */
export const interval = (name: string, utcOffsetHours = 0): CandleInterval | undefined => {
  const match = /^(\d+)([smhHdDwWM])$/.exec(name)
  if (match === null) return undefined
  const [, count, unit] = match as unknown as [string, string, string]
  if (unit === "M") return { _tag: "month" }
  const ms = Number.parseInt(count, 10) * UNIT_MS[unit]!
  const start = (unit === "w" || unit === "W" ? MONDAY : 0) - utcOffsetHours * HOUR
  return { _tag: "fixed", ms, offset: ((start % ms) + ms) % ms }
}

/**
 * A venue's intervals by the names it uses (separated by spaces), each read by `read` (by default
 * `interval` of the name); a name `read` does not know is left out.
 * @since 0.1.0
 */
export const intervals = (
  names: string,
  read: (name: string) => CandleInterval | undefined = (name) => interval(name)
): ReadonlyMap<string, CandleInterval> =>
  new Map(
    names.split(" ").flatMap((name) => {
      const spec = read(name)
      return spec === undefined ? [] : [[name, spec] as const]
    })
  )

/**
 * An instrument's candles of an interval within a window, newest first (as Bybit and OKX list
 * them): the last `limit` up to `endTime`, or the first from `startTime`.
 * @since 0.1.0
 */
export const newestFirst = (
  engine: Engine,
  symbol: string,
  interval: CandleInterval,
  window: {
    readonly now: number
    readonly limit: number
    readonly startTime?: number | undefined
    readonly endTime?: number | undefined
  }
): ReadonlyArray<Candle> => [...candles(engine.trades(symbol), interval, window)].reverse()
