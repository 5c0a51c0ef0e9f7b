/**
 * The order-flow figures of the reliability suite (issue 11), per venue harness, on the sandbox:
 *
 * - ambiguous placements under each fault that commits the order and then hides the answer
 *   (commit-then-drop, truncated JSON after commit, a 503 gateway page after commit, latency beyond
 *   the client timeout): duplicate orders in the engine's ledger, and each placement's result
 *   checked against the status the ledger holds.
 *
 * Shared by the full run (`npm run reliability`) and the reduced run in `test/reliability/`.
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Logger from "effect/Logger"
import * as Stream from "effect/Stream"
import * as diagnostics from "node:diagnostics_channel"
import * as LiveOrderBook from "../../src/book/LiveOrderBook.js"
import type { OrderBookView } from "../../src/book/OrderBookView.js"
import type { TradingError } from "../../src/Exchange.js"
import * as RateLimiter from "../../src/kernel/RateLimiter.js"
import * as Decimal from "../../src/model/Decimal.js"
import type { Market } from "../../src/model/Market.js"
import type { Order, OrderRequest } from "../../src/model/Order.js"
import * as OrderRules from "../../src/model/OrderRules.js"
import type { Engine } from "../../src/sandbox/engine/Engine.js"
import type { FaultRule } from "../../src/sandbox/faults/FaultRule.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { binanceUsdm } from "../e2e/binance-usdm.harness.js"
import { binance } from "../e2e/binance.harness.js"
import { bybitLinear } from "../e2e/bybit-linear.harness.js"
import { bybit } from "../e2e/bybit.harness.js"
import type { VenueHarness } from "../e2e/harness.js"
import { hyperliquidPerp, hyperliquidSpot } from "../e2e/hyperliquid.harness.js"
import { okxSwap } from "../e2e/okx-swap.harness.js"
import { okx } from "../e2e/okx.harness.js"

// ---- shared helpers ---------------------------------------------------------------------------

/** The `p`-th percentile (0–100) of `xs`, nearest rank; `NaN` when empty. */
export const percentile = (xs: ReadonlyArray<number>, p: number): number => {
  if (xs.length === 0) return Number.NaN
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

const d = Decimal.unsafe

/** A quantity on the lot grid worth about `notional` at `price`, and at least the market's minimums. */
const quantityFor = (market: Market, price: Decimal.Decimal, notional: Decimal.Decimal) => {
  const wanted = market.minNotional === undefined ? notional : BigDecimal.max(notional, market.minNotional)
  const q = Decimal.roundToStep(BigDecimal.unsafeDivide(wanted, price), market.lotStep, "up")
  return BigDecimal.max(q, market.minQuantity)
}

/** The sandbox the figures run on: a market that moves every 50–100 ms. */
export const startSandbox = Sandbox.start({ market: { intervalMs: { min: 50, max: 100 } } })

// ---- ambiguous placements ---------------------------------------------------------------------

/** The faults under which a placement's outcome is hidden from the client after the engine commits it. */
export type AmbiguousFault =
  | "commit-then-drop"
  | "truncated JSON after commit"
  | "503 after commit"
  | "latency > timeout"

export const ambiguousFaults: ReadonlyArray<AmbiguousFault> = [
  "commit-then-drop",
  "truncated JSON after commit",
  "503 after commit",
  "latency > timeout"
]

/** The client timeout of the `latency > timeout` runs, and the latency added there (ms). */
export const latencyRun = { timeoutMs: 500, latencyMs: 1500 } as const

const faultRule = (fault: AmbiguousFault, path: string): FaultRule => {
  // on the placement only (POST); the follow-up queries by client order id go through
  const common = { path, method: "POST", probability: 0.5 }
  switch (fault) {
    case "commit-then-drop":
      return { kind: "dropResponse", ...common }
    case "truncated JSON after commit":
      return { kind: "truncatedJson", ...common }
    case "503 after commit":
      return { kind: "http503AfterCommit", ...common }
    case "latency > timeout":
      return { kind: "latency", ms: latencyRun.latencyMs, ...common }
  }
}

/** How N placements under one fault ended, each checked against the engine's ledger. */
export interface AmbiguousResult {
  readonly venue: string
  readonly symbol: string
  readonly fault: AmbiguousFault
  readonly placements: number
  readonly inFlight: number
  /** Placements the client saw as ambiguous (its "outcome unknown" warning). */
  readonly ambiguous: number
  /**
   * Placements accepted whose order could not then be queried (the "accepted but could not be
   * queried" warning of venues whose create answers ids only): reported `pending`.
   */
  readonly unqueried: number
  /** Placements with more than one order in the ledger (must be 0). */
  readonly duplicates: number
  /** Reported placed, with the status the ledger holds. */
  readonly placedMatching: number
  /** Refused with a definitive error, and no order in the ledger. */
  readonly refused: number
  /** Reported placed with another status than the ledger's. */
  readonly wrongStatus: number
  /** Reported not placed (a definitive error), but the ledger has the order. */
  readonly ghost: number
  /** Ended `OrderStatusUnknown` (or another ambiguous error). */
  readonly unresolved: number
  /** (placedMatching + refused) / placements, in %. */
  readonly resolvedPct: number
  /** Time per placement (ms), p50 / p99 / max. */
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  readonly errorTags: Readonly<Record<string, number>>
  readonly seconds: number
  /** The first few mismatches, for a report. */
  readonly examples: ReadonlyArray<string>
}

const unifiedStatus: Record<string, string> = { new: "open", partially_filled: "partially_filled", filled: "filled" }

/**
 * `n` placements on `harness`'s venue, `inFlight` at a time, in rounds of `round`, half of them hit by
 * `fault` (seeded probability 0.5 on the placement path). Even ones are post-only bids far below the
 * market (they rest), odd ones IOC bids far below it (they expire at once): two final statuses to
 * report. After each round the fault is cleared, the round's results are checked against the
 * ledger, and the resting orders are canceled (so that the account's balance and the venue's
 * open-order limits hold for any N).
 */
export const ambiguousPlacements = (
  harness: VenueHarness,
  fault: AmbiguousFault,
  options: { readonly n: number; readonly inFlight?: number; readonly round?: number }
) =>
  Effect.gen(function*() {
    const inFlight = options.inFlight ?? 50
    const round = options.round ?? 200
    const started = Date.now()
    const sandbox = yield* startSandbox
    let ambiguous = 0
    let unqueried = 0
    const unqueriedExamples: Array<string> = []
    const logger = Logger.make(({ message }) => {
      const text = Array.isArray(message) ? message.join(" ") : String(message)
      if (text.includes("outcome unknown")) ambiguous++
      if (text.includes("could not be queried")) {
        unqueried++
        if (unqueriedExamples.length < 3) unqueriedExamples.push(text)
      }
    })
    const exchange = yield* harness.connect(sandbox, {
      // 50 requests in flight on a busy machine can take longer than 1 s
      recvWindowMs: 3000,
      ...(fault === "latency > timeout" ? { timeoutMs: latencyRun.timeoutMs } : {})
    })
    // the setup reads are asked again on a loaded machine (the latency run's client timeout is 500 ms)
    const setupRead = <A, E>(read: Effect.Effect<A, E>) => Effect.retry(read, { times: 20 })
    const market = yield* setupRead(exchange.market(harness.symbol))
    const book = yield* setupRead(exchange.orderBook(harness.symbol, 5))
    const price = OrderRules.roundPrice(market, BigDecimal.unsafeDivide(book.bids[0]![0], d("2")), "down")
    // the smallest order the market takes (Hyperliquid's sandbox perpetual wants 20 of value)
    const quantity = quantityFor(market, price, d(harness.venue === "hyperliquid" ? "25" : "1"))
    const resting: OrderRequest = {
      symbol: harness.symbol,
      side: "buy",
      type: "limit",
      price,
      quantity,
      postOnly: true
    }
    const stamp = Date.now().toString(36)
    const cid = (i: number) => harness.clientOrderId?.(`amb${i}x${stamp}`) ?? `amb${i}x${stamp}`

    let duplicates = 0
    let placedMatching = 0
    let refused = 0
    let wrongStatus = 0
    let ghost = 0
    let unresolved = 0
    const durations: Array<number> = []
    const errorTags: Record<string, number> = {}
    const examples: Array<string> = []
    const note = (text: string) => {
      if (examples.length < 5) examples.push(text)
    }

    for (let from = 0; from < options.n; from += round) {
      const ids = Array.from({ length: Math.min(round, options.n - from) }, (_, k) => cid(from + k))
      yield* sandbox.faults.add(faultRule(fault, harness.paths.placeOrder))
      const results = yield* Effect.forEach(
        ids,
        (clientOrderId, k) =>
          Effect.gen(function*() {
            const t0 = Date.now()
            const request: OrderRequest = (from + k) % 2 === 0
              ? { ...resting, clientOrderId }
              : { ...resting, postOnly: false, timeInForce: "IOC", clientOrderId }
            const r = yield* Effect.either(exchange.placeOrder(request))
            durations.push(Date.now() - t0)
            return r
          }),
        { concurrency: inFlight }
      ).pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)))
      yield* sandbox.faults.clear
      const ledger = yield* sandbox.ledger.orders()
      const byCid = new Map<string, Array<(typeof ledger)[number]>>()
      for (const o of ledger) {
        if (o.clientOrderId === undefined) continue
        const list = byCid.get(o.clientOrderId) ?? []
        list.push(o)
        byCid.set(o.clientOrderId, list)
      }
      for (const [k, clientOrderId] of ids.entries()) {
        const r: Either.Either<Order, TradingError> = results[k]!
        const inLedger = byCid.get(clientOrderId) ?? []
        if (inLedger.length > 1) {
          duplicates++
          note(`${clientOrderId}: ${inLedger.length} orders in the ledger`)
        }
        if (Either.isLeft(r)) {
          errorTags[r.left._tag] = (errorTags[r.left._tag] ?? 0) + 1
          const isAmbiguous = r.left._tag === "OrderStatusUnknown" ||
            ("outcome" in r.left && (r.left as { outcome?: string }).outcome === "ambiguous")
          if (isAmbiguous) {
            unresolved++
            note(`${clientOrderId}: ${r.left._tag}: ${r.left.message}`)
          } else if (inLedger.length > 0) {
            ghost++
            note(`${clientOrderId}: reported ${r.left._tag} (${r.left.message}) but the ledger has it`)
          } else refused++
          continue
        }
        const truth = inLedger[0]?.status
        const expected = truth === undefined ? "(no order)" : unifiedStatus[truth] ?? truth
        if (r.right.status === expected) placedMatching++
        else {
          wrongStatus++
          note(`${clientOrderId}: reported ${String(r.right.status)}, ledger ${expected}`)
        }
      }
      yield* exchange.cancelAllOrders(harness.symbol).pipe(Effect.ignore)
    }
    return {
      venue: harness.venue,
      symbol: harness.symbol,
      fault,
      placements: options.n,
      inFlight,
      ambiguous,
      unqueried,
      duplicates,
      placedMatching,
      refused,
      wrongStatus,
      ghost,
      unresolved,
      resolvedPct: Math.round(((placedMatching + refused) / options.n) * 10_000) / 100,
      p50Ms: percentile(durations, 50),
      p99Ms: percentile(durations, 99),
      maxMs: Math.max(...durations),
      errorTags,
      seconds: Math.round((Date.now() - started) / 1000),
      examples: [...examples, ...unqueriedExamples]
    } satisfies AmbiguousResult
  }).pipe(Effect.scoped)

// ---- venues ----------------------------------------------------------------------------------

/** Every venue harness, by name (`binance`, `bybit-linear`, `hyperliquid-spot`, …). */
export const harnesses: ReadonlyArray<readonly [string, VenueHarness]> = [
  ["binance", binance],
  ["binance-usdm", binanceUsdm],
  ["bybit", bybit],
  ["bybit-linear", bybitLinear],
  ["okx", okx],
  ["okx-swap", okxSwap],
  ["hyperliquid-perp", hyperliquidPerp],
  ["hyperliquid-spot", hyperliquidSpot]
]

// ---- depth gaps --------------------------------------------------------------------------------

/**
 * The engine's book, replayed from its `BookChanged` events: the top `depth` levels a side after
 * every update id, as text (`price×size` per level), to check a client's view against.
 */
const engineBookRecorder = (engine: Engine, symbol: string, depth: number) => {
  type Level = readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]
  const bids = new Map<string, Level>()
  const asks = new Map<string, Level>()
  const key = (p: BigDecimal.BigDecimal) => Decimal.format(BigDecimal.normalize(p))
  const top = (side: Map<string, Level>, descending: boolean) =>
    [...side.values()]
      .sort(([a], [b]) => descending ? BigDecimal.Order(b, a) : BigDecimal.Order(a, b))
      .slice(0, depth)
      .map(([p, q]) => `${key(p)}×${key(q)}`)
      .join(" ")
  const initial = engine.depth(symbol, 100_000)!
  for (const [p, q] of initial.bids) bids.set(key(p), [p, q])
  for (const [p, q] of initial.asks) asks.set(key(p), [p, q])
  /** update id → the book's text after it, oldest first */
  const ids: Array<number> = [initial.lastUpdateId]
  const books: Array<string> = [`${top(bids, true)} | ${top(asks, false)}`]
  const stop = engine.subscribe((e) => {
    if (e._tag !== "BookChanged" || e.symbol !== symbol) return
    const side = e.side === "buy" ? bids : asks
    if (BigDecimal.isZero(e.quantity)) side.delete(key(e.price))
    else side.set(key(e.price), [e.price, e.quantity])
    ids.push(e.updateId)
    books.push(`${top(bids, true)} | ${top(asks, false)}`)
  })
  return { ids, books, stop }
}

/** A live view's top levels as text, sizes times `factor` (contracts → base units), as the recorder writes them. */
const viewText = (view: OrderBookView, factor: BigDecimal.BigDecimal) => {
  const side = (levels: ReadonlyArray<readonly [BigDecimal.BigDecimal, BigDecimal.BigDecimal]>) =>
    levels.map(([p, q]) =>
      `${Decimal.format(BigDecimal.normalize(p))}×${
        Decimal.format(BigDecimal.normalize(BigDecimal.multiply(q, factor)))
      }`
    ).join(" ")
  return `${side(view.bids)} | ${side(view.asks)}`
}

/** How N depth gaps on one venue went. */
export interface DepthGapResult {
  readonly venue: string
  readonly symbol: string
  /** Gaps injected (the sandbox's `depthGap` fault: one diff dropped). */
  readonly gaps: number
  /** Gaps after which the book left `live`. */
  readonly detected: number
  /** Gaps after which the book was `live` again within 30 s. */
  readonly recovered: number
  /** `live` views checked against the engine's book. */
  readonly liveViews: number
  /** `live` views that differ from the engine's book at their sequence (must be 0). */
  readonly inconsistent: number
  /** How the views were matched: `sequence` (the view's sequence is the engine's update id) or `order`. */
  readonly check: "sequence" | "order"
  /** Fault added → `live` again, ms. */
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  /** The book's snapshot retry cap (`retry.maxDelay`), and the live time between gaps, ms. */
  readonly retryMaxDelayMs: number
  readonly dwellMs: number
  readonly seconds: number
  readonly examples: ReadonlyArray<string>
}

/**
 * `n` depth gaps, one after the other, on a `LiveOrderBook` (depth 10) of `harness`'s market: each
 * time the book is `live`, a `depthGap` fault drops the next diff; the time until the book is `live`
 * again is measured. Every `live` view the book emits meanwhile is checked against the engine's book:
 * on Binance and Binance USDⓈ-M, where the view's sequence is the engine's update id, against the
 * engine's book at exactly that id; elsewhere (Bybit's `u` and OKX's `seqId` are the dialect's own
 * counters), against the engine's book at some update id no earlier than the previous view's.
 *
 * The book backs off before the snapshot of a resync that follows another within `retry.maxDelay`
 * of going live (default 10 s: 250 ms doubling up to 10 s), so gaps one after the other would
 * measure that backoff, not the resync. The book here gets `retry.maxDelay` `retryMaxDelayMs`
 * (default 500 ms) and stays live `dwellMs` (default `retryMaxDelayMs` + 200) between gaps: each
 * gap is then a first failure, resynced without backoff.
 */
export const depthGaps = (
  harness: VenueHarness,
  options: {
    readonly n: number
    readonly depth?: number
    readonly dwellMs?: number
    readonly retryMaxDelayMs?: number
    /** Called with the figures so far every `progressEvery` gaps (a long run's partial results). */
    readonly onProgress?: ((partial: DepthGapResult) => void) | undefined
    readonly progressEvery?: number | undefined
  }
) =>
  Effect.gen(function*() {
    const depth = options.depth ?? 10
    const retryMaxDelayMs = options.retryMaxDelayMs ?? 500
    const dwellMs = options.dwellMs ?? retryMaxDelayMs + 200
    const started = Date.now()
    const sandbox = yield* startSandbox
    const exchange = yield* harness.connect(sandbox)
    const market = yield* exchange.market(harness.symbol)
    const instrument = engineInstrument(sandbox, market)
    if (instrument === undefined) return yield* Effect.dieMessage(`no engine instrument for ${market.unified}`)
    const recorder = engineBookRecorder(sandbox.engine, instrument.symbol, depth)
    yield* Effect.addFinalizer(() => Effect.sync(recorder.stop))
    const bySequence = harness.venue === "binance" || harness.venue === "binance-usdm"
    const book = yield* LiveOrderBook.fromExchange(exchange, harness.symbol, {
      depth,
      retry: { maxDelay: Duration.millis(retryMaxDelayMs) }
    })

    let liveViews = 0
    let inconsistent = 0
    let cursor = 0
    let factor: BigDecimal.BigDecimal | undefined = undefined
    const examples: Array<string> = []
    const states: Array<{ state: string; at: number }> = []
    const check = (view: OrderBookView) => {
      liveViews++
      if (factor === undefined) {
        // sizes in base units, or in contracts (OKX swaps): whichever the first view matches
        const candidates = [Decimal.unsafe("1"), market.contractSize]
        factor = candidates.find((f) => recorder.books.includes(viewText(view, f))) ?? candidates[0]!
      }
      const text = viewText(view, factor)
      if (bySequence) {
        // the book after every event with this update id (several levels may share one)
        let at = -1
        for (let i = recorder.ids.length - 1; i >= 0; i--) {
          if (recorder.ids[i] === view.sequence) {
            at = i
            break
          }
          if (recorder.ids[i]! < (view.sequence ?? 0)) break
        }
        if (at >= 0 && recorder.books[at] === text) return
        inconsistent++
        if (examples.length < 5) {
          examples.push(
            `update ${view.sequence}: view ${text}; engine ${at >= 0 ? recorder.books[at] : "(no such id)"}`
          )
        }
        return
      }
      for (let i = cursor; i < recorder.books.length; i++) {
        if (recorder.books[i] === text) {
          cursor = i
          return
        }
      }
      inconsistent++
      if (examples.length < 5) {
        examples.push(`sequence ${view.sequence}: view ${text}; engine now ${recorder.books.at(-1)}`)
      }
    }
    yield* book.views.pipe(
      Stream.runForEach((view) =>
        Effect.sync(() => {
          if (states.at(-1)?.state !== view.state) states.push({ state: view.state, at: Date.now() })
          if (view.state === "live") check(view)
        })
      ),
      Effect.forkScoped
    )
    const waitLive = (ms: number) =>
      Effect.gen(function*() {
        const until = Date.now() + ms
        while (states.at(-1)?.state !== "live" && Date.now() < until) yield* Effect.sleep("5 millis")
        return states.at(-1)?.state === "live"
      })
    yield* waitLive(30_000)
    const times: Array<number> = []
    let detected = 0
    let recovered = 0
    let gaps = 0
    const result = (): DepthGapResult => ({
      venue: harness.venue,
      symbol: harness.symbol,
      gaps,
      detected,
      recovered,
      liveViews,
      inconsistent,
      check: bySequence ? "sequence" : "order",
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      maxMs: times.length === 0 ? Number.NaN : Math.max(...times),
      retryMaxDelayMs,
      dwellMs,
      seconds: Math.round((Date.now() - started) / 1000),
      examples
    })
    for (let i = 0; i < options.n; i++) {
      if (options.onProgress !== undefined && i > 0 && i % (options.progressEvery ?? 50) === 0) {
        options.onProgress(result())
      }
      if (!(yield* waitLive(30_000))) break
      const before = states.length
      const t0 = Date.now()
      yield* sandbox.faults.add({ kind: "depthGap", path: harness.paths.depthStream, count: 1 })
      gaps++
      // the next diff (50–100 ms of market) shows the gap
      while (states.length === before && Date.now() - t0 < 10_000) yield* Effect.sleep("5 millis")
      if (states.length === before) {
        const pending = (yield* sandbox.faults.list).length
        yield* sandbox.faults.clear
        if (examples.length < 5) {
          examples.push(`gap ${i}: the book stayed live for 10 s (the fault ${pending > 0 ? "never fired" : "fired"})`)
        }
        continue
      }
      detected++
      if (yield* waitLive(30_000)) {
        recovered++
        times.push(states.at(-1)!.at - t0)
        // let live views through (each checked), and the book's backoff reset, before the next gap
        yield* Effect.sleep(Duration.millis(dwellMs))
      }
    }
    yield* sandbox.faults.clear
    return result()
  }).pipe(Effect.scoped)

// ---- rate-limit windows ---------------------------------------------------------------------

/** One HTTP request as undici saw it (diagnostics channel), times in ms (`performance.now`). */
interface WireRequest {
  readonly method: string
  readonly path: string
  /** Created in the transport: the request was past the client's gate. */
  readonly createdAt: number
  /** Headers written to the socket. */
  sentAt: number | undefined
  /** Response headers received. */
  headersAt: number | undefined
  /** Response complete, or failed. */
  doneAt: number | undefined
  status: number | undefined
  /** A 429, a 418, Bybit's IP ban (403), or Bybit's per-endpoint limit (HTTP 200, retCode 10006). */
  limited: boolean
}

/**
 * Bybit's per-endpoint limit: HTTP 200 with retCode 10006 "Too many visits!", which carries
 * `X-Bapi-Limit-Status: 0` (requests left); the body is not seen here, the header says it
 * (https://bybit-exchange.github.io/docs/v5/rate-limit). The ticker the load asks for is public and
 * carries no such header otherwise.
 */
const per10006 = (status: number, headers: ReadonlyArray<Buffer | string>): boolean => {
  if (status !== 200) return false
  for (let i = 0; i + 1 < headers.length; i += 2) {
    if (String(headers[i]).toLowerCase() === "x-bapi-limit-status" && String(headers[i + 1]) === "0") return true
  }
  return false
}

/** What the client's gate did, times in ms (`performance.now`). */
interface GateEvents {
  /** Each request the gate let through. */
  readonly passes: Array<number>
  /** Each pause (429, 10006) or ban (418, 403) the gate applied: when it learned, when it ends. */
  readonly holds: Array<{ readonly at: number; readonly endsAt: number; readonly kind: "pause" | "ban" }>
}

/**
 * A rate-limit store that records, for every gate it hands out, when a request is let through
 * and when a pause or ban is applied (the in-memory gate underneath decides, unchanged).
 */
const gateRecorder = () => {
  const events: GateEvents = { passes: [], holds: [] }
  const pass = () => void events.passes.push(performance.now())
  const store: RateLimiter.Store = {
    gate: (venue, policy) =>
      Effect.map(RateLimiter.memoryStore.gate(venue, policy), (gate): RateLimiter.VenueGate => {
        // (`now` is when the response was received, which on a loaded machine can be well before
        // the gate is told; the hold ends at `applied` on the live clock)
        const hold = (kind: "pause" | "ban", applied: number) => {
          const at = performance.now()
          events.holds.push({ at, endsAt: at + Math.max(0, applied - Date.now()), kind })
          return applied
        }
        const unsafePauseUntil = (untilMs: number, now: number) => hold("pause", gate.unsafePauseUntil(untilMs, now))
        const unsafeBanUntil = (untilMs: number, now: number) => hold("ban", gate.unsafeBanUntil(untilMs, now))
        return {
          ...gate,
          tryAcquire: (weight, now, orders) => {
            const ok = gate.tryAcquire(weight, now, orders)
            if (ok) pass()
            return ok
          },
          acquire: (weight, options) => Effect.zipLeft(gate.acquire(weight, options), Effect.sync(pass)),
          unsafePauseUntil,
          pauseUntil: (untilMs) =>
            Effect.clockWith((clock) => Effect.sync(() => unsafePauseUntil(untilMs, clock.unsafeCurrentTimeMillis()))),
          unsafeBanUntil,
          banUntil: (untilMs) =>
            Effect.clockWith((clock) => Effect.sync(() => unsafeBanUntil(untilMs, clock.unsafeCurrentTimeMillis())))
        }
      })
  }
  return { events, store }
}

/**
 * Records every HTTP request undici sends (the transport under `NodeHttpClient.layerUndici` and
 * the kernel's own), through its diagnostics channels; `stop` unsubscribes.
 */
const wireRecorder = (pathPrefix: string) => {
  const requests: Array<WireRequest> = []
  const byRequest = new WeakMap<object, WireRequest>()
  const onCreate = (m: unknown) => {
    const { request } = m as { request: { method: string; path: string } }
    if (!request.path.startsWith(pathPrefix)) return
    const r: WireRequest = {
      method: request.method,
      path: request.path.slice(pathPrefix.length).split("?")[0]!,
      createdAt: performance.now(),
      sentAt: undefined,
      headersAt: undefined,
      doneAt: undefined,
      status: undefined,
      limited: false
    }
    requests.push(r)
    byRequest.set(request, r)
  }
  const onSend = (m: unknown) => {
    const r = byRequest.get((m as { request: object }).request)
    if (r !== undefined) r.sentAt = performance.now()
  }
  const onHeaders = (m: unknown) => {
    const { request, response } = m as {
      request: object
      response: { statusCode: number; headers: ReadonlyArray<Buffer | string> }
    }
    const r = byRequest.get(request)
    if (r === undefined) return
    r.headersAt = performance.now()
    r.status = response.statusCode
    r.limited = response.statusCode === 429 || response.statusCode === 418 || response.statusCode === 403 ||
      per10006(response.statusCode, response.headers)
  }
  const onDone = (m: unknown) => {
    const r = byRequest.get((m as { request: object }).request)
    if (r !== undefined && r.doneAt === undefined) r.doneAt = performance.now()
  }
  const channels = [
    ["undici:request:create", onCreate],
    ["undici:client:sendHeaders", onSend],
    ["undici:request:headers", onHeaders],
    ["undici:request:trailers", onDone],
    ["undici:request:error", onDone]
  ] as const
  for (const [name, f] of channels) diagnostics.subscribe(name, f)
  return {
    requests,
    stop: () => {
      for (const [name, f] of channels) diagnostics.unsubscribe(name, f)
    }
  }
}

/** How the client kept to 429 / 418 windows on one venue. */
export interface RateWindowResult {
  readonly venue: string
  readonly kind: "http429" | "http418"
  /** Windows opened (a 429 or 418 answered to the client). */
  readonly windows: number
  readonly windowMs: number
  /** Requests the load sent outside the windows (it kept the client busy). */
  readonly requests: number
  /** Sent to the limited endpoint after the 429/418 had been read, before the window ended (must be 0). */
  readonly sentInside: number
  /** Sent to other endpoints of the venue in the same time (must be 0 for an IP-wide limit or ban). */
  readonly sentInsideOtherEndpoints: number
  /** Already in flight when the window opened (sent before the 429/418 arrived, answered after). */
  readonly inFlightAtOpen: number
  /**
   * Sent between the 429/418's headers and the client having read and classified it (its body read
   * at the transport, plus `CLASSIFY_GRACE_MS`): the client could not know yet. Counted at the
   * transport, a request the gate let through just before the pause was recorded looks like one sent
   * inside the window; the gate's counts below tell them apart.
   */
  readonly sentWhileReading: number
  /** Pauses (429, Bybit's 10006) and bans (418, Bybit's 403) the client's gate applied. */
  readonly gateHolds: number
  /** Windows whose 429/418 the gate learned of (a hold applied after the response's headers). */
  readonly gateLearned: number
  /** The 429/418's headers at the transport → the gate's hold, ms. */
  readonly learnP50Ms: number
  readonly learnMaxMs: number
  /** Requests the gate let through while one of its holds was in force (must be 0). */
  readonly gateLetThroughInside: number
  /** Requests the gate let through in all. */
  readonly gatePasses: number
  /**
   * Of the requests the transport saw sent inside a window (`sentWhileReading`, `sentInside`,
   * `sentInsideOtherEndpoints`): those past the gate before it learned of the 429/418, and those let
   * through after (must be 0).
   */
  readonly sentInsidePastGateBefore: number
  readonly sentInsideAfterGateKnew: number
  readonly examples: ReadonlyArray<string>
}

/** After a 429/418's body is read at the transport, how long the client may take to classify it. */
const CLASSIFY_GRACE_MS = 50

/**
 * Opens `windows` rate-limit windows, one after the other, on `harness`'s venue while 10 fibers
 * keep asking for the ticker: each time the sandbox answers one ticker request with a 429 (Retry-After
 * 1 s) or a 418 (2 s). Counted at the client's HTTP transport (requests sent inside each window,
 * separately from those already in flight when it opened) and at the client's gate (requests let
 * through while a pause or ban was in force; a request the transport sees sent inside a window was
 * either past the gate before the gate learned of the 429/418, or let through after).
 */
export const rateWindows = (
  harness: VenueHarness,
  kind: "http429" | "http418",
  options: { readonly windows: number }
) =>
  Effect.gen(function*() {
    const seconds = kind === "http429" ? 1 : 2
    const sandbox = yield* startSandbox
    const gates = gateRecorder()
    const exchange = yield* harness.connect(sandbox).pipe(Effect.provideService(RateLimiter.RateLimiter, gates.store))
    yield* exchange.market(harness.symbol)
    yield* exchange.ticker(harness.symbol)
    const prefix = new URL(sandbox.urls[harness.venue as "binance"].rest).pathname
    const wire = wireRecorder(prefix)
    yield* Effect.addFinalizer(() => Effect.sync(wire.stop))
    yield* Effect.forEach(
      Array.from({ length: 10 }),
      // a refused request (IpBanned, sent nowhere) is asked again 20 ms later, not in a tight loop
      () =>
        exchange.ticker(harness.symbol).pipe(
          Effect.catchAll(() => Effect.sleep("20 millis")),
          Effect.forever,
          Effect.forkScoped
        ),
      { discard: true }
    )
    yield* Effect.sleep("300 millis")
    const opened: Array<WireRequest> = []
    for (let w = 0; w < options.windows; w++) {
      yield* sandbox.faults.add({ kind, path: harness.paths.ticker, count: 1, retryAfter: seconds })
      let limited: WireRequest | undefined = undefined
      const t0 = performance.now()
      while (limited === undefined && performance.now() - t0 < 10_000) {
        yield* Effect.sleep("5 millis")
        // (a request sent before the rule was added may be the one that meets it)
        limited = wire.requests.find((r) => r.limited && !opened.includes(r) && r.doneAt !== undefined)
      }
      if (limited === undefined) continue
      opened.push(limited)
      // the window, and a little more for the load to pick up again
      yield* Effect.sleep(Duration.millis(seconds * 1000 + 500))
      yield* sandbox.faults.clear
    }
    yield* sandbox.faults.clear
    let sentInside = 0
    let sentInsideOtherEndpoints = 0
    let inFlightAtOpen = 0
    let sentWhileReading = 0
    let sentInsidePastGateBefore = 0
    let sentInsideAfterGateKnew = 0
    const learnTimes: Array<number> = []
    const examples: Array<string> = []
    const insideAny = (t: number) => opened.some((o) => t > o.headersAt! && t < o.headersAt! + seconds * 1000)
    for (const o of opened) {
      const open = o.headersAt!
      const read = (o.doneAt ?? open) + CLASSIFY_GRACE_MS
      const end = open + seconds * 1000
      // the gate's hold for this window: the first applied after the response's headers
      const learned = gates.events.holds.find((h) => h.at >= open && h.at < end)?.at
      if (learned !== undefined) learnTimes.push(learned - open)
      for (const r of wire.requests) {
        if (r === o || r.sentAt === undefined) continue
        if (r.sentAt >= open && r.sentAt < end) {
          if (learned !== undefined && r.createdAt >= learned) {
            sentInsideAfterGateKnew++
            if (examples.length < 5) {
              examples.push(
                `${r.method} ${r.path} let through ${Math.round(r.createdAt - learned)} ms after the gate's hold`
              )
            }
          } else sentInsidePastGateBefore++
        }
        if (r.sentAt < open && (r.headersAt ?? Infinity) > open) inFlightAtOpen++
        else if (r.sentAt >= open && r.sentAt <= read) sentWhileReading++
        else if (r.sentAt > read && r.sentAt < end) {
          if (r.path === harness.paths.ticker) sentInside++
          else sentInsideOtherEndpoints++
          if (examples.length < 5) {
            examples.push(
              `${r.method} ${r.path} sent ${Math.round(r.sentAt - open)} ms into a ${seconds * 1000} ms window`
            )
          }
        }
      }
    }
    return {
      venue: harness.venue,
      kind,
      windows: opened.length,
      windowMs: seconds * 1000,
      requests: wire.requests.filter((r) => r.sentAt !== undefined && !insideAny(r.sentAt)).length,
      sentInside,
      sentInsideOtherEndpoints,
      inFlightAtOpen,
      sentWhileReading,
      gateHolds: gates.events.holds.length,
      gateLearned: learnTimes.length,
      learnP50Ms: Math.round(percentile(learnTimes, 50)),
      learnMaxMs: learnTimes.length === 0 ? Number.NaN : Math.round(Math.max(...learnTimes)),
      gateLetThroughInside: gates.events.passes.filter((t) =>
        gates.events.holds.some((h) => t > h.at && t < h.endsAt - 1)
      ).length,
      gatePasses: gates.events.passes.length,
      sentInsidePastGateBefore,
      sentInsideAfterGateKnew,
      examples
    } satisfies RateWindowResult
  }).pipe(Effect.scoped)

// ---- silence and disconnects ------------------------------------------------------------------

/** The watchdog the silence runs use. */
export const watchdogMs = 1500

/** The engine instrument behind a connector's market. */
/** The engine's instrument behind a market (the Hyperliquid dialect shows the engine's USDT as USDC). */
const engineInstrument = (sandbox: Sandbox.Sandbox, market: Market) => {
  const find = (dollar: (asset: string) => string) =>
    [...sandbox.engine.instruments, ...sandbox.engine.perpetuals].find((i) =>
      i.base === market.base && (i.kind === "spot") === (market.type === "spot") &&
      (i.kind === "spot" ? i.quote === dollar(market.quote) : i.settle === dollar(market.settle ?? ""))
    )
  return find((a) => a) ?? (market.venue === "hyperliquid" ? find((a) => a === "USDC" ? "USDT" : a) : undefined)
}

/** How the market-data connection(s) of one venue went through silences and drops. */
export interface SilenceResult {
  readonly venue: string
  readonly symbol: string
  readonly fault: "wsSilence" | "wsClose"
  readonly rounds: number
  /** Rounds in which the book said the feed was interrupted. */
  readonly detected: number
  /** Fault → the book out of `live` ("interrupted"), ms; the limit is the watchdog + 1 s for a silence. */
  readonly detectP50Ms: number
  readonly detectMaxMs: number
  /** Rounds after which every topic (book updates, trades, ticker) delivered again. */
  readonly allTopicsBack: number
  /** Fault → every topic delivering again, ms. */
  readonly topicsBackP50Ms: number
  readonly topicsBackMaxMs: number
  /** Topics that did not deliver again within 15 s, by name. */
  readonly silentTopics: Readonly<Record<string, number>>
}

/**
 * `rounds` silences (or abrupt closes) of every open market-data connection of `harness`'s venue,
 * one after the other, while a `LiveOrderBook`, the trades and the ticker of the market are
 * watched (watchdog 1.5 s): how long until the book says the feed was interrupted, and until every
 * topic delivers again (resubscribed on the new connection).
 */
export const silences = (
  harness: VenueHarness,
  fault: "wsSilence" | "wsClose",
  options: {
    readonly rounds: number
    /**
     * The book's snapshot retry cap (`retry.maxDelay`; its default, 10 s, when absent). With it set,
     * the book stays live `retryMaxDelayMs` + 200 ms between rounds, so that each round's resync is
     * a first one, without the backoff the book applies to a resync within `retry.maxDelay` of the
     * last (see `depthGaps`).
     */
    readonly retryMaxDelayMs?: number | undefined
  }
) =>
  Effect.gen(function*() {
    const sandbox = yield* startSandbox
    const exchange = yield* harness.connect(sandbox, { watchdogMs })
    const last: Record<string, number> = { book: 0, trades: 0, ticker: 0 }
    const seen = (topic: string) => Effect.sync(() => void (last[topic] = Date.now()))
    yield* Stream.runForEach(exchange.watchTrades(harness.symbol), () => seen("trades")).pipe(Effect.forkScoped)
    yield* Stream.runForEach(exchange.watchTicker(harness.symbol), () => seen("ticker")).pipe(Effect.forkScoped)
    const book = yield* LiveOrderBook.fromExchange(exchange, harness.symbol, {
      depth: 5,
      ...(options.retryMaxDelayMs !== undefined
        ? { retry: { maxDelay: Duration.millis(options.retryMaxDelayMs) } }
        : {})
    })
    const states: Array<{ state: string; reason: string | undefined; at: number }> = []
    yield* book.views.pipe(
      Stream.runForEach((v) =>
        Effect.sync(() => {
          if (v.state === "live") last.book = Date.now()
          if (states.at(-1)?.state !== v.state) states.push({ state: v.state, reason: v.reason, at: Date.now() })
        })
      ),
      Effect.forkScoped
    )
    const until = (ms: number, done: () => boolean) =>
      Effect.gen(function*() {
        const end = Date.now() + ms
        while (!done() && Date.now() < end) yield* Effect.sleep("10 millis")
        return done()
      })
    const flowing = (since: number) => Object.values(last).every((t) => t > since)
    yield* until(15_000, () => states.at(-1)?.state === "live" && flowing(0))
    const detections: Array<number> = []
    const backs: Array<number> = []
    const silentTopics: Record<string, number> = {}
    for (let round = 0; round < options.rounds; round++) {
      yield* until(15_000, () => states.at(-1)?.state === "live")
      if (options.retryMaxDelayMs !== undefined) yield* Effect.sleep(Duration.millis(options.retryMaxDelayMs + 200))
      const before = states.length
      const t0 = Date.now()
      // every open connection on the path (each takes one of the count); none opened later
      yield* sandbox.faults.add({
        kind: fault,
        path: harness.paths.marketStream.endsWith("*") ? harness.paths.marketStream : `${harness.paths.marketStream}*`,
        count: 100
      })
      yield* sandbox.faults.clear
      const detected = yield* until(
        10_000,
        () => states.slice(before).some((s) => s.state !== "live" && (s.reason ?? "").includes("interrupt"))
      )
      if (detected) {
        detections.push(
          states.slice(before).find((s) => s.state !== "live" && (s.reason ?? "").includes("interrupt"))!.at - t0
        )
      }
      // every topic again, after the new connection is up
      const since = Date.now()
      if (yield* until(15_000, () => flowing(since) && states.at(-1)?.state === "live")) backs.push(Date.now() - t0)
      else {
        for (const [topic, t] of Object.entries(last)) {
          if (t <= since) silentTopics[topic] = (silentTopics[topic] ?? 0) + 1
        }
      }
    }
    return {
      venue: harness.venue,
      symbol: harness.symbol,
      fault,
      rounds: options.rounds,
      detected: detections.length,
      detectP50Ms: percentile(detections, 50),
      detectMaxMs: detections.length === 0 ? Number.NaN : Math.max(...detections),
      allTopicsBack: backs.length,
      topicsBackP50Ms: percentile(backs, 50),
      topicsBackMaxMs: backs.length === 0 ? Number.NaN : Math.max(...backs),
      silentTopics
    } satisfies SilenceResult
  }).pipe(Effect.scoped)

/** How a venue's user stream went through silences and drops with the account trading meanwhile. */
export interface UserStreamResult {
  readonly venue: string
  readonly symbol: string
  readonly fault: "wsSilence" | "wsClose"
  readonly rounds: number
  /** Rounds in which the stream left `live`. */
  readonly detected: number
  readonly detectMaxMs: number
  /** Rounds after which it was `live` again within 20 s. */
  readonly liveAgain: number
  /** Fills of the account in the ledger, made while the stream was down. */
  readonly ledgerFills: number
  readonly fillsSeen: number
  readonly fillsMissed: number
  readonly fillsDoubled: number
  /** Orders whose last status seen on the stream is not the ledger's. */
  readonly ordersWrongFinal: number
}

/**
 * `rounds` silences (or drops) of the private connection of `harness`'s venue (watchdog 1.5 s). In
 * each, while the stream is down, the account buys at the best ask with an IOC order placed in the
 * engine directly (as an order from another app would be): one fill per round. Afterwards, the
 * fills and the orders' last statuses seen on `watchFills` / `watchOrders` are checked against the
 * ledger: nothing missed, nothing twice.
 */
export const userStreamOutages = (
  harness: VenueHarness,
  fault: "wsSilence" | "wsClose",
  options: { readonly rounds: number }
) =>
  Effect.gen(function*() {
    const sandbox = yield* startSandbox
    const exchange = yield* harness.connect(sandbox, { watchdogMs })
    const market = yield* exchange.market(harness.symbol)
    const instrument = engineInstrument(sandbox, market)
    if (instrument === undefined) return yield* Effect.dieMessage(`no engine instrument for ${market.unified}`)
    const own = sandbox.credentials[harness.venue as "binance"].accountId
    const fills: Array<{ id: string; orderId: string }> = []
    const orders = new Map<string, string>()
    const states: Array<{ state: string; at: number }> = []
    yield* Stream.runForEach(exchange.watchFills(harness.symbol), (f) => Effect.sync(() => fills.push(f))).pipe(
      Effect.forkScoped
    )
    yield* Stream.runForEach(
      exchange.watchOrders(harness.symbol),
      (o) => Effect.sync(() => void orders.set(o.id, String(o.status)))
    ).pipe(Effect.forkScoped)
    yield* Stream.runForEach(exchange.userStreamState, (s) =>
      Effect.sync(() => states.push({ state: s, at: Date.now() })))
      .pipe(Effect.forkScoped)
    const until = (ms: number, done: () => boolean) =>
      Effect.gen(function*() {
        const end = Date.now() + ms
        while (!done() && Date.now() < end) {
          yield* Effect.sleep("10 millis")
        }
        return done()
      })
    yield* until(15_000, () =>
      states.at(-1)?.state === "live")
    const startFills = (yield* sandbox.ledger.fills(own, instrument.symbol)).length
    const detections: Array<number> = []
    let liveAgain = 0
    for (let round = 0; round < options.rounds; round++) {
      yield* until(20_000, () => states.at(-1)?.state === "live")
      const before = states.length
      const t0 = Date.now()
      yield* sandbox.faults.add({
        kind: fault,
        path: harness.paths.privateStream!.endsWith("*")
          ? harness.paths.privateStream!
          : `${harness.paths.privateStream!}*`,
        count: 100
      })
      yield* sandbox.faults.clear
      // trade while the stream is down (or silent)
      // buy at the best ask, sell at the best bid: a taker fill either way
      const level = round % 2 === 0
        ? sandbox.engine.bestAsk(instrument.symbol)
        : sandbox.engine.bestBid(instrument.symbol)
      if (level !== undefined) {
        const price = level.price
        const notional = BigDecimal.max(instrument.minNotional, d("10"))
        const quantity = BigDecimal.max(
          Decimal.roundToStep(
            BigDecimal.unsafeDivide(BigDecimal.multiply(notional, d("1.5")), price),
            instrument.lotStep,
            "up"
          ),
          instrument.minQuantity
        )
        sandbox.engine.placeOrder(own, {
          symbol: instrument.symbol,
          side: round % 2 === 0 ? "buy" : "sell",
          type: "limit",
          timeInForce: "IOC",
          price,
          quantity,
          postOnly: false,
          clientOrderId: `outage${round}x${Date.now().toString(36)}`
        })
      }
      if (yield* until(10_000, () => states.slice(before).some((s) => s.state !== "live"))) {
        detections.push(states.slice(before).find((s) => s.state !== "live")!.at - t0)
      }
      if (yield* until(20_000, () => states.at(-1)?.state === "live")) liveAgain++
    }
    yield* Effect.sleep("1 second")
    const ledgerFills = (yield* sandbox.ledger.fills(own, instrument.symbol)).slice(startFills)
    const ledgerOrders = (yield* sandbox.ledger.orders(own)).filter((o) => o.symbol === instrument.symbol)
    const seenIds = new Map<string, number>()
    for (const f of fills) seenIds.set(f.id, (seenIds.get(f.id) ?? 0) + 1)
    const ledgerOrderIds = new Set(ledgerFills.map((f) => String(f.orderId)))
    let ordersWrongFinal = 0
    for (const o of ledgerOrders) {
      const truth = unifiedStatus[o.status] ?? o.status
      if (orders.get(String(o.orderId)) !== truth) ordersWrongFinal++
    }
    // per order: the fills seen against the ledger's
    let missed = 0
    for (const id of ledgerOrderIds) {
      const inLedger = ledgerFills.filter((f) => String(f.orderId) === id).length
      const seenCount = fills.filter((f) => f.orderId === id).length
      if (seenCount < inLedger) missed += inLedger - seenCount
    }
    return {
      venue: harness.venue,
      symbol: harness.symbol,
      fault,
      rounds: options.rounds,
      detected: detections.length,
      detectMaxMs: detections.length === 0 ? Number.NaN : Math.max(...detections),
      liveAgain,
      ledgerFills: ledgerFills.length,
      fillsSeen: fills.length,
      fillsMissed: missed,
      fillsDoubled: [...seenIds.values()].filter((k) => k > 1).length,
      ordersWrongFinal
    } satisfies UserStreamResult
  }).pipe(Effect.scoped)
