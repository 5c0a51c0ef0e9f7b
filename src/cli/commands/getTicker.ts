/**
 * `lotusx get-ticker --exchange X --symbol S`: the 24-hour ticker of one market (native or unified
 * symbol).
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import { type Decimal, format } from "../../model/Decimal.js"
import type { Ticker } from "../../model/Ticker.js"
import * as CliFailure from "../CliFailure.js"
import * as Out from "../CliOutput.js"
import * as Session from "../Session.js"

const dec = (d: Decimal | undefined): string | null => d === undefined ? null : format(d)

/**
 * The `--json` shape of a ticker: every field present, decimals as strings, `null` when the venue
 * does not give it.
 * @since 0.1.0
 */
export const tickerJson = (exchange: string, environment: string, t: Ticker) => ({
  exchange,
  environment,
  symbol: t.symbol,
  venueSymbol: t.venueSymbol,
  timestamp: t.timestamp,
  last: format(t.last),
  bid: dec(t.bid),
  bidSize: dec(t.bidSize),
  ask: dec(t.ask),
  askSize: dec(t.askSize),
  open: dec(t.open),
  high: dec(t.high),
  low: dec(t.low),
  baseVolume: dec(t.baseVolume),
  quoteVolume: dec(t.quoteVolume),
  change: dec(t.change),
  percentage: dec(t.percentage)
})

/**
 * @since 0.1.0
 */
export const symbolOption = Options.text("symbol").pipe(
  Options.withAlias("s"),
  Options.withDescription("Native (BTCUSDT) or unified (BTC/USDT) symbol")
)

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "get-ticker",
  { ...Session.exchangeOptions, symbol: symbolOption },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      const { exchange } = yield* Session.connect(options)
      const t = yield* exchange.ticker(options.symbol).pipe(Effect.mapError((e) => CliFailure.fromError(e)))
      const j = tickerJson(exchange.venue, exchange.environment, t)
      if (options.json) return yield* Out.json(j)
      const withSize = (p: string | null, q: string | null) => p === null ? "-" : q === null ? p : `${p} x ${q}`
      yield* Out.line(
        `${t.symbol} (${t.venueSymbol}) on ${exchange.venue} [${exchange.environment}]`,
        ...Out.table([
          ["  last", j.last],
          ["  bid", withSize(j.bid, j.bidSize)],
          ["  ask", withSize(j.ask, j.askSize)],
          ["  24h", `open ${j.open ?? "-"}  high ${j.high ?? "-"}  low ${j.low ?? "-"}`],
          ["  change", `${j.change ?? "-"} (${j.percentage ?? "-"}%)`],
          ["  volume", `${j.baseVolume ?? "-"} base / ${j.quoteVolume ?? "-"} quote`],
          ["  time", new Date(t.timestamp).toISOString()]
        ])
      )
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("Print the 24-hour ticker of one market"))
