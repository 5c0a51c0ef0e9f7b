/**
 * `lotusx.config.toml` → validated config → `Exchange` layers (DESIGN.md §10).
 *
 * The file is parsed with smol-toml, validated with Schema (every error names the file, the key
 * path, what was expected and what was found), and fed to a `ConfigProvider` under which environment
 * variables override file values: the key `exchanges.binance.environment` is overridden by
 * `LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT`, `strategy.quick_start.interval` by
 * `LOTUSX_STRATEGY_QUICK_START_INTERVAL` (prefix `LOTUSX_`, then each key in CONSTANT_CASE). Any
 * other `LOTUSX_*` variable is refused with the closest valid name (see `EnvVariables.ts`): a
 * misspelt override must not be ignored silently.
 *
 * ```ts
 * // the Exchange of lotusx.config.toml's first exchange, and its [strategy.*] params through `Config`
 * program.pipe(Effect.provide(LotusConfig.layer()), Effect.provide(NodeHttpClient.layerUndici), …)
 * ```
 *
 * An exchange with `environment = "sandbox"` and no `rest_url` runs against an embedded sandbox
 * started in-process by its layer (and uses the sandbox's own throwaway key unless credentials are
 * configured). To use a sandbox started with `lotusx sandbox`, set `rest_url`/`ws_url` and the
 * credentials it prints.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Socket from "@effect/platform/Socket"
import * as Config from "effect/Config"
import * as EffectConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as BookBus from "../cluster/BookBus.js"
import * as RedisRateLimiter from "../cluster/RedisRateLimiter.js"
import { ConfigError } from "../errors/ExchangeError.js"
import type { Environment, VenueId } from "../Exchange.js"
import { Exchange } from "../Exchange.js"
import type { CredentialField } from "../kernel/VenueAdapter.js"
import type { SandboxError } from "../sandbox/Sandbox.js"
import * as Sandbox from "../sandbox/Sandbox.js"
import * as ConfigFile from "./ConfigFile.js"
import * as EnvVariables from "./EnvVariables.js"
import type { Credentials, ExchangeSettings } from "./ExchangeSettings.js"
import * as Provider from "./internal/provider.js"
import * as Venues from "./venues.js"

/**
 * A loaded config.
 * @since 0.1.0
 */
export interface LotusConfig {
  /** The file that was read; `undefined` when no file was found at the default path (defaults apply). */
  readonly file: string | undefined
  /** The validated file (secrets already `Redacted`). */
  readonly document: ConfigFile.ConfigDocument
  /**
   * Environment variables over the file (credentials excluded), then plain environment variables:
   * install it with `Layer.setConfigProvider` to read `[strategy.*]` parameters through `Config`.
   */
  readonly provider: ConfigProvider.ConfigProvider
  /** The exchanges the file lists, in file order. */
  readonly exchanges: ReadonlyArray<VenueId>
  /** Problems worth telling the user about that do not stop anything (also logged at load). */
  readonly warnings: ReadonlyArray<string>
  /** Set by `LoadOptions.environment` (the CLI's `--env`): wins over file and environment variables. */
  readonly environment: Environment | undefined
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * @since 0.1.0
 */
export interface LoadOptions {
  /**
   * The config file. Default: `$LOTUSX_CONFIG`, else `lotusx.config.toml` in the working directory
   * (which may be absent: every exchange then defaults to the embedded sandbox). A path given here
   * or in `$LOTUSX_CONFIG` must exist.
   */
  readonly path?: string | undefined
  /** Environment variables. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined
  /** Forces every exchange's environment (the CLI's `--env`). */
  readonly environment?: Environment | undefined
}

/**
 * The default file name.
 * @since 0.1.0
 */
export const defaultPath = "lotusx.config.toml"

/**
 * The environment variable that overrides a key path, e.g.
 * `envVariable(["exchanges", "binance", "environment"])` = `"LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT"`.
 * @since 0.1.0
 */
export const envVariable = (path: ReadonlyArray<string>): string => Provider.envName(path)

/**
 * Builds a config from the text of a file (`file` names it in errors and warnings).
 * @since 0.1.0
 */
export const fromText = (
  text: string,
  options: LoadOptions & { readonly file?: string | undefined } = {}
): Effect.Effect<LotusConfig, ConfigError> =>
  Effect.gen(function*() {
    const file = options.file ?? options.path ?? defaultPath
    const document = yield* ConfigFile.parse(text, file)
    for (const id of Object.keys(document.exchanges ?? {})) {
      if (Venues.find(id) === undefined) {
        return yield* new ConfigError({ path: `exchanges.${id} in ${file}`, detail: Venues.unknownVenueDetail(id) })
      }
    }
    const unknown = EnvVariables.check(options.env ?? process.env, ConfigFile.referencedVariables(document))
    if (unknown !== undefined) return yield* unknown
    return make(document, file, options, [])
  })

const make = (
  document: ConfigFile.ConfigDocument,
  file: string | undefined,
  options: LoadOptions,
  warnings: ReadonlyArray<string>
): LotusConfig => {
  const env = options.env ?? process.env
  const provider = ConfigProvider.orElse(
    Provider.layered(ConfigProvider.fromJson(ConfigFile.toProviderJson(document)), env),
    () => ConfigProvider.fromMap(new Map(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)))
  )
  return {
    file,
    document,
    provider,
    exchanges: Object.keys(document.exchanges ?? {}) as Array<VenueId>,
    warnings,
    environment: options.environment,
    env
  }
}

/**
 * Reads, validates and checks the config file (see `LoadOptions.path`). Warns (and lists in
 * `warnings`) when the file holds inline secrets and is readable by group or others.
 * @since 0.1.0
 */
export const load = (options: LoadOptions = {}): Effect.Effect<LotusConfig, ConfigError> =>
  Effect.gen(function*() {
    const env = options.env ?? process.env
    const explicit = options.path ?? env["LOTUSX_CONFIG"]
    const file = explicit ?? defaultPath
    const text = yield* Effect.try({
      try: () => fs.readFileSync(file, "utf8"),
      catch: (error) => error as NodeJS.ErrnoException
    }).pipe(
      Effect.map(Option.some),
      Effect.catchAll((error) =>
        error.code === "ENOENT" && explicit === undefined
          ? Effect.succeed(Option.none<string>())
          : new ConfigError({
            path: file,
            detail: error.code === "ENOENT" ? "file not found" : `cannot read the file: ${error.message}`
          })
      )
    )
    if (Option.isNone(text)) {
      const unknown = EnvVariables.check(env)
      if (unknown !== undefined) return yield* unknown
      return make({}, undefined, { ...options, env }, [])
    }
    const config = yield* fromText(text.value, { ...options, env, file })
    const warnings: Array<string> = []
    if (process.platform !== "win32" && ConfigFile.hasInlineSecrets(config.document)) {
      const mode = fs.statSync(file).mode & 0o777
      if ((mode & 0o044) !== 0) {
        warnings.push(
          `${file} holds inline secrets and is readable by group/others (mode ${mode.toString(8)}): ` +
            `run \`chmod 600 ${file}\` or use { env = "NAME" } references`
        )
      }
    }
    for (const warning of warnings) yield* Effect.logWarning(warning)
    return { ...config, warnings }
  })

// ---- exchange settings ------------------------------------------------------------------------

const describeConfigError = (
  error: EffectConfigError.ConfigError,
  venue: string,
  config: LotusConfig
): ConfigError => {
  const first = (e: EffectConfigError.ConfigError): EffectConfigError.ConfigError =>
    e._op === "And" || e._op === "Or" ? first(e.left) : e
  const leaf = first(error)
  const path = "path" in leaf ? leaf.path : []
  const where = path.length === 1 && path[0]!.startsWith(`${Provider.envPrefix}_`)
    ? `environment variable ${path[0]}`
    : config.env[Provider.envName(path)] !== undefined
    ? `environment variable ${Provider.envName(path)}`
    : `${path.join(".")}${config.file === undefined ? "" : ` in ${config.file}`}`
  const message = "message" in leaf ? leaf.message : String(leaf)
  const detail = message
    .replace(
      /^Expected (.*) but received (.*)$/s,
      (_, expected: string, found: string) =>
        `expected ${expected.replace(/^one of \((.*)\)$/, "one of $1")}, found "${found.replace(/^"(.*)"$/s, "$1")}"`
    )
  return new ConfigError({ venue, path: where, detail })
}

const rangeInt = (name: string, min: number, max: number, what: string) =>
  Config.mapOrFail(Config.integer(name), (n) =>
    n >= min && n <= max
      ? Either.right(n)
      : Either.left(EffectConfigError.InvalidData([], `Expected ${what} but received ${n}`)))

const settingsConfig = Config.all({
  environment: Config.withDefault(Config.literal("sandbox", "testnet", "mainnet")("environment"), "sandbox"),
  restUrl: Config.option(Config.string("rest_url")),
  wsUrl: Config.option(Config.string("ws_url")),
  recvWindowMs: Config.option(rangeInt("recv_window", 1, 60_000, "a whole number from 1 to 60000 (milliseconds)")),
  timeoutMs: Config.option(rangeInt("timeout", 1, Number.MAX_SAFE_INTEGER, "a positive whole number (milliseconds)")),
  rateLimit: Config.all({
    weightLimit: Config.option(rangeInt("weight_limit", 1, Number.MAX_SAFE_INTEGER, "a positive whole number")),
    windowMs: Config.option(rangeInt("window_ms", 1, Number.MAX_SAFE_INTEGER, "a positive whole number")),
    maxWaitMs: Config.option(rangeInt("max_wait_ms", 0, Number.MAX_SAFE_INTEGER, "a whole number ≥ 0"))
  }).pipe(Config.nested("rate_limit"))
})

/** A venue's credential fields from environment variables (`…_CREDENTIALS_<FIELD>`). */
const credentialsConfig = (
  fields: ReadonlyArray<CredentialField>
): Config.Config<Record<string, Option.Option<Redacted.Redacted<string>>>> =>
  Config.all(
    Object.fromEntries(fields.map((f) => [f.name, Config.option(Config.redacted(f.config))] as const))
  ).pipe(Config.nested("credentials"))

const urlOk = (url: string, schemes: ReadonlyArray<string>) => {
  try {
    return schemes.includes(new URL(url).protocol)
  } catch {
    return false
  }
}

/**
 * The settings of one exchange: the file's `[exchanges.<venue>]` (or defaults when the file does not
 * list it), overridden by `LOTUSX_EXCHANGES_<VENUE>_*` environment variables and by
 * `LoadOptions.environment`, with `{ env = "NAME" }` credentials resolved to `Redacted` values.
 * Fails on an unknown venue, an invalid override or a referenced variable that is not set.
 * @since 0.1.0
 */
export const exchangeSettings = (config: LotusConfig, venue: string): Effect.Effect<ExchangeSettings, ConfigError> =>
  Effect.gen(function*() {
    const entry = Venues.find(venue)
    if (entry === undefined) {
      return yield* new ConfigError({ path: "exchange", detail: Venues.unknownVenueDetail(venue) })
    }
    const where = (key: string) => `exchanges.${venue}.${key}${config.file === undefined ? "" : ` in ${config.file}`}`
    const read = yield* config.provider.load(settingsConfig.pipe(Config.nested(venue), Config.nested("exchanges")))
      .pipe(
        Effect.mapError((e) => describeConfigError(e, venue, config))
      )
    const restUrl = Option.getOrUndefined(read.restUrl)
    const wsUrl = Option.getOrUndefined(read.wsUrl)
    if (restUrl !== undefined && !urlOk(restUrl, ["http:", "https:"])) {
      return yield* new ConfigError({
        venue,
        path: Provider.envName(["exchanges", venue, "rest_url"]),
        detail: `expected a http or https URL, found "${restUrl}"`
      })
    }
    if (wsUrl !== undefined && !urlOk(wsUrl, ["ws:", "wss:"])) {
      return yield* new ConfigError({
        venue,
        path: Provider.envName(["exchanges", venue, "ws_url"]),
        detail: `expected a ws or wss URL, found "${wsUrl}"`
      })
    }

    const fileCredentials = config.document.exchanges?.[venue]?.credentials ?? {}
    const known = new Set(entry.credentials.map((f) => f.config))
    const unknown = Object.keys(fileCredentials).find((k) => !known.has(k))
    if (unknown !== undefined) {
      return yield* new ConfigError({
        venue,
        path: where(`credentials.${unknown}`),
        detail: `unknown credential field; ${venue} takes ${entry.credentials.map((f) => f.config).join(", ")}`
      })
    }
    const fromEnv = yield* config.provider.load(
      credentialsConfig(entry.credentials).pipe(Config.nested(venue), Config.nested("exchanges"))
    ).pipe(Effect.mapError((e) => describeConfigError(e, venue, config)))
    const values: Record<string, Redacted.Redacted<string>> = {}
    for (const field of entry.credentials) {
      const env = fromEnv[field.name]
      if (env !== undefined && Option.isSome(env)) {
        values[field.name] = env.value
        continue
      }
      const value = fileCredentials[field.config]
      if (value === undefined) continue
      if (Redacted.isRedacted(value)) {
        values[field.name] = value
        continue
      }
      const raw = config.env[value.env]
      if (raw === undefined || raw === "") {
        return yield* new ConfigError({
          venue,
          path: where(`credentials.${field.config}`),
          detail: `environment variable ${value.env} is not set`
        })
      }
      values[field.name] = Redacted.make(raw)
    }
    const credentials: Credentials | undefined = Object.keys(values).length === 0 ? undefined : values
    const missing = entry.credentials.find((f) => f.optional !== true && values[f.name] === undefined)
    if (credentials !== undefined && missing !== undefined) {
      return yield* new ConfigError({
        venue,
        path: where(`credentials.${missing.config}`),
        detail: `required key is missing (${missing.description}); ${venue} takes ${
          entry.credentials.map((f) => f.config).join(", ")
        }`
      })
    }
    const incomplete = entry.checkCredentials(credentials)
    if (incomplete !== undefined) {
      return yield* new ConfigError({ venue, path: where("credentials"), detail: `credentials: ${incomplete}` })
    }
    const rateLimit = {
      weightLimit: Option.getOrUndefined(read.rateLimit.weightLimit),
      windowMs: Option.getOrUndefined(read.rateLimit.windowMs),
      maxWaitMs: Option.getOrUndefined(read.rateLimit.maxWaitMs)
    }
    return {
      venue: entry.id,
      environment: config.environment ?? read.environment,
      restUrl,
      wsUrl,
      recvWindowMs: Option.getOrUndefined(read.recvWindowMs),
      timeoutMs: Option.getOrUndefined(read.timeoutMs),
      rateLimit: Object.values(rateLimit).every((v) => v === undefined) ? undefined : rateLimit,
      credentials
    } satisfies ExchangeSettings
  })

/**
 * Whether an exchange runs against an embedded sandbox: `environment = "sandbox"` and no `rest_url`.
 * @since 0.1.0
 */
export const usesEmbeddedSandbox = (settings: ExchangeSettings): boolean =>
  settings.environment === "sandbox" && settings.restUrl === undefined

/**
 * Options of `exchangeLayer` and `layers`.
 * @since 0.1.0
 */
export interface LayerOptions {
  /**
   * The sandbox that exchanges with `environment = "sandbox"` and no `rest_url` use. When absent,
   * each such layer starts its own embedded sandbox (seeded by `[sandbox] seed`).
   */
  readonly sandbox?: Sandbox.Sandbox | undefined
  /**
   * Where order books come from, over `[cluster] market_data`: `"venue"` (its websocket) or `"bus"`
   * (`lotusx ingest` through Redis; see `cluster/BookBus.ts`). `lotusx ingest` itself asks for the venue.
   */
  readonly marketData?: MarketDataSource | undefined
}

/**
 * Where order books come from: the venue's websocket, or the market-data bus on Redis.
 * @since 0.1.0
 */
export type MarketDataSource = "venue" | "bus"

/**
 * Points settings at a sandbox (its URLs, and its throwaway key unless credentials are configured).
 * @since 0.1.0
 */
export const onSandbox = (
  settings: ExchangeSettings,
  sandbox: Sandbox.Sandbox
): Either.Either<ExchangeSettings, ConfigError> => {
  const urls = (sandbox.urls as Partial<Record<string, Sandbox.VenueUrls>>)[settings.venue]
  const issued = (sandbox.credentials as Partial<Record<string, Sandbox.Credentials>>)[settings.venue]
  if (urls === undefined || issued === undefined) {
    return Either.left(
      new ConfigError({
        venue: settings.venue,
        path: `exchanges.${settings.venue}.environment`,
        detail: "the sandbox does not speak this venue yet: set rest_url/ws_url, or choose testnet or mainnet"
      })
    )
  }
  return Either.right({
    ...settings,
    restUrl: urls.rest,
    wsUrl: settings.wsUrl ?? urls.ws,
    credentials: settings.credentials ?? (
      // a wallet-style venue (Hyperliquid): the key is an agent wallet acting for the account's address
      issued.address !== undefined
        ? { privateKey: issued.secret, accountAddress: Redacted.make(issued.address) }
        : {
          apiKey: Redacted.make(issued.apiKey),
          secret: issued.secret,
          ...(issued.passphrase !== undefined ? { passphrase: issued.passphrase } : {})
        }
    )
  })
}

/**
 * The `Exchange` layer of one exchange of the config (listed in the file or not: unlisted ones get
 * defaults and environment-variable overrides).
 * @since 0.1.0
 */
export const exchangeLayer = (
  config: LotusConfig,
  venue: string,
  options: LayerOptions = {}
): Layer.Layer<Exchange, ConfigError | SandboxError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.unwrapScoped(Effect.gen(function*() {
    const settings = yield* exchangeSettings(config, venue)
    const entry = Venues.find(settings.venue)!
    const cluster = yield* clusterOptions(config)
    const marketData = options.marketData ?? (yield* marketDataSource(config))
    const withBus = (
      exchange: Layer.Layer<Exchange, ConfigError | SandboxError, HttpClient.HttpClient | Socket.WebSocketConstructor>
    ) =>
      marketData === "venue" || cluster === undefined
        ? exchange
        : Layer.effect(
          Exchange,
          Effect.map(Effect.zip(Exchange, BookBus.BookBus), ([venueExchange, bus]) =>
            BookBus.exchange(venueExchange, bus))
        ).pipe(
          Layer.provide(Layer.merge(exchange, BookBus.layer({ url: cluster.url, namespace: cluster.namespace })))
        )
    const withStore = (
      exchange: Layer.Layer<Exchange, ConfigError | SandboxError, HttpClient.HttpClient | Socket.WebSocketConstructor>
    ) => withBus(cluster === undefined ? exchange : Layer.provide(exchange, RedisRateLimiter.layer(cluster)))
    if (!usesEmbeddedSandbox(settings)) {
      yield* logEnvironment(settings, false)
      return withStore(entry.layer(settings))
    }
    const sandbox = options.sandbox ?? (yield* Sandbox.start(yield* sandboxOptions(config)))
    const onIt = yield* onSandbox(settings, sandbox)
    yield* logEnvironment(onIt, true)
    return withStore(entry.layer(onIt))
  }))

/**
 * One line saying where an exchange of the config trades: which venue, which environment, and
 * whether the money is real. `exchangeLayer` (and so `layer`) logs it when the exchange is built.
 *
 * ```
 * binance on the sandbox: an embedded local exchange at http://127.0.0.1:53211/binance (fake money)
 * binance on MAINNET: https://api.binance.com (real money)
 * ```
 * @since 0.1.0
 */
export const describeEnvironment = (settings: ExchangeSettings, embedded: boolean): string => {
  const where = settings.restUrl === undefined ? "the venue's official URL" : settings.restUrl
  switch (settings.environment) {
    case "sandbox":
      return embedded
        ? `${settings.venue} on the sandbox: an embedded local exchange at ${where} (fake money)`
        : `${settings.venue} on the sandbox at ${where} (fake money)`
    case "testnet":
      return `${settings.venue} on testnet: ${where} (the venue's test network, test funds)`
    case "mainnet":
      return `${settings.venue} on MAINNET: ${where} (real money)`
  }
}

const logEnvironment = (settings: ExchangeSettings, embedded: boolean) =>
  Effect.logInfo(describeEnvironment(settings, embedded)).pipe(
    Effect.annotateLogs({ venue: settings.venue, environment: settings.environment })
  )

/**
 * The shared rate-limit store of the `[cluster]` table (`redis = "redis://…"`, overridden by
 * `LOTUSX_CLUSTER_REDIS`), or `undefined` when none is configured: every process then counts its
 * requests alone (the in-memory store).
 * @since 0.1.0
 */
export const clusterOptions = (config: LotusConfig): Effect.Effect<RedisRateLimiter.Options | undefined, ConfigError> =>
  Effect.map(
    config.provider.load(
      Config.all({
        redis: Config.option(Config.redacted("redis")),
        namespace: Config.option(Config.string("namespace")),
        maxProcesses: Config.option(rangeInt("max_processes", 1, 1000, "a whole number from 1 to 1000")),
        onUnreachable: Config.option(Config.literal("share", "fail")("on_unreachable"))
      }).pipe(Config.nested("cluster"))
    ).pipe(Effect.mapError((e) => describeConfigError(e, "cluster", config))),
    (read) =>
      Option.isNone(read.redis) ? undefined : {
        url: read.redis.value,
        namespace: Option.getOrUndefined(read.namespace),
        maxProcesses: Option.getOrUndefined(read.maxProcesses),
        onUnreachable: Option.getOrUndefined(read.onUnreachable)
      }
  )

/**
 * `[cluster] market_data` (`LOTUSX_CLUSTER_MARKET_DATA`): `"venue"` (default) or `"bus"`, which
 * needs `[cluster] redis`.
 * @since 0.1.0
 */
export const marketDataSource = (config: LotusConfig): Effect.Effect<MarketDataSource, ConfigError> =>
  Effect.flatMap(
    config.provider.load(
      Config.all({
        redis: Config.option(Config.redacted("redis")),
        marketData: Config.withDefault(Config.literal("venue", "bus")("market_data"), "venue" as const)
      }).pipe(Config.nested("cluster"))
    ).pipe(Effect.mapError((e) => describeConfigError(e, "cluster", config))),
    ({ marketData, redis }) =>
      marketData === "bus" && Option.isNone(redis)
        ? Effect.fail(
          new ConfigError({
            path: `cluster.market_data${config.file === undefined ? "" : ` in ${config.file}`}`,
            detail: "\"bus\" needs [cluster] redis = \"redis://…\" (where lotusx ingest publishes)"
          })
        )
        : Effect.succeed(marketData)
  )

/**
 * Options for an embedded sandbox, from the `[sandbox]` table (`LOTUSX_SANDBOX_SEED` overrides).
 * @since 0.1.0
 */
export const sandboxOptions = (config: LotusConfig): Effect.Effect<Sandbox.Options, ConfigError> =>
  Effect.map(
    config.provider.load(
      Config.option(rangeInt("seed", 0, 0xffff_ffff, "a whole number below 2^32")).pipe(Config.nested("sandbox"))
    ).pipe(Effect.mapError((e) => describeConfigError(e, "sandbox", config))),
    (seed) => ({ seed: Option.getOrUndefined(seed) })
  )

/**
 * The `Exchange` layers of every exchange the file lists, by venue id. Pass `sandbox` to share one
 * sandbox between them.
 * @since 0.1.0
 */
export const layers = (
  config: LotusConfig,
  options: LayerOptions = {}
): Readonly<
  Record<string, Layer.Layer<Exchange, ConfigError | SandboxError, HttpClient.HttpClient | Socket.WebSocketConstructor>>
> => Object.fromEntries(config.exchanges.map((venue) => [venue, exchangeLayer(config, venue, options)]))

/**
 * Loads the config and provides one exchange's `Exchange` (default: the first the file lists, else
 * `binance`) and the config's `ConfigProvider`, so a bot reads its `[strategy.*]` parameters with
 * `Config`. The application still provides `HttpClient` and `WebSocketConstructor`.
 * @since 0.1.0
 */
export const layer = (
  venue?: string,
  options: LoadOptions = {}
): Layer.Layer<Exchange, ConfigError | SandboxError, HttpClient.HttpClient | Socket.WebSocketConstructor> =>
  Layer.unwrapEffect(Effect.map(load(options), (config) =>
    Layer.merge(
      exchangeLayer(config, venue ?? config.exchanges[0] ?? "binance"),
      Layer.setConfigProvider(config.provider)
    )))
