/**
 * Decoder for Bybit `orderbook.<depth>.<symbol>` messages on the per-message hot path.
 *
 * `{ topic, type: "snapshot" | "delta", ts, data: { s, b: [[price, size]…], a: […], u, seq }, cts }`
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook
 *
 * A `snapshot`, and any message with `u == 1` ("occasionally you'll receive u=1, which is a
 * snapshot data due to the restart of the service"), becomes `kind: "snapshot"`. Declared as data
 * (`book/BookFrame`, DESIGN.md §12): no Schema, no Effect, no throw.
 *
 * @since 0.1.0
 */
import * as BookFrame from "../../book/BookFrame.js"
import { VENUE } from "./convert.js"

/**
 * The orderbook frame's decoders: `decode` reads one parsed message (the whole frame: `type`, `ts`
 * and `data`); `decodePayload`, the stream's, reads a frame left as text (`TextPayload`) straight
 * from its text, without `JSON.parse` (the same `BookUpdate`, with the levels left in the text for
 * the ladder), where it has the plain, compact form Bybit sends, and otherwise parses it for `decode`.
 * @since 0.1.0
 */
export const orderBook = BookFrame.make(VENUE, {
  shape: {
    type: "string",
    ts: "integer",
    data: { s: "string", u: "integer", b: "levels", a: "levels", seq: "integer" },
    topic: "string",
    cts: "integer"
  },
  required: ["type", "ts", "data.s", "data.u", "data.b", "data.a"],
  oneOf: { type: ["snapshot", "delta"] },
  venueSymbol: "data.s",
  bids: "data.b",
  asks: "data.a",
  lastUpdateId: "data.u",
  exchangeTime: "ts",
  snapshot: { field: "type", value: "snapshot", lastUpdateId: 1 }
})
