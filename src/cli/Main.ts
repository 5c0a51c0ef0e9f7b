/**
 * The `lotusx` program on Node (undici HTTP, `ws` websockets): `run` of `Cli.ts` as the process's
 * main effect. Importing this module starts it; `bin/lotusx.ts` imports it once it knows the CLI's
 * optional peer dependencies are installed.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as HttpTransport from "../kernel/HttpTransport.js"
import { run } from "./Cli.js"
import * as CliOutput from "./CliOutput.js"

const main = run(process.argv).pipe(
  Effect.provide(Layer.mergeAll(
    NodeContext.layer,
    HttpTransport.layer(),
    NodeHttpClient.layerUndici,
    NodeSocket.layerWebSocketConstructor,
    CliOutput.layerProcess
  ))
)

NodeRuntime.runMain(main, {
  disableErrorReporting: true,
  disablePrettyLogger: true,
  teardown: (exit, onExit) => {
    const code = exit as Exit.Exit<number, unknown>
    onExit(Exit.isSuccess(code) ? code.value : Cause.isInterruptedOnly(code.cause) ? 0 : 70)
  }
})
