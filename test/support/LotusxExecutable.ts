/**
 * How tests start the `lotusx` executable: the built `dist/bin/lotusx.js` when it is at least as new
 * as every source file, else the same entry point from source through tsx.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

/** The repository's root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
/** The built entry point. */
export const built = path.join(root, "dist/bin/lotusx.js")
/** The entry point's source. */
export const source = path.join(root, "src/bin/lotusx.ts")

const newestSource = (): number => {
  let newest = 0
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(p)
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs)
    }
  }
  walk(path.join(root, "src"))
  return newest
}

/** Whether the build is fresh. */
export const useBuilt = (): boolean => fs.existsSync(built) && fs.statSync(built).mtimeMs >= newestSource()

/** The node arguments that start the executable. */
export const executable = (): ReadonlyArray<string> => useBuilt() ? [built] : ["--import", "tsx", source]
