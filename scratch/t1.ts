import { createServer } from "node:http"
import * as Effect from "effect/Effect"
import { Agent } from "undici"
import * as HttpTransport from "../src/kernel/HttpTransport.js"
const server = createServer((req, res) => { res.writeHead(200, {"content-type": "application/json"}); res.end(JSON.stringify({pad: "x".repeat(100000)})) })
server.listen(0, "127.0.0.1", async () => {
  const port = (server.address() as any).port
  const t = HttpTransport.fromDispatcher(new Agent())
  const r = await Effect.runPromise(t.send({ method: "GET", url: `http://127.0.0.1:${port}/x`, headers: {}, body: undefined, timeoutMs: 5000, maxResponseBytes: 1024 }))
  console.log(r.status, r.overCap, r.declaredBytes, r.text.length, r.headers)
  process.exit(0)
})
