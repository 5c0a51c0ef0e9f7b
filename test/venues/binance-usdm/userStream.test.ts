/**
 * Binance USDⓈ-M user data stream codecs, from the payload examples of the official documentation
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/user-data-streams/Event-Order-Update,
 * …/Event-Balance-and-Position-Update, …/Event-User-Data-Stream-Expired), read 2026-12-06. The
 * documented order example is a new trailing stop; the trade is the same event with the documented
 * fields of an execution (`x: TRADE`, `l`, `L`, `n`, `N`, `t`).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Decimal from "../../../src/model/Decimal.js"
import { makeMarkets, type Market } from "../../../src/model/Market.js"
import * as UserStream from "../../../src/venues/binance/usdmUserStream.js"

const d = Decimal.unsafe
const btc: Market = {
  venue: "binance-usdm",
  symbol: "BTCUSDT",
  unified: "BTC/USDT:USDT",
  base: "BTC",
  quote: "USDT",
  settle: "USDT",
  type: "perp",
  status: "trading",
  tickSize: d("0.1"),
  lotStep: d("0.001"),
  minQuantity: d("0.001"),
  contractSize: d("1")
}
const markets = makeMarkets("binance-usdm", [btc])
const fmt = Decimal.format

const documented = {
  e: "ORDER_TRADE_UPDATE",
  E: 1568879465651,
  T: 1568879465650,
  o: {
    s: "BTCUSDT",
    c: "TEST",
    S: "SELL",
    o: "TRAILING_STOP_MARKET",
    f: "GTC",
    q: "0.001",
    p: "0",
    ap: "0",
    sp: "7103.04",
    x: "NEW",
    X: "NEW",
    i: 8886774,
    l: "0",
    z: "0",
    L: "0",
    N: "USDT",
    n: "0",
    T: 1568879465650,
    t: 0,
    b: "0",
    a: "9.91",
    m: false,
    R: false,
    wt: "CONTRACT_PRICE",
    ot: "TRAILING_STOP_MARKET",
    ps: "LONG",
    cp: false,
    AP: "7476.89",
    cr: "5.0",
    pP: false,
    si: 0,
    ss: 0,
    rp: "0",
    V: "EXPIRE_TAKER",
    pm: "OPPONENT",
    gtd: 0
  }
}

describe("Binance USDⓈ-M user data stream", () => {
  it("ORDER_TRADE_UPDATE NEW → the order, no fill", () => {
    const r = UserStream.decode(documented, markets)
    if (r._tag !== "Events") return assert.fail(JSON.stringify(r))
    assert.strictEqual(r.events.length, 1)
    const e = r.events[0]!
    if (e._tag !== "Order") return assert.fail("order")
    assert.strictEqual(e.order.id, "8886774")
    assert.strictEqual(e.order.clientOrderId, "TEST")
    assert.strictEqual(e.order.type, "market")
    assert.strictEqual(e.order.status, "open")
    assert.strictEqual(e.order.updatedAt, 1568879465650)
  })

  it("ORDER_TRADE_UPDATE TRADE → the fill (trade id, fee, fee asset, maker) then the order", () => {
    const trade = {
      ...documented,
      o: {
        ...documented.o,
        o: "LIMIT",
        p: "7100",
        x: "TRADE",
        X: "PARTIALLY_FILLED",
        q: "0.002",
        l: "0.001",
        z: "0.001",
        L: "7100.5",
        ap: "7100.5",
        n: "0.00284",
        t: 123456,
        m: true
      }
    }
    const r = UserStream.decode(trade, markets)
    if (r._tag !== "Events") return assert.fail(JSON.stringify(r))
    assert.deepStrictEqual(r.events.map((e) => e._tag), ["Fill", "Order"])
    const f = r.events[0]!
    if (f._tag !== "Fill") return
    assert.strictEqual(f.fill.id, "123456")
    assert.strictEqual(f.fill.orderId, "8886774")
    assert.strictEqual(fmt(f.fill.price), "7100.5")
    assert.strictEqual(fmt(f.fill.quantity), "0.001")
    assert.strictEqual(fmt(f.fill.fee), "0.00284")
    assert.strictEqual(f.fill.feeAsset, "USDT")
    assert.isTrue(f.fill.maker)
    const o = r.events[1]!
    if (o._tag !== "Order") return
    assert.strictEqual(o.order.status, "partially_filled")
    assert.strictEqual(fmt(o.order.filledQuantity), "0.001")
  })

  it("ACCOUNT_UPDATE → positions, and balances to be read again (wallet balances carry no available amount)", () => {
    const r = UserStream.decode({
      e: "ACCOUNT_UPDATE",
      E: 1564745798939,
      T: 1564745798938,
      a: {
        m: "ORDER",
        B: [
          { a: "USDT", wb: "122624.12345678", cw: "100.12345678", bc: "50.12345678" },
          { a: "BUSD", wb: "1.00000000", cw: "0.00000000", bc: "-49.12345678" }
        ],
        P: [
          {
            s: "BTCUSDT",
            pa: "0",
            ep: "0.00000",
            bep: "0",
            cr: "200",
            up: "0",
            mt: "isolated",
            iw: "0.00000000",
            ps: "BOTH"
          },
          {
            s: "BTCUSDT",
            pa: "20",
            ep: "6563.66500",
            bep: "0",
            cr: "0",
            up: "2850.21200",
            mt: "isolated",
            iw: "13200.70726908",
            ps: "LONG"
          },
          {
            s: "BTCUSDT",
            pa: "-10",
            ep: "6563.86000",
            bep: "6563.6",
            cr: "0",
            up: "-1425.10600",
            mt: "isolated",
            iw: "6570.42511771",
            ps: "SHORT"
          }
        ]
      }
    }, markets)
    if (r._tag !== "Events") return assert.fail(JSON.stringify(r))
    assert.deepStrictEqual(r.events.map((e) => e._tag), ["Position", "Position", "Position", "BalancesChanged"])
    const short = r.events[2]!
    if (short._tag !== "Position") return
    assert.strictEqual(short.position.side, "short")
    assert.strictEqual(fmt(short.position.size), "10")
    assert.strictEqual(short.position.marginMode, "isolated")
  })

  it("listenKeyExpired ends the connection; other events are control frames", () => {
    const expired = {
      e: "listenKeyExpired",
      E: "1736996475556",
      listenKey: "WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv"
    }
    assert.strictEqual(UserStream.decode(expired, markets)._tag, "Terminated")
    assert.strictEqual(UserStream.decode({ e: "ACCOUNT_CONFIG_UPDATE", E: 1, T: 1 }, markets)._tag, "Control")
    assert.strictEqual(
      UserStream.decode({ e: "ORDER_TRADE_UPDATE", E: 1, T: 1, o: { s: "BTCUSDT" } }, markets)._tag,
      "DecodeFailure"
    )
  })
})
