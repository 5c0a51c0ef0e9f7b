/**
 * Venue error tables, one row per code: the code, the message as the venue's error page writes it
 * (`%s` where the venue fills in a value) and the HTTP status it is sent with. A dialect keeps its
 * venue's table and its envelope; this module fills messages in and turns an error into a response.
 *
 * @since 0.1.0
 */
import type { HttpResponse } from "../../server/Dialect.js"
import { json } from "../../server/Dialect.js"

/**
 * One code: `[code, message, HTTP status]`.
 * @since 0.1.0
 */
export type Row = readonly [code: number, message: string, status: number]

/**
 * An error answer of a venue.
 * @since 0.1.0
 */
export interface VenueError {
  readonly code: number
  readonly msg: string
  readonly status: number
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * Fills a message's `%s` placeholders in order.
 * @since 0.1.0
 */
export const fill = (template: string, args: ReadonlyArray<string | number>): string => {
  let i = 0
  return template.replace(/%s/g, () => String(args[i++] ?? "%s"))
}

/**
 * The error of a table row, its `%s` filled with `args`.
 * @since 0.1.0
 */
export const fromRow = ([code, message, status]: Row, ...args: ReadonlyArray<string | number>): VenueError => ({
  code,
  msg: fill(message, args),
  status
})

/**
 * The errors of a table by row name, their `%s` filled with `args`.
 * @since 0.1.0
 */
export const table =
  <K extends string>(rows: Readonly<Record<K, Row>>) =>
  (name: K, ...args: ReadonlyArray<string | number>): VenueError => fromRow(rows[name], ...args)

/**
 * The same error with response headers (`Retry-After`, usage headers).
 * @since 0.1.0
 */
export const withHeaders = <E extends VenueError>(e: E, headers: Readonly<Record<string, string>>): E => ({
  ...e,
  headers: { ...e.headers, ...headers }
})

/**
 * An error as a JSON response in the venue's envelope; the error's own headers win.
 * @since 0.1.0
 */
export const respond = (e: VenueError, body: unknown, headers: Readonly<Record<string, string>> = {}): HttpResponse =>
  json(e.status, body, { ...headers, ...e.headers })
