/**
 * The shape of `lotusx.config.toml`, as a Schema, and the step that turns its text into a validated
 * document. Every error names the file, the key path, what was expected and what was found.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { parse as parseToml, TomlDate, TomlError } from "smol-toml"
import { ConfigError } from "../errors/ExchangeError.js"

/** Renders a found value for an error message (never the value of a secret). */
const show = (value: unknown): string => {
  if (value === undefined) return "nothing"
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value)
  if (value instanceof TomlDate) return `the date ${value.toISOString()}`
  if (Array.isArray(value)) return "an array"
  if (typeof value === "object" && value !== null) return "a table"
  return typeof value
}

const expecting = <S extends Schema.Schema.Any>(schema: S, expected: string, override = true): S =>
  schema.annotations({
    message: (issue: ParseResult.ParseIssue) => ({
      message: `expected ${expected}, found ${show("actual" in issue ? issue.actual : undefined)}`,
      override
    })
  }) as S

const PositiveInt = (what: string, max?: number) =>
  expecting(
    max === undefined
      ? Schema.Number.pipe(Schema.int(), Schema.positive())
      : Schema.Number.pipe(Schema.int(), Schema.between(1, max)),
    max === undefined ? `a positive whole number (${what})` : `a whole number from 1 to ${max} (${what})`
  )

const NonNegativeInt = (what: string) =>
  expecting(Schema.Number.pipe(Schema.int(), Schema.nonNegative()), `a whole number ≥ 0 (${what})`)

const Url = (schemes: ReadonlyArray<string>) =>
  expecting(
    Schema.String.pipe(Schema.filter((s) => {
      try {
        return schemes.includes(new URL(s).protocol)
      } catch {
        return false
      }
    })),
    `a ${schemes.map((s) => s.replace(":", "")).join(" or ")} URL`
  )

/**
 * Where a config value says to read a secret from: `{ env = "NAME" }`.
 * @since 0.1.0
 */
export interface EnvReference {
  readonly env: string
}

const EnvReference = Schema.Struct({
  env: Schema.String.pipe(Schema.pattern(/^[A-Za-z_][A-Za-z0-9_]*$/))
})

/**
 * A secret as written in the file: inline (becomes `Redacted` while the file is validated) or an
 * environment-variable reference.
 * @since 0.1.0
 */
export const SecretValue = expecting(
  Schema.Union(Schema.Redacted(Schema.NonEmptyString), EnvReference),
  "a non-empty string or { env = \"VARIABLE_NAME\" }"
)

/** @since 0.1.0 */
export type SecretValue = typeof SecretValue.Type

const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** @since 0.1.0 */
export const Environment = expecting(
  Schema.Literal("sandbox", "testnet", "mainnet"),
  "one of \"sandbox\", \"testnet\", \"mainnet\""
)

/** The venue's credential fields (`api_key`, `secret`, `passphrase`, …), checked against the venue's own list. */
const Credentials = expecting(
  Schema.Record({ key: Schema.String, value: SecretValue }),
  "a table of credential fields (values inline or { env = \"NAME\" })",
  false
)

const RateLimit = expecting(
  Schema.Struct({
    weight_limit: optional(PositiveInt("request weight per window")),
    window_ms: optional(PositiveInt("milliseconds")),
    max_wait_ms: optional(NonNegativeInt("milliseconds"))
  }),
  "a table with weight_limit, window_ms, max_wait_ms",
  false
)

/**
 * One `[exchanges.<id>]` table.
 * @since 0.1.0
 */
export const ExchangeTable = expecting(
  Schema.Struct({
    environment: optional(Environment),
    rest_url: optional(Url(["http:", "https:"])),
    ws_url: optional(Url(["ws:", "wss:"])),
    recv_window: optional(PositiveInt("milliseconds", 60_000)),
    timeout: optional(PositiveInt("milliseconds")),
    rate_limit: optional(RateLimit),
    credentials: optional(Credentials)
  }),
  "an [exchanges.<id>] table",
  false
)

/** @since 0.1.0 */
export type ExchangeTable = typeof ExchangeTable.Type

/**
 * The `[sandbox]` table.
 * @since 0.1.0
 */
export const SandboxTable = expecting(
  Schema.Struct({
    seed: optional(
      expecting(Schema.Number.pipe(Schema.int(), Schema.between(0, 0xffff_ffff)), "a whole number below 2^32")
    )
  }),
  "a [sandbox] table",
  false
)

/**
 * The `[cluster]` table: the shared rate budget (`redis`, …) and where order books come from
 * (`market_data`: `"venue"`, the default, or `"bus"`, fed by `lotusx ingest` through Redis).
 * @since 0.1.0
 */
export const ClusterTable = expecting(
  Schema.Struct({
    redis: optional(Url(["redis:"])),
    market_data: optional(expecting(Schema.Literal("venue", "bus"), "one of \"venue\", \"bus\"")),
    namespace: optional(expecting(Schema.NonEmptyString, "a non-empty string")),
    max_processes: optional(PositiveInt("processes sharing one budget", 1000)),
    on_unreachable: optional(expecting(Schema.Literal("share", "fail"), "one of \"share\", \"fail\""))
  }),
  "a [cluster] table",
  false
)

const Table = <S extends Schema.Schema.Any>(value: S, what: string) =>
  expecting(Schema.Record({ key: Schema.String, value }), what, false)

/**
 * The whole file.
 * @since 0.1.0
 */
export const ConfigDocument = Schema.Struct({
  exchanges: optional(Table(ExchangeTable, "a table of [exchanges.<id>] tables")),
  strategy: optional(
    Table(
      expecting(Schema.Record({ key: Schema.String, value: Schema.Unknown }), "a [strategy.<name>] table", false),
      "a table of [strategy.<name>] tables"
    )
  ),
  sandbox: optional(SandboxTable),
  cluster: optional(ClusterTable)
})

/** @since 0.1.0 */
export type ConfigDocument = typeof ConfigDocument.Type

const decodeDocument = Schema.decodeUnknownEither(ConfigDocument, { onExcessProperty: "error", errors: "all" })

const keyPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((k) => typeof k === "number" ? `[${k}]` : String(k)).join(".").replace(/\.\[/g, "[")

const describeIssue = (issue: ParseResult.ArrayFormatterIssue): string =>
  issue._tag === "Unexpected"
    ? `unknown key (${
      issue.message.replace(/^is unexpected, expected: /, "expected one of: ").replace(/"/g, "").replace(/ \| /g, ", ")
    })`
    : issue._tag === "Missing"
    ? "required key is missing"
    : issue.message

/**
 * Parses and validates the text of a config file. `file` is only used in error messages.
 * @since 0.1.0
 */
export const parse = (text: string, file: string): Either.Either<ConfigDocument, ConfigError> => {
  let raw: unknown
  try {
    raw = parseToml(text)
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "")
      return Either.left(
        new ConfigError({ path: `${file}:${error.line}:${error.column}`, detail: `not valid TOML: ${reason}` })
      )
    }
    return Either.left(new ConfigError({ path: file, detail: `not valid TOML: ${String(error)}` }))
  }
  return Either.mapLeft(decodeDocument(raw), (error) => {
    const seen = new Set<string>()
    const issues: Array<{ path: string; detail: string }> = []
    for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
      const path = keyPath(issue.path)
      if (seen.has(path)) continue
      seen.add(path)
      issues.push({ path, detail: describeIssue(issue) })
    }
    const [first, ...rest] = issues
    const also = rest.length === 0 ? "" : `; also ${rest.map((i) => `${i.path}: ${i.detail}`).join("; ")}`
    return new ConfigError({
      path: `${first?.path ?? "(root)"} in ${file}`,
      detail: `${first?.detail ?? "invalid"}${also}`
    })
  })
}

/**
 * Whether the document holds any secret inline (rather than as an `{ env = "NAME" }` reference).
 * @since 0.1.0
 */
export const hasInlineSecrets = (document: ConfigDocument): boolean =>
  Object.values(document.exchanges ?? {}).some((exchange) => {
    const c = exchange.credentials
    return c !== undefined && Object.values(c).some((s) => Redacted.isRedacted(s))
  })

/**
 * The environment variables the document's `{ env = "NAME" }` references name.
 * @since 0.1.0
 */
export const referencedVariables = (document: ConfigDocument): ReadonlyArray<string> =>
  Object.values(document.exchanges ?? {}).flatMap((exchange) => {
    const c = exchange.credentials
    return c === undefined
      ? []
      : Object.values(c).flatMap((s) => Redacted.isRedacted(s) ? [] : [s.env])
  })

/**
 * The document without its credentials, with every value a string (TOML dates as ISO text), ready
 * for `ConfigProvider.fromJson`.
 * @since 0.1.0
 */
export const toProviderJson = (document: ConfigDocument): unknown => {
  const plain = (value: unknown): unknown => {
    if (value instanceof TomlDate) return value.toISOString()
    if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value)
    if (Array.isArray(value)) return value.map(plain)
    if (typeof value === "object" && value !== null && !Redacted.isRedacted(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
    }
    return value
  }
  const exchanges = Object.fromEntries(
    Object.entries(document.exchanges ?? {}).map(([id, { credentials: _credentials, ...rest }]) => [id, plain(rest)])
  )
  return {
    exchanges,
    strategy: plain(document.strategy ?? {}),
    sandbox: plain(document.sandbox ?? {}),
    cluster: plain(document.cluster ?? {})
  }
}
