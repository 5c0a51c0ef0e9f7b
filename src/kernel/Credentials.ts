/**
 * Credential shapes venues share, as `CredentialSpec`s: config, `check-keys` and the CLI read a
 * venue's fields from its spec, so a venue with a passphrase or a wallet key needs no special case.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import type { CredentialField, CredentialSpec } from "./VenueAdapter.js"

/**
 * An API key and its HMAC secret (Binance, Bybit).
 * @since 0.1.0
 */
export interface ApiKeySecret {
  readonly apiKey: Redacted.Redacted<string>
  readonly secret: Redacted.Redacted<string>
}

/** @since 0.1.0 */
export const apiKeyField: CredentialField = {
  name: "apiKey",
  config: "api_key",
  secret: true,
  description: "the API key"
}

/** @since 0.1.0 */
export const secretField: CredentialField = {
  name: "secret",
  config: "secret",
  secret: true,
  description: "the API secret"
}

/**
 * Reads the given fields from a record, failing with the first required one that is missing.
 * @since 0.1.0
 */
export const required = (
  fields: ReadonlyArray<CredentialField>,
  values: Readonly<Record<string, Redacted.Redacted<string> | undefined>>
): Either.Either<Record<string, Redacted.Redacted<string>>, string> => {
  const out: Record<string, Redacted.Redacted<string>> = {}
  for (const f of fields) {
    const v = values[f.name]
    if (v !== undefined) out[f.name] = v
    else if (f.optional !== true) return Either.left(`missing ${f.config} (${f.description})`)
  }
  return Either.right(out)
}

/**
 * An API key and secret.
 * @since 0.1.0
 */
export const apiKeySecret: CredentialSpec<ApiKeySecret> = {
  fields: [apiKeyField, secretField],
  make: (values) =>
    Either.map(required([apiKeyField, secretField], values), (v) => ({ apiKey: v.apiKey!, secret: v.secret! }))
}
