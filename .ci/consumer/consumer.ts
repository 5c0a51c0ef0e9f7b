// A TypeScript consumer of the packed lotusx, type-checked strict, NodeNext, skipLibCheck false.
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Binance, BookBus, BookIngest, Decimal, Errors, Exchange, LotusConfig, Sandbox, SandboxExchange } from "lotusx"
import * as BookBusDeep from "lotusx/cluster/BookBus"
import * as BookIngestDeep from "lotusx/cluster/BookIngest"
import * as LotusConfigDeep from "lotusx/config/LotusConfig"
import { Exchange as ExchangeDeep } from "lotusx/Exchange"
import * as DecimalDeep from "lotusx/model/Decimal"
import * as Promised from "lotusx/promise"

const program: Effect.Effect<string, Errors.ExchangeError, Exchange> = Effect.gen(function*() {
  const exchange = yield* Exchange
  const ticker = yield* exchange.ticker("BTC/USDT")
  return Decimal.format(ticker.last)
})

const platform = Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)
export const onSandbox = program.pipe(Effect.provide(SandboxExchange.layer("binance", { seed: 1 })), Effect.provide(platform))
export const onMainnet = program.pipe(Effect.provide(Binance.layer({ environment: "mainnet" })), Effect.provide(platform))
export const fromConfig = program.pipe(Effect.provide(LotusConfig.layer("binance")), Effect.provide(platform))
export const withKey = Binance.layer({
  environment: "testnet",
  credentials: { apiKey: Redacted.make("key"), secret: Redacted.make("secret") }
})
export const started = Effect.scoped(Effect.map(Sandbox.start({ seed: 1 }), (s) => Sandbox.connection(s, "binance")))
export const same: typeof Exchange = ExchangeDeep
export const deep = [LotusConfigDeep.defaultPath, DecimalDeep.format(DecimalDeep.unsafe("1.5"))]

export const promised = async (): Promise<string> => {
  const exchange = await Promised.sandbox("binance")
  try {
    const ticker = await exchange.ticker("BTC/USDT")
    const last: string = ticker.last
    return last
  } catch (error) {
    if (error instanceof Promised.LotusXError) {
      const tag: Errors.ErrorTag = error.tag
      const outcome: "definitive" | "transient" | "ambiguous" = error.outcome
      return `${tag} ${outcome} ${error.venueCode ?? ""}`
    }
    throw error
  } finally {
    await exchange.close()
  }
}

// the market-data bus (issue 17): bus-fed books and the ingest, from the barrel and deep
export const busLayer = BookBus.layer({ url: "redis://127.0.0.1:6379" })
export const busDeep: typeof BookBus.exchange = BookBusDeep.exchange
export const ingestRun: typeof BookIngest.run = BookIngestDeep.run
