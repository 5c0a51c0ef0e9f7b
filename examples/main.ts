/**
 * `npm start`: the quick-start bot (examples/quick-start.ts: the last price every few seconds) and a
 * small trader, side by side, against the exchange `lotusx.config.toml` describes — out of the box an
 * embedded sandbox, a local exchange speaking Binance's wire protocol, started in this process. No
 * network, no keys. Stop it with Ctrl+C (or SIGTERM, to npm or to this process): the trader's resting
 * bid is canceled on the way out. `[strategy.trader] rounds = N` in lotusx.config.toml (or LOTUSX_STRATEGY_TRADER_ROUNDS=N) stops
 * the trader after N rounds.
 *
 * The trader keeps one post-only bid 0.2 % under the best bid and moves it when the market moves.
 * When the market trades through it, the bid is filled: the trader reports the fill and places a new
 * one. A failed round (a rate limit, a dropped connection) is reported and the next round tries again.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { BigDecimal, Cause, Config, Console, type Duration, Effect, Option } from "effect"
import { pathToFileURL } from "node:url"
import { Exchange } from "../src/Exchange.js"
import * as Decimal from "../src/model/Decimal.js"
import type { Order } from "../src/model/Order.js"
import { ExchangeLive, program as quickStart } from "./quick-start.js"

const SYMBOL = "BTC/USDT"

/** What became of the resting order: still open, filled, or gone some other way. */
const describeOrder = (order: Order) =>
  order.status === "filled"
    ? `filled ${Decimal.format(order.filledQuantity)} @ ${Decimal.format(order.averagePrice ?? order.price!)}`
    : BigDecimal.isZero(order.filledQuantity)
    ? order.status
    : `${order.status}, ${Decimal.format(order.filledQuantity)} filled`

/**
 * The trader. It cancels whatever it left on the book when it stops, however it stops (done,
 * failed, interrupted by Ctrl+C or SIGTERM).
 */
export const trader = (rounds: number, every: Duration.DurationInput = "2 seconds") =>
  Effect.gen(function*() {
    const exchange = yield* Exchange
    const market = yield* exchange.market(SYMBOL)
    const quantity = Decimal.roundToStep(Decimal.unsafe("0.001"), market.lotStep, "toward-zero")
    let resting: Order | undefined

    yield* Effect.addFinalizer(() =>
      exchange.cancelAllOrders(SYMBOL).pipe(
        Effect.flatMap((canceled) =>
          Console.log(
            canceled.length === 0
              ? "  trader: stopped, nothing left on the book"
              : `  trader: stopped, canceled ${canceled.map((o) => `order ${o.id}`).join(", ")}`
          )
        ),
        Effect.catchAll((error) =>
          Console.error(`  trader: stopped, but could not cancel open orders on ${SYMBOL}: ${error.message}`)
        ),
        Effect.timeout("10 seconds"),
        Effect.catchAll(() => Console.error(`  trader: stopped, cancel of open orders on ${SYMBOL} timed out`))
      )
    )

    /** Looks the resting order up when it is no longer on the book (filled, most likely). */
    const settle = (order: Order) =>
      exchange.getOrder({ symbol: SYMBOL, id: order.id }).pipe(
        Effect.flatMap((now) => Console.log(`  trader: order ${now.id} ${describeOrder(now)}`))
      )

    const round = Effect.gen(function*() {
      const ticker = yield* exchange.ticker(SYMBOL)
      const bestBid = ticker.bid ?? ticker.last
      const price = Decimal.roundToStep(BigDecimal.multiply(bestBid, Decimal.unsafe("0.998")), market.tickSize, "down")
      if (resting !== undefined && !BigDecimal.equals(resting.price ?? Decimal.zero, price)) {
        const order = resting
        yield* exchange.cancelOrder({ symbol: SYMBOL, id: order.id }).pipe(
          Effect.flatMap((canceled) =>
            Console.log(`  trader: canceled order ${canceled.id} (${describeOrder(canceled)})`)
          ),
          // Not on the book any more: the market traded through the bid since the last round
          Effect.catchTag("OrderNotFound", () => settle(order))
        )
        resting = undefined
      }
      if (resting !== undefined) {
        const now = yield* exchange.getOrder({ symbol: SYMBOL, id: resting.id })
        if (now.status === "filled") {
          yield* Console.log(`  trader: order ${now.id} ${describeOrder(now)}`)
          resting = undefined
        }
      }
      if (resting === undefined) {
        const placed = yield* exchange.placeOrder({
          symbol: SYMBOL,
          side: "buy",
          type: "limit",
          postOnly: true,
          price,
          quantity
        })
        yield* Console.log(
          `  trader: bid ${Decimal.format(quantity)} ${market.base} @ ${Decimal.format(price)} — order ${placed.id} ${
            describeOrder(placed)
          }`
        )
        resting = placed.status === "open" || placed.status === "partially_filled" ? placed : undefined
      }
      const quote = Option.fromNullable((yield* exchange.balances).find((b) => b.asset === market.quote))
      const show = (
        pick: (b: { readonly free: Decimal.Decimal; readonly locked: Decimal.Decimal }) => Decimal.Decimal
      ) => Option.match(quote, { onNone: () => "0", onSome: (b) => Decimal.format(pick(b)) })
      yield* Console.log(`  trader: ${market.quote} free ${show((b) => b.free)}, locked ${show((b) => b.locked)}`)
    })

    for (let n = 1; n <= rounds; n++) {
      yield* round.pipe(
        Effect.catchAll((error) =>
          Console.error(`  trader: round ${n} failed (${error._tag}: ${error.message}); trying again next round`)
        )
      )
      yield* Effect.sleep(every)
    }
    yield* Console.log("  trader: done")
  }).pipe(Effect.scoped)

/** The trader's parameters: `[strategy.trader]` (`LOTUSX_STRATEGY_TRADER_ROUNDS`), default (practically) forever. */
export const Rounds = Config.integer("rounds").pipe(
  Config.validate({ message: "Expected a positive whole number of rounds", validation: (n) => n > 0 }),
  Config.withDefault(1_000_000),
  Config.nested("trader"),
  Config.nested("strategy")
)

const reason = (error: unknown): string =>
  typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error)

/**
 * The demo: both bots until the trader is done or the process is told to stop. The trader runs on
 * the main fiber, so on Ctrl+C its finalizer cancels the resting bid while the exchange (and its HTTP
 * client) is still up. Whatever ends it, the output ends with one readable line, never a stack trace.
 */
export const demo = Effect.gen(function*() {
  const rounds = yield* Rounds
  yield* Effect.forkScoped(quickStart)
  yield* trader(rounds)
}).pipe(
  Effect.scoped,
  Effect.provide(ExchangeLive),
  Effect.catchAllCause((cause) =>
    Cause.isInterruptedOnly(cause)
      ? Effect.void
      : Effect.zipRight(
        Console.error(`demo stopped: ${reason(Cause.squash(cause))}`),
        Effect.sync(() => {
          process.exitCode = 1
        })
      )
  )
)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // `npm start` runs this under npm's shell, which does not pass SIGTERM on: when npm is stopped the
  // shell goes and this process is left running, re-parented. Stop then as if told to (the finalizer
  // cancels the bid) rather than trade on unattended.
  const parent = process.ppid
  const orphaned = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(orphaned)
      console.error("demo: the process that started it is gone; stopping")
      process.kill(process.pid, "SIGTERM")
    }
  }, 500)
  orphaned.unref()
  NodeRuntime.runMain(demo, { disableErrorReporting: true })
}
