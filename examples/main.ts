/**
 * `npm start`: the quick-start bot (examples/quick-start.ts: the last price every few seconds) and a
 * small trader, side by side, against the exchange `lotusx.config.toml` describes — out of the box an
 * embedded sandbox, a local exchange speaking Binance's wire protocol, started in this process. No
 * network, no keys. Stop it with Ctrl+C; LOTUSX_BOT_ROUNDS=N stops the trader after N rounds.
 *
 * The trader keeps one post-only bid 0.2 % under the best bid and moves it when the market moves.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { BigDecimal, Console, Effect, Option } from "effect"
import { Exchange } from "../src/Exchange.js"
import * as Decimal from "../src/model/Decimal.js"
import type { Order } from "../src/model/Order.js"
import { ExchangeLive, program as quickStart } from "./quick-start.js"

const SYMBOL = "BTC/USDT"

export const trader = (rounds: number) =>
  Effect.gen(function*() {
    const exchange = yield* Exchange
    const market = yield* exchange.market(SYMBOL)
    const quantity = Decimal.roundToStep(Decimal.unsafe("0.001"), market.lotStep, "toward-zero")
    let resting: Order | undefined
    for (let round = 1; round <= rounds; round++) {
      const ticker = yield* exchange.ticker(SYMBOL)
      const bestBid = ticker.bid ?? ticker.last
      const price = Decimal.roundToStep(BigDecimal.multiply(bestBid, Decimal.unsafe("0.998")), market.tickSize, "down")
      if (resting !== undefined && !BigDecimal.equals(resting.price ?? Decimal.zero, price)) {
        const canceled = yield* exchange.cancelOrder({ symbol: SYMBOL, id: resting.id })
        yield* Console.log(`  trader: canceled order ${canceled.id} (${canceled.status})`)
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
          `  trader: bid ${Decimal.format(quantity)} ${market.base} @ ${
            Decimal.format(price)
          } — order ${resting.id} ${resting.status}`
        )
      }
      const quote = (yield* exchange.balances).find((b) => b.asset === market.quote)
      yield* Console.log(
        `  trader: ${market.quote} free ${
          Option.match(Option.fromNullable(quote), { onNone: () => "0", onSome: (b) => Decimal.format(b.free) })
        }, ` +
          `locked ${
            Option.match(Option.fromNullable(quote), { onNone: () => "0", onSome: (b) => Decimal.format(b.locked) })
          }`
      )
      yield* Effect.sleep("2 seconds")
    }
    yield* exchange.cancelAllOrders(SYMBOL)
    yield* Console.log("  trader: done, every order canceled")
  })

const rounds = Number.parseInt(process.env["LOTUSX_BOT_ROUNDS"] ?? "1000000", 10)

Effect.raceFirst(quickStart, trader(rounds)).pipe(
  Effect.provide(ExchangeLive),
  NodeRuntime.runMain
)
