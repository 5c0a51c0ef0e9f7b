/**
 * ccxt's static request fixtures for Hyperliquid (test/fixtures/ccxt-static/request/hyperliquid.json,
 * 92 cases): for every case whose unified call maps onto LotusX's, the connector's own request
 * builders produce the same endpoint and body (ignoring the fixture's skipKeys). Keys are compared
 * in order: the action is signed over its msgpack encoding, so the key order is part of the wire
 * format. Cases that do not map, and ccxt quirks, are skipped with the reason.
 *
 * Markets are the six of ccxt's stored markets (test/fixtures/ccxt-static/markets/hyperliquid.json),
 * built with the connector's own converters from their `meta` fields (name, szDecimals, asset id).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { readFileSync } from "node:fs"
import type { Interval } from "../../../src/model/Candle.js"
import * as Decimal from "../../../src/model/Decimal.js"
import type { Market } from "../../../src/model/Market.js"
import type { OrderRequest } from "../../../src/model/Order.js"
import { checkOrder } from "../../../src/model/OrderRules.js"
import * as Convert from "../../../src/venues/hyperliquid/convert.js"
import * as Endpoints from "../../../src/venues/hyperliquid/endpoints.js"
import { candleRequest, fundingHistoryRequest, refOf } from "../../../src/venues/hyperliquid/Hyperliquid.js"
import * as Trading from "../../../src/venues/hyperliquid/trading.js"

interface Case {
  readonly description: string
  readonly method: string
  readonly url: string
  readonly input: ReadonlyArray<unknown>
  readonly output?: string | null
  readonly disabled?: boolean
}
const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/ccxt-static/request/hyperliquid.json", import.meta.url), "utf8")
) as { skipKeys: ReadonlyArray<string>; methods: Record<string, ReadonlyArray<Case>> }
const stored = JSON.parse(
  readFileSync(new URL("../../fixtures/ccxt-static/markets/hyperliquid.json", import.meta.url), "utf8")
) as Record<string, { id: string; info: { name: string; szDecimals?: string; tokens?: [number, number] } }>
const skip = new Set(fixture.skipKeys)

const markets: ReadonlyArray<Market> = Object.values(stored).map((s) =>
  s.info.tokens === undefined
    ? Convert.perpMarket({ name: s.info.name, szDecimals: Number(s.info.szDecimals) }, Number(s.id))
    : Convert.spotMarkets({
      // PURR (token 1, szDecimals 0) quoted in USDC (token 0), pair index 0
      tokens: [{ name: "USDC", szDecimals: 8, index: 0 }, { name: "PURR", szDecimals: 0, index: 1 }],
      universe: [{ name: s.info.name, tokens: s.info.tokens, index: Number(s.id) - 10_000 }]
    }).markets[0]!
)
const m = (unified: string) => markets.find((x) => x.unified === unified)
const num = (x: unknown) => Decimal.unsafe(String(x))

type Built = { readonly path: string; readonly body: unknown } | { readonly skip: string }

const order = (
  symbol: string,
  type: "limit" | "market",
  side: "buy" | "sell",
  amount: number,
  price: number | null | undefined,
  params: Record<string, unknown> = {}
): Built => {
  const market = m(symbol)
  if (market === undefined) return { skip: `${symbol} is not among ccxt's stored markets` }
  const unsupported = ["triggerPrice", "stopLossPrice", "takeProfitPrice", "stopLoss", "takeProfit"].find((k) =>
    params[k] !== undefined
  )
  if (unsupported !== undefined) return { skip: `${unsupported}: trigger / TP-SL orders are not in the unified API` }
  if (params.timeInForce !== undefined && params.timeInForce !== "GTC") return { skip: "tif" }
  const request: OrderRequest = {
    symbol,
    type,
    side,
    quantity: num(amount),
    ...(type === "limit" ? { price: num(price) } : {}),
    ...(params.postOnly === true ? { postOnly: true } : {}),
    ...(params.reduceOnly === true || params.r === true ? { reduceOnly: true } : {})
  }
  const refused = checkOrder(market, request)
  if (Either.isLeft(refused)) {
    return { skip: `LotusX refuses it before signing (${refused.left.message}); ccxt rounds it` }
  }
  // ccxt's market orders take the given price as the reference for the slippage bound; LotusX takes the mid
  const price_ = type === "market"
    ? Trading.marketOrderPrice(market, side, num(price), Trading.defaultMarketSlippage)
    : request.price!
  const tif = Either.getOrThrow(Trading.tifOf(request))
  const cloid = typeof params.clientOrderId === "string" ? params.clientOrderId : undefined
  return {
    path: "/exchange",
    body: { action: Trading.placeAction([Trading.orderWire(market, request, price_, tif, cloid)]) }
  }
}

/** LotusX's request for a case, built with the connector's own builders. */
const build: Record<string, (input: ReadonlyArray<any>) => Built> = {
  fetchCurrencies: () => ({ path: "/info", body: Endpoints.requests.meta }),
  fetchTickers: ([, params]) => ({
    path: "/info",
    body: params?.type === "spot" ? Endpoints.requests.spotMetaAndAssetCtxs : Endpoints.requests.metaAndAssetCtxs
  }),
  createOrder: ([symbol, type, side, amount, price, params]) => {
    if (params?.vaultAddress !== undefined || params?.subAccountAddress !== undefined) {
      // the vault is a credential here: the signer adds `vaultAddress` beside the action; the action is the same
      const { subAccountAddress: _s, vaultAddress: _v, ...rest } = params
      return order(symbol, type, side, amount, price, rest)
    }
    return order(symbol, type, side, amount, price, params)
  },
  createOrders: ([orders]) => {
    const wires = []
    for (const o of orders as Array<any>) {
      const built = order(o.symbol, o.type, o.side, o.amount, o.price)
      if ("skip" in built) return built
      wires.push(...(built.body as any).action.orders)
    }
    return { path: "/exchange", body: { action: Trading.placeAction(wires) } }
  },
  editOrder: ([id, symbol, type, side, amount, price]) => {
    const market = m(symbol)!
    const request: OrderRequest = { symbol, type, side, quantity: num(amount), price: num(price) }
    const wire = Trading.orderWire(market, request, num(price), "Gtc", undefined)
    return { path: "/exchange", body: { action: Trading.batchModifyAction([{ oid: Number(id), order: wire }]) } }
  },
  cancelOrder: ([id, symbol]) => ({
    path: "/exchange",
    body: { action: Trading.cancelAction([{ market: m(symbol)!, oid: refOf({ symbol, id: String(id) }) as number }]) }
  }),
  cancelOrders: ([ids, symbol]) => ({
    path: "/exchange",
    body: {
      action: Trading.cancelAction((ids as Array<string>).map((id) => ({ market: m(symbol)!, oid: Number(id) })))
    }
  }),
  cancelOrdersForSymbols: ([orders]) => {
    const list = orders as Array<{ id?: string; clientOrderId?: string; symbol: string }>
    const action = list[0]!.clientOrderId !== undefined
      ? Trading.cancelByCloidAction(list.map((o) => ({ market: m(o.symbol)!, cloid: o.clientOrderId! })))
      : Trading.cancelAction(list.map((o) => ({ market: m(o.symbol)!, oid: Number(o.id) })))
    return { path: "/exchange", body: { action } }
  },
  fetchOrderBook: ([symbol]) =>
    m(symbol) === undefined
      ? { skip: `${symbol} is not among ccxt's stored markets` }
      : { path: "/info", body: Endpoints.requests.l2Book(m(symbol)!.symbol) },
  fetchOHLCV: ([symbol, timeframe, since, limit, params]) => {
    const market = m(symbol)
    if (market === undefined) return { skip: `${symbol} is not among ccxt's stored markets` }
    return {
      path: "/info",
      body: candleRequest(market, (timeframe ?? "1m") as Interval, {
        since: since ?? undefined,
        until: params?.until === undefined ? undefined : Number(params.until),
        limit: limit ?? undefined
      }, 1_700_000_000_000)
    }
  },
  fetchFundingRateHistory: ([symbol, since, limit, params]) => {
    const market = m(symbol)
    if (market === undefined) return { skip: `${symbol} is not among ccxt's stored markets` }
    if (params?.user !== undefined) return { skip: "ccxt sends a `user` the fundingHistory request does not take" }
    return { path: "/info", body: fundingHistoryRequest(market, { since, limit }, 1_700_000_000_000) }
  },
  fetchOpenOrders: ([, , , params]) => ({
    path: "/info",
    body: Endpoints.requests.frontendOpenOrders(params?.user ?? params?.subAccountAddress)
  }),
  fetchOrder: ([id, symbol, params]) => ({
    path: "/info",
    body: Endpoints.requests.orderStatus(
      params?.user ?? params?.subAccountAddress,
      refOf(Trading.isCloid(id) ? { symbol, clientOrderId: id } : { symbol, id })
    )
  }),
  fetchBalance: ([params]) => {
    const user = params?.user ?? params?.subAccountAddress
    return {
      path: "/info",
      body: params?.type === "spot"
        ? Endpoints.requests.spotClearinghouseState(user)
        : Endpoints.requests.clearinghouseState(user)
    }
  },
  fetchPosition: ([, params]) => ({
    path: "/info",
    body: Endpoints.requests.clearinghouseState(params?.user ?? params?.subAccountAddress)
  }),
  fetchPositions: ([, params]) => ({
    path: "/info",
    body: Endpoints.requests.clearinghouseState(params?.user ?? params?.subAccountAddress)
  }),
  setLeverage: ([leverage, symbol]) => ({
    path: "/exchange",
    body: { action: Trading.updateLeverageAction(m(symbol)!, leverage, true) }
  }),
  setMarginMode: ([mode, symbol, params]) => ({
    path: "/exchange",
    body: { action: Trading.updateLeverageAction(m(symbol)!, params.leverage, mode === "cross") }
  })
}

/** Methods with no counterpart in the unified API, with the reason. */
const notUnified: Record<string, string> = {
  createOrderWithTakeProfitAndStopLoss: "TP/SL orders are not in the unified API",
  cancelAllOrdersAfter: "scheduleCancel (dead man's switch) is not in the unified API",
  fetchTrades:
    "ccxt's hyperliquid fetchTrades reads the user's fills (userFills); LotusX trades are public (recentTrades)",
  fetchMyTrades: "user fills are not in the unified API yet",
  transfer: "transfers are not in the unified API",
  withdraw: "withdrawals are not in the unified API",
  fetchTradingFee: "fees are not in the unified API",
  fetchLedger: "ledgers are not in the unified API",
  fetchDeposits: "deposits are not in the unified API",
  fetchWithdrawals: "withdrawals are not in the unified API"
}

/** ccxt quirks inside otherwise-unified cases. */
const strip = (body: any): any => {
  if (body?.action?.builder !== undefined) {
    // ccxt attaches its own builder-fee code to orders; LotusX attaches none
    const { builder: _b, ...action } = body.action
    return { ...body, action }
  }
  return body
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
    const keys = (o: object) => Object.keys(o).filter((k) => !skip.has(k) && k !== "signature" && k !== "vaultAddress")
    // in order inside an action: its msgpack encoding (which is signed) follows its key order
    const ordered = path.startsWith("$.action")
    const list = (o: object) => ordered ? keys(o) : keys(o).sort()
    assert.deepStrictEqual(list(actual as object), list(expected), `${path}: keys${ordered ? " (in order)" : ""}`)
    for (const k of keys(expected)) compare((actual as any)[k], (expected as any)[k], `${path}.${k}`)
    return
  }
  assert.strictEqual(actual, expected, path)
}

describe("ccxt static request fixtures (hyperliquid)", () => {
  let checked = 0
  let total = 0
  for (const [method, cases] of Object.entries(fixture.methods)) {
    for (const c of cases) {
      total++
      const id = `${method}/${c.description}`
      if (notUnified[method] !== undefined) {
        it.skip(`${id} — not unified: ${notUnified[method]}`, () => {})
        continue
      }
      const builder = build[method]
      if (builder === undefined) {
        it.skip(`${id} — no builder`, () => {})
        continue
      }
      const built = builder(c.input)
      if ("skip" in built) {
        it.skip(`${id} — ${built.skip}`, () => {})
        continue
      }
      it(id, () => {
        checked++
        assert.strictEqual(new URL(c.url).pathname, built.path)
        compare(built.body, strip(JSON.parse(c.output!)), "$")
      })
    }
  }
  it("covers the fixture: 92 cases, most of them compared", () => {
    assert.strictEqual(total, 92)
    assert.isAtLeast(checked, 30)
  })
})
