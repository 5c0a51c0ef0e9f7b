import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import { assert, describe, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as LotusConfig from "../../src/config/LotusConfig.js"
import * as Venues from "../../src/config/venues.js"
import { Exchange } from "../../src/Exchange.js"

const repoConfig = path.resolve(__dirname, "../../lotusx.config.toml")

const fromText = (text: string, env: Record<string, string> = {}, options: LotusConfig.LoadOptions = {}) =>
  LotusConfig.fromText(text, { file: "test.toml", env, ...options })

const settings = (text: string, env: Record<string, string> = {}, venue = "binance") =>
  Effect.flatMap(fromText(text, env), (c) => LotusConfig.exchangeSettings(c, venue))

/** The message of the error a config fails with. */
const failure = <A, E extends { message: string }>(effect: Effect.Effect<A, E>) =>
  Effect.map(Effect.flip(effect), (e) => e.message)

const tmpFile = (text: string, mode: number) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotusx-config-"))
  const file = path.join(dir, "lotusx.config.toml")
  fs.writeFileSync(file, text)
  fs.chmodSync(file, mode)
  return file
}

describe("LotusConfig", () => {
  it.effect("the repository's lotusx.config.toml works out of the box against the embedded sandbox", () =>
    Effect.gen(function*() {
      const config = yield* LotusConfig.load({ path: repoConfig, env: {} })
      // every supported venue is listed, each on the embedded sandbox (so `status --all` covers them all)
      assert.deepStrictEqual(config.exchanges, [...Venues.venueIds])
      assert.deepStrictEqual(config.warnings, [])
      for (const venue of Venues.venueIds) {
        const s = yield* LotusConfig.exchangeSettings(config, venue)
        assert.strictEqual(s.environment, "sandbox")
        assert.strictEqual(s.restUrl, undefined)
        assert.strictEqual(s.credentials, undefined)
        assert.isTrue(LotusConfig.usesEmbeddedSandbox(s))
      }
      const params = yield* config.provider.load(
        Config.all({ symbol: Config.string("symbol"), interval: Config.duration("interval") }).pipe(
          Config.nested("quick_start"),
          Config.nested("strategy")
        )
      )
      assert.strictEqual(params.symbol, "BTCUSDT")
      assert.isTrue(Duration.equals(params.interval, Duration.seconds(5)))
    }))

  it.effect("reads every exchange field", () =>
    Effect.gen(function*() {
      const s = yield* settings(
        `
[exchanges.binance]
environment = "testnet"
rest_url = "https://example.test"
ws_url = "wss://example.test/ws"
recv_window = 3000
timeout = 2500
[exchanges.binance.rate_limit]
weight_limit = 1200
window_ms = 60000
max_wait_ms = 0
[exchanges.binance.credentials]
api_key = "inline-key"
secret = { env = "MY_SECRET" }
`,
        { MY_SECRET: "s3cr3t" }
      )
      assert.strictEqual(s.environment, "testnet")
      assert.strictEqual(s.restUrl, "https://example.test")
      assert.strictEqual(s.wsUrl, "wss://example.test/ws")
      assert.strictEqual(s.recvWindowMs, 3000)
      assert.strictEqual(s.timeoutMs, 2500)
      assert.deepStrictEqual(s.rateLimit, { weightLimit: 1200, windowMs: 60000, maxWaitMs: 0 })
      assert.isTrue(Redacted.isRedacted(s.credentials?.apiKey))
      assert.strictEqual(Redacted.value(s.credentials!.apiKey!), "inline-key")
      assert.strictEqual(Redacted.value(s.credentials!.secret!), "s3cr3t")
      const printed = JSON.stringify(s) + String(s.credentials?.secret) + JSON.stringify(s.credentials)
      assert.notInclude(printed, "s3cr3t")
      assert.notInclude(printed, "inline-key")
    }))

  it.effect("environment variables override file values (LOTUSX_ + key path in CONSTANT_CASE)", () =>
    Effect.gen(function*() {
      const text = `[exchanges.binance]\nenvironment = "sandbox"\nrecv_window = 5000\n[strategy.bot]\nsize = "0.1"\n`
      const s = yield* settings(text, {
        LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT: "mainnet",
        LOTUSX_EXCHANGES_BINANCE_RECV_WINDOW: "2000",
        LOTUSX_EXCHANGES_BINANCE_RATE_LIMIT_WEIGHT_LIMIT: "100",
        LOTUSX_EXCHANGES_BINANCE_CREDENTIALS_API_KEY: "env-key",
        LOTUSX_EXCHANGES_BINANCE_CREDENTIALS_SECRET: "env-secret"
      })
      assert.strictEqual(s.environment, "mainnet")
      assert.strictEqual(s.recvWindowMs, 2000)
      assert.strictEqual(s.rateLimit?.weightLimit, 100)
      assert.strictEqual(Redacted.value(s.credentials!.secret!), "env-secret")
      const config = yield* fromText(text, { LOTUSX_STRATEGY_BOT_SIZE: "0.25", LOTUSX_STRATEGY_BOT_EXTRA: "x" })
      const strategy = Config.all([Config.string("size"), Config.string("extra")]).pipe(
        Config.nested("bot"),
        Config.nested("strategy")
      )
      assert.deepStrictEqual(yield* config.provider.load(strategy), ["0.25", "x"])
      assert.strictEqual(
        LotusConfig.envVariable(["exchanges", "binance-usdm", "rate_limit"]),
        "LOTUSX_EXCHANGES_BINANCE_USDM_RATE_LIMIT"
      )
    }))

  it.effect("--env wins over file and environment variables; unlisted venues get defaults", () =>
    Effect.gen(function*() {
      const config = yield* fromText(`[exchanges.binance]\nenvironment = "mainnet"\n`, {
        LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT: "testnet"
      }, { environment: "sandbox" })
      assert.strictEqual((yield* LotusConfig.exchangeSettings(config, "binance")).environment, "sandbox")
      const empty = yield* fromText("")
      assert.deepStrictEqual(empty.exchanges, [])
      assert.strictEqual((yield* LotusConfig.exchangeSettings(empty, "binance")).environment, "sandbox")
    }))

  it.effect("every error names the file, the key path, what was expected and what was found", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
        [`[exchanges.binance]\nenvironment = "mainnnet"`, [
          "test.toml",
          "exchanges.binance.environment",
          "expected one of \"sandbox\", \"testnet\", \"mainnet\"",
          "found \"mainnnet\""
        ]],
        [`[exchanges.binance]\nrecv_window = 1.5`, [
          "exchanges.binance.recv_window",
          "whole number from 1 to 60000",
          "found 1.5"
        ]],
        [`[exchanges.binance]\nrecv_window = 90000`, ["exchanges.binance.recv_window", "found 90000"]],
        [`[exchanges.binance]\nrecv_window = "5s"`, ["exchanges.binance.recv_window", "found \"5s\""]],
        [`[exchanges.binance]\nrest_url = "ftp://x"`, [
          "exchanges.binance.rest_url",
          "expected a http or https URL",
          "found \"ftp://x\""
        ]],
        [`[exchanges.binance]\nrecv_windw = 5000`, [
          "test.toml",
          "exchanges.binance.recv_windw",
          "unknown key",
          "recv_window"
        ]],
        [`[exchanges.binanse]\nenvironment = "sandbox"`, [
          "test.toml",
          "exchanges.binanse",
          "unknown exchange \"binanse\"",
          "supported: binance"
        ]],
        [`[exchanges.binance.credentials]\napi_key = 3\nsecret = "x"`, [
          "exchanges.binance.credentials.api_key",
          "expected a non-empty string or { env = \"VARIABLE_NAME\" }",
          "found 3"
        ]],
        [`[exchanges.binance.credentials]\napi_key = "k"`, [
          "exchanges.binance.credentials.secret",
          "required key is missing"
        ]],
        [`[exchanges.binance]\nrate_limit = 5`, ["exchanges.binance.rate_limit", "found 5"]],
        [`strategy = 3`, ["test.toml", "strategy", "expected a table of [strategy.<name>] tables", "found 3"]],
        [`[exchanges.binance]\nenvironment = "sandbox"\n[exchanges.binance]`, ["test.toml:3", "not valid TOML"]],
        [`[exchanges.binance\n`, ["test.toml:1", "not valid TOML"]]
      ]
      for (const [text, expected] of cases) {
        const message = yield* failure(settings(text))
        for (const part of expected) assert.include(message, part, `for ${JSON.stringify(text)}`)
      }
    }))

  it.effect("bad environment variables name the variable, and never fall back to the file silently", () =>
    Effect.gen(function*() {
      const text = `[exchanges.binance]\nenvironment = "sandbox"\n`
      const env = yield* failure(settings(text, { LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT: "mainnnet" }))
      assert.include(env, "LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT")
      assert.include(env, "found \"mainnnet\"")
      const recv = yield* failure(settings(text, { LOTUSX_EXCHANGES_BINANCE_RECV_WINDOW: "soon" }))
      assert.include(recv, "LOTUSX_EXCHANGES_BINANCE_RECV_WINDOW")
      assert.include(recv, "found \"soon\"")
      const big = yield* failure(settings(text, { LOTUSX_EXCHANGES_BINANCE_RECV_WINDOW: "70000" }))
      assert.include(big, "from 1 to 60000")
      const url = yield* failure(settings(text, { LOTUSX_EXCHANGES_BINANCE_REST_URL: "localhost:80" }))
      assert.include(url, "LOTUSX_EXCHANGES_BINANCE_REST_URL")
    }))

  it.effect("a misspelt LOTUSX_ variable is refused with the closest valid name, never ignored", () =>
    Effect.gen(function*() {
      const text = `[exchanges.binance]\nenvironment = "sandbox"\n`
      const missingS = yield* failure(fromText(text, { LOTUSX_EXCHANGE_BINANCE_ENVIRONMENT: "mainnet" }))
      assert.strictEqual(
        missingS,
        "configuration error at environment variable LOTUSX_EXCHANGE_BINANCE_ENVIRONMENT: LotusX reads no such " +
          "variable (did you mean LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT?)"
      )
      const enviroment = yield* failure(fromText(text, { LOTUSX_EXCHANGES_BINANCE_ENVIROMENT: "mainnet" }))
      assert.include(enviroment, "did you mean LOTUSX_EXCHANGES_BINANCE_ENVIRONMENT?")
      const usdm = yield* failure(fromText(text, { LOTUSX_EXCHANGES_BINANCEUSDM_RECV_WINDOW: "1000" }))
      assert.include(usdm, "did you mean LOTUSX_EXCHANGES_BINANCE_USDM_RECV_WINDOW?")
      const far = yield* failure(fromText(text, { LOTUSX_WHATEVER: "1" }))
      assert.include(far, "valid names: LOTUSX_CONFIG, LOTUSX_EXCHANGES_<EXCHANGE>_<KEY>")
      const two = yield* failure(fromText(text, { LOTUSX_B: "1", LOTUSX_A: "1" }))
      assert.include(two, "environment variable LOTUSX_A:")
      assert.include(two, "also unknown: LOTUSX_B")
      // the same check without a file (defaults), through load()
      const cwd = process.cwd()
      process.chdir(os.tmpdir())
      const noFile = yield* failure(LotusConfig.load({ env: { LOTUSX_EXCHANGES_BYBIT_ENVIRONMET: "mainnet" } })).pipe(
        Effect.ensuring(Effect.sync(() => process.chdir(cwd)))
      )
      assert.include(noFile, "did you mean LOTUSX_EXCHANGES_BYBIT_ENVIRONMENT?")
      // what LotusX reads is accepted: every key, [strategy.*] parameters, referenced credentials
      const ok = yield* fromText(
        `${text}[exchanges.binance.credentials]\napi_key = { env = "LOTUSX_MY_KEY" }\nsecret = { env = "LOTUSX_MY_SECRET" }\n`,
        {
          LOTUSX_CONFIG: "x.toml",
          LOTUSX_SANDBOX_SEED: "1",
          LOTUSX_EXCHANGES_BYBIT_RATE_LIMIT_MAX_WAIT_MS: "10",
          LOTUSX_EXCHANGES_BINANCE_USDM_CREDENTIALS_SECRET: "p",
          LOTUSX_STRATEGY_ANYTHING_AT_ALL: "1",
          LOTUSX_MY_KEY: "k",
          LOTUSX_MY_SECRET: "s"
        }
      )
      assert.deepStrictEqual(ok.exchanges, ["binance"])
    }))

  it("at start, a layer says which venue and environment it is on", () => {
    const base = { venue: "binance" as const, restUrl: "http://127.0.0.1:1234/binance" }
    assert.strictEqual(
      LotusConfig.describeEnvironment({ ...base, environment: "sandbox" }, true),
      "binance on the sandbox: an embedded local exchange at http://127.0.0.1:1234/binance (fake money)"
    )
    assert.strictEqual(
      LotusConfig.describeEnvironment({ venue: "bybit", environment: "testnet" }, false),
      "bybit on testnet: the venue's official URL (the venue's test network, test funds)"
    )
    assert.strictEqual(
      LotusConfig.describeEnvironment({ venue: "binance", environment: "mainnet" }, false),
      "binance on MAINNET: the venue's official URL (real money)"
    )
  })

  it.effect("credentials: a missing referenced variable, half a key pair, an unknown venue", () =>
    Effect.gen(function*() {
      const ref = yield* failure(
        settings(`[exchanges.binance.credentials]\napi_key = { env = "BK" }\nsecret = { env = "BS" }`, { BK: "k" })
      )
      assert.include(ref, "exchanges.binance.credentials.secret in test.toml")
      assert.include(ref, "environment variable BS is not set")
      const half = yield* failure(settings("", { LOTUSX_EXCHANGES_BINANCE_CREDENTIALS_API_KEY: "k" }))
      assert.include(half, "exchanges.binance.credentials.secret")
      assert.include(half, "required key is missing (the API secret)")
      const typo = yield* failure(settings(`[exchanges.binance.credentials]\napi_key = "k"\nsecrt = "s"`))
      assert.include(typo, "exchanges.binance.credentials.secrt in test.toml")
      assert.include(typo, "unknown credential field; binance takes api_key, secret")
      const foreign = yield* failure(
        settings(`[exchanges.bybit.credentials]\napi_key = "k"\nsecret = "s"\npassphrase = "p"`, {}, "bybit")
      )
      assert.include(foreign, "unknown credential field; bybit takes api_key, secret")
      const unknown = yield* failure(settings("", {}, "kraken"))
      assert.include(unknown, "unknown exchange \"kraken\"; supported: binance")
    }))

  it.effect("warns when a file with inline secrets is readable by group/others", () =>
    Effect.gen(function*() {
      const inline = `[exchanges.binance.credentials]\napi_key = "k"\nsecret = "s"\n`
      const open = tmpFile(inline, 0o644)
      const warned = yield* LotusConfig.load({ path: open, env: {} })
      assert.strictEqual(warned.warnings.length, 1)
      assert.include(warned.warnings[0]!, open)
      assert.include(warned.warnings[0]!, "readable by group/others")
      assert.notInclude(warned.warnings[0]!, "\"s\"")
      assert.deepStrictEqual((yield* LotusConfig.load({ path: tmpFile(inline, 0o600), env: {} })).warnings, [])
      const refs = `[exchanges.binance.credentials]\napi_key = { env = "K" }\nsecret = { env = "S" }\n`
      assert.deepStrictEqual((yield* LotusConfig.load({ path: tmpFile(refs, 0o644), env: {} })).warnings, [])
    }))

  it.effect("a missing file: an error when named, defaults at the default path", () =>
    Effect.gen(function*() {
      const named = yield* failure(LotusConfig.load({ path: "/nonexistent/lotus.toml", env: {} }))
      assert.include(named, "/nonexistent/lotus.toml: file not found")
      const viaEnv = yield* failure(LotusConfig.load({ env: { LOTUSX_CONFIG: "/nonexistent/x.toml" } }))
      assert.include(viaEnv, "/nonexistent/x.toml")
      const cwd = process.cwd()
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lotusx-empty-"))
      process.chdir(dir)
      const defaults = yield* Effect.ensuring(LotusConfig.load({ env: {} }), Effect.sync(() => process.chdir(cwd)))
      assert.strictEqual(defaults.file, undefined)
      assert.deepStrictEqual(defaults.exchanges, [])
    }))

  it.live("layer(): the first exchange on an embedded sandbox, and [strategy.*] through Config", () =>
    Effect.gen(function*() {
      const exchange = yield* Exchange
      const ticker = yield* exchange.ticker("BTCUSDT")
      assert.strictEqual(ticker.symbol, "BTC/USDT")
      assert.strictEqual(exchange.environment, "sandbox")
      const symbol = yield* Config.string("symbol").pipe(Config.nested("quick_start"), Config.nested("strategy"))
      assert.strictEqual(symbol, "BTCUSDT")
      const health = yield* exchange.healthCheck
      assert.strictEqual(health.credentials, "valid")
    }).pipe(
      Effect.provide(
        LotusConfig.layer(undefined, { path: repoConfig, env: {} }).pipe(
          Layer.provide(Layer.merge(NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor))
        )
      )
    ))

  it.effect("ConfigFile rejects nothing valid: an empty document is fine", () =>
    Effect.map(Effect.either(fromText("# nothing\n")), (r) => assert.isTrue(Either.isRight(r))))
})
