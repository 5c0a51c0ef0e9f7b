/**
 * The kernel's connector: precise error unions for market data; the websocket session factory and
 * the server clock come from the context, so they can be substituted.
 */
import { assert, describe, expectTypeOf, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Stream from "effect/Stream"
import { InsufficientFunds, InvalidOrder, OrderNotFound, RateLimited } from "../../src/errors/ExchangeError.js"
import type { Exchange, MarketDataError } from "../../src/Exchange.js"
import { accountError, marketDataError, orderQueryError } from "../../src/kernel/Connector.js"
import * as ServerClock from "../../src/kernel/ServerClock.js"
import * as WsSession from "../../src/kernel/WsSession.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { binance } from "../e2e/binance.harness.js"
import * as Loopback from "../support/Loopback.js"

/** The error channel of a method's result (an Effect or a Stream, or a function returning one). */
type ErrorOf<T> = T extends (...args: ReadonlyArray<any>) => infer R ? ErrorOf<R>
  : T extends Effect.Effect<any, infer E, any> ? E
  : T extends Stream.Stream<any, infer E, any> ? E
  : never

type OrderOrFundsError = {
  readonly _tag:
    | "InsufficientFunds"
    | "InvalidOrder"
    | "OrderNotFound"
    | "DuplicateClientOrderId"
    | "OrderStatusUnknown"
}

type MarketDataMethod =
  | "serverTime"
  | "markets"
  | "reloadMarkets"
  | "market"
  | "ticker"
  | "tickers"
  | "orderBook"
  | "trades"
  | "candles"
  | "fundingRate"
  | "fundingRateHistory"
  | "watchTicker"
  | "watchTrades"
  | "watchCandles"
  | "watchBookUpdates"
  | "healthCheck"

describe("Connector", () => {
  it("a market-data call cannot fail with an order or funds error, by its type", () => {
    const check = (e: MarketDataError) =>
      // @ts-expect-error: InsufficientFunds is not a market-data error
      e._tag === "InsufficientFunds"
    assert.isFalse(check(new RateLimited({ venue: "binance" })))
  })

  it("every market-data method of Exchange: no order or funds error in its type (checked by tsc)", () => {
    expectTypeOf<{ [K in MarketDataMethod]: Extract<ErrorOf<Exchange[K]>, OrderOrFundsError> }>()
      .toEqualTypeOf<{ [K in MarketDataMethod]: never }>()
    // the same extraction finds them where they belong, and finds what market data can fail with
    expectTypeOf<Extract<ErrorOf<Exchange["placeOrder"]>, OrderOrFundsError>["_tag"]>()
      .toEqualTypeOf<OrderOrFundsError["_tag"]>()
    expectTypeOf<Extract<ErrorOf<Exchange["ticker"]>, RateLimited>>().toEqualTypeOf<RateLimited>()
    expectTypeOf<Extract<ErrorOf<Exchange["watchBookUpdates"]>, RateLimited>>().toEqualTypeOf<RateLimited>()
  })

  it("account reads cannot fail with an order or funds error; getOrder only with OrderNotFound (checked by tsc)", () => {
    type AccountRead = "openOrders" | "balances" | "positions"
    expectTypeOf<{ [K in AccountRead]: Extract<ErrorOf<Exchange[K]>, OrderOrFundsError> }>()
      .toEqualTypeOf<{ [K in AccountRead]: never }>()
    expectTypeOf<Extract<ErrorOf<Exchange["getOrder"]>, OrderOrFundsError>>().toEqualTypeOf<OrderNotFound>()
    expectTypeOf<Extract<ErrorOf<Exchange["balances"]>, RateLimited>>().toEqualTypeOf<RateLimited>()
  })

  it("a venue code that maps to an order error on an account read is reported as InvalidRequest", () => {
    const e = accountError(
      new InvalidOrder({ venue: "okx", venueCode: "51000", reason: "tick_size", endpoint: "GET /y" })
    )
    assert.strictEqual(e._tag, "InvalidRequest")
    assert.strictEqual(e.venueCode, "51000")
    const notFound = new OrderNotFound({ venue: "okx", venueCode: "51603" })
    assert.strictEqual(orderQueryError(notFound), notFound)
    assert.strictEqual(accountError(notFound)._tag, "InvalidRequest")
  })

  it("a venue code that maps to a trading error on a market-data call is reported as InvalidRequest", () => {
    const e = marketDataError(
      new InsufficientFunds({ venue: "bybit", venueCode: "110007", venueMessage: "ab not enough", endpoint: "GET /x" })
    )
    assert.strictEqual(e._tag, "InvalidRequest")
    assert.strictEqual(e.venueCode, "110007")
    assert.include(e.message, "InsufficientFunds")
    const kept = new RateLimited({ venue: "bybit", retryAfterMs: 100 })
    assert.strictEqual(marketDataError(kept), kept)
  })
})

describe("Connector services from the context", () => {
  const run = <A, E>(effect: Effect.Effect<A, E, any>) =>
    effect.pipe(Effect.scoped, Effect.provide(Loopback.PlatformLive)) as Effect.Effect<A, E>

  it.live("streams go through the provided websocket session factory", () =>
    run(Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({
        seed: 7,
        venues: ["binance"],
        market: { intervalMs: { min: 20, max: 50 } }
      })
      const asked: Array<string> = []
      const factory: WsSession.Factory = {
        make: (protocol) =>
          Effect.map(WsSession.make(protocol), (session) => ({
            ...session,
            messages: (topic) => {
              asked.push(topic)
              return session.messages(topic)
            }
          }))
      }
      const exchange = yield* Effect.provide(binance.connect(sandbox), WsSession.layer(factory))
      const trades = yield* Stream.runCollect(Stream.take(exchange.watchTrades("BTC/USDT"), 2))
      assert.strictEqual(trades.length, 2)
      assert.deepStrictEqual(asked, ["btcusdt@trade"])
    })))

  it.live("signed requests carry the provided server clock's time", () =>
    run(Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({ seed: 7, venues: ["binance"] })
      const venues: Array<string> = []
      // Ten minutes ahead and never corrected: the venue refuses every signed request.
      const skewed: ServerClock.Factory = {
        make: (venue) =>
          Effect.map(ServerClock.make, (clock): ServerClock.ServerClock => {
            venues.push(venue)
            const ahead = (ms: number) => ms + 600_000
            return {
              ...clock,
              now: Effect.map(clock.now, ahead),
              unsafeNow: (local) => ahead(clock.unsafeNow(local)),
              sync: () => Effect.succeed({ offsetMs: 600_000, roundTripMs: 0, used: true })
            }
          })
      }
      const refused = yield* Effect.either(
        Effect.flatMap(Effect.provide(binance.connect(sandbox), ServerClock.layer(skewed)), (ex) => ex.balances)
      )
      assert.deepStrictEqual(venues, ["binance"])
      assert.isTrue(Either.isLeft(refused) && refused.left._tag === "TimestampOutOfWindow", String(refused))
      // the default clock: the same call succeeds
      const balances = yield* Effect.flatMap(binance.connect(sandbox), (ex) => ex.balances)
      assert.isAbove(balances.length, 0)
    })))
})
