/**
 * A websocket payload left as text (DESIGN.md §12): for topics on the per-message hot path (order
 * book diffs), the session does not `JSON.parse` the frame; the protocol's `routeText` reads the
 * topic from the frame's first bytes and hands the topic's decoder the frame and where the payload
 * is. The decoder reads it there (`book/BookText`), and when it cannot, asks for the payload the
 * ordinary way with `parse`, which is exactly what `JSON.parse` and the protocol's `route` give.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import { parseFrame } from "./Json.js"

/**
 * The payload of a frame that was routed without being parsed.
 * @since 0.1.0
 */
export class TextPayload {
  constructor(
    /** The whole frame. */
    readonly text: string,
    /** Where the payload's JSON value starts in `text`… */
    readonly start: number,
    /** …and ends (exclusive), if the frame has the shape its first bytes promise. */
    readonly end: number,
    /** The topic the frame was routed to. */
    readonly topic: string,
    private readonly route: (frame: unknown) => { readonly topic: string; readonly payload: unknown } | undefined
  ) {}

  /**
   * The payload as `JSON.parse` and the protocol's `route` give it, or `undefined` when the frame
   * is not valid JSON, is one `Json.parseFrame` refuses (nested too deep, a number out of range),
   * or does not route to `topic` after all.
   */
  parse(): { readonly value: unknown } | undefined {
    const frame = parseFrame(this.text)
    if (Either.isLeft(frame)) return undefined
    const routed = this.route(frame.right)
    return routed === undefined || routed.topic !== this.topic ? undefined : { value: routed.payload }
  }
}

/**
 * The string value a frame starts with, read from its text: for `prefix` = `{"topic":"`, the topic
 * of `{"topic":"orderbook.200.BTCUSDT",…`. `undefined` when the frame does not start so, or the
 * value has an escape or a control character (such frames are parsed the ordinary way).
 * @since 0.1.0
 */
export const leadingString = (text: string, prefix: string): string | undefined => {
  if (!text.startsWith(prefix)) return undefined
  const start = prefix.length
  const end = text.indexOf("\"", start)
  if (end < 0) return undefined
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === 92 || c < 32) return undefined
  }
  return text.slice(start, end)
}
