/**
 * ccxt's static request fixtures for Bybit (test/fixtures/ccxt-static/request/bybit.json): for every
 * case whose unified call maps onto LotusX's, the connector's own request builders produce the same
 * method, path, query and body (ignoring the fixture's skipKeys). Cases that do not map (trigger,
 * TP/SL, hedge-mode, options, inverse, quote-amount orders) and ccxt-specific quirks are listed with
 * the reason.
 */
import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import type { OrderRef } from "../../../src/Exchange.js"
import * as Decimal from "../../../src/model/Decimal.js"
import type { Market } from "../../../src/model/Market.js"
import type { OrderRequest } from "../../../src/model/Order.js"
import { fundingHistoryQuery, klineQuery } from "../../../src/venues/bybit/Bybit.js"
import * as Convert from "../../../src/venues/bybit/convert.js"
import * as Endpoints from "../../../src/venues/bybit/endpoints.js"
import * as Trading from "../../../src/venues/bybit/orders.js"

interface Case {
  readonly description: string
  readonly method: string
  readonly url: string
  readonly input: ReadonlyArray<unknown>
  readonly output?: string | null
  readonly disabled?: boolean
}
const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/ccxt-static/request/bybit.json", import.meta.url), "utf8")
) as { skipKeys: ReadonlyArray<string>; methods: Record<string, ReadonlyArray<Case>> }
const skip = new Set(fixture.skipKeys)

const d = Decimal.unsafe
const market = (base: string, type: "spot" | "perp", tick: string, step: string): Market => ({
  venue: "bybit",
  symbol: `${base}USDT`,
  unified: type === "spot" ? `${base}/USDT` : `${base}/USDT:USDT`,
  base,
  quote: "USDT",
  ...(type === "perp" ? { settle: "USDT" } : {}),
  type,
  status: "trading",
  tickSize: d(tick),
  lotStep: d(step),
  minQuantity: d(step),
  contractSize: d("1")
})
const markets = [
  market("LTC", "spot", "0.01", "0.00001"),
  market("ADA", "spot", "0.0001", "0.01"),
  market("XRP", "spot", "0.0001", "0.01"),
  market("BTC", "spot", "0.01", "0.000001"),
  market("LTC", "perp", "0.01", "0.1"),
  market("ADA", "perp", "0.0001", "1"),
  market("BTC", "perp", "0.1", "0.001"),
  market("ETH", "perp", "0.01", "0.01")
]
const m = (unified: string) => markets.find((x) => x.unified === unified)!

type Built = {
  readonly method: string
  readonly path: string
  readonly query?: Record<string, string>
  readonly body?: unknown
}

const num = (x: unknown) => d(String(x))
const order = (input: ReadonlyArray<unknown>): OrderRequest => {
  const [symbol, type, side, amount, price, params] = input as [
    string,
    "limit" | "market",
    "buy" | "sell",
    number,
    number | null,
    Record<string, unknown> | undefined
  ]
  return {
    symbol,
    type,
    side,
    quantity: num(amount),
    ...(price !== null && price !== undefined ? { price: num(price) } : {}),
    ...(params?.postOnly === true ? { postOnly: true } : {}),
    ...(params?.reduceOnly === true ? { reduceOnly: true } : {})
  }
}

/** LotusX's request for a case, built with the connector's own builders. */
const build: Record<string, (input: ReadonlyArray<unknown>) => Built> = {
  createOrder: (input) => {
    const r = order(input)
    return { method: "POST", path: Endpoints.createOrder.path, body: Trading.orderBody(m(r.symbol), r, "x") }
  },
  cancelOrder: ([id, symbol]) => ({
    method: "POST",
    path: Endpoints.cancelOrder.path,
    body: Trading.orderQuery(m(symbol as string), { symbol: symbol as string, id: id as string })
  }),
  fetchOrder: ([id, symbol]) => ({
    method: "GET",
    path: Endpoints.openOrders.path,
    query: Trading.orderQuery(m(symbol as string), { symbol: symbol as string, id: id as string }) as Record<
      string,
      string
    >
  }),
  // ccxt's `{type: "swap"}` on "LTC/USDT" names the perpetual, which LotusX writes "LTC/USDT:USDT".
  fetchOpenOrders: ([symbol, , , params]) => ({
    method: "GET",
    path: Endpoints.openOrders.path,
    query: Convert.at(
      m((params as { type?: string } | undefined)?.type === "swap" ? `${symbol as string}:USDT` : symbol as string)
    ) as Record<string, string>
  }),
  fetchBalance: () => ({ method: "GET", path: Endpoints.walletBalance.path, query: { ...Trading.balanceQuery } }),
  fetchPositions: () => ({ method: "GET", path: Endpoints.positions.path, query: Trading.positionsQuery() }),
  fetchOHLCV: ([symbol, timeframe, since, limit, params]) => {
    const interval = (timeframe ?? "1m") as "1m" | "1h"
    const until = (params as { until?: number } | undefined)?.until
    return {
      method: "GET",
      path: Endpoints.kline.path,
      query: klineQuery(m(symbol as string), Convert.klineIntervals[interval]!, {
        since: (since ?? undefined) as number | undefined,
        until,
        limit: (limit ?? undefined) as number | undefined
      })
    }
  },
  createOrders: ([orders]) => {
    const items = (orders as Array<Record<string, unknown>>).map((o) => {
      const r = order([o.symbol, o.type, o.side, o.amount, o.price])
      return { market: m(r.symbol), request: r, clientOrderId: "x" }
    })
    return {
      method: "POST",
      path: Endpoints.createBatch.path,
      body: Trading.batchCreateBody(items)
    }
  },
  cancelOrders: ([ids, symbol, params]) => {
    const mk = m(symbol as string)
    const refs: Array<OrderRef> = [
      ...(ids as Array<string>).map((id) => ({ symbol: mk.symbol, id })),
      ...((params as { clientOrderIds?: Array<string> } | undefined)?.clientOrderIds ?? []).map((clientOrderId) => ({
        symbol: mk.symbol,
        clientOrderId
      }))
    ]
    return {
      method: "POST",
      path: Endpoints.cancelBatch.path,
      body: Trading.batchCancelBody(refs.map((ref) => ({ market: mk, ref })))
    }
  },
  cancelAllOrders: ([symbol]) => ({
    method: "POST",
    path: Endpoints.cancelAll.path,
    body: Convert.at(m(symbol as string))
  }),
  fetchFundingRateHistory: ([symbol, since, limit]) => ({
    method: "GET",
    path: Endpoints.fundingHistory.path,
    query: fundingHistoryQuery(m(symbol as string), { since: since as number, limit: limit as number }, 1769540663000)
  })
}

/** Cases that do not map onto the unified API, or where ccxt adds its own quirk: with the reason. */
const knownDifferences: Record<string, string> = {
  "createOrder/takeProfit limit order": "trigger / TP-SL orders are not in the unified OrderRequest",
  "createOrder/sl limit order": "trigger / TP-SL orders are not in the unified OrderRequest",
  "createOrder/sl market order": "trigger / TP-SL orders are not in the unified OrderRequest",
  "createOrder/protective oco order - limit": "position TP/SL (`/v5/position/trading-stop`) is not a unified order",
  "createOrder/protective oco order - market with amount": "position TP/SL is not a unified order",
  "createOrder/protective oco order - market without amount": "position TP/SL is not a unified order",
  "createOrder/spot order with sl type 3": "attached TP/SL is not in the unified OrderRequest",
  "createOrder/spot order with to/sl": "attached TP/SL is not in the unified OrderRequest",
  "createOrder/spot stopLossPrice order": "trigger orders are not in the unified OrderRequest",
  "createOrder/spot market order with stopPrice": "trigger orders (and ccxt's quote-cost market buy) are not unified",
  "createOrder/spot limit buy with triggerPrice": "trigger orders are not in the unified OrderRequest",
  "createOrder/Spot market order":
    "ccxt turns amount × price into a quote-amount market buy; LotusX market orders are in the base asset (marketUnit=baseCoin)",
  "createOrder/swap limit buy with triggerPrice and triggerDirection above": "trigger orders are not unified",
  "createOrder/swap limit buy with triggerPrice and triggerDirection below": "trigger orders are not unified",
  "createOrder/Swap limit sell with takeProfitPrice(Type2) while setting the endpoint to privatePostV5OrderCreate":
    "TP orders are not unified",
  "createOrder/Swap limit sell with stopLossPrice(Type2) while setting the endpoint to privatePostV5OrderCreate":
    "SL orders are not unified",
  "createOrder/swap limit sell stopLossPrice": "SL orders are not unified",
  "createOrder/swap limit sell takeProfitPrice": "TP orders are not unified",
  "createOrder/Opening position with sl + tp attached (type 3)": "attached TP/SL is not unified",
  "createOrder/Create swap trigger order with stopLoss attached": "trigger orders are not unified",
  "createOrder/Spot market buy order with createMarketBuyOrderRequiresPrice set to false on the testnet (classic only)":
    "classic-account quote-amount market buy; LotusX targets the unified account",
  "createOrder/Swap trailingAmount order": "trailing stops are not unified",
  "createOrder/Swap inverse market buy order": "inverse contracts are not traded by this connector",
  "createOrder/Swap inverse market sell order": "inverse contracts are not traded by this connector",
  "createOrder/Create market sell with cost (UTA only)": "quote-amount market orders are not unified",
  "createOrder/market sell with cost in params (UTA only)": "quote-amount market orders are not unified",
  "createOrder/Create swap limit order with tp+sl limit orders attached": "attached TP/SL is not unified",
  "createOrder/spot order with weird price and amount":
    "ccxt rounds price and amount to the market's precision; LotusX refuses an order off the tick/lot grid (InvalidOrder) rather than rounding silently",
  "createOrder/swap order with weird price and amount": "same: LotusX never rounds silently",
  "createOrder/market option order": "options are not traded by this connector",
  "createOrder/limit option order": "options are not traded by this connector",
  "createOrder/swap market buy hedged order": "hedge mode (positionIdx) is not unified",
  "createOrder/swap market sell hedged order": "hedge mode (positionIdx) is not unified",
  "createOrder/swap hedged reduceOnly sell order": "hedge mode (positionIdx) is not unified",
  "createOrder/swap hedged buy reduceOnly order": "hedge mode (positionIdx) is not unified",
  "cancelOrder/Spot cancelOrder":
    "ccxt adds orderFilter=Order for spot; LotusX leaves Bybit's default (all kinds of orders, unified account)",
  "cancelOrder/Spot cancel a stop order": "stop orders are not unified",
  "fetchOrder/inverse swap": "inverse contracts are not traded by this connector",
  "fetchOpenOrders/Spot fetch open trigger orders": "stop orders are not unified",
  "fetchBalance/fetch funding balance": "the funding account is not the trading balance",
  "fetchBalance/inverse balance should use unified when account is > UTA 1.0":
    "ccxt option (subType) with no unified counterpart; the request equals the default case",
  "fetchBalance/fetch funding balance using options": "the funding account is not the trading balance",
  "fetchBalance/fetch funding balance using options: funding": "the funding account is not the trading balance",
  "fetchBalance/fetch inverse balance": "classic-account CONTRACT wallet; LotusX targets the unified account",
  "createOrders/Swap create orders":
    "ccxt rounds amount 0.11 to the market's 0.1 step; LotusX refuses off-grid quantities rather than rounding",
  "cancelAllOrders/Swap cancel all open stop orders": "stop orders are not unified",
  "cancelAllOrders/Spot cancel all open stop orders": "stop orders are not unified",
  "fetchFundingRateHistory/contract with a funding interval different from 8h":
    "ccxt derives endTime from the market's funding interval; LotusX ends a start-only range now (Bybit rejects startTime alone)"
}

const compare = (actual: unknown, expected: unknown, path: string): void => {
  if (typeof expected === "object" && expected !== null) {
    assert.isTrue(typeof actual === "object" && actual !== null, `${path}: expected an object`)
    if (Array.isArray(expected)) {
      assert.isTrue(Array.isArray(actual), `${path}: expected an array`)
      assert.strictEqual((actual as Array<unknown>).length, expected.length, `${path}: length`)
      expected.forEach((e, i) => compare((actual as Array<unknown>)[i], e, `${path}[${i}]`))
      return
    }
    const a = actual as Record<string, unknown>
    const e = expected as Record<string, unknown>
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => !skip.has(k)).sort()
    assert.deepStrictEqual(keys(a), keys(e), `${path}: keys`)
    for (const k of keys(e)) compare(a[k], e[k], `${path}.${k}`)
    return
  }
  assert.strictEqual(actual, expected, path)
}

describe("ccxt static request fixtures (bybit)", () => {
  let checked = 0
  for (const [method, cases] of Object.entries(fixture.methods)) {
    const builder = build[method]
    if (builder === undefined) continue
    for (const c of cases) {
      const id = `${method}/${c.description}`
      const reason = knownDifferences[id]
      if (c.disabled === true) {
        it.skip(`${id} — disabled in ccxt`, () => {})
        continue
      }
      if (reason !== undefined) {
        it.skip(`${id} — known difference: ${reason}`, () => {})
        continue
      }
      it(id, () => {
        checked++
        const built = builder(c.input)
        const url = new URL(c.url)
        assert.strictEqual(built.path, url.pathname)
        if (c.output === undefined || c.output === null) {
          assert.strictEqual(built.method, "GET")
          const expected = Object.fromEntries([...url.searchParams].filter(([k]) => !skip.has(k)))
          const actual = Object.fromEntries(
            Object.entries(built.query ?? {}).filter(([k, v]) => !skip.has(k) && v !== undefined)
          )
          assert.deepStrictEqual(actual, expected)
        } else {
          assert.strictEqual(built.method, "POST")
          compare(built.body, JSON.parse(c.output), "$")
        }
      })
    }
  }
  it("checked at least 15 cases", () => assert.isAtLeast(checked, 15))
})
