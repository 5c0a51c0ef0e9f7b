/**
 * The `lotusx` executable as a real process: exit codes, stdout/stderr separation, no stack traces.
 * Runs the built `dist/bin/lotusx.js` when it is at least as new as its sources, else the same entry
 * point from source through tsx.
 */
import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "vitest"
import { executable, root, source, useBuilt } from "../support/LotusxExecutable.js"

const fresh = useBuilt()
const command = executable()

const lotusx = (...args: ReadonlyArray<string>) => {
  const r = spawnSync(process.execPath, [...command, ...args, "--config", path.join(root, "lotusx.config.toml")], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: "1" }
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe(`lotusx binary (${fresh ? "dist/bin/lotusx.js" : "src/bin/lotusx.ts via tsx"})`, () => {
  it("starts with a node shebang", () => {
    assert.match(fs.readFileSync(source, "utf8"), /^#!\/usr\/bin\/env node\n/)
  })

  it("exit 0 with JSON on stdout; exit 1 and one line on stderr for an unknown symbol", () => {
    const ok = lotusx("get-ticker", "--exchange", "binance", "--symbol", "BTCUSDT", "--json")
    assert.strictEqual(ok.code, 0, ok.stderr)
    assert.strictEqual(JSON.parse(ok.stdout).symbol, "BTC/USDT")

    const unknown = lotusx("get-ticker", "--exchange", "binance", "--symbol", "NOPE")
    assert.strictEqual(unknown.code, 1)
    assert.strictEqual(unknown.stdout, "")
    assert.strictEqual(unknown.stderr, "lotusx: [binance] unknown symbol \"NOPE\"\n")
  }, 60_000)
})
