// After `npm install` builds dist/, make `npx lotusx` work inside this repository too: npm links the
// bins of dependencies into node_modules/.bin, but not the project's own.
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const target = join(root, "dist", "bin", "lotusx.js")
const binDir = join(root, "node_modules", ".bin")
if (existsSync(target) && existsSync(join(root, "node_modules"))) {
  chmodSync(target, 0o755)
  mkdirSync(binDir, { recursive: true })
  const link = join(binDir, "lotusx")
  rmSync(link, { force: true })
  symlinkSync(relative(binDir, target), link)
}
