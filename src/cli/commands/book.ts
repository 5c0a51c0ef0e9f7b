/**
 * `lotusx book --exchange X --symbol S [--depth N] [--count N] [--duration D]`: the LiveOrderBook of
 * one market as a ladder with its state — redrawn in place on a terminal, one block per view when
 * piped, one JSON line per view with `--json`. Runs until Ctrl+C, `--count` views or `--duration`.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as LiveOrderBook from "../../book/LiveOrderBook.js"
import type { OrderBookView } from "../../book/OrderBookView.js"
import { format } from "../../model/Decimal.js"
import * as CliFailure from "../CliFailure.js"
import { CliOutput } from "../CliOutput.js"
import * as Session from "../Session.js"
import * as Watch from "../Watch.js"
import { symbolOption } from "./getTicker.js"

/**
 * The `--json` shape of one view (one line each).
 * @since 0.1.0
 */
export const viewJson = (exchange: string, view: OrderBookView) => ({
  exchange,
  symbol: view.symbol,
  venueSymbol: view.venueSymbol,
  state: view.state,
  reason: view.reason ?? null,
  sequence: view.sequence ?? null,
  exchangeTime: view.exchangeTime ?? null,
  receiveTime: view.receiveTime,
  bids: view.bids.map(([p, q]) => [format(p), format(q)]),
  asks: view.asks.map(([p, q]) => [format(p), format(q)])
})

/**
 * Exact decimal strings padded with trailing zeros to the same number of decimals, so that they
 * line up on the point: `["60069", "60117.08"]` → `["60069.00", "60117.08"]`.
 * @since 0.1.0
 */
export const alignDecimals = (values: ReadonlyArray<string>): ReadonlyArray<string> => {
  const decimals = (v: string) => v.includes(".") ? v.length - v.indexOf(".") - 1 : 0
  const most = Math.max(0, ...values.map(decimals))
  return values.map((v) => most === 0 ? v : `${v}${v.includes(".") ? "" : "."}${"0".repeat(most - decimals(v))}`)
}

/**
 * The ladder of one view as lines: asks (best at the bottom), the spread, bids (best on top).
 * Prices and sizes are padded to the same decimals so that they line up.
 * @since 0.1.0
 */
export const ladder = (exchange: string, environment: string, view: OrderBookView, depth: number) => {
  const j = viewJson(exchange, view)
  const time = new Date(view.exchangeTime ?? view.receiveTime).toISOString()
  const header = `${view.symbol} on ${exchange} [${environment}]  ${view.state.toUpperCase()}  seq ${
    view.sequence ?? "-"
  }  ${time}`
  if (view.state !== "live") return [header, `  (no levels: ${view.reason ?? view.state})`]
  const asks = j.asks.slice(0, depth)
  const bids = j.bids.slice(0, depth)
  const shown = [...asks, ...bids]
  const prices = alignDecimals(shown.map(([p]) => p!))
  const sizes = alignDecimals(shown.map(([, q]) => q!))
  const aligned = shown.map((_, i) => [prices[i]!, sizes[i]!] as const)
  const width = Math.max(5, ...prices.map((p) => p.length))
  const sizeWidth = Math.max(4, ...sizes.map((q) => q.length))
  const level = (side: string, [p, q]: readonly [string, string]) =>
    `  ${side}  ${p.padStart(width)}  ${q.padStart(sizeWidth)}`
  const spread = view.bestBid !== undefined && view.bestAsk !== undefined
    ? `  ---- spread ${format(BigDecimal.subtract(view.bestAsk[0], view.bestBid[0]))} ----`
    : "  ----"
  return [
    header,
    `       ${"PRICE".padStart(width)}  ${"SIZE".padStart(sizeWidth)}`,
    ...aligned.slice(0, asks.length).reverse().map((l) => level("ask", l)),
    spread,
    ...aligned.slice(asks.length).map((l) => level("bid", l))
  ]
}

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "book",
  {
    ...Session.exchangeOptions,
    symbol: symbolOption,
    depth: Options.integer("depth").pipe(Options.withDescription("Levels per side"), Options.withDefault(10)),
    ...Watch.options("views")
  },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      if (options.depth < 1 || options.depth > 1000) {
        return yield* new CliFailure.CliFailure({
          message: `--depth must be 1..1000, got ${options.depth}`,
          exitCode: 2
        })
      }
      const limited = yield* Watch.limits(options)
      const { exchange } = yield* Session.connect(options)
      const book = yield* LiveOrderBook.fromExchange(exchange, options.symbol, { depth: options.depth }).pipe(
        Effect.mapError((e) => CliFailure.fromError(e))
      )
      const out = yield* CliOutput
      let drawn = 0
      const show = (view: OrderBookView) =>
        Effect.sync(() => {
          if (options.json) return out.write(`${JSON.stringify(viewJson(exchange.venue, view))}\n`)
          const lines = ladder(exchange.venue, exchange.environment, view, options.depth)
          if (out.isTTY) {
            out.write(`${drawn > 0 ? `\x1b[${drawn}A` : ""}\x1b[0J${lines.join("\n")}\n`)
            drawn = lines.length
          } else {
            out.write(`${lines.join("\n")}\n\n`)
          }
        })
      yield* limited(book.views).pipe(Stream.runForEach(show), Effect.mapError((e) => CliFailure.fromError(e)))
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Watch the live order book of one market"))
