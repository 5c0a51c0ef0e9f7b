/**
 * Ids (orders, trades) are strings. Venues send some as JSON numbers; the REST client keeps
 * integers above 2^53 as strings before decoding (`kernel/Json.parseLossless`), so either form
 * decodes to the exact digits.
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * An id sent as a string or as a JSON number, decoded to a string.
 * @since 0.1.0
 */
export const Id: Schema.Schema<string, string | number> = Schema.Union(Schema.String, Schema.Number).pipe(
  Schema.transform(Schema.String, { strict: true, decode: (u) => String(u), encode: (s) => s })
)
