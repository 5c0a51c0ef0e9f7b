/**
 * A live order book with LotusX: the book's state changes, then for each update the best bid and
 * ask (exact) and the size on each side of the top 5 levels (read from the view's integer arrays,
 * the fast path).
 *
 *   npx tsx examples/live-book.ts            # against an embedded sandbox (no network, no keys)
 *   LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT=mainnet npx tsx examples/live-book.ts   # against Binance itself
 */
import { NodeHttpClient, NodeRuntime, NodeSocket } from "@effect/platform-node"
import { Console, Effect, Layer, Stream } from "effect"
import { Decimal, Exchange, LiveOrderBook } from "../src/index.js"
import { BinanceLive } from "./market-data.js"

/** Total lots of the first `n` levels of a flat `[ticks, lots, …]` array. */
const lotsOf = (levels: ReadonlyArray<number>, n: number) => {
  let lots = 0
  for (let i = 0; i < n && 2 * i < levels.length; i++) lots += levels[2 * i + 1]!
  return lots
}

/** The program: it only needs an `Exchange`. */
export const program = (symbol: string, updates = 10) =>
  Effect.gen(function*() {
    const exchange = yield* Exchange
    const book = yield* LiveOrderBook.fromExchange(exchange, symbol, { depth: 20 })
    yield* book.views.pipe(
      Stream.tap((view) =>
        view.state === "live" ? Effect.void : Console.log(view.state + (view.reason ? `: ${view.reason}` : ""))
      ),
      Stream.filter((view) => view.state === "live"),
      Stream.take(updates),
      Stream.runForEach((view) => {
        const [bid, bidSize] = view.bestBid!
        const [ask, askSize] = view.bestAsk!
        const top5 = `top 5: ${Decimal.format(view.sizeOf(lotsOf(view.bidsScaled, 5)))} bid / ${
          Decimal.format(view.sizeOf(lotsOf(view.asksScaled, 5)))
        } ask`
        return Console.log(
          `#${view.sequence} ${Decimal.format(bidSize)} @ ${Decimal.format(bid)} | ` +
            `${Decimal.format(ask)} @ ${Decimal.format(askSize)}  ${top5}`
        )
      })
    )
  }).pipe(Effect.scoped)

const Platform = Layer.mergeAll(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)

if (import.meta.url === `file://${process.argv[1]}`) {
  program("BTC/USDT").pipe(
    Effect.provide(BinanceLive(process.env["LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT"]).pipe(Layer.provide(Platform))),
    NodeRuntime.runMain
  )
}
