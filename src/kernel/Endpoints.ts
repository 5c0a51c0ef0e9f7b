/**
 * Declaring a venue's REST endpoints (`RestClient.Endpoint`) as data: method, path and response
 * Schema, with what differs from the common case (weight 1, public) said where it differs.
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import type { Endpoint, HttpMethod } from "./RestClient.js"

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
