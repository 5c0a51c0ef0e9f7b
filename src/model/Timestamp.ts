/**
 * Times on the wire. Venues send epoch milliseconds as JSON integers; a value no venue sends — a
 * negative time, a fraction, `1e400` (which `JSON.parse` reads as `Infinity`), a time beyond what a
 * JavaScript `Date` can hold — is a decode error, never a time.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { emptyAsUndefined } from "./Decimal.js"

/**
 * The latest time a JavaScript `Date` can hold: 8.64e15 ms after the epoch (year 275760).
 * @since 0.1.0
 */
export const maxEpochMillis = 8_640_000_000_000_000

/**
 * Epoch milliseconds as a JSON integer (`"serverTime": 1499827319559`): a whole number from 0 to
 * `maxEpochMillis`.
 * @since 0.1.0
 */
export const EpochMillis: Schema.Schema<number> = Schema.Number.pipe(
  Schema.filter((n) =>
    (Number.isSafeInteger(n) && n >= 0 && n <= maxEpochMillis) ||
    `expected epoch milliseconds (a whole number from 0 to ${maxEpochMillis}), got ${n}`
  )
).annotations({ identifier: "EpochMillis" })

/**
 * Epoch milliseconds written as a string (`"1684738540559"`: Bybit, OKX).
 * @since 0.1.0
 */
export const EpochMillisString: Schema.Schema<number, string> = Schema.String.pipe(
  Schema.filter((s) => /^\d{1,16}$/.test(s) || "expected epoch milliseconds as a string"),
  Schema.transform(Schema.Number, { strict: true, decode: (s) => Number.parseInt(s, 10), encode: (n) => String(n) })
)

/**
 * Optional epoch milliseconds as a string: `""` decodes to `undefined`.
 * @since 0.1.0
 */
export const MaybeEpochMillisString = emptyAsUndefined(EpochMillisString)
