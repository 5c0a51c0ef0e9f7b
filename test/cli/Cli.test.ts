import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Cli from "../../src/cli/Cli.js"
import * as Sandbox from "../../src/sandbox/Sandbox.js"
import { DECIMAL, lotusx, repoConfig, writeConfig } from "./harness.js"

const base = ["--config", repoConfig]

/** Exactly one line on stderr, prefixed `lotusx: `. */
const oneLine = (stderr: string) => {
  const lines = stderr.split("\n").filter((l) => l !== "")
  assert.strictEqual(lines.length, 1, stderr)
  assert.match(lines[0]!, /^lotusx: /)
  assert.notInclude(stderr, "    at ")
  return lines[0]!
}

describe("lotusx (in-process, against the embedded sandbox)", () => {
  it.live("get-ticker: readable text, and --json with decimals as strings", () =>
    Effect.gen(function*() {
      const text = yield* lotusx(["get-ticker", "--exchange", "binance", "--symbol", "BTCUSDT", ...base])
      assert.strictEqual(text.code, 0, text.stderr)
      assert.include(text.stdout, "BTC/USDT (BTCUSDT) on binance [sandbox]")
      assert.match(text.stdout, /last\s+\d+(\.\d+)?/)

      const json = yield* lotusx(["get-ticker", "-x", "binance", "-s", "BTC/USDT", "--json", ...base])
      assert.strictEqual(json.code, 0, json.stderr)
      const t = JSON.parse(json.stdout)
      assert.deepStrictEqual(Object.keys(t), [
        "exchange",
        "environment",
        "symbol",
        "venueSymbol",
        "timestamp",
        "last",
        "bid",
        "bidSize",
        "ask",
        "askSize",
        "open",
        "high",
        "low",
        "baseVolume",
        "quoteVolume",
        "change",
        "percentage"
      ])
      assert.strictEqual(t.symbol, "BTC/USDT")
      assert.strictEqual(t.venueSymbol, "BTCUSDT")
      for (const k of ["last", "bid", "ask", "open", "high", "low"]) assert.match(t[k], DECIMAL, k)
      assert.isNumber(t.timestamp)
    }))

  it.live("failures: one readable line on stderr and a non-zero exit code", () =>
    Effect.gen(function*() {
      const symbol = yield* lotusx(["get-ticker", "--exchange", "binance", "--symbol", "NOPE", ...base])
      assert.strictEqual(symbol.code, 1)
      assert.strictEqual(oneLine(symbol.stderr), "lotusx: [binance] unknown symbol \"NOPE\"")
      assert.strictEqual(symbol.stdout, "")

      const venue = yield* lotusx(["get-ticker", "--exchange", "kraken", "--symbol", "BTCUSDT", ...base])
      assert.strictEqual(venue.code, 2)
      assert.strictEqual(
        oneLine(venue.stderr),
        "lotusx: unknown exchange \"kraken\"; supported: binance, binance-usdm, bybit, okx"
      )

      const file = writeConfig(`[exchanges.binance]\nenvironment = "mainet"\n`)
      const config = yield* lotusx(["markets", "--exchange", "binance", "--config", file])
      assert.strictEqual(config.code, 2)
      const line = oneLine(config.stderr)
      assert.include(line, file)
      assert.include(line, "exchanges.binance.environment")
      assert.include(line, "found \"mainet\"")

      const missing = yield* lotusx(["markets", "--exchange", "binance", "--config", "/nonexistent.toml"])
      assert.strictEqual(missing.code, 2)
      assert.include(oneLine(missing.stderr), "/nonexistent.toml: file not found")

      const usage = yield* lotusx(["get-ticker", "--symbol", "BTCUSDT"])
      assert.strictEqual(usage.code, 2)
      assert.include(usage.stderr, "--exchange")

      const status = yield* lotusx(["status", ...base])
      assert.strictEqual(status.code, 2)
      assert.include(oneLine(status.stderr), "--exchange X or --all")
    }))

  it.live("the parser's refusals in the house shape: `lotusx:` and one line, JSON under --json, exit 2", () =>
    Effect.gen(function*() {
      const unknown = yield* lotusx(["get-ticker", "-x", "binance", "-s", "BTC/USDT", "--frobnicate", ...base])
      assert.strictEqual(unknown.code, 2)
      assert.strictEqual(
        oneLine(unknown.stderr),
        "lotusx: unknown argument --frobnicate (see `lotusx get-ticker --help`)"
      )
      const json = yield* lotusx(["get-ticker", "-x", "binance", "-s", "BTC/USDT", "--json", "--frobnicate", ...base])
      assert.strictEqual(json.code, 2)
      assert.strictEqual(json.stdout, "")
      assert.deepStrictEqual(JSON.parse(json.stderr), {
        error: {
          tag: "InvalidArguments",
          message: "unknown argument --frobnicate (see `lotusx get-ticker --help`)",
          exitCode: 2,
          venue: null,
          venueCode: null,
          outcome: null
        }
      })
      const integer = yield* lotusx(["sandbox", "--port", "abc"])
      assert.strictEqual(integer.code, 2)
      assert.strictEqual(oneLine(integer.stderr), "lotusx: 'abc' is not a whole number (see `lotusx sandbox --help`)")
      const twice = yield* lotusx(["get-ticker", "-x", "binance", "-x", "bybit", "-s", "BTC/USDT", ...base])
      assert.strictEqual(twice.code, 2)
      assert.strictEqual(
        oneLine(twice.stderr),
        "lotusx: --exchange is given more than once (binance, bybit): a command takes one exchange " +
          "(`lotusx status --all` checks every configured one)"
      )
      const symbol = yield* lotusx(["get-ticker", "-x", "binance", "-s", "NOPE", "--json", ...base])
      assert.strictEqual(symbol.code, 1)
      assert.deepInclude(JSON.parse(symbol.stderr).error, {
        tag: "UnknownSymbol",
        venue: "binance",
        outcome: "definitive",
        exitCode: 1
      })
    }))

  it.live("--log-level works after the subcommand too; unknown usdm symbols suggest the perpetual", () =>
    Effect.gen(function*() {
      const debug = yield* lotusx(["get-ticker", "-x", "binance", "-s", "BTC/USDT", "--log-level", "debug", ...base])
      assert.strictEqual(debug.code, 0, debug.stderr)
      assert.match(debug.stderr, /^info: binance on the sandbox: an embedded local exchange at /m)
      const usdm = yield* lotusx(["get-ticker", "-x", "binance-usdm", "-s", "BTC/USDT", ...base])
      assert.strictEqual(usdm.code, 1)
      assert.strictEqual(
        oneLine(usdm.stderr),
        "lotusx: [binance-usdm] unknown symbol \"BTC/USDT\": did you mean BTC/USDT:USDT?"
      )
    }))

  it.live("retries and rate-limit waits are shown on stderr while the command waits", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.start({
        seed: 11,
        faults: ["http429:count=2,retryAfter=1,path=/api/v3/ticker/24hr"]
      })
      const config = writeConfig(
        `[exchanges.binance]\nrest_url = "${sandbox.urls.binance.rest}"\nws_url = "${sandbox.urls.binance.ws}"\n`
      )
      const r = yield* lotusx(["get-ticker", "-x", "binance", "-s", "BTC/USDT", "--config", config])
      assert.strictEqual(r.code, 0, r.stderr)
      const lines = r.stderr.split("\n").filter((l) => l !== "")
      assert.match(
        lines[0]!,
        /^warn: \[binance\] GET \/api\/v3\/ticker\/24hr failed \(RateLimited\); retry 1 of \d+ in \d+ ms$/
      )
      assert.match(
        lines[1]!,
        /^warn: \[binance\] rate limit: waiting \d+ ms before sending \(paused after the venue's 429\)$/
      )
      assert.strictEqual(lines.filter((l) => l.includes("rate limit: waiting")).length, 2)
    }).pipe(Effect.scoped), 30_000)

  it.effect("help: no ANSI codes when piped or under NO_COLOR; sandbox lists fault kinds, --fault optional", () =>
    Effect.gen(function*() {
      const piped = yield* lotusx(["sandbox", "--help"])
      assert.strictEqual(piped.code, 0)
      assert.notInclude(piped.stdout, "\x1b[")
      assert.include(piped.stdout, "[--fault text...]")
      assert.include(piped.stdout, "http429, http418, http503, htmlError, authFailure, latency")
      const tty = yield* lotusx(["sandbox", "--help"], { isTTY: true })
      const noColor = process.env["NO_COLOR"]
      assert.strictEqual(Cli.colors(true, { NO_COLOR: "1" }), false)
      assert.strictEqual(Cli.colors(true, {}), true)
      assert.strictEqual(Cli.colors(false, {}), false)
      if (noColor === undefined || noColor === "") assert.include(tty.stdout, "\x1b[")
    }))

  it.live("markets: table, --search, --json", () =>
    Effect.gen(function*() {
      const text = yield* lotusx(["markets", "--exchange", "binance", "--search", "eth", ...base])
      assert.strictEqual(text.code, 0, text.stderr)
      assert.include(text.stdout, "ETHUSDT")
      assert.notInclude(text.stdout, "SOLUSDT")
      const json = yield* lotusx(["markets", "--exchange", "binance", "--json", ...base])
      const body = JSON.parse(json.stdout)
      assert.strictEqual(body.exchange, "binance")
      const btc = body.markets.find((m: { symbol: string }) => m.symbol === "BTCUSDT")
      assert.strictEqual(btc.unified, "BTC/USDT")
      for (const k of ["tickSize", "lotStep", "minQuantity", "contractSize"]) assert.match(btc[k], DECIMAL, k)
      const none = yield* lotusx(["markets", "--exchange", "binance", "--search", "zzz", "--json", ...base])
      assert.deepStrictEqual(JSON.parse(none.stdout).markets, [])
    }))

  it.live("check-keys: valid with the sandbox's key; a wrong key and missing keys exit 1 without leaking secrets", () =>
    Effect.gen(function*() {
      const ok = yield* lotusx(["check-keys", "--exchange", "binance", "--json", ...base])
      assert.strictEqual(ok.code, 0, ok.stderr)
      const report = JSON.parse(ok.stdout)
      assert.deepStrictEqual(Object.keys(report), [
        "exchange",
        "environment",
        "credentials",
        "permissions",
        "clockSkewMs",
        "latencyMs",
        "detail"
      ])
      assert.strictEqual(report.credentials, "valid")
      assert.deepStrictEqual(report.permissions, { read: true, trade: true, withdraw: false })

      const sandbox = yield* Sandbox.start({ seed: 7 })
      const urls = `rest_url = "${sandbox.urls.binance.rest}"\nws_url = "${sandbox.urls.binance.ws}"\n`
      const wrong = writeConfig(
        `[exchanges.binance]\nenvironment = "sandbox"\n${urls}[exchanges.binance.credentials]\napi_key = { env = "BOT_TEST_API_KEY" }\nsecret = { env = "BOT_TEST_API_SECRET" }\n`
      )
      process.env["BOT_TEST_API_KEY"] = "not-a-key-0123456789"
      process.env["BOT_TEST_API_SECRET"] = "super-secret-value-0123456789"
      const bad = yield* lotusx(["check-keys", "--exchange", "binance", "--config", wrong])
      assert.strictEqual(bad.code, 1)
      assert.include(bad.stdout, "credentials invalid")
      assert.include(oneLine(bad.stderr), "binance rejected the credentials")
      assert.notInclude(bad.stdout + bad.stderr, "super-secret-value")

      const good = `api_key = "${sandbox.credentials.binance.apiKey}"\nsecret = "${
        Redacted.value(sandbox.credentials.binance.secret)
      }"\n`
      const real = writeConfig(`[exchanges.binance]\n${urls}[exchanges.binance.credentials]\n${good}`)
      const valid = yield* lotusx(["check-keys", "--exchange", "binance", "--config", real])
      assert.strictEqual(valid.code, 0, valid.stderr)
      assert.include(valid.stdout, "credentials valid")
      assert.notInclude(valid.stdout, Redacted.value(sandbox.credentials.binance.secret))

      const loose = writeConfig(`[exchanges.binance]\n${urls}[exchanges.binance.credentials]\n${good}`, 0o644)
      const warned = yield* lotusx(["check-keys", "--exchange", "binance", "--config", loose])
      assert.strictEqual(warned.code, 0)
      assert.include(warned.stderr, `warning: ${loose} holds inline secrets and is readable by group/others`)

      const none = writeConfig(`[exchanges.binance]\n${urls}`)
      const missing = yield* lotusx(["check-keys", "--exchange", "binance", "--config", none])
      assert.strictEqual(missing.code, 1)
      assert.include(oneLine(missing.stderr), "no credentials configured for binance")
    }).pipe(Effect.scoped))

  it.live("status: one venue, --all, --json shape; an unreachable venue exits 1", () =>
    Effect.gen(function*() {
      const one = yield* lotusx(["status", "--exchange", "binance", "--json", ...base])
      assert.strictEqual(one.code, 0, one.stderr)
      const s = JSON.parse(one.stdout)
      assert.deepStrictEqual(Object.keys(s), [
        "exchange",
        "environment",
        "reachable",
        "restLatencyMs",
        "clockSkewMs",
        "websocket",
        "rateLimit",
        "error"
      ])
      assert.isTrue(s.reachable)
      assert.isNumber(s.restLatencyMs)
      assert.isNumber(s.websocket.connectMs)
      assert.isNumber(s.websocket.firstMessageMs)
      assert.isAtMost(s.websocket.connectMs, s.websocket.firstMessageMs)
      assert.strictEqual(s.rateLimit.limit, 6000)

      const all = yield* lotusx(["status", "--all", ...base], { isTTY: true })
      assert.strictEqual(all.code, 0, all.stderr)
      assert.match(all.stdout, /binance\s+sandbox\s+yes/)

      const dead = writeConfig(
        `[exchanges.binance]\nrest_url = "http://127.0.0.1:9/binance"\nws_url = "ws://127.0.0.1:9/binance"\n`
      )
      const down = yield* lotusx(["status", "--exchange", "binance", "--timeout", "2", "--json", "--config", dead])
      assert.strictEqual(down.code, 1)
      assert.isFalse(JSON.parse(down.stdout).reachable)
      // under --json every stderr line is a JSON document: progress (retries) then the failure
      const documents = down.stderr.trim().split("\n").map((l) => JSON.parse(l))
      const failure = documents.at(-1)
      for (const d of documents.slice(0, -1)) assert.strictEqual(d.log.level, "warn")
      assert.strictEqual(failure.error.exitCode, 1)
      assert.include(failure.error.message, "binance")
    }))

  it.live("book: a ladder with its state, plain when piped, JSON lines with --json, stops after --count", () =>
    Effect.gen(function*() {
      const json = yield* lotusx([
        "book",
        "-x",
        "binance",
        "-s",
        "BTCUSDT",
        "--depth",
        "3",
        "--count",
        "3",
        "--json",
        ...base
      ])
      assert.strictEqual(json.code, 0, json.stderr)
      const views = json.stdout.trim().split("\n").map((l) => JSON.parse(l))
      assert.strictEqual(views.length, 3)
      assert.strictEqual(views[0].state, "syncing")
      const live = views.find((v: { state: string }) => v.state === "live")
      assert.isDefined(live)
      assert.strictEqual(live.bids.length, 3)
      for (const [p, q] of [...live.bids, ...live.asks]) {
        assert.match(p, DECIMAL)
        assert.match(q, DECIMAL)
      }
      const text = yield* lotusx(["book", "-x", "binance", "-s", "BTC/USDT", "--depth", "2", "--count", "2", ...base])
      assert.strictEqual(text.code, 0, text.stderr)
      assert.include(text.stdout, "BTC/USDT on binance [sandbox]  SYNCING")
      assert.include(text.stdout, "LIVE")
      assert.notInclude(text.stdout, "\x1b[")
      const tty = yield* lotusx(["book", "-x", "binance", "-s", "BTCUSDT", "--count", "3", ...base], { isTTY: true })
      assert.include(tty.stdout, "\x1b[0J")
      const timed = yield* lotusx(["book", "-x", "binance", "-s", "BTCUSDT", "--duration", "300ms", "--json", ...base])
      assert.strictEqual(timed.code, 0)
      const bad = yield* lotusx(["book", "-x", "binance", "-s", "BTCUSDT", "--duration", "soon", ...base])
      assert.strictEqual(bad.code, 2)
      const unknown = yield* lotusx(["book", "-x", "binance", "-s", "NOPE", ...base])
      assert.strictEqual(unknown.code, 1)
      assert.strictEqual(oneLine(unknown.stderr), "lotusx: [binance] unknown symbol \"NOPE\"")
    }))

  it.live("sandbox: prints its URLs and key (--json) and runs until interrupted; a bad fault exits 2", () =>
    Effect.gen(function*() {
      const sink = { stdout: "", stderr: "" }
      const fiber = yield* Effect.fork(lotusx(["sandbox", "--seed", "42", "--json"], { sink }))
      while (!sink.stdout.includes("\n")) yield* Effect.sleep("20 millis")
      const ready = JSON.parse(sink.stdout)
      assert.strictEqual(ready.seed, 42)
      assert.match(ready.venues.binance.rest, /^http:\/\/127\.0\.0\.1:\d+\/binance$/)
      const cfg = writeConfig(
        `[exchanges.binance]\nrest_url = "${ready.venues.binance.rest}"\nws_url = "${ready.venues.binance.ws}"\n`
      )
      const ticker = yield* lotusx(["get-ticker", "-x", "binance", "-s", "BTCUSDT", "--config", cfg, "--json"])
      assert.strictEqual(ticker.code, 0, ticker.stderr)
      yield* Fiber.interrupt(fiber)
      const bad = yield* lotusx(["sandbox", "--fault", "nonsense"])
      assert.strictEqual(bad.code, 2)
      assert.match(oneLine(bad.stderr), /^lotusx: /)
    }))
})
