/**
 * Bybit v5 private stream codecs, from the payload examples of the official documentation
 * (https://bybit-exchange.github.io/docs/v5/websocket/private/order, …/execution, …/wallet,
 * …/position, https://bybit-exchange.github.io/docs/v5/ws/connect), read 2026-12-06. The order
 * example there is an option; here its category and symbol are a linear market's, the rest as
 * documented.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import * as Decimal from "../../../src/model/Decimal.js"
import { makeMarkets, type Market } from "../../../src/model/Market.js"
import * as UserStream from "../../../src/venues/bybit/userStream.js"

const d = Decimal.unsafe
const market = (base: string, type: "spot" | "perp"): Market => ({
  venue: "bybit",
  symbol: `${base}USDT`,
  unified: type === "spot" ? `${base}/USDT` : `${base}/USDT:USDT`,
  base,
  quote: "USDT",
  ...(type === "perp" ? { settle: "USDT" } : {}),
  type,
  status: "trading",
  tickSize: d("0.0001"),
  lotStep: d("1"),
  minQuantity: d("1"),
  contractSize: d("1")
})
const markets = makeMarkets("bybit", [market("XRP", "perp"), market("BTC", "perp"), market("BTC", "spot")])
const fmt = Decimal.format

describe("Bybit private stream", () => {
  it("auth: the documented frame, signed over GET/realtime + expires; the replies", () =>
    Effect.gen(function*() {
      const conn = yield* UserStream.userStreams.open({} as never, {
        baseUrl: "wss://stream.bybit.com/",
        credentials: { apiKey: Redacted.make("XXXXXX"), secret: Redacted.make("YYYYYY") },
        now: 1662350400000
      })
      assert.strictEqual(conn.url, "wss://stream.bybit.com/v5/private")
      const auth = JSON.parse(conn.login[0]!)
      assert.strictEqual(auth.op, "auth")
      const [key, expires, signature] = auth.args
      assert.strictEqual(key, "XXXXXX")
      assert.isAbove(expires, 1662350400000)
      assert.strictEqual(signature, createHmac("sha256", "YYYYYY").update(`GET/realtime${expires}`).digest("hex"))
      assert.deepStrictEqual(JSON.parse(conn.subscribe[0]!).args, ["order", "execution", "wallet", "position"])
      const ok = { success: true, ret_msg: "", op: "auth", conn_id: "cejreaspqfh3sjdnldmg-p" }
      assert.strictEqual(UserStream.decode(ok, markets)._tag, "LoggedIn")
      const no = { success: false, ret_msg: "Request not authorized", op: "auth", conn_id: "x" }
      const refused = UserStream.decode(no, markets)
      assert.strictEqual(refused._tag, "Refused")
      const pong = { req_id: "100001", op: "pong", args: ["1675418560633"], conn_id: "cfcb4ocsvfriu23r3er0-1b" }
      assert.strictEqual(UserStream.decode(pong, markets)._tag, "Control")
    }).pipe(Effect.runSync))

  it("order → the unified order", () => {
    const frame = {
      id: "5923240c6880ab-c59f-420b-9adb-3639adc9dd90",
      topic: "order",
      creationTime: 1672364262474,
      data: [{
        symbol: "BTCUSDT",
        orderId: "5cf98598-39a7-459e-97bf-76ca765ee020",
        side: "Sell",
        orderType: "Market",
        cancelType: "UNKNOWN",
        price: "72.5",
        qty: "1",
        orderIv: "",
        timeInForce: "IOC",
        orderStatus: "Filled",
        orderLinkId: "",
        lastPriceOnCreated: "",
        reduceOnly: false,
        leavesQty: "",
        leavesValue: "",
        cumExecQty: "1",
        cumExecValue: "75",
        avgPrice: "75",
        blockTradeId: "",
        positionIdx: 0,
        cumExecFee: "0.358635",
        createdTime: "1672364262444",
        updatedTime: "1672364262457",
        rejectReason: "EC_NoError",
        stopOrderType: "",
        tpslMode: "",
        triggerPrice: "",
        takeProfit: "",
        stopLoss: "",
        tpTriggerBy: "",
        slTriggerBy: "",
        tpLimitPrice: "",
        slLimitPrice: "",
        triggerDirection: 0,
        triggerBy: "",
        closeOnTrigger: false,
        category: "linear",
        placeType: "price",
        smpType: "None",
        smpGroup: 0,
        smpOrderId: "",
        feeCurrency: ""
      }]
    }
    const r = UserStream.decode(frame, markets)
    assert.strictEqual(r._tag, "Events")
    if (r._tag !== "Events") return
    const e = r.events[0]!
    assert.strictEqual(e._tag, "Order")
    if (e._tag !== "Order") return
    assert.strictEqual(e.order.symbol, "BTC/USDT:USDT")
    assert.strictEqual(e.order.status, "filled")
    assert.strictEqual(fmt(e.order.filledQuantity), "1")
    assert.strictEqual(e.order.updatedAt, 1672364262457)
  })

  it("execution → a fill with fee, fee asset and maker flag; non-trade executions are not fills", () => {
    const item = {
      category: "linear",
      symbol: "XRPUSDT",
      execFee: "0.005061",
      execId: "7e2ae69c-4edf-5800-a352-893d52b446aa",
      execPrice: "0.3374",
      execQty: "25",
      execType: "Trade",
      execValue: "8.435",
      isMaker: false,
      feeRate: "0.0006",
      tradeIv: "",
      markIv: "",
      blockTradeId: "",
      markPrice: "0.3391",
      indexPrice: "",
      underlyingPrice: "",
      leavesQty: "0",
      orderId: "f6e324ff-99c2-4e89-9739-3086e47f9381",
      orderLinkId: "",
      orderPrice: "0.3207",
      orderQty: "25",
      orderType: "Market",
      stopOrderType: "UNKNOWN",
      side: "Sell",
      execTime: "1672364174443",
      isLeverage: "0",
      closedSize: "",
      seq: 4688002127
    }
    const r = UserStream.decode({
      id: "592324803b2785-26fa-4214-9963-bdd4727f07be",
      topic: "execution",
      creationTime: 1672364174455,
      data: [item, { ...item, execType: "Funding", execId: "other" }]
    }, markets)
    assert.strictEqual(r._tag, "Events")
    if (r._tag !== "Events") return
    assert.strictEqual(r.events.length, 1)
    const e = r.events[0]!
    if (e._tag !== "Fill") return assert.fail("a fill")
    assert.strictEqual(e.fill.id, "7e2ae69c-4edf-5800-a352-893d52b446aa")
    assert.strictEqual(e.fill.symbol, "XRP/USDT:USDT")
    assert.strictEqual(fmt(e.fill.fee), "0.005061")
    assert.strictEqual(e.fill.feeAsset, "USDT", "linear fees are in the settle coin")
    assert.isFalse(e.fill.maker)
    assert.strictEqual(e.fill.timestamp, 1672364174443)
  })

  it("wallet → balances; position → the position (flat when side is empty)", () => {
    const wallet = UserStream.decode({
      id: "592324d2bce751-ad38-48eb-8f42-4671d1fb4d4e",
      topic: "wallet",
      creationTime: 1700034722104,
      data: [{
        accountIMRate: "0",
        accountMMRate: "0",
        totalEquity: "10262.91335023",
        totalWalletBalance: "9684.46297164",
        totalMarginBalance: "9684.46297164",
        totalAvailableBalance: "9556.6056555",
        totalPerpUPL: "0",
        totalInitialMargin: "0",
        totalMaintenanceMargin: "0",
        coin: [{
          coin: "BTC",
          equity: "0.00102964",
          usdValue: "36.70759517",
          walletBalance: "0.00102964",
          availableToWithdraw: "0.00102964",
          availableToBorrow: "",
          borrowAmount: "0",
          accruedInterest: "0",
          totalOrderIM: "",
          totalPositionIM: "",
          totalPositionMM: "",
          unrealisedPnl: "0",
          cumRealisedPnl: "-0.00000973",
          bonus: "0",
          collateralSwitch: true,
          marginCollateral: true,
          locked: "0",
          spotHedgingQty: "0.01592413"
        }],
        accountLTV: "0",
        accountType: "UNIFIED"
      }]
    }, markets)
    if (wallet._tag !== "Events") return assert.fail(JSON.stringify(wallet))
    const b = wallet.events[0]!
    if (b._tag !== "Balances") return assert.fail("balances")
    assert.deepStrictEqual(b.balances.map((x) => [x.asset, fmt(x.free), fmt(x.total)]), [[
      "BTC",
      "0.00102964",
      "0.00102964"
    ]])

    const position = UserStream.decode({
      id: "1003076014fb7eedb-c7e6-45d6-a8c1-270f0169171a",
      topic: "position",
      creationTime: 1697682317044,
      data: [{
        positionIdx: 2,
        tradeMode: 0,
        riskId: 1,
        riskLimitValue: "2000000",
        symbol: "BTCUSDT",
        side: "",
        size: "0",
        entryPrice: "0",
        sessionAvgPrice: "",
        leverage: "10",
        positionValue: "0",
        positionBalance: "0",
        markPrice: "28184.5",
        positionIM: "0",
        positionMM: "0",
        takeProfit: "0",
        stopLoss: "0",
        trailingStop: "0",
        unrealisedPnl: "0",
        cumRealisedPnl: "-25.06579337",
        curRealisedPnl: "0",
        createdTime: "1694402496913",
        updatedTime: "1697682317038",
        tpslMode: "Full",
        liqPrice: "0",
        bustPrice: "",
        category: "linear",
        positionStatus: "Normal",
        adlRankIndicator: 0,
        autoAddMargin: 0,
        leverageSysUpdatedTime: "",
        mmrSysUpdatedTime: "",
        seq: 8327597863,
        isReduceOnly: false
      }]
    }, markets)
    if (position._tag !== "Events") return assert.fail(JSON.stringify(position))
    const p = position.events[0]!
    if (p._tag !== "Position") return assert.fail("position")
    assert.strictEqual(p.position.symbol, "BTC/USDT:USDT")
    assert.strictEqual(fmt(p.position.size), "0")
    assert.strictEqual(p.position.timestamp, 1697682317038)
  })

  it("a malformed item is a decode failure, not a zero", () => {
    const r = UserStream.decode({
      topic: "execution",
      creationTime: 1,
      data: [{ category: "linear", symbol: "XRPUSDT" }]
    }, markets)
    assert.strictEqual(r._tag, "DecodeFailure")
  })
})
