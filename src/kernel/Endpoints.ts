/**
 * Declaring a venue's REST endpoints (`RestClient.Endpoint`) as data: method, path and response
 * Schema, with what differs from the common case (weight 1, public) said where it differs; and
 * calling one with its query (a time range under the venue's names) or its JSON body.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import type { TimeRange } from "../model/Candle.js"
import { clamp } from "./Connector.js"
import type { Endpoint, HttpMethod, RestClient } from "./RestClient.js"

/**
 * An endpoint: weight 1 and public unless `options` say otherwise.
 * @since 0.1.0
 */
export const endpoint = <A, I>(
  method: HttpMethod,
  path: string,
  response: Schema.Schema<A, I>,
  options: Omit<Partial<Endpoint<A, I>>, "method" | "path" | "response"> = {}
): Endpoint<A, I> => ({ method, path, weight: 1, signed: false, response, ...options })

/**
 * A request with its query (entries `undefined` are left out).
 * @since 0.1.0
 */
export const get = <A, I>(
  api: { readonly rest: RestClient },
  endpoint: Endpoint<A, I>,
  query?: Readonly<Record<string, string | undefined>>
) => api.rest.request(endpoint, { query })

/**
 * A request with its JSON body.
 * @since 0.1.0
 */
export const post = <A, I>(api: { readonly rest: RestClient }, endpoint: Endpoint<A, I>, value: unknown) =>
  api.rest.request(endpoint, { body: { _tag: "json", value } })

/**
 * A time range as query parameters under the venue's names (`startTime`/`endTime`, `start`/`end`…),
 * what the range leaves out left out; `limit` clamped to [1, `maxLimit`], or `defaultLimit` when the
 * range gives none (nothing when there is no default).
 * @since 0.1.0
 */
export const rangeQuery = (
  range: TimeRange | undefined,
  names: { readonly since: string; readonly until: string },
  maxLimit: number,
  defaultLimit?: number
): Record<string, string> => {
  const query: Record<string, string> = {}
  if (range?.since !== undefined) query[names.since] = String(range.since)
  if (range?.until !== undefined) query[names.until] = String(range.until)
  const limit = range?.limit ?? defaultLimit
  if (limit !== undefined) query.limit = String(clamp(limit, 1, maxLimit))
  return query
}
