/**
 * `lotusx markets --exchange X [--search TEXT]`: the venue's instruments.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { format } from "../../model/Decimal.js"
import type { Market } from "../../model/Market.js"
import * as CliFailure from "../CliFailure.js"
import * as Out from "../CliOutput.js"
import * as Session from "../Session.js"

/**
 * The `--json` shape of a market (decimals as strings, `null` when absent).
 * @since 0.1.0
 */
export const marketJson = (m: Market) => ({
  symbol: m.symbol,
  unified: m.unified,
  base: m.base,
  quote: m.quote,
  settle: m.settle ?? null,
  type: m.type,
  status: m.status,
  tickSize: format(m.tickSize),
  lotStep: format(m.lotStep),
  minQuantity: format(m.minQuantity),
  maxQuantity: m.maxQuantity === undefined ? null : format(m.maxQuantity),
  minNotional: m.minNotional === undefined ? null : format(m.minNotional),
  contractSize: format(m.contractSize)
})

/**
 * Whether a market matches a search text (case-insensitive, on symbols and assets).
 * @since 0.1.0
 */
export const matches = (m: Market, text: string): boolean => {
  const needle = text.toUpperCase()
  return [m.symbol, m.unified, m.base, m.quote].some((s) => s.toUpperCase().includes(needle))
}

/**
 * @since 0.1.0
 */
export const command = Command.make(
  "markets",
  {
    ...Session.exchangeOptions,
    search: Options.text("search").pipe(
      Options.withDescription("Only markets whose symbol or assets contain TEXT"),
      Options.optional
    )
  },
  (options) =>
    Effect.scoped(Effect.gen(function*() {
      const { exchange } = yield* Session.connect(options)
      const markets = yield* exchange.markets.pipe(Effect.mapError((e) => CliFailure.fromError(e)))
      const chosen = Option.match(options.search, {
        onNone: () => markets.all,
        onSome: (text) => markets.all.filter((m) => matches(m, text))
      })
      if (options.json) {
        return yield* Out.json({
          exchange: exchange.venue,
          environment: exchange.environment,
          markets: chosen.map(marketJson)
        })
      }
      if (chosen.length === 0) {
        return yield* Out.line(`no markets on ${exchange.venue} match "${Option.getOrElse(options.search, () => "")}"`)
      }
      yield* Out.line(
        ...Out.table([
          ["SYMBOL", "UNIFIED", "TYPE", "STATUS", "TICK", "LOT", "MIN QTY", "MIN NOTIONAL"],
          ...chosen.map((m) => {
            const j = marketJson(m)
            return [j.symbol, j.unified, j.type, j.status, j.tickSize, j.lotStep, j.minQuantity, j.minNotional ?? "-"]
          })
        ]),
        `${chosen.length} market(s) on ${exchange.venue} [${exchange.environment}]`
      )
    })).pipe(Session.withTelemetry(options))
).pipe(Command.withDescription("List the exchange's markets"))
