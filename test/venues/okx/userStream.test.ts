/**
 * OKX v5 private stream codecs, from the payload examples of the official documentation, read
 * 2026-12-06 (pages dated 2026-07):
 * https://www.okx.com/docs-v5/en/#overview-websocket-login (login request and replies),
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-ws-order-channel (the SPOT push example),
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-account-channel (the push example),
 * https://www.okx.com/docs-v5/en/#trading-account-websocket-positions-channel (the push example;
 * its SWAP item is the inverse `ETH-USD-SWAP`, which the connector does not list: here its instId
 * is the linear `BTC-USDT-SWAP`, the rest as documented),
 * https://www.okx.com/docs-v5/en/#order-book-trading-trade-get-transaction-details-last-3-months
 * (the response example; `/trade/fills` answers the same fields).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createHmac } from "node:crypto"
import * as Decimal from "../../../src/model/Decimal.js"
import { makeMarkets } from "../../../src/model/Market.js"
import * as Orders from "../../../src/venues/okx/orders.js"
import * as UserStream from "../../../src/venues/okx/userStream.js"
import * as Wire from "../../../src/venues/okx/wire.js"
import { spot, swap } from "./instruments.js"

const fmt = Decimal.format
/** BTC-USDT and BTC-USDT-SWAP (contracts of 0.01 BTC). */
const markets = makeMarkets("okx", [spot, swap])

/** The `orders` push example of the documentation (SPOT BTC-USDT, a maker fill). */
const orderPush = {
  arg: { channel: "orders", instType: "SPOT", instId: "BTC-USDT", uid: "614488474791936" },
  data: [{
    accFillSz: "0.001",
    algoClOrdId: "",
    algoId: "",
    amendResult: "",
    amendSource: "",
    avgPx: "31527.1",
    cancelSource: "",
    category: "normal",
    ccy: "",
    clOrdId: "",
    code: "0",
    cTime: "1654084334977",
    execType: "M",
    fee: "-0.02522168",
    feeCcy: "USDT",
    fillFee: "-0.02522168",
    fillFeeCcy: "USDT",
    fillNotionalUsd: "31.50818374",
    fillPx: "31527.1",
    fillSz: "0.001",
    fillPnl: "0.01",
    fillTime: "1654084353263",
    fillPxVol: "",
    fillPxUsd: "",
    fillMarkVol: "",
    fillFwdPx: "",
    fillMarkPx: "",
    fillIdxPx: "",
    instId: "BTC-USDT",
    instType: "SPOT",
    lever: "0",
    msg: "",
    notionalUsd: "31.50818374",
    ordId: "452197707845865472",
    ordType: "limit",
    pnl: "0",
    posSide: "",
    px: "31527.1",
    pxUsd: "",
    pxVol: "",
    pxType: "",
    quickMgnType: "",
    rebate: "0",
    rebateCcy: "BTC",
    reduceOnly: "false",
    reqId: "",
    side: "sell",
    attachAlgoClOrdId: "",
    slOrdPx: "",
    slTriggerPx: "",
    slTriggerPxType: "last",
    source: "",
    state: "filled",
    stpId: "",
    stpMode: "",
    sz: "0.001",
    tag: "",
    tdMode: "cash",
    tgtCcy: "",
    tpOrdPx: "",
    tpTriggerPx: "",
    tpTriggerPxType: "last",
    attachAlgoOrds: [],
    tradeId: "242589207",
    tradeQuoteCcy: "USDT",
    lastPx: "38892.2",
    uTime: "1654084353264",
    isTpLimit: "false",
    linkedAlgoOrd: { algoId: "" }
  }]
}

const positionItem = {
  adl: "1",
  availPos: "1",
  avgPx: "2566.31",
  cTime: "1619507758793",
  ccy: "ETH",
  imr: "",
  instId: "BTC-USDT-SWAP",
  instType: "SWAP",
  interest: "0",
  idxPx: "2566.13",
  last: "2566.22",
  usdPx: "",
  bePx: "2353.949",
  lever: "10",
  liab: "",
  liabCcy: "",
  liqPx: "2352.8496681818233",
  markPx: "2353.849",
  margin: "0.0003896645377994",
  mgnMode: "isolated",
  mgnRatio: "11.731726509588816",
  mmr: "0.0000311811092368",
  notionalUsd: "2276.2546609009605",
  optVal: "",
  pTime: "1619507761462",
  pos: "1",
  posCcy: "",
  posId: "307173036051017730",
  posSide: "long",
  tradeId: "109844",
  uTime: "1619507761462",
  upl: "-0.0000009932766034",
  realizedPnl: "0.001",
  pnl: "0.0011",
  fee: "-0.0001",
  fundingFee: "0"
}

/** The response example of `/trade/fills-history`. */
const documentedFill = {
  side: "buy",
  fillSz: "0.00192834",
  fillPx: "51858",
  fillPxVol: "",
  fillFwdPx: "",
  fee: "-0.00000192834",
  fillPnl: "0",
  ordId: "680800019749904384",
  feeRate: "-0.001",
  instType: "SPOT",
  fillPxUsd: "",
  instId: "BTC-USDT",
  clOrdId: "",
  posSide: "net",
  billId: "680800019754098688",
  subType: "1",
  fillMarkVol: "",
  tag: "",
  fillTime: "1708587373361",
  execType: "T",
  fillIdxPx: "",
  tradeId: "744876980",
  fillMarkPx: "",
  feeCcy: "BTC",
  ts: "1708587373362",
  tradeQuoteCcy: "USDT"
}

/** The response example of `/trade/orders-history` (a SPOT market buy of 100 USDT). */
const documentedHistoryOrder = {
  accFillSz: "0.00192834",
  avgPx: "51858",
  cTime: "1708587373361",
  cancelSource: "",
  category: "normal",
  clOrdId: "",
  fee: "-0.00000192834",
  feeCcy: "BTC",
  fillPx: "51858",
  fillSz: "0.00192834",
  fillTime: "1708587373361",
  instId: "BTC-USDT",
  instType: "SPOT",
  ordId: "680800019749904384",
  ordType: "market",
  posSide: "",
  px: "",
  reduceOnly: "false",
  side: "buy",
  state: "filled",
  sz: "100",
  tdMode: "cash",
  tgtCcy: "quote_ccy",
  tradeId: "744876980",
  uTime: "1708587373362"
}

describe("OKX private stream", () => {
  it("login: the documented frame, signed over timestamp + GET + /users/self/verify; the replies", () =>
    Effect.gen(function*() {
      const conn = yield* UserStream.userStreams({ fills: () => Effect.succeed([]), orders: () => Effect.succeed([]) })
        .open({} as never, {
          baseUrl: "wss://wspap.okx.com:8443/",
          credentials: {
            apiKey: Redacted.make("985d5b66-57ce-40fb-b714-afc0b9787083"),
            secret: Redacted.make("22582BD0CFF14C41EDBF1AB98506286D"),
            passphrase: Redacted.make("123456")
          },
          now: 1538054050_975
        })
      assert.strictEqual(conn.url, "wss://wspap.okx.com:8443/ws/v5/private")
      const login = JSON.parse(conn.login[0]!)
      assert.strictEqual(login.op, "login")
      assert.deepStrictEqual(login.args, [{
        apiKey: "985d5b66-57ce-40fb-b714-afc0b9787083",
        passphrase: "123456",
        timestamp: "1538054050",
        sign: createHmac("sha256", "22582BD0CFF14C41EDBF1AB98506286D").update("1538054050GET/users/self/verify")
          .digest("base64")
      }])
      assert.deepStrictEqual(JSON.parse(conn.subscribe[0]!).args, [
        { channel: "orders", instType: "ANY" },
        { channel: "account" },
        { channel: "positions", instType: "ANY" }
      ])
      const ok = { event: "login", code: "0", msg: "", connId: "a4d3ae55" }
      assert.strictEqual(UserStream.decode(ok, markets)._tag, "LoggedIn")
      const refused = UserStream.decode(
        { event: "error", code: "60009", msg: "Login failed.", connId: "a4d3ae55" },
        markets
      )
      assert.deepStrictEqual(refused, { _tag: "Refused", reason: "60009 Login failed." })
      const ack = { id: "1512", event: "subscribe", arg: { channel: "account", ccy: "BTC" }, connId: "a4d3ae55" }
      assert.strictEqual(UserStream.decode(ack, markets)._tag, "Control")
      const busy = UserStream.decode(
        { event: "error", code: "60014", msg: "Requests too frequent", connId: "x" },
        markets
      )
      assert.strictEqual(busy._tag, "Terminated", "a transient refusal reconnects")
    }).pipe(Effect.runSync))

  it("orders: the documented push → its fill (fee paid, positive; maker) and the order", () => {
    const frame = UserStream.decode(orderPush, markets)
    assert.strictEqual(frame._tag, "Events")
    if (frame._tag !== "Events") return
    const [fill, order] = frame.events
    assert.strictEqual(fill?._tag, "Fill")
    assert.strictEqual(order?._tag, "Order")
    if (fill?._tag !== "Fill" || order?._tag !== "Order") return
    assert.deepStrictEqual(
      [
        fill.fill.id,
        fill.fill.orderId,
        fill.fill.symbol,
        fill.fill.side,
        fmt(fill.fill.price),
        fmt(fill.fill.quantity)
      ],
      ["242589207", "452197707845865472", "BTC/USDT", "sell", "31527.1", "0.001"]
    )
    assert.deepStrictEqual([fmt(fill.fill.fee), fill.fill.feeAsset, fill.fill.maker], ["0.02522168", "USDT", true])
    assert.strictEqual(fill.fill.timestamp, 1654084353263)
    assert.strictEqual(order.order.status, "filled")
    assert.strictEqual(fmt(order.order.filledQuantity), "0.001")
    assert.strictEqual(order.order.updatedAt, 1654084353264)
  })

  it("orders: a SWAP push is in contracts and comes out in base units; an update without a fill is no fill", () => {
    const item = {
      ...orderPush.data[0],
      instId: "BTC-USDT-SWAP",
      instType: "SWAP",
      sz: "3",
      accFillSz: "2",
      fillSz: "2"
    }
    const frame = UserStream.decode({ ...orderPush, data: [item] }, markets)
    if (frame._tag !== "Events") return assert.fail(frame._tag)
    const fill = frame.events.find((e) => e._tag === "Fill")
    const order = frame.events.find((e) => e._tag === "Order")
    if (fill?._tag !== "Fill" || order?._tag !== "Order") return assert.fail("fill and order")
    assert.deepStrictEqual([fill.fill.symbol, fmt(fill.fill.quantity)], ["BTC/USDT:USDT", "0.02"])
    assert.deepStrictEqual([fmt(order.order.quantity), fmt(order.order.filledQuantity)], ["0.03", "0.02"])
    const noFill = { tradeId: "", fillPx: "", fillSz: "0", fillFee: "0" }
    const live = { ...orderPush.data[0], ...noFill, state: "live", accFillSz: "0" }
    const quiet = UserStream.decode({ ...orderPush, data: [live] }, markets)
    if (quiet._tag !== "Events") return assert.fail(quiet._tag)
    assert.deepStrictEqual(quiet.events.map((e) => e._tag), ["Order"])
    const options = { ...item, instId: "BTC-USD-240329-60000-C", instType: "OPTION" }
    const skipped = UserStream.decode({ ...orderPush, data: [options] }, markets)
    assert.deepStrictEqual(skipped, { _tag: "Events", events: [] }, "instruments the connector does not list")
  })

  it("orders: a bad number is a decode failure, never zero", () => {
    const bad = { ...orderPush.data[0], fillSz: "0.0.1" }
    assert.strictEqual(UserStream.decode({ ...orderPush, data: [bad] }, markets)._tag, "DecodeFailure")
  })

  it("account: the documented push → the changed balances (not the whole account)", () => {
    const frame = UserStream.decode({
      arg: { channel: "account", uid: "44*********584" },
      eventType: "snapshot",
      curPage: 1,
      lastPage: true,
      data: [{
        adjEq: "55444.12216906034",
        availEq: "55444.12216906034",
        details: [{
          availBal: "4734.371190691436",
          availEq: "4734.371190691435",
          cashBal: "4750.426970691436",
          ccy: "USDT",
          collateralEnabled: false,
          eq: "4892.951170691435",
          frozenBal: "158.57998",
          ordFrozen: "0",
          uTime: "1705564213903",
          upl: "-7.475800000000003"
        }],
        totalEq: "55868.06403501676",
        uTime: "1705564223311"
      }]
    }, markets)
    if (frame._tag !== "Events") return assert.fail(frame._tag)
    const [balances] = frame.events
    if (balances?._tag !== "Balances") return assert.fail("balances")
    assert.isFalse(balances.complete)
    const [usdt] = balances.balances
    assert.deepStrictEqual(
      [usdt!.asset, fmt(usdt!.total), fmt(usdt!.free), fmt(usdt!.locked)],
      ["USDT", "4750.426970691436", "4734.371190691436", "158.57998"]
    )
  })

  it("positions: the documented push in base units; a closed position is flat", () => {
    const arg = { channel: "positions", uid: "77982378738415879", instType: "ANY" }
    const frame = UserStream.decode(
      { arg, eventType: "snapshot", curPage: 1, lastPage: true, data: [positionItem] },
      markets
    )
    if (frame._tag !== "Events") return assert.fail(frame._tag)
    const [p] = frame.events
    if (p?._tag !== "Position") return assert.fail("position")
    assert.deepStrictEqual(
      [p.position.symbol, p.position.side, fmt(p.position.size), fmt(p.position.entryPrice), p.position.marginMode],
      ["BTC/USDT:USDT", "long", "0.01", "2566.31", "isolated"]
    )
    const closed = UserStream.decode({
      arg,
      eventType: "event_update",
      data: [{ ...positionItem, pos: "0", avgPx: "", posSide: "net" }]
    }, markets)
    if (closed._tag !== "Events" || closed.events[0]?._tag !== "Position") return assert.fail("closed")
    assert.strictEqual(fmt(closed.events[0].position.size), "0")
  })

  it("fills: the documented /trade/fills-history row → a fill (fee paid in BTC, taker)", () => {
    const row = Schema.decodeUnknownSync(Wire.FillRow)(documentedFill)
    const fill = UserStream.toFill(markets.byVenueSymbol("BTC-USDT", "spot")!, row)
    assert.deepStrictEqual(
      [fill.id, fill.orderId, fill.side, fmt(fill.price), fmt(fill.quantity), fmt(fill.fee), fill.feeAsset, fill.maker],
      ["744876980", "680800019749904384", "buy", "51858", "0.00192834", "0.00000192834", "BTC", false]
    )
    assert.strictEqual(fill.timestamp, 1708587373361)
  })

  it("reconciliation: every page of a history, `after` the last row's key; the documented orders-history row", () =>
    Effect.gen(function*() {
      const queries: Array<Readonly<Record<string, string>>> = []
      const rows = yield* UserStream.allPages(
        (query) =>
          Effect.sync(() => {
            queries.push(query)
            const from = queries.length === 1 ? 0 : 100
            return Array.from({ length: queries.length === 1 ? 100 : 3 }, (_, k) => ({ id: String(1000 - from - k) }))
          }),
        { instType: "SWAP", begin: "1708587373000" },
        (row) => row.id
      )
      assert.strictEqual(rows.length, 103)
      assert.deepStrictEqual(queries, [
        { instType: "SWAP", begin: "1708587373000", limit: "100" },
        { instType: "SWAP", begin: "1708587373000", limit: "100", after: "901" }
      ])
      const order = Orders.toOrder(spot, Schema.decodeUnknownSync(Wire.Order)(documentedHistoryOrder))
      assert.deepStrictEqual(
        [order.id, order.type, order.status, fmt(order.quantity), fmt(order.filledQuantity), fmt(order.averagePrice!)],
        ["680800019749904384", "market", "filled", "0.00192834", "0.00192834", "51858"],
        "a market buy sized in USDT (tgtCcy quote_ccy, sz 100): its quantity is the BTC it filled"
      )
    }).pipe(Effect.runSync))
})
