/**
 * `npm start`: starts the LotusX sandbox in-process (a local exchange on 127.0.0.1 speaking
 * Binance's wire protocol) and runs a small bot against it over real HTTP and websockets:
 * it watches trades, keeps one post-only bid a little under the market, and moves it as the price
 * moves. No network, no keys. Stop it with Ctrl+C (or set LOTUSX_BOT_ROUNDS).
 */
import { NodeHttpClient, NodeRuntime, NodeSocket } from "@effect/platform-node"
import { BigDecimal, Console, Effect, Layer, Option, Redacted } from "effect"
import { Binance, Decimal, Exchange, type Order, Sandbox } from "../src/index.js"

const SYMBOL = "BTC/USDT"

/** One round: read the market, (re)quote a bid 0.2 % under the best bid, report. */
const bot = (rounds: number) =>
  Effect.gen(function*() {
    const exchange = yield* Exchange
    const market = yield* exchange.market(SYMBOL)
    let resting: Order.Order | undefined
    for (let round = 1; round <= rounds; round++) {
      const ticker = yield* exchange.ticker(SYMBOL)
      const bestBid = ticker.bid ?? ticker.last
      const price = Decimal.roundToStep(BigDecimal.multiply(bestBid, Decimal.unsafe("0.998")), market.tickSize, "down")
      const quantity = Decimal.unsafe("0.001")
      if (resting !== undefined && !BigDecimal.equals(resting.price ?? Decimal.zero, price)) {
        const canceled = yield* exchange.cancelOrder({ symbol: SYMBOL, id: resting.id })
        yield* Console.log(`  canceled ${canceled.id} (${canceled.status})`)
        resting = undefined
      }
      if (resting === undefined) {
        resting = yield* exchange.placeOrder({
          symbol: SYMBOL,
          side: "buy",
          type: "limit",
          postOnly: true,
          price,
          quantity
        })
        yield* Console.log(
          `  placed   ${resting.id}: buy ${Decimal.format(quantity)} @ ${Decimal.format(price)} (${resting.status})`
        )
      }
      const usdt = (yield* exchange.balances).find((b) => b.asset === "USDT")
      yield* Console.log(
        `round ${round}: last ${Decimal.format(ticker.last)}  bid ${Decimal.format(bestBid)}  ` +
          `USDT free ${
            Option.match(Option.fromNullable(usdt), { onNone: () => "0", onSome: (b) => Decimal.format(b.free) })
          }`
      )
      yield* Effect.sleep("1 second")
    }
    if (resting !== undefined) yield* exchange.cancelAllOrders(SYMBOL)
    yield* Console.log("done: every order canceled")
  })

const main = Effect.gen(function*() {
  const sandbox = yield* Sandbox.start()
  yield* Console.log(
    `LotusX sandbox on 127.0.0.1:${sandbox.port} (seed ${sandbox.seed}); Binance REST ${sandbox.urls.binance.rest}`
  )
  const binance = Binance.layer({
    environment: "sandbox",
    restUrl: sandbox.urls.binance.rest,
    wsUrl: sandbox.urls.binance.ws,
    credentials: {
      apiKey: Redacted.make(sandbox.credentials.binance.apiKey),
      secret: sandbox.credentials.binance.secret
    }
  })
  const rounds = Number.parseInt(process.env["LOTUSX_BOT_ROUNDS"] ?? "1000000", 10)
  yield* bot(rounds).pipe(Effect.provide(binance))
})

main.pipe(
  Effect.scoped,
  Effect.provide(Layer.mergeAll(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)),
  NodeRuntime.runMain
)
