/**
 * Market data with LotusX: markets, a ticker, the top of the book, then 10 live trades.
 *
 *   npx tsx examples/market-data.ts            # against an embedded sandbox (no network, no keys)
 *   LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT=mainnet npx tsx examples/market-data.ts   # against Binance itself
 */
import { NodeHttpClient, NodeRuntime, NodeSocket } from "@effect/platform-node"
import { Console, Effect, Layer, Stream } from "effect"
import { Binance, Decimal, Exchange, Sandbox } from "../src/index.js"

/** The program: it only needs an `Exchange`. */
export const program = (symbol: string, tradeCount = 10) =>
  Effect.gen(function*() {
    const exchange = yield* Exchange
    const markets = yield* exchange.markets
    yield* Console.log(`${exchange.venue} (${exchange.environment}): ${markets.all.length} markets`)
    const market = yield* exchange.market(symbol)
    yield* Console.log(
      `${market.unified}: tick ${Decimal.format(market.tickSize)}, lot ${Decimal.format(market.lotStep)}, ` +
        `min notional ${market.minNotional ? Decimal.format(market.minNotional) : "-"}`
    )
    const ticker = yield* exchange.ticker(symbol)
    yield* Console.log(`last ${Decimal.format(ticker.last)}  24h volume ${Decimal.format(ticker.baseVolume!)}`)
    const book = yield* exchange.orderBook(symbol, 5)
    for (const [price, size] of [...book.asks].reverse()) {
      yield* Console.log(`  ask ${Decimal.format(price)}  ${Decimal.format(size)}`)
    }
    for (const [price, size] of book.bids) yield* Console.log(`  bid ${Decimal.format(price)}  ${Decimal.format(size)}`)
    yield* exchange.watchTrades(symbol).pipe(
      Stream.take(tradeCount),
      Stream.runForEach((t) =>
        Console.log(`trade ${t.id}: ${t.side} ${Decimal.format(t.quantity)} @ ${Decimal.format(t.price)}`)
      )
    )
  })

const Platform = Layer.mergeAll(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)

/** Binance against an embedded sandbox, or the real venue with LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT=mainnet|testnet. */
export const BinanceLive = (environment: string | undefined) =>
  environment === "mainnet" || environment === "testnet"
    ? Binance.layer({ environment })
    : Layer.unwrapScoped(Effect.map(Sandbox.start(), (sandbox) =>
      Binance.layer({ environment: "sandbox", restUrl: sandbox.urls.binance.rest, wsUrl: sandbox.urls.binance.ws })))

if (import.meta.url === `file://${process.argv[1]}`) {
  program("BTC/USDT").pipe(
    Effect.provide(BinanceLive(process.env["LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT"]).pipe(Layer.provide(Platform))),
    NodeRuntime.runMain
  )
}
