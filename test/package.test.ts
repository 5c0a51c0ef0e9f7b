/**
 * The package as published: every `exports` entry points at a module that exists (so moving a
 * file fails here, not only in the consumer test), the peers are peers, and a LICENSE ships.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { assert, describe, it } from "vitest"

const root = path.resolve(__dirname, "..")
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))

describe("package.json", () => {
  it("exports only listed modules, each built from a source file that exists", () => {
    const entries = Object.entries(pkg.exports as Record<string, unknown>)
    assert.notInclude(entries.map(([k]) => k), "./*")
    for (const [name, target] of entries) {
      if (name === "./package.json") continue
      const t = target as { readonly types: string; readonly default: string }
      assert.match(t.default, /^\.\/dist\/.*\.js$/, name)
      assert.strictEqual(t.types, t.default.replace(/\.js$/, ".d.ts"), name)
      const source = path.join(root, t.default.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts"))
      assert.isTrue(fs.existsSync(source), `${name} → ${source}`)
    }
  })

  it("exports the market-data bus and the shared budget, deep and from the barrel", async () => {
    const barrel = await import("../src/index.js")
    assert.isDefined(pkg.exports["./cluster/BookBus"])
    assert.isDefined(pkg.exports["./cluster/BookIngest"])
    assert.isFunction(barrel.BookBus.layer)
    assert.isFunction(barrel.BookBus.exchange)
    assert.isFunction(barrel.BookIngest.run)
    assert.isDefined(pkg.exports["./cluster/RedisRateLimiter"])
    assert.isFunction(barrel.RedisRateLimiter.layer)
  }, 60_000)

  it("Effect and the platform are peers (and dev dependencies here); the CLI and OTLP packages optional peers", () => {
    for (const name of ["effect", "@effect/platform", "@effect/platform-node"]) {
      assert.isDefined(pkg.peerDependencies[name], name)
      assert.isDefined(pkg.devDependencies[name], name)
      assert.isUndefined(pkg.dependencies[name], name)
      assert.isUndefined(pkg.peerDependenciesMeta[name], name)
    }
    for (const name of ["@effect/cli", "@effect/printer", "@effect/printer-ansi", "@effect/opentelemetry"]) {
      assert.isUndefined(pkg.dependencies[name], name)
      assert.isTrue(pkg.peerDependenciesMeta[name]?.optional, name)
    }
    assert.isDefined(pkg.dependencies["@types/ws"], "the shipped .d.ts files import ws types")
  })

  it("ships an MIT LICENSE", () => {
    assert.strictEqual(pkg.license, "MIT")
    assert.match(fs.readFileSync(path.join(root, "LICENSE"), "utf8"), /^MIT License/)
  })
})
