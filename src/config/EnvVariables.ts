/**
 * The `LOTUSX_*` environment variables LotusX reads, and the check that refuses any other: a
 * misspelt override (`LOTUSX_EXCHANGE_BINANCE_ENVIRONMENT=mainnet`, missing S) would otherwise be
 * ignored silently, and it may be the switch to real money. The same typo in the file is refused
 * with the valid keys; a variable is refused with the closest valid name.
 *
 * Valid: `LOTUSX_CONFIG`; `LOTUSX_EXCHANGES_<VENUE>_<KEY>` for every venue of the registry and every
 * key of an `[exchanges.<id>]` table (nested tables joined: `RATE_LIMIT_WEIGHT_LIMIT`), credentials
 * by the venue's own fields (`CREDENTIALS_API_KEY`);
 * `LOTUSX_SANDBOX_<KEY>` for the `[sandbox]` table; `LOTUSX_CLUSTER_<KEY>` for the `[cluster]` table
 * (`LOTUSX_CLUSTER_REDIS`, `LOTUSX_CLUSTER_MARKET_DATA`…); anything under `LOTUSX_STRATEGY_` (a bot's own
 * parameters, free-form); and a `LOTUSX_*` name the file references as `{ env = "NAME" }`.
 *
 * @since 0.1.0
 */
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"
import { ConfigError } from "../errors/ExchangeError.js"
import * as ConfigFile from "./ConfigFile.js"
import * as Provider from "./internal/provider.js"
import * as Venues from "./venues.js"

/** The key paths of a struct schema's fields, nested tables flattened; other types are leaves. */
const keyPaths = (ast: AST.AST): ReadonlyArray<ReadonlyArray<string>> => {
  const struct = (node: AST.AST): AST.TypeLiteral | undefined =>
    AST.isTypeLiteral(node) ? node : AST.isRefinement(node) ? struct(node.from) : undefined
  const literal = struct(ast)
  if (literal === undefined) return [[]]
  return literal.propertySignatures.flatMap((p) => keyPaths(p.type).map((rest) => [String(p.name), ...rest]))
}

/**
 * The variable that sets the file path, `LOTUSX_CONFIG`.
 * @since 0.1.0
 */
export const configVariable = `${Provider.envPrefix}_CONFIG`

/**
 * Every fixed `LOTUSX_*` name LotusX reads (the `LOTUSX_STRATEGY_` prefix aside).
 * @since 0.1.0
 */
export const known: ReadonlyArray<string> = [
  configVariable,
  ...keyPaths(ConfigFile.SandboxTable.ast).map((path) => Provider.envName(["sandbox", ...path])),
  ...keyPaths(ConfigFile.ClusterTable.ast).map((path) => Provider.envName(["cluster", ...path])),
  ...Venues.venues.flatMap((venue) => [
    ...keyPaths(ConfigFile.ExchangeTable.ast)
      .filter((path) => path[0] !== "credentials")
      .map((path) => Provider.envName(["exchanges", venue.id, ...path])),
    ...venue.credentials.map((field) => Provider.envName(["exchanges", venue.id, "credentials", field.config]))
  ])
]

/**
 * The prefix of a bot's own parameters (`[strategy.<name>]`), which are not checked.
 * @since 0.1.0
 */
export const strategyPrefix = `${Provider.envPrefix}_STRATEGY_`

const distance = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

/**
 * The valid name closest to `name` (edit distance), when one is close enough to be a typo.
 * @since 0.1.0
 */
export const closest = (name: string): Option.Option<string> => {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = distance(name, candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(3, Math.floor(name.length / 4))
    ? Option.some(best)
    : Option.none()
}

/**
 * Fails on the first `LOTUSX_*` variable of `env` that LotusX does not read (sorted, so the
 * error is the same from run to run), naming the closest valid one. `referenced` are the
 * variables the file names in `{ env = "NAME" }` references.
 * @since 0.1.0
 */
export const check = (
  env: Readonly<Record<string, string | undefined>>,
  referenced: ReadonlyArray<string> = []
): ConfigError | undefined => {
  const valid = new Set([...known, ...referenced])
  const unknown = Object.keys(env)
    .filter((name) =>
      name.startsWith(`${Provider.envPrefix}_`) && env[name] !== undefined && !valid.has(name) &&
      !name.startsWith(strategyPrefix)
    )
    .sort()
  const name = unknown[0]
  if (name === undefined) return undefined
  const hint = Option.match(closest(name), {
    onNone: () =>
      `valid names: ${configVariable}, LOTUSX_EXCHANGES_<EXCHANGE>_<KEY> (e.g. ` +
      `${
        Provider.envName(["exchanges", "binance", "environment"])
      }), LOTUSX_SANDBOX_SEED, LOTUSX_STRATEGY_<NAME>_<KEY>`,
    onSome: (suggestion) => `did you mean ${suggestion}?`
  })
  return new ConfigError({
    path: `environment variable ${name}`,
    detail: `LotusX reads no such variable (${hint})${
      unknown.length > 1 ? `; also unknown: ${unknown.slice(1).join(", ")}` : ""
    }`
  })
}
