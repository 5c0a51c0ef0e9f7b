/**
 * The LotusX `ConfigProvider`: environment variables over the config file. A key path such as
 * `exchanges.binance-usdm.rate_limit.weight_limit` is read from `LOTUSX_EXCHANGES_BINANCE_USDM_RATE_LIMIT_WEIGHT_LIMIT`
 * first, then from the file. Unlike `ConfigProvider.orElse`, an environment variable that is set
 * but invalid is an error, never a silent fall-back to the file.
 *
 * @internal
 */
import * as ConfigError from "effect/ConfigError"
import * as ConfigProvider from "effect/ConfigProvider"
import * as ConfigProviderPathPatch from "effect/ConfigProviderPathPatch"
import * as Effect from "effect/Effect"
import * as HashSet from "effect/HashSet"

/** Prefix of every LotusX environment variable. */
export const envPrefix = "LOTUSX"

/** `binance-usdm` → `BINANCE_USDM`, `recvWindow` → `RECV_WINDOW`. */
export const constantCase = (segment: string): string =>
  segment
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase()

/** The environment variable that overrides a key path. */
export const envName = (path: ReadonlyArray<string>): string => [envPrefix, ...path.map(constantCase)].join("_")

/**
 * Environment variables over a file provider.
 */
export const layered = (
  file: ConfigProvider.ConfigProvider,
  env: Readonly<Record<string, string | undefined>>
): ConfigProvider.ConfigProvider => {
  const entries = Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)
  const envFlat = ConfigProvider.fromMap(new Map(entries), { pathDelim: "\u0000" }).flattened
  const fileFlat = file.flattened
  return ConfigProvider.fromFlat(ConfigProvider.makeFlat({
    load: (path, primitive, split) =>
      envFlat.load([envName(path)], primitive, split).pipe(
        Effect.catchIf(ConfigError.isMissingDataOnly, () => fileFlat.load(path, primitive, split))
      ),
    enumerateChildren: (path) =>
      fileFlat.enumerateChildren(path).pipe(Effect.orElseSucceed(() => HashSet.empty<string>())),
    patch: ConfigProviderPathPatch.empty
  }))
}
