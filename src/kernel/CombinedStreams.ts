/**
 * The "combined streams" websocket protocol: the topics subscribed at connect time go in the URL
 * (`<base>/stream?streams=a/b`), later ones are added and removed with
 * `{"method":"SUBSCRIBE"|"UNSUBSCRIBE","params":[…],"id":n}`, each event arrives wrapped as
 * `{"stream": topic, "data": event}`, and replies to requests are `{"result": …, "id": n}`. The
 * server pings at the protocol level and has no application ping, so the heartbeat is a cheap
 * `LIST_SUBSCRIPTIONS` request whose reply keeps the watchdog fed on quiet streams.
 *
 * (Spoken by Binance Spot and Binance USDⓈ-M futures:
 * https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams)
 *
 * @since 0.1.0
 */
import type * as Duration from "effect/Duration"
import { leadingString, TextPayload } from "./TextPayload.js"
import type { WsProtocol } from "./WsSession.js"

/**
 * @since 0.1.0
 */
export interface CombinedStreamsOptions {
  readonly venue: string
  /** Websocket base URL (`wss://stream.binance.com:9443`). */
  readonly baseUrl: string
  /** A connection silent for this long is replaced. */
  readonly watchdog: Duration.DurationInput
  /** How often to send the `LIST_SUBSCRIPTIONS` heartbeat. */
  readonly heartbeat: Duration.DurationInput
  /**
   * Topics whose events are given to their decoder as a `TextPayload` (not `JSON.parse`d by the
   * session): the order-book diff streams, whose decoders read the text themselves.
   */
  readonly textTopics?: ((topic: string) => boolean) | undefined
}

const PREFIX = "{\"stream\":\""
const DATA = "\",\"data\":"

/**
 * @since 0.1.0
 */
export const protocol = (options: CombinedStreamsOptions): WsProtocol => {
  const base = options.baseUrl.replace(/\/+$/, "")
  const route: WsProtocol["route"] = (frame) => {
    if (typeof frame === "object" && frame !== null && "stream" in frame && "data" in frame) {
      const stream = frame.stream
      if (typeof stream === "string") return { topic: stream, payload: frame.data }
    }
    return undefined
  }
  const textTopics = options.textTopics
  return {
    venue: options.venue,
    url: (topics) => `${base}/stream?streams=${topics.join("/")}`,
    topicsInUrl: true,
    subscribe: (topics, id) => [JSON.stringify({ method: "SUBSCRIBE", params: topics, id })],
    unsubscribe: (topics, id) => [JSON.stringify({ method: "UNSUBSCRIBE", params: topics, id })],
    heartbeat: {
      interval: options.heartbeat,
      frame: (id) => JSON.stringify({ method: "LIST_SUBSCRIPTIONS", id })
    },
    watchdog: options.watchdog,
    route,
    // `{"stream":"<topic>","data":<event>}`, as the venue writes it; anything else is parsed.
    routeText: textTopics === undefined ? undefined : (text) => {
      const topic = leadingString(text, PREFIX)
      if (topic === undefined || !textTopics(topic)) return undefined
      const topicEnd = PREFIX.length + topic.length
      if (!text.startsWith(DATA, topicEnd) || text.charCodeAt(text.length - 1) !== 125) return undefined
      return { topic, payload: new TextPayload(text, topicEnd + DATA.length, text.length - 1, topic, route) }
    }
  }
}
