#!/usr/bin/env node
/**
 * The `lotusx` executable. The command line needs @effect/cli and its printers, which are optional
 * peer dependencies of the library (a program that only composes Layers does not need them): when
 * they are missing this says what to install, in one line, instead of a module-resolution trace.
 *
 * @since 0.1.0
 */
import { missingPeer } from "../cli/Peers.js"

try {
  await import("../cli/Main.js")
} catch (error) {
  const missing = missingPeer(error, ["@effect/cli", "@effect/printer", "@effect/printer-ansi"])
  if (missing === undefined) throw error
  process.stderr.write(
    `lotusx: the command needs ${missing}, an optional peer dependency of lotusx: ` +
      `npm install @effect/cli @effect/printer @effect/printer-ansi\n`
  )
  process.exitCode = 2
}
