/**
 * The dialect kit's mechanics: fixed-window counters and the weight limiter (Binance: "Repeatedly
 * violating rate limits and/or failing to back off after receiving 429s will result in an automated
 * IP ban (HTTP status 418)", https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits;
 * Bybit: over 600 requests in 5 s an IP is banned, https://bybit-exchange.github.io/docs/v5/rate-limit),
 * form parameters (a name sent twice in one part is refused), error rows and parameter readers,
 * candle intervals by name (Binance: weekly klines open on Monday 00:00 UTC,
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data;
 * OKX: `6H`/`12H`/`1D`/`1W` bars open at Hong Kong time, `…utc` at UTC,
 * https://www.okx.com/docs-v5/en/#order-book-trading-market-data-get-candlesticks).
 */
import { assert, describe, it } from "@effect/vitest"
import * as BigDecimal from "effect/BigDecimal"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { fill, fromRow, withHeaders } from "../../src/sandbox/dialects/kit/ErrorTable.js"
import { interval, intervals } from "../../src/sandbox/dialects/kit/Intervals.js"
import { FormParams, naming, page, readers } from "../../src/sandbox/dialects/kit/Params.js"
import { FixedWindows, OrderCounts, WeightLimiter } from "../../src/sandbox/dialects/kit/RateLimits.js"
import { faultAnswers } from "../../src/sandbox/dialects/kit/Routes.js"
import { hmacSha256HexMatches, withoutParam } from "../../src/sandbox/dialects/kit/Signing.js"
import { relativeChange } from "../../src/sandbox/dialects/kit/Tickers.js"
import type { Engine } from "../../src/sandbox/engine/Engine.js"
import { text } from "../../src/sandbox/server/Dialect.js"

const MINUTE = 60_000

/** Parameter readers whose errors are plain texts naming the check and the parameter. */
const textReaders = () =>
  readers<string>({
    mandatory: (n) => `mandatory ${n}`,
    empty: (n) => `empty ${n}`,
    notRequired: (n) => `not required ${n}`,
    illegal: (n, pattern) => `illegal ${n} ${pattern}`,
    overflow: (n) => `overflow ${n}`,
    precision: (n) => `precision ${n}`,
    tooGreat: (n, max) => `too great ${n} ${max}`,
    invalid: (n) => `invalid ${n}`,
    decimal: [/^[0-9]+(\.[0-9]+)?$/, "DEC"],
    integer: [/^[0-9]+$/, "INT"]
  })

describe("dialect kit", () => {
  it("fixed windows count per key and start over at the window's end", () => {
    const w = new FixedWindows(MINUTE)
    assert.deepStrictEqual(w.add("a", 10 * MINUTE + 5, 3), { used: 3, windowStart: 10 * MINUTE, resetAt: 11 * MINUTE })
    assert.strictEqual(w.add("a", 11 * MINUTE - 1, 2).used, 5)
    assert.strictEqual(w.add("b", 11 * MINUTE - 1).used, 1)
    assert.strictEqual(w.peek("a", 11 * MINUTE).used, 0)
  })

  it("the weight limiter refuses over the limit, then bans after `banAfter` refusals, until the ban ends", () => {
    const limiter = new WeightLimiter(10, MINUTE, 1, 120_000)
    const t = 5 * MINUTE
    assert.deepStrictEqual(limiter.charge("ip", 10, t), { _tag: "ok", used: 10 })
    assert.deepStrictEqual(limiter.charge("ip", 1, t + 30_000), { _tag: "limited", used: 11, retryAfter: 30 })
    assert.deepStrictEqual(limiter.charge("ip", 1, t + 31_000), {
      _tag: "banned",
      used: 12,
      until: t + 151_000,
      retryAfter: 120
    })
    const later = limiter.charge("ip", 1, t + 100_000)
    assert.strictEqual(later._tag, "banned")
    assert.strictEqual(limiter.charge("ip", 1, t + 151_000)._tag, "ok")
    const bybit = new WeightLimiter(2, 5000, 0, 600_000)
    bybit.charge("ip", 1, 0)
    bybit.charge("ip", 1, 1)
    assert.strictEqual(bybit.charge("ip", 1, 2)._tag, "banned")
  })

  it("form parameters: the query wins over the body; a name twice in one part is reported", () => {
    const p = FormParams.parse("a=1&b=2", "b=3&c=4")
    assert.isTrue(p instanceof FormParams)
    const params = p as FormParams
    assert.deepStrictEqual(params.names, ["a", "b", "c"])
    assert.strictEqual(params.raw("b"), "2")
    assert.deepStrictEqual(FormParams.parse("a=1&a=2", ""), { duplicate: "a" })
  })

  it("error rows fill their %s in order and carry headers", () => {
    assert.strictEqual(fill("'%s' or '%s'", ["x", 1]), "'x' or '1'")
    const e = withHeaders(fromRow([-1003, "limit %s", 429], 6000), { "Retry-After": "2" })
    assert.deepStrictEqual(e, { code: -1003, msg: "limit 6000", status: 429, headers: { "Retry-After": "2" } })
  })

  it("readers answer with the venue's errors, in the order the parameters are read", () => {
    const r = textReaders()
    const p = FormParams.parse("q=1.123&n=&i=99999999999999999999&limit=9&e=X", "") as FormParams
    assert.deepStrictEqual(r.requiredDecimal(p, "q", 2), Either.left("precision q"))
    assert.deepStrictEqual(r.requiredDecimal(p, "q", 3), Either.right(Either.getOrThrow(r.decimal("q", "1.123"))))
    assert.deepStrictEqual(r.required(p, "missing"), Either.left("mandatory missing"))
    assert.deepStrictEqual(r.optional(p, "n"), Either.left("empty n"))
    assert.deepStrictEqual(r.optionalInteger(p, "i"), Either.left("overflow i"))
    assert.deepStrictEqual(r.limit(p, 5, 8), Either.left("too great limit 8"))
    assert.deepStrictEqual(r.optionalOneOf(p, "e", ["A", "B"]), Either.left("invalid e"))
    assert.deepStrictEqual(r.optionalIntegers(p, "limit", "absent"), Either.right({ limit: 9, absent: undefined }))
    assert.deepStrictEqual(r.notSent(p, "absent", "limit"), Either.left("not required limit"))
    assert.deepStrictEqual(r.decimal("q", "1e5"), Either.left("illegal q DEC"))
  })

  it("page: the first `limit` from a start, else the last `limit`", () => {
    const items = [1, 2, 3, 4, 5, 6].map((id) => ({ id, time: id * 10 }))
    const id = (a: { id: number }) => a.id
    const time = (a: { time: number }) => a.time
    assert.deepStrictEqual(page(items, {}, 2, id, time).map(id), [5, 6])
    assert.deepStrictEqual(page(items, { from: 2 }, 2, id, time).map(id), [2, 3])
    assert.deepStrictEqual(page(items, { startTime: 30, endTime: 50 }, 5, id, time).map(id), [3, 4, 5])
    assert.deepStrictEqual(page(items, { endTime: 40 }, 2, id, time).map(id), [3, 4])
  })

  it("candle intervals by name: weeks from Monday, months by the calendar, bars in a venue's time zone", () => {
    const start = (name: string, iso: string, utcOffsetHours = 0) => {
      const spec = interval(name, utcOffsetHours)!
      assert.strictEqual(spec._tag, "fixed")
      const { ms, offset } = spec as { readonly ms: number; readonly offset: number }
      const t = Date.parse(iso)
      return new Date(Math.floor((t - offset) / ms) * ms + offset).toISOString()
    }
    assert.strictEqual(start("15m", "2024-01-04T10:31:00Z"), "2024-01-04T10:30:00.000Z")
    assert.strictEqual(start("4h", "2024-01-04T10:31:00Z"), "2024-01-04T08:00:00.000Z")
    assert.strictEqual(start("1w", "2024-01-04T10:31:00Z"), "2024-01-01T00:00:00.000Z")
    assert.strictEqual(start("1D", "2024-01-01T10:00:00Z", 8), "2023-12-31T16:00:00.000Z")
    assert.strictEqual(start("1D", "2024-01-01T17:00:00Z", 8), "2024-01-01T16:00:00.000Z")
    assert.strictEqual(start("6H", "2024-01-01T03:00:00Z", 8), "2023-12-31T22:00:00.000Z")
    assert.strictEqual(start("1W", "2024-01-04T10:31:00Z", 8), "2023-12-31T16:00:00.000Z")
    assert.deepStrictEqual(interval("1M"), { _tag: "month" })
    assert.strictEqual(interval("1x"), undefined)
    assert.strictEqual(interval("h"), undefined)
    assert.deepStrictEqual([...intervals("1m 2x 1h").keys()], ["1m", "1h"])
  })

  it("order counts per account over each window; the first window over its limit is named", () => {
    const counts = new OrderCounts([{ ms: 10_000, limit: 2, name: "10 SECOND" }, {
      ms: 86_400_000,
      limit: 3,
      name: "1 DAY"
    }])
    assert.deepStrictEqual(counts.count("a", 1_000), { counts: [1, 1], exceeded: undefined })
    assert.deepStrictEqual(counts.count("b", 1_000).counts, [1, 1])
    counts.count("a", 2_000)
    assert.deepStrictEqual(counts.count("a", 3_000), {
      counts: [3, 3],
      exceeded: { ms: 10_000, limit: 2, name: "10 SECOND" }
    })
    assert.strictEqual(counts.count("a", 11_000).exceeded?.name, "1 DAY")
  })

  it("the signed form payload: Binance's documented example, its signature left out", () => {
    // https://developers.binance.com/docs/binance-spot-api-docs/rest-api/signed-endpoint-examples-for-post-api-v3-order
    const sent = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000" +
      "&timestamp=1499827319559&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    const payload = withoutParam(sent, "signature")
    assert.strictEqual(payload, sent.slice(0, sent.indexOf("&signature=")))
    assert.strictEqual(withoutParam("", "signature"), "")
    const key = {
      key: "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
      secret: Redacted.make("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"),
      accountId: "a",
      permissions: { read: true, trade: true, withdraw: false }
    }
    assert.isTrue(
      hmacSha256HexMatches(key, payload, "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
    )
    assert.isFalse(hmacSha256HexMatches(key, sent, "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"))
  })

  it("relative change: Binance's percentage (3 decimals) and Bybit's fraction (4 decimals); zero without an open", () => {
    const d = BigDecimal.unsafeFromString
    assert.isTrue(BigDecimal.equals(relativeChange(d("200"), d("201.5"), 3, 100n), d("0.750")))
    assert.isTrue(BigDecimal.equals(relativeChange(d("3"), d("2"), 3, 100n), d("-33.333")))
    assert.isTrue(BigDecimal.equals(relativeChange(d("30000"), d("30015"), 4), d("0.0005")))
    assert.isTrue(BigDecimal.equals(relativeChange(d("0"), d("5"), 4), d("0")))
  })

  it("fault answers: the venue's own for limits and bans, the gateway's pages for 503 and HTML errors", () => {
    const answer = faultAnswers({
      limited: (s = 2) => text(429, `limited ${s}`),
      banned: (s = 60) => text(418, `banned ${s}`),
      otherwise: () => text(500, "other")
    })
    assert.strictEqual(answer({ kind: "http429" }).body, "limited 2")
    assert.strictEqual(answer({ kind: "http418", retryAfter: 7 }).body, "banned 7")
    assert.include(answer({ kind: "http503" }).body, "503 Service Temporarily Unavailable")
    assert.include(answer({ kind: "htmlError", status: 504 }).body, "504 Gateway Time-out")
    assert.strictEqual(answer({ kind: "wsSilence" }).status, 500)
  })

  it("instrument and order readers: symbol pattern, unknown symbol, an order by id or client id", () => {
    const r = textReaders()
    const names = naming(r, {
      lookup: (_engine, s) => (s === "BTCUSDT" ? { symbol: s } : undefined),
      symbol: [/^[A-Z]{1,20}$/, "SYM"],
      clientId: [/^[a-z0-9]{1,8}$/, "CID"],
      illegal: (n, pattern) => `illegal ${n} ${pattern}`,
      unknownSymbol: "unknown symbol",
      either: (a, b) => `either ${a} ${b}`
    })
    const engine = {} as Engine
    const p = (q: string) => FormParams.parse(q, "") as FormParams
    assert.deepStrictEqual(names.symbol(p("symbol=BTCUSDT"), engine), Either.right({ symbol: "BTCUSDT" }))
    assert.deepStrictEqual(names.symbol(p("symbol=btc"), engine), Either.left("illegal symbol SYM"))
    assert.deepStrictEqual(names.symbol(p("symbol=ETHUSDT"), engine), Either.left("unknown symbol"))
    assert.deepStrictEqual(names.optionalSymbol(p(""), engine), Either.right(undefined))
    const ids = ["orderId", "origClientOrderId"] as const
    assert.deepStrictEqual(names.orderRef(p("orderId=7"), ids), Either.right({ orderId: 7, clientOrderId: undefined }))
    assert.deepStrictEqual(names.orderRef(p(""), ids), Either.left("either orderId origClientOrderId"))
    assert.deepStrictEqual(
      names.orderRef(p(""), ids, "origClientOrderId"),
      Either.left("either origClientOrderId orderId")
    )
    assert.deepStrictEqual(names.orderRef(p("orderId=x"), ids), Either.left("illegal orderId INT"))
    assert.deepStrictEqual(names.clientOrderIdOr(p("c=ok1"), "c", () => "made"), Either.right("ok1"))
    assert.deepStrictEqual(names.clientOrderIdOr(p(""), "c", () => "made"), Either.right("made"))
    assert.deepStrictEqual(names.clientOrderIdOr(p("c=NO"), "c", () => "made"), Either.left("illegal c CID"))
  })
})
