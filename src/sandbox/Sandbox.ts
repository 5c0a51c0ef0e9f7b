/**
 * The sandbox: a local exchange on 127.0.0.1 that speaks the real venues' wire protocols (Binance
 * Spot, Binance USDⓈ-M and Bybit v5: see `dialects/registry.ts`), with a ground-truth ledger, a price-time-priority matching engine, a seeded synthetic
 * market, and fault rules (DESIGN.md §9).
 *
 * ```ts
 * Effect.scoped(Effect.gen(function*() {
 *   const sandbox = yield* Sandbox.start({ seed: 42 })
 *   sandbox.urls.binance.rest  // "http://127.0.0.1:<port>/binance"
 *   yield* sandbox.faults.add("http429:count=1,retryAfter=2")
 * }))
 * ```
 *
 * To trade on it, `connection(sandbox, "binance")` gives a venue layer's options (URLs and the
 * sandbox's key, `Redacted`): `Binance.layer(Sandbox.connection(sandbox, "binance"))`. For an
 * `Exchange` on a sandbox of its own in one line, see `SandboxExchange.layer`.
 *
 * All time comes from the `Clock` of the runtime the sandbox is started in.
 *
 * @since 0.1.0
 */
import * as BigDecimal from "effect/BigDecimal"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import type { Decimal } from "../model/Decimal.js"
import { parse as parseDecimal, zero } from "../model/Decimal.js"
import * as Registry from "./dialects/registry.js"
import { Engine } from "./engine/Engine.js"
import type { Instrument } from "./engine/Instrument.js"
import { defaultPerpetuals } from "./engine/Instrument.js"
import type { Balance } from "./engine/Ledger.js"
import { MarketSimulator } from "./engine/MarketSimulator.js"
import type { Fill, Order } from "./engine/Order.js"
import * as Random from "./engine/Random.js"
import type { FaultRule } from "./faults/FaultRule.js"
import { parseFaultSpec } from "./faults/FaultRule.js"
import type { ActiveFault } from "./faults/Faults.js"
import { Faults } from "./faults/Faults.js"
import type { Dialect } from "./server/Dialect.js"
import * as HttpServer from "./server/HttpServer.js"
import * as Timers from "./server/Timers.js"

/**
 * The venues the sandbox can speak (see `dialects/registry.ts`).
 * @since 0.1.0
 */
export type Venue = Registry.Venue

/**
 * Why the sandbox could not start or did not accept a request of its handle.
 * @since 0.1.0
 */
export class SandboxError extends Data.TaggedError("SandboxError")<{
  readonly reason: "ListenFailed" | "InvalidFault" | "InvalidOption"
  readonly message: string
  readonly cause?: unknown
}> {}

/**
 * Credentials the sandbox issued: a key, its secret, and the account they act for. On
 * Hyperliquid the key is an approved agent wallet's address, the secret its private key, and
 * `address` the account's own wallet address.
 * @since 0.1.0
 */
export interface Credentials {
  readonly apiKey: string
  readonly secret: Redacted.Redacted<string>
  readonly accountId: string
  /** The key's passphrase, for venues whose keys have one (OKX). */
  readonly passphrase?: Redacted.Redacted<string> | undefined
  /** The account's wallet address, for venues that identify accounts by address (Hyperliquid). */
  readonly address?: string | undefined
}

/**
 * Base URLs of one venue on the sandbox.
 * @since 0.1.0
 */
export interface VenueUrls {
  /** REST base: `http://127.0.0.1:<port>/binance` (paths such as `/api/v3/time` follow). */
  readonly rest: string
  /** WebSocket base: `ws://127.0.0.1:<port>/binance` (paths such as `/ws/<stream>` follow). */
  readonly ws: string
}

/**
 * A running sandbox.
 * @since 0.1.0
 */
export interface Sandbox {
  readonly port: number
  /** The seed of every random behaviour of this run (print it when a test fails). */
  readonly seed: number
  readonly urls: { readonly [V in Venue]: VenueUrls }
  /** The default trading account's credentials, per venue (one account, one key per venue). */
  readonly credentials: { readonly [V in Venue]: Credentials }
  readonly faults: {
    /** Adds a rule (or a `kind:key=value,...` spec); returns its id. */
    readonly add: (rule: FaultRule | string) => Effect.Effect<number, SandboxError>
    readonly remove: (id: number) => Effect.Effect<void>
    readonly clear: Effect.Effect<void>
    readonly list: Effect.Effect<ReadonlyArray<ActiveFault>>
  }
  readonly market: {
    /** Advances the synthetic market `steps` times (default 1), paused or not. */
    readonly step: (steps?: number) => Effect.Effect<void>
    readonly pause: Effect.Effect<void>
    readonly resume: Effect.Effect<void>
    readonly isPaused: Effect.Effect<boolean>
  }
  readonly ledger: {
    /** Orders of an account (default: the default account), oldest first. */
    readonly orders: (accountId?: string) => Effect.Effect<ReadonlyArray<Order>>
    readonly openOrders: (accountId?: string, symbol?: string) => Effect.Effect<ReadonlyArray<Order>>
    /** The account's side of each of its executions. */
    readonly fills: (accountId?: string, symbol?: string) => Effect.Effect<ReadonlyArray<Fill>>
    readonly balances: (accountId?: string) => Effect.Effect<ReadonlyArray<Balance>>
    /** One asset's balance (zeros when the account never held it). */
    readonly balance: (asset: string, accountId?: string) => Effect.Effect<Balance>
    /** Opens another account with these balances and issues it a key. */
    readonly createAccount: (balances: Record<string, string>) => Effect.Effect<Credentials, SandboxError>
    readonly instruments: Effect.Effect<ReadonlyArray<Instrument>>
  }
  /** The engine itself, for tests that need more than the ledger view. */
  readonly engine: Engine
}

/**
 * The `Sandbox` service tag.
 * @since 0.1.0
 */
export const Sandbox: Context.Tag<Sandbox, Sandbox> = Context.GenericTag<Sandbox>("lotusx/sandbox/Sandbox")

/**
 * Options of `start` and `layer`.
 * @since 0.1.0
 */
export interface Options {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number | undefined
  readonly host?: string | undefined
  /** Seed of every random behaviour; a fresh one when absent (see `Sandbox.seed`). */
  readonly seed?: number | undefined
  /** Fault rules active from the start (objects or `kind:key=value,...` specs). */
  readonly faults?: ReadonlyArray<FaultRule | string> | undefined
  /** Venues to serve; default all. */
  readonly venues?: ReadonlyArray<Venue> | undefined
  /** The default account's balances (decimal strings). */
  readonly balances?: Record<string, string> | undefined
  readonly market?: {
    /** Run the synthetic market on a timer (default true). Tests may prefer `false` + `step`. */
    readonly running?: boolean | undefined
    /** Milliseconds between steps: a seeded draw in [min, max]; default 100–250. */
    readonly intervalMs?: { readonly min: number; readonly max: number } | undefined
    /** Steps run at start so the books and trade history are not empty. Default 8. */
    readonly warmUpSteps?: number | undefined
  } | undefined
  readonly binance?: Registry.VenueOptions["binance"]
  readonly bybit?: Registry.VenueOptions["bybit"]
  /** Hyperliquid's address-based request budget: its initial buffer (default 10,000). */
  readonly hyperliquid?: Registry.VenueOptions["hyperliquid"]
}

/**
 * The default account's balances.
 * @since 0.1.0
 */
export const defaultBalances: Readonly<Record<string, string>> = {
  USDT: "100000",
  BTC: "2",
  ETH: "20",
  SOL: "500",
  LTC: "100"
}

const decimalBalances = (balances: Record<string, string>): Either.Either<Record<string, Decimal>, string> => {
  const out: Record<string, Decimal> = {}
  for (const [asset, text] of Object.entries(balances)) {
    const d = parseDecimal(text)
    if (Either.isLeft(d) || BigDecimal.isNegative(d.right)) return Either.left(`balance of ${asset}: "${text}"`)
    out[asset] = d.right
  }
  return Either.right(out)
}

/**
 * Starts a sandbox in the current scope; closing the scope stops its server, connections and timers.
 * @since 0.1.0
 */
export const start = (options: Options = {}): Effect.Effect<Sandbox, SandboxError, Scope.Scope> =>
  Effect.gen(function*() {
    const seed = (options.seed ?? Random.freshSeed()) >>> 0
    const root = Random.make(seed)
    const clock = yield* Effect.clock
    const now = () => clock.unsafeCurrentTimeMillis()
    const runtime = yield* Effect.runtime<never>()
    const timers = Timers.make(runtime, now)

    const engine = new Engine({ now, random: root.fork("engine"), perpetuals: defaultPerpetuals })
    const simulator = new MarketSimulator(engine, root.fork("market"))
    simulator.warmUp(options.market?.warmUpSteps ?? 8)
    const faults = new Faults(root.fork("faults"))

    const openAccount = (balances: Record<string, string>): Either.Either<Credentials, SandboxError> =>
      Either.map(
        Either.mapLeft(
          decimalBalances(balances),
          (message) => new SandboxError({ reason: "InvalidOption", message: `invalid ${message}` })
        ),
        (decimals) => {
          const account = engine.createAccount({ balances: decimals })
          const key = engine.issueApiKey(account.id)
          return { apiKey: key.key, secret: key.secret, accountId: account.id }
        }
      )
    const main = yield* openAccount(options.balances ?? defaultBalances)

    const addFault = (rule: FaultRule | string): Either.Either<number, SandboxError> => {
      const parsed = typeof rule === "string" ? parseFaultSpec(rule) : Either.right(rule)
      return Either.match(parsed, {
        onLeft: (message) => Either.left(new SandboxError({ reason: "InvalidFault", message })),
        onRight: (r) => Either.right(faults.add(r).id)
      })
    }
    for (const rule of options.faults ?? []) yield* addFault(rule)

    const served = options.venues ?? Registry.venues
    const dialects: Array<Dialect> = served.map((venue) =>
      Registry.dialects[venue].make({ engine, faults, random: root.fork(venue), timers }, options)
    )
    const keys = {} as Record<Venue, Credentials>
    const issue = (venue: Venue): Credentials => {
      const entry: Registry.DialectEntry = Registry.dialects[venue]
      const key = engine.issueApiKey(main.accountId, undefined, { passphrase: entry.passphrase })
      return {
        apiKey: key.key,
        secret: key.secret,
        accountId: main.accountId,
        ...(key.passphrase !== undefined ? { passphrase: key.passphrase } : {})
      }
    }
    for (const venue of Registry.venues) {
      const own = dialects[served.indexOf(venue)]?.issueCredentials?.(main.accountId)
      keys[venue] = own !== undefined
        ? { apiKey: own.apiKey, secret: Redacted.make(own.secret), accountId: main.accountId, address: own.address }
        : venue === "binance"
        ? main
        : issue(venue)
    }

    const host = options.host ?? "127.0.0.1"
    const server = yield* HttpServer.serve({ host, port: options.port ?? 0, dialects, faults, timers }).pipe(
      Effect.mapError((cause) =>
        new SandboxError({
          reason: "ListenFailed",
          message: `cannot listen on ${host}:${options.port ?? 0}: ${cause.message}`,
          cause
        })
      )
    )

    let paused = options.market?.running === false
    const jitter = root.fork("market-timer")
    const interval = options.market?.intervalMs ?? { min: 100, max: 250 }
    yield* Effect.forkScoped(Effect.forever(
      Effect.suspend(() => Effect.sleep(Duration.millis(jitter.between(interval.min, interval.max)))).pipe(
        Effect.zipRight(Effect.sync(() => {
          if (!paused) simulator.step()
        })),
        Effect.catchAllDefect((defect) => Effect.logError(`sandbox market step failed (seed ${seed})`, defect))
      )
    ))

    const account = (id?: string) => id ?? main.accountId
    const base = (scheme: string) => `${scheme}://${host}:${server.port}`
    yield* Effect.logDebug(`sandbox listening on ${base("http")} (seed ${seed})`)
    return {
      port: server.port,
      seed,
      urls: Object.fromEntries(
        Registry.venues.map((v) => [v, { rest: `${base("http")}/${v}`, ws: `${base("ws")}/${v}` }])
      ) as Record<Venue, VenueUrls>,
      credentials: keys,
      faults: {
        add: (rule) => addFault(rule),
        remove: (id) => Effect.sync(() => faults.remove(id)),
        clear: Effect.sync(() => faults.clear()),
        list: Effect.sync(() => faults.list())
      },
      market: {
        step: (steps = 1) =>
          Effect.sync(() => {
            for (let i = 0; i < steps; i++) simulator.step()
          }),
        pause: Effect.sync(() => {
          paused = true
        }),
        resume: Effect.sync(() => {
          paused = false
        }),
        isPaused: Effect.sync(() => paused)
      },
      ledger: {
        orders: (id) => Effect.sync(() => [...engine.orders(account(id))]),
        openOrders: (id, symbol) => Effect.sync(() => engine.openOrders(account(id), symbol)),
        fills: (id, symbol) => Effect.sync(() => [...engine.fills(account(id), symbol)]),
        balances: (id) => Effect.sync(() => engine.balances(account(id))),
        balance: (asset, id) =>
          Effect.sync(() =>
            engine.balances(account(id)).find((b) => b.asset === asset) ?? { asset, free: zero, locked: zero }
          ),
        createAccount: (balances) => Effect.suspend(() => openAccount(balances)),
        instruments: Effect.sync(() => engine.instruments)
      },
      engine
    } satisfies Sandbox
  })

/**
 * What a venue layer needs to trade on a sandbox: `environment: "sandbox"`, its REST and websocket
 * URLs, and the key it issued (as `Redacted`, like every credential a connector takes).
 * @since 0.1.0
 */
export interface Connection {
  readonly environment: "sandbox"
  readonly restUrl: string
  readonly wsUrl: string
  readonly credentials: {
    readonly apiKey: Redacted.Redacted<string>
    readonly secret: Redacted.Redacted<string>
    /** For venues whose keys have one (OKX). */
    readonly passphrase?: Redacted.Redacted<string> | undefined
  }
}

/**
 * The options to connect a venue's layer to this sandbox, with the default account's key:
 * `Binance.layer(Sandbox.connection(sandbox, "binance"))`. Pass `credentials` (from
 * `ledger.createAccount`) to act for another account.
 * @since 0.1.0
 */
export const connection = (sandbox: Sandbox, venue: Venue, credentials?: Credentials): Connection => {
  const issued = credentials ?? sandbox.credentials[venue]
  return {
    environment: "sandbox",
    restUrl: sandbox.urls[venue].rest,
    wsUrl: sandbox.urls[venue].ws,
    credentials: {
      apiKey: Redacted.make(issued.apiKey),
      secret: issued.secret,
      ...(issued.passphrase !== undefined ? { passphrase: issued.passphrase } : {})
    }
  }
}

/**
 * A layer providing a running `Sandbox` (stopped when the layer is released).
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<Sandbox, SandboxError> =>
  Layer.scoped(Sandbox, start(options))
