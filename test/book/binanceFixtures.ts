/**
 * Reads the cryptofeed captures in test/fixtures/recorded/binance (see its README) into
 * `OrderBookSnapshot`s and `BookUpdate`s, through the real stream path: each recorded frame's text
 * goes through the venue protocol's `routeText` and the venue's `decodeDepthPayload`, and must be
 * read from its text (every frame Binance sent is in the compact form the text reader takes); with
 * `path: "parsed"`, through `JSON.parse` and `decodeDepthUpdate` instead.
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { TextBookUpdate } from "../../src/book/BookText.js"
import { isBookDecodeFailure } from "../../src/book/BookWire.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import type { BookLevel, BookUpdate, OrderBookSnapshot } from "../../src/model/OrderBook.js"
import * as Convert from "../../src/venues/binance/convert.js"
import * as Codec from "../../src/venues/binance/depthCodec.js"
import * as Streams from "../../src/venues/binance/streams.js"

const dir = fileURLToPath(new URL("../fixtures/recorded/binance/", import.meta.url))

export interface Recording {
  readonly symbol: string
  readonly snapshot: OrderBookSnapshot
  /** Receive time of the snapshot response, epoch ms. */
  readonly snapshotTime: number
  /** The raw REST levels, as strings. */
  readonly rawBids: ReadonlyArray<readonly [string, string]>
  readonly rawAsks: ReadonlyArray<readonly [string, string]>
  /** Every depthUpdate of the symbol, in receive order. */
  readonly updates: ReadonlyArray<BookUpdate>
  readonly market: Market
}

const lines = (file: string) =>
  readFileSync(dir + file, "utf8").split("\n").map((l) => l.trim()).filter((l) => l !== "")

const splitRecord = (line: string): [string, string] => {
  const i = line.indexOf(": ")
  return [line.slice(0, i), line.slice(i + 2)]
}

const toLevels = (raw: ReadonlyArray<readonly [string, string]>): Array<BookLevel> =>
  raw.map(([p, q]) => [Either.getOrThrow(Decimal.parse(p)), Either.getOrThrow(Decimal.parse(q))] as const)

/** Most decimals any price / quantity of the recording needs (trailing zeros ignored). */
const decimalsNeeded = (values: ReadonlyArray<string>): number =>
  values.reduce((max, v) => Math.max(max, Decimal.decimalPlaces(Decimal.unsafe(v))), 0)

const seconds = (s: string): number => Math.round(Number(s) * 1000)

const timings = { watchdog: "30 seconds", heartbeat: "10 seconds" } as const
const venues = {
  spot: {
    files: ["spot/BINANCE.ws.1.0", "spot/BINANCE.http.0.0"],
    protocol: Streams.protocol({
      venue: "binance",
      baseUrl: "wss://stream.binance.com:9443",
      ...timings,
      textTopics: Streams.isDepthTopic
    }),
    decodePayload: Codec.depthPayloadDecoder(Convert.spot),
    decodeParsed: Codec.decodeDepthUpdate
  },
  usdm: {
    files: ["usdm/BINANCE_FUTURES.ws.1.0", "usdm/BINANCE_FUTURES.http.0.0"],
    protocol: Streams.protocol({
      venue: "binance-usdm",
      baseUrl: "wss://fstream.binance.com",
      ...timings,
      textTopics: Streams.isDepthTopic
    }),
    decodePayload: Codec.depthPayloadDecoder(Convert.usdm),
    decodeParsed: Codec.depthUpdateDecoder(Convert.usdm)
  }
} as const

export const load = (
  venue: "spot" | "usdm",
  options?: { readonly path?: "text" | "parsed" }
): ReadonlyArray<Recording> => {
  const { decodeParsed, decodePayload, files: [ws, http], protocol } = venues[venue]
  const updates = new Map<string, Array<BookUpdate>>()
  for (const line of lines(ws)) {
    if (line.includes(" <-> ") || line.includes(" <- ")) continue
    const [time, body] = splitRecord(line)
    const frame = JSON.parse(body) as { readonly data?: { readonly e?: string } }
    if (frame.data?.e !== "depthUpdate") continue
    let update: BookUpdate | ReturnType<typeof decodeParsed>
    if (options?.path === "parsed") {
      update = decodeParsed(frame.data, seconds(time))
    } else {
      const routed = protocol.routeText!(body)
      if (routed === undefined) throw new Error(`a recorded depth frame was not routed from its text: ${body}`)
      update = decodePayload(routed.payload, seconds(time))
      if (!isBookDecodeFailure(update) && !(update instanceof TextBookUpdate)) {
        throw new Error(`a recorded depth frame was not read from its text: ${body}`)
      }
    }
    if (isBookDecodeFailure(update)) throw new Error(update.message)
    const list = updates.get(update.venueSymbol) ?? []
    list.push(update)
    updates.set(update.venueSymbol, list)
  }
  return lines(http).map((line) => {
    const [head, body] = splitRecord(line)
    const [url, time] = head.split(" -> ") as [string, string]
    const symbol = /symbol=(\w+)/.exec(url)![1]!
    const json = JSON.parse(body) as {
      readonly lastUpdateId: number
      readonly E?: number
      readonly bids: Array<[string, string]>
      readonly asks: Array<[string, string]>
    }
    const list = updates.get(symbol) ?? []
    const prices = [...json.bids, ...json.asks].map(([p]) => p)
      .concat(list.flatMap((u) => [...u.bids, ...u.asks].map(([p]) => p)))
    const sizes = [...json.bids, ...json.asks].map(([, q]) => q)
      .concat(list.flatMap((u) => [...u.bids, ...u.asks].map(([, q]) => q)))
    // The recording does not carry the exchange info of 2021; the market uses the coarsest
    // power-of-ten tick and lot every recorded price and size sits on.
    const market: Market = {
      venue: venue === "spot" ? "binance" : "binance-usdm",
      symbol,
      unified: symbol,
      base: symbol,
      quote: "",
      type: venue === "spot" ? "spot" : "perp",
      status: "trading",
      tickSize: BigDecimal.make(1n, decimalsNeeded(prices)),
      lotStep: BigDecimal.make(1n, decimalsNeeded(sizes)),
      minQuantity: Decimal.zero,
      contractSize: BigDecimal.make(1n, 0)
    }
    return {
      symbol,
      snapshot: {
        symbol,
        venueSymbol: symbol,
        bids: toLevels(json.bids),
        asks: toLevels(json.asks),
        sequence: json.lastUpdateId,
        ...(json.E === undefined ? {} : { timestamp: json.E })
      },
      snapshotTime: seconds(time),
      rawBids: json.bids,
      rawAsks: json.asks,
      updates: list,
      market
    }
  })
}
