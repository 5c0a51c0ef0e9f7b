/**
 * OKX instruments → markets and the exact contract conversion (SWAP sizes are contracts; the
 * unified quantity is base units): base → contracts is exact and a quantity that is not a whole
 * number of `lotSz` contracts is refused, never rounded; contracts → base is exact. Instruments as
 * in the docs' example answers (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments).
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import * as Decimal from "../../../src/model/Decimal.js"
import * as Convert from "../../../src/venues/okx/convert.js"
import * as Orders from "../../../src/venues/okx/orders.js"
import * as Wire from "../../../src/venues/okx/wire.js"
import { decode, spot, swap, swapJson } from "./instruments.js"

const d = Decimal.unsafe
const fmt = Decimal.format

describe("OKX markets", () => {
  it("a linear SWAP is BTC/USDT:USDT with base-unit steps", () => {
    assert.strictEqual(swap.unified, "BTC/USDT:USDT")
    assert.strictEqual(swap.type, "perp")
    assert.strictEqual(fmt(swap.contractSize), "0.01")
    assert.strictEqual(fmt(swap.lotStep), "0.0001")
    assert.strictEqual(fmt(swap.minQuantity), "0.0001")
    assert.strictEqual(fmt(Convert.contractLot(swap)), "0.01")
    assert.strictEqual(swap.status, "trading")
  })

  it("a SPOT pair is BTC/USDT", () => {
    assert.strictEqual(spot.unified, "BTC/USDT")
    assert.strictEqual(fmt(spot.lotStep), "0.00000001")
    assert.strictEqual(fmt(spot.contractSize), "1")
  })

  it("inverse swaps are left out; suspended instruments are halted", () => {
    const inverse = decode({
      ...swapJson,
      instId: "BTC-USD-SWAP",
      ctType: "inverse",
      ctValCcy: "USD",
      settleCcy: "BTC"
    })
    assert.isUndefined(Convert.swapMarket(inverse))
    assert.strictEqual(Convert.marketStatus("suspend"), "halted")
    assert.strictEqual(Convert.marketStatus("preopen"), "halted")
  })

  it("a bad number is a decode error, not zero", () => {
    assert.throws(() => decode({ ...swapJson, tickSz: "abc" }))
  })
})

describe("OKX contracts", () => {
  it("0.05 BTC is 5 contracts of 0.01", () => {
    assert.strictEqual(fmt(Either.getOrThrow(Convert.toWireSize(swap, d("0.05")))), "5")
    assert.strictEqual(fmt(Either.getOrThrow(Convert.toWireSize(swap, d("0.0001")))), "0.01")
  })

  it("refuses a quantity that is not a whole number of lots", () => {
    const r = Convert.toWireSize(swap, d("0.00005"))
    assert.isTrue(Either.isLeft(r))
    if (Either.isLeft(r)) assert.strictEqual(r.left.reason, "lot_size")
  })

  it("base → contracts → base is the identity on lot multiples, and off-lot quantities are refused (property)", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.bigInt({ min: 1n, max: 10n ** 12n }),
        FastCheck.integer({ min: 0, max: 9 }),
        (n, off) => {
          const q = BigDecimal.normalize(BigDecimal.make(n, 4)) // n × 0.0001 BTC, a multiple of the lot
          const c = Either.getOrThrow(Convert.toWireSize(swap, q))
          assert.isTrue(BigDecimal.equals(Convert.toBase(swap, c), q))
          assert.isTrue(Decimal.isMultipleOf(c, d("0.01")))
          if (off > 0) {
            const odd = BigDecimal.sum(q, BigDecimal.make(BigInt(off), 5))
            assert.isTrue(Either.isLeft(Convert.toWireSize(swap, odd)))
          }
        }
      )
    )
  })
})

describe("OKX order bodies", () => {
  const ctx = Orders.defaultContext
  const body = (request: Parameters<typeof Orders.orderBody>[1], c = ctx) =>
    Either.getOrThrow(Orders.orderBody(request.symbol.includes(":") ? swap : spot, request, "lx1", c))

  it("SWAP limit in contracts, cross by default", () => {
    assert.deepStrictEqual(
      body({ symbol: "BTC/USDT:USDT", side: "buy", type: "limit", quantity: d("0.02"), price: d("30000.1") }),
      {
        instId: "BTC-USDT-SWAP",
        tdMode: "cross",
        side: "buy",
        ordType: "limit",
        sz: "2",
        px: "30000.1",
        clOrdId: "lx1"
      }
    )
  })

  it("ordType carries post-only, IOC and FOK", () => {
    const base = { symbol: "BTC/USDT", side: "sell", type: "limit", quantity: d("1"), price: d("1") } as const
    assert.strictEqual(body({ ...base, postOnly: true }).ordType, "post_only")
    assert.strictEqual(body({ ...base, timeInForce: "IOC" }).ordType, "ioc")
    assert.strictEqual(body({ ...base, timeInForce: "FOK" }).ordType, "fok")
    assert.strictEqual(body(base).tdMode, "cash")
  })

  it("a SPOT market order sizes in base (tgtCcy base_ccy)", () => {
    const b = body({ symbol: "BTC/USDT", side: "buy", type: "market", quantity: d("0.001") })
    assert.strictEqual(b.tgtCcy, "base_ccy")
    assert.strictEqual(b.ordType, "market")
  })

  it("reduce-only: reduceOnly in net mode, posSide in long/short mode; isolated when configured", () => {
    const r = { symbol: "BTC/USDT:USDT", side: "sell", type: "market", quantity: d("0.01"), reduceOnly: true } as const
    assert.strictEqual(body(r).reduceOnly, true)
    const hedged = body(r, { marginMode: "isolated", positionMode: "long_short_mode" })
    assert.strictEqual(hedged.posSide, "long")
    assert.isUndefined(hedged.reduceOnly)
    assert.strictEqual(hedged.tdMode, "isolated")
    assert.strictEqual(
      body({ ...r, reduceOnly: false, side: "sell" }, { ...ctx, positionMode: "long_short_mode" }).posSide,
      "short"
    )
  })

  it("refuses unsupported combinations and off-lot sizes before signing", () => {
    const refused = (request: Parameters<typeof Orders.orderBody>[1]) =>
      Either.isLeft(Orders.orderBody(request.symbol.includes(":") ? swap : spot, request, "lx1"))
    assert.isTrue(refused({ symbol: "BTC/USDT", side: "buy", type: "market", quantity: d("1"), timeInForce: "FOK" }))
    assert.isTrue(
      refused({ symbol: "BTC/USDT", side: "buy", type: "limit", quantity: d("1"), price: d("1"), reduceOnly: true })
    )
    assert.isTrue(
      refused({ symbol: "BTC/USDT:USDT", side: "buy", type: "limit", quantity: d("0.00001"), price: d("1") })
    )
    assert.isTrue(Either.isLeft(Orders.checkClientOrderId("has-dash")))
    assert.isTrue(Either.isLeft(Orders.checkClientOrderId("a".repeat(33))))
    assert.isTrue(Either.isRight(Orders.checkClientOrderId("abcDEF123")))
  })

  it("orders and positions come back in base units", () => {
    const o = Schema.decodeUnknownSync(Wire.Order)({
      instType: "SWAP",
      instId: "BTC-USDT-SWAP",
      ordId: "312269865356374016",
      clOrdId: "b1",
      px: "30000",
      sz: "3",
      ordType: "post_only",
      side: "buy",
      posSide: "net",
      tdMode: "cross",
      accFillSz: "1",
      avgPx: "30000",
      state: "partially_filled",
      reduceOnly: "false",
      cTime: "1597026383085",
      uTime: "1597026383085"
    })
    const order = Orders.toOrder(swap, o)
    assert.strictEqual(fmt(order.quantity), "0.03")
    assert.strictEqual(fmt(order.filledQuantity), "0.01")
    assert.strictEqual(order.status, "partially_filled")
    assert.isTrue(order.postOnly)
    const p = Orders.toPosition(
      swap,
      Schema.decodeUnknownSync(Wire.Position)({
        instType: "SWAP",
        instId: "BTC-USDT-SWAP",
        mgnMode: "cross",
        posSide: "net",
        pos: "-12",
        avgPx: "30000",
        upl: "1.5",
        lever: "10",
        uTime: "1597026383085"
      })
    )!
    assert.strictEqual(p.side, "short")
    assert.strictEqual(fmt(p.size), "0.12")
  })

  it("permissions, account mode (acctLv) and position mode (posMode) from /account/config", () => {
    const config = Schema.decodeUnknownSync(Wire.AccountConfig)({
      uid: "44705892343619584",
      acctLv: "2",
      posMode: "long_short_mode",
      perm: "read_only,trade"
    })
    assert.deepStrictEqual(Orders.permissions(config), {
      read: true,
      trade: true,
      withdraw: false,
      account: { mode: "futures (acctLv 2)", positionMode: "long_short" }
    })
    assert.strictEqual(Orders.positionMode(config), "long_short_mode")
    const portfolio = Orders.permissions({ ...config, acctLv: "4", posMode: "net_mode", perm: "read_only" })
    assert.deepStrictEqual(portfolio.account, { mode: "portfolio margin (acctLv 4)", positionMode: "net" })
    assert.isFalse(portfolio.trade)
    assert.strictEqual(
      Orders.permissions({ ...config, acctLv: "9" }).account?.mode,
      "acctLv 9",
      "an unknown mode as sent"
    )
  })
})
