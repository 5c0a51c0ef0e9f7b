/**
 * Hyperliquid's account stream: the client's frame decoding on payloads written from the
 * documented types (`WsOrder`, `WsUserFills`, `WsFill`, `WsUserEvent`, the `clearinghouseState`
 * channel; https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/websocket/subscriptions),
 * and the sandbox's user subscriptions over a raw websocket: the ack, the `isSnapshot` first
 * `userFills` frame, order updates, fills with fee / fee token / `crossed`, `nonUserCancel`; and
 * the `wsSilence` fault on the account's connection.
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import WebSocket from "ws"
import type { UserEvent } from "../../../src/kernel/UserStream.js"
import * as Decimal from "../../../src/model/Decimal.js"
import { makeMarkets } from "../../../src/model/Market.js"
import type { Order } from "../../../src/model/Order.js"
import { roundPrice } from "../../../src/model/OrderRules.js"
import * as Sandbox from "../../../src/sandbox/Sandbox.js"
import * as Convert from "../../../src/venues/hyperliquid/convert.js"
import * as UserStream from "../../../src/venues/hyperliquid/userStream.js"
import { connectHyperliquid } from "../../e2e/hyperliquid.harness.js"
import * as Loopback from "../../support/Loopback.js"

const d = Decimal.unsafe
const fmt = Decimal.format
const eth = Convert.perpMarket({ name: "ETH", szDecimals: 4 }, 1)
const purr = Convert.spotMarkets({
  tokens: [{ name: "USDC", szDecimals: 8, index: 0 }, { name: "PURR", szDecimals: 0, index: 1 }],
  universe: [{ name: "PURR/USDC", tokens: [1, 0], index: 0 }]
}).markets[0]!
const markets = makeMarkets("hyperliquid", [eth, purr])
const user = "0x0000000000000000000000000000000000000abc"

const events = (frame: unknown): ReadonlyArray<UserEvent> => {
  const f = UserStream.decode(frame, markets)
  assert.strictEqual(f._tag, "Events", JSON.stringify(f))
  return f._tag === "Events" ? f.events : []
}

const wsFill = (over: Record<string, unknown> = {}) => ({
  coin: "ETH",
  px: "3012.5",
  sz: "0.25",
  side: "B",
  time: 1_733_000_000_123,
  startPosition: "0.0",
  dir: "Open Long",
  closedPnl: "0.0",
  hash: "0x" + "ab".repeat(32),
  oid: 90542681,
  crossed: false,
  fee: "-0.0753125",
  tid: 118906512037719,
  feeToken: "USDC",
  ...over
})

describe("Hyperliquid account frames", () => {
  it("subscribes to orderUpdates, userFills, userEvents and clearinghouseState by address", () => {
    assert.deepStrictEqual(UserStream.subscriptions(user).map((s) => JSON.parse(s)), [
      { method: "subscribe", subscription: { type: "orderUpdates", user } },
      { method: "subscribe", subscription: { type: "userFills", user } },
      { method: "subscribe", subscription: { type: "userEvents", user } },
      { method: "subscribe", subscription: { type: "clearinghouseState", user } }
    ])
  })

  it("orderUpdates: WsOrder[] → orders with every status (open with a fill = partially filled)", () => {
    const order = (sz: string, status: string) => ({
      order: {
        coin: "ETH",
        side: "B",
        limitPx: "3000.1",
        sz,
        oid: 90542681,
        timestamp: 1_733_000_000_000,
        origSz: "0.5",
        cloid: "0x00000000000000000000000000000001"
      },
      status,
      statusTimestamp: 1_733_000_000_500
    })
    const out = events({
      channel: "orderUpdates",
      data: [order("0.5", "open"), order("0.25", "open"), order("0.0", "filled"), order("0.5", "canceled")]
    })
    assert.deepStrictEqual(out.map((e) => e._tag === "Order" ? e.order.status : e._tag), [
      "open",
      "partially_filled",
      "filled",
      "canceled"
    ])
    // a spot order holds balance: the kernel re-reads balances
    const spot = events({
      channel: "orderUpdates",
      data: [{ ...order("100", "open"), order: { ...order("100", "open").order, coin: "PURR/USDC", origSz: "100" } }]
    })
    assert.deepStrictEqual(spot.map((e) => e._tag), ["Order", "BalancesChanged"])
    const first = out[1]!
    assert.isTrue(first._tag === "Order")
    if (first._tag === "Order") {
      assert.strictEqual(first.order.id, "90542681")
      assert.strictEqual(first.order.clientOrderId, "0x00000000000000000000000000000001")
      assert.strictEqual(first.order.symbol, "ETH/USDC:USDC")
      assert.strictEqual(fmt(first.order.filledQuantity), "0.25")
      assert.strictEqual(first.order.updatedAt, 1_733_000_000_500)
    }
  })

  it("userFills: the snapshot frame is skipped; a fill carries tid, exact price, size, fee (rebate), fee token, maker", () => {
    assert.deepStrictEqual(
      UserStream.decode({ channel: "userFills", data: { isSnapshot: true, user, fills: [wsFill()] } }, markets),
      { _tag: "Control" }
    )
    const out = events({ channel: "userFills", data: { user, fills: [wsFill()] } })
    assert.deepStrictEqual(out.map((e) => e._tag), ["Fill", "BalancesChanged"])
    const f = out[0]!
    if (f._tag !== "Fill") return assert.fail("not a fill")
    const { fee, price, quantity, ...rest } = f.fill
    assert.deepStrictEqual(
      { ...rest, price: fmt(price), quantity: fmt(quantity), fee: fmt(fee) },
      {
        id: "118906512037719",
        orderId: "90542681",
        symbol: "ETH/USDC:USDC",
        venueSymbol: "ETH",
        side: "buy",
        price: "3012.5",
        quantity: "0.25",
        fee: "-0.0753125",
        feeAsset: "USDC",
        maker: true,
        timestamp: 1_733_000_000_123
      }
    )
    const taker = events({ channel: "userFills", data: { user, fills: [wsFill({ crossed: true, fee: "0.1" })] } })
    assert.isTrue(taker[0]!._tag === "Fill" && !taker[0]!.fill.maker)
    // spot: the fee in the token received
    const spot = events({
      channel: "userFills",
      data: { user, fills: [wsFill({ coin: "PURR/USDC", px: "0.21", sz: "100", fee: "0.07", feeToken: "PURR" })] }
    })
    assert.isTrue(spot[0]!._tag === "Fill" && spot[0]!.fill.symbol === "PURR/USDC" && spot[0]!.fill.feeAsset === "PURR")
  })

  it("a fill that closes a perpetual's position also says the position is flat", () => {
    const out = events({
      channel: "user",
      data: { fills: [wsFill({ side: "A", startPosition: "0.25", dir: "Close Long" })] }
    })
    // on userEvents: the same fill as on userFills, which already has the balances read again
    assert.deepStrictEqual(out.map((e) => e._tag), ["Fill", "Position"])
    const p = out[1]!
    assert.isTrue(p._tag === "Position" && BigDecimal.isZero(p.position.size) && p.position.symbol === "ETH/USDC:USDC")
  })

  it("userEvents (channel user): funding and liquidation re-read balances; nonUserCancel is left to orderUpdates", () => {
    assert.deepStrictEqual(
      events({
        channel: "user",
        data: { funding: { time: 1, coin: "ETH", usdc: "-0.01", szi: "0.25", fundingRate: "0.0000125" } }
      }),
      [{ _tag: "BalancesChanged" }]
    )
    assert.deepStrictEqual(
      events({
        channel: "user",
        data: {
          liquidation: {
            lid: 7,
            liquidator: user,
            liquidated_user: user,
            liquidated_ntl_pos: "100.0",
            liquidated_account_value: "5.0"
          }
        }
      }),
      [{ _tag: "BalancesChanged" }]
    )
    assert.deepStrictEqual(
      UserStream.decode({ channel: "user", data: { nonUserCancel: [{ coin: "ETH", oid: 5 }] } }, markets),
      { _tag: "Control" }
    )
    assert.deepStrictEqual(
      UserStream.decode({ channel: "user", data: { twapSliceFills: [] } }, markets),
      { _tag: "Control" }
    )
  })

  it("clearinghouseState: positions and the perp margin balance (USDC:perp)", () => {
    const summary = { accountValue: "1500.5", totalNtlPos: "753.1", totalRawUsd: "747.4", totalMarginUsed: "75.3" }
    const out = events({
      channel: "clearinghouseState",
      data: {
        dex: "",
        user,
        clearinghouseState: {
          assetPositions: [{
            type: "oneWay",
            position: {
              coin: "ETH",
              szi: "-0.25",
              entryPx: "3012.4",
              positionValue: "753.1",
              unrealizedPnl: "0.0",
              liquidationPx: null,
              leverage: { type: "cross", value: 10 }
            }
          }],
          marginSummary: summary,
          crossMarginSummary: summary,
          crossMaintenanceMarginUsed: "37.6",
          withdrawable: "1425.2",
          time: 1_733_000_000_900
        }
      }
    })
    const balance = out[0]!
    assert.isTrue(balance._tag === "Balances" && !balance.complete)
    if (balance._tag === "Balances") {
      assert.strictEqual(balance.balances[0]!.asset, "USDC:perp")
      assert.strictEqual(fmt(balance.balances[0]!.free), "1425.2")
      assert.strictEqual(fmt(balance.balances[0]!.locked), "75.3")
    }
    const p = out[1]!
    assert.isTrue(p._tag === "Position" && p.position.side === "short" && fmt(p.position.size) === "0.25")
  })

  it("control frames and errors", () => {
    assert.deepStrictEqual(UserStream.decode({ channel: "pong" }, markets), { _tag: "Control" })
    assert.deepStrictEqual(
      UserStream.decode({ channel: "subscriptionResponse", data: { method: "subscribe" } }, markets),
      { _tag: "Control" }
    )
    assert.strictEqual(
      UserStream.decode({ channel: "error", data: "Invalid subscription" }, markets)._tag,
      "DecodeFailure"
    )
    assert.strictEqual(
      UserStream.decode({ channel: "userFills", data: { user, fills: [wsFill({ px: "abc" })] } }, markets)._tag,
      "DecodeFailure"
    )
  })
})

describe("Hyperliquid sandbox user subscriptions", () => {
  it.live("orderUpdates, userFills (snapshot first), userEvents and clearinghouseState follow the engine", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 77, venues: ["hyperliquid"], market: { running: false } })
      const exchange = yield* connectHyperliquid(sandbox)
      const own = sandbox.credentials.hyperliquid
      const address = own.address!
      const { asks, bids } = yield* exchange.orderBook("ETH/USDC:USDC", 5)
      const market = yield* exchange.market("ETH/USDC:USDC")
      // the best bid, on the venue's grid
      const price = roundPrice(market, BigDecimal.sum(bids[0]![0], market.tickSize), "up")
      assert.isTrue(BigDecimal.lessThan(price, asks[0]![0]))
      const other = yield* sandbox.ledger.createAccount({ USDT: "1000000", ETH: "100" })

      const ws = new WebSocket(`${sandbox.urls.hyperliquid.ws}/ws`)
      const received: Array<any> = []
      ws.on("message", (data) => received.push(JSON.parse(data.toString())))
      yield* Effect.promise(() => new Promise((resolve) => ws.once("open", resolve)))
      yield* Effect.addFinalizer(() => Effect.sync(() => ws.close()))
      for (const type of ["orderUpdates", "userFills", "userEvents", "clearinghouseState"]) {
        ws.send(JSON.stringify({ method: "subscribe", subscription: { type, user: address } }))
      }
      ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "userFills", user: "0x12" } }))
      yield* Effect.sleep("200 millis")
      assert.strictEqual(received.filter((m) => m.channel === "subscriptionResponse").length, 4)
      assert.isTrue(received.some((m) => m.channel === "error"), "a malformed address is refused")
      const snapshot = received.find((m) => m.channel === "userFills")
      assert.deepStrictEqual(snapshot.data, { isSnapshot: true, user: address, fills: [] })
      assert.strictEqual(received.find((m) => m.channel === "clearinghouseState").data.user, address)

      const placed = yield* exchange.placeOrder({
        symbol: "ETH/USDC:USDC",
        side: "buy",
        type: "limit",
        price,
        quantity: d("0.01"),
        postOnly: true
      })
      const symbol = (yield* sandbox.ledger.orders(own.accountId)).find((o) => String(o.orderId) === placed.id)!.symbol
      sandbox.engine.placeOrder(other.accountId, {
        symbol,
        side: "sell",
        type: "limit",
        timeInForce: "IOC",
        price,
        quantity: d("0.01"),
        postOnly: false,
        clientOrderId: "counter"
      })
      yield* Effect.sleep("200 millis")
      const updates = received.filter((m) => m.channel === "orderUpdates").flatMap((m) => m.data)
      assert.deepStrictEqual(updates.map((u: any) => u.status), ["open", "filled"])
      assert.hasAllKeys(updates[0].order, ["coin", "side", "limitPx", "sz", "oid", "timestamp", "origSz", "cloid"])
      assert.strictEqual(updates[0].order.cloid, placed.clientOrderId)
      const [ledgerFill] = yield* sandbox.ledger.fills(own.accountId, symbol)
      const streamed = received.filter((m) => m.channel === "userFills" && m.data.isSnapshot !== true)
      assert.strictEqual(streamed.length, 1)
      const fill = streamed[0].data.fills[0]
      assert.strictEqual(fill.crossed, false)
      assert.strictEqual(fill.fee, fmt(ledgerFill!.commission))
      assert.strictEqual(fill.feeToken, "USDC")
      assert.strictEqual(fill.tid, ledgerFill!.tradeId)
      assert.strictEqual(fill.startPosition, "0")
      const userFill = received.find((m) => m.channel === "user" && m.data.fills !== undefined)
      assert.deepStrictEqual(userFill.data.fills[0], fill)
      const states = received.filter((m) => m.channel === "clearinghouseState")
      assert.strictEqual(states.at(-1).data.clearinghouseState.assetPositions[0].position.szi, "0.01")

      // a cancel the user did not send (the engine's): nonUserCancel on userEvents
      const resting = yield* exchange.placeOrder({
        symbol: "ETH/USDC:USDC",
        side: "buy",
        type: "limit",
        price: roundPrice(market, BigDecimal.unsafeDivide(price, d("2")), "down"),
        quantity: d("0.02"),
        postOnly: true
      })
      sandbox.engine.cancelOrder(own.accountId, symbol, { orderId: Number(resting.id) })
      yield* exchange.cancelOrder({ symbol: "ETH/USDC:USDC", id: placed.id }).pipe(Effect.ignore)
      yield* Effect.sleep("200 millis")
      const nonUser = received.filter((m) => m.channel === "user" && m.data.nonUserCancel !== undefined)
      assert.deepStrictEqual(nonUser.map((m) => m.data), [{
        nonUserCancel: [{ coin: "ETH", oid: Number(resting.id) }]
      }])
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)))

  it.live("wsSilence on the account's connection: the watchdog reconnects, and an order made meanwhile is seen once", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 78, venues: ["hyperliquid"], market: { running: false } })
      const exchange = yield* connectHyperliquid(sandbox, { watchdogMs: 1500 })
      const orders: Array<Order> = []
      const states: Array<string> = []
      yield* Effect.forkScoped(Stream.runForEach(exchange.watchOrders(), (o) => Effect.sync(() => orders.push(o))))
      yield* Effect.forkScoped(Stream.runForEach(exchange.userStreamState, (s) => Effect.sync(() => states.push(s))))
      const waitFor = (what: string, done: () => boolean) =>
        Effect.sync(done).pipe(
          Effect.repeat({ until: (ok) => ok, schedule: Schedule.spaced("50 millis") }),
          Effect.timeoutFail({ duration: "6 seconds", onTimeout: () => `never saw ${what}: ${states.join(" → ")}` }),
          Effect.orDie
        )
      yield* waitFor("live", () => states.at(-1) === "live")
      yield* sandbox.faults.add({ kind: "wsSilence", venue: "hyperliquid", path: "/ws", count: 1 })
      const market = yield* exchange.market("BTC/USDC")
      const { bids } = yield* exchange.orderBook("BTC/USDC", 1)
      const placed = yield* exchange.placeOrder({
        symbol: "BTC/USDC",
        side: "buy",
        type: "limit",
        price: roundPrice(market, BigDecimal.unsafeDivide(bids[0]![0], d("2")), "down"),
        quantity: d("0.001"),
        postOnly: true
      })
      yield* waitFor("a reconnect", () => states.includes("reconnecting"))
      yield* waitFor("the order", () => orders.some((o) => o.id === placed.id))
      yield* waitFor("live again", () => states.at(-1) === "live")
      yield* Effect.sleep("300 millis")
      assert.strictEqual(orders.filter((o) => o.id === placed.id).length, 1, "seen once")
    }).pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)))
})
