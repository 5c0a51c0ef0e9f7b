// LotusX quick start: print BTCUSDT's last price every 5 seconds. `npx tsx examples/quick-start.ts`
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import { Config, Console, DateTime, Effect, Layer, Schedule } from "effect"
import { pathToFileURL } from "node:url"
import * as LotusConfig from "../src/config/LotusConfig.js"
import { Exchange } from "../src/Exchange.js"
import * as Decimal from "../src/model/Decimal.js"

// The bot's parameters: [strategy.quick_start] in lotusx.config.toml
const Params = Config.all({
  symbol: Config.withDefault(Config.string("symbol"), "BTCUSDT"),
  interval: Config.withDefault(Config.duration("interval"), "5 seconds")
}).pipe(Config.nested("quick_start"), Config.nested("strategy"))

// The bot: fetch the ticker and print the last price, again every `interval`
export const program = Effect.gen(function*() {
  const exchange = yield* Exchange
  const { interval, symbol } = yield* Params
  const printPrice = exchange.ticker(symbol).pipe(
    Effect.flatMap((t) =>
      Effect.flatMap(
        DateTime.now,
        (now) => Console.log(`${DateTime.formatIso(now)}  ${t.symbol}  ${Decimal.format(t.last)}`)
      )
    ),
    Effect.catchAll((error) => Console.error(error.message))
  )
  yield* Effect.repeat(printPrice, Schedule.spaced(interval))
})

// The exchange as lotusx.config.toml describes it: environment = "sandbox" starts a local
// exchange in this process; "mainnet" talks to Binance itself (no keys needed for prices)
export const ExchangeLive = LotusConfig.layer("binance").pipe(
  Layer.provide(Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor))
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  program.pipe(Effect.provide(ExchangeLive), NodeRuntime.runMain)
}
