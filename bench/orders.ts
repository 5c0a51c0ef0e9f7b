/**
 * The signed order path: LotusX vs ccxt vs a bare client (undici + node:crypto HMAC), on Binance
 * Spot (`BTCUSDT`) and Bybit linear (`ETHUSDT` perpetual).
 *
 * One pair = place a post-only limit bid far below the market, then cancel it. The sandbox runs in
 * a child process (`ordersSandbox.ts`) with its order-rate limits lifted, so only the clients' own
 * CPU is counted here. The three clients are interleaved in this process, in a rotating order, for
 * several repetitions, at 1 and at 16 pairs in flight. Printed per call (one place or one cancel):
 * client CPU (`process.cpuUsage`, user + system) and wall time, p50 and p99, the mean per
 * repetition, the HTTP requests each call sent (counted on undici's diagnostics channel), the time
 * V8 spent collecting garbage per call, and the ratios to the bare client per repetition.
 *
 * ```sh
 * npm run bench:orders                                           # 5 repetitions × 200 pairs
 * node --expose-gc --import tsx bench/orders.ts 7 300            # repetitions, pairs per block
 * ONLY=lotusx VENUES=binance node --cpu-prof --import tsx bench/orders.ts 1 2000   # profile one client
 * ```
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeSocket from "@effect/platform-node/NodeSocket"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import ccxt from "ccxt"
import * as BigDecimal from "effect/BigDecimal"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { spawn } from "node:child_process"
import { createHmac, createSecretKey, type KeyObject } from "node:crypto"
import { subscribe } from "node:diagnostics_channel"
import { performance, PerformanceObserver } from "node:perf_hooks"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { Agent } from "undici"
import { Binance, Bybit, Exchange, HttpTransport, source } from "./lotusx.js"

const REPETITIONS = Number.parseInt(process.argv[2] ?? "10", 10)
const PAIRS = Number.parseInt(process.argv[3] ?? "100", 10)
const IN_FLIGHT = [1, 16] as const
/** Run only these clients (`bare`, `platform`, `transport`, `ccxt`, `lotusx`) and venues (`binance`, `bybit`). */
const ONLY = process.env["ONLY"]?.split(",")
const VENUES = process.env["VENUES"]?.split(",")
const RECV_WINDOW_MS = 5000

interface VenueAccess {
  readonly rest: string
  readonly ws: string
  readonly apiKey: string
  readonly secret: string
}

/** A client under test: one call places the bid and returns its id, the other cancels it. */
interface Client {
  readonly name: string
  readonly place: () => Promise<string>
  readonly cancel: (id: string) => Promise<void>
  readonly close: () => Promise<void>
}

/** The order every client places: a post-only limit bid at half the sandbox's reference price. */
interface OrderSpec {
  readonly venue: "binance" | "bybit"
  readonly unified: string
  readonly native: string
  readonly price: string
  readonly quantity: string
}

const binanceOrder: OrderSpec = {
  venue: "binance",
  unified: "BTC/USDT",
  native: "BTCUSDT",
  price: "30000.00",
  quantity: "0.00100"
}
const bybitOrder: OrderSpec = {
  venue: "bybit",
  unified: "ETH/USDT:USDT",
  native: "ETHUSDT",
  price: "1500.00",
  quantity: "0.020"
}

// ---------------------------------------------------------------------------------------------
// The sandbox, in a child process

const startSandbox = async () => {
  const script = fileURLToPath(new URL("./ordersSandbox.ts", import.meta.url))
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] })
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout })
    lines.once("line", resolve)
    child.once("exit", (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)))
  })
  const access = JSON.parse(line) as { binance: VenueAccess; bybit: VenueAccess }
  return {
    access,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve())
        child.stdin.end()
        child.kill("SIGTERM")
      })
  }
}

// ---------------------------------------------------------------------------------------------
// Bare clients, written from the venues' documentation

const hmacHex = (key: KeyObject, data: string) => createHmac("sha256", key).update(data).digest("hex")

const readJson = async (response: { statusCode: number; body: { text: () => Promise<string> } }) => {
  const text = await response.body.text()
  if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${text.slice(0, 200)}`)
  return JSON.parse(text) as Record<string, unknown>
}

/**
 * Binance Spot: HMAC-SHA256 hex over `query + body` as sent, `signature` last, key in
 * `X-MBX-APIKEY`.
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints#new-order-trade
 */
const bareBinance = (access: VenueAccess, order: OrderSpec): Client => {
  const url = new URL(access.rest)
  const origin = url.origin
  const prefix = url.pathname
  const dispatcher = new Agent()
  const key = createSecretKey(Buffer.from(access.secret, "utf8"))
  let sequence = 0
  return {
    name: "bare",
    place: async () => {
      const params = `symbol=${order.native}&side=BUY&type=LIMIT_MAKER&quantity=${order.quantity}` +
        `&price=${order.price}&newClientOrderId=bare${Date.now().toString(36)}${sequence++}` +
        `&newOrderRespType=RESULT&recvWindow=${RECV_WINDOW_MS}&timestamp=${Date.now()}`
      const body = `${params}&signature=${hmacHex(key, params)}`
      const response = await dispatcher.request({
        origin,
        path: `${prefix}/api/v3/order`,
        method: "POST",
        headers: { "x-mbx-apikey": access.apiKey, "content-type": "application/x-www-form-urlencoded" },
        body
      })
      const json = await readJson(response)
      return String(json["orderId"])
    },
    cancel: async (id) => {
      const query = `symbol=${order.native}&orderId=${id}&recvWindow=${RECV_WINDOW_MS}&timestamp=${Date.now()}`
      const response = await dispatcher.request({
        origin,
        path: `${prefix}/api/v3/order?${query}&signature=${hmacHex(key, query)}`,
        method: "DELETE",
        headers: { "x-mbx-apikey": access.apiKey }
      })
      const json = await readJson(response)
      if (json["status"] !== "CANCELED") throw new Error(`cancel answered ${JSON.stringify(json)}`)
    },
    close: () => dispatcher.close()
  }
}

/**
 * Bybit v5: HMAC-SHA256 hex over `timestamp + apiKey + recvWindow + body`, in the `X-BAPI-*`
 * headers.
 * https://bybit-exchange.github.io/docs/v5/guide#authentication
 * https://bybit-exchange.github.io/docs/v5/order/create-order
 * https://bybit-exchange.github.io/docs/v5/order/cancel-order
 */
const bareBybit = (access: VenueAccess, order: OrderSpec): Client => {
  const url = new URL(access.rest)
  const origin = url.origin
  const prefix = url.pathname
  const dispatcher = new Agent()
  const key = createSecretKey(Buffer.from(access.secret, "utf8"))
  const window = String(RECV_WINDOW_MS)
  let sequence = 0
  const post = async (path: string, value: unknown) => {
    const body = JSON.stringify(value)
    const timestamp = String(Date.now())
    const response = await dispatcher.request({
      origin,
      path: prefix + path,
      method: "POST",
      headers: {
        "x-bapi-api-key": access.apiKey,
        "x-bapi-timestamp": timestamp,
        "x-bapi-recv-window": window,
        "x-bapi-sign": hmacHex(key, timestamp + access.apiKey + window + body),
        "x-bapi-sign-type": "2",
        "content-type": "application/json"
      },
      body
    })
    const json = await readJson(response)
    if (json["retCode"] !== 0) throw new Error(`${path} answered ${JSON.stringify(json)}`)
    return json["result"] as { readonly orderId: string }
  }
  return {
    name: "bare",
    place: async () => {
      const result = await post("/v5/order/create", {
        category: "linear",
        symbol: order.native,
        side: "Buy",
        orderType: "Limit",
        qty: order.quantity,
        price: order.price,
        timeInForce: "PostOnly",
        orderLinkId: `bare${Date.now().toString(36)}${sequence++}`
      })
      return result.orderId
    },
    cancel: async (id) => {
      await post("/v5/order/cancel", { category: "linear", symbol: order.native, orderId: id })
    },
    close: () => dispatcher.close()
  }
}

// ---------------------------------------------------------------------------------------------
// The transport floor: the bare clients' requests, sent through @effect/platform's HttpClient
// (`NodeHttpClient.layerUndici`, tracer off as LotusX has it) and read with `response.text`, one
// `runPromise` per call. What any Effect client on that transport pays before its own work.

const platformClient = async (access: VenueAccess, order: OrderSpec): Promise<Client> => {
  const runtime = ManagedRuntime.make(NodeHttpClient.layerUndici)
  const http = (await runtime.runPromise(HttpClient.HttpClient)).pipe(
    HttpClient.withTracerPropagation(false),
    HttpClient.withTracerDisabledWhen(() => true)
  )
  const send = async (method: "POST" | "DELETE", url: string, headers: Record<string, string>, body?: string) => {
    let request = HttpClientRequest.make(method)(url, { headers })
    if (body !== undefined) request = HttpClientRequest.bodyText(request, body, headers["content-type"])
    const text = await runtime.runPromise(Effect.flatMap(http.execute(request), (response) => response.text))
    return JSON.parse(text) as Record<string, unknown>
  }
  return effectClient("platform", access, order, send, () => runtime.dispose())
}

// ---------------------------------------------------------------------------------------------
// LotusX's own transport floor: the same requests through `HttpTransport.layer` (undici `Agent`,
// one `dispatch` per request), one `runPromise` per call, with the 10 s timeout and 8 MiB cap
// LotusX uses.

const transportClient = async (access: VenueAccess, order: OrderSpec): Promise<Client> => {
  const runtime = ManagedRuntime.make(HttpTransport.layer())
  const transport = await runtime.runPromise(HttpTransport.HttpTransport)
  const send = async (method: "POST" | "DELETE", url: string, headers: Record<string, string>, body?: string) => {
    const response = await runtime.runPromise(
      transport.send({ method, url, headers, body, timeoutMs: 10_000, maxResponseBytes: 8 * 1024 * 1024 })
    )
    return JSON.parse(response.text) as Record<string, unknown>
  }
  return effectClient("transport", access, order, send, () => runtime.dispose())
}

/** The bare clients' requests, built and signed as they build them, sent through `send`. */
const effectClient = (
  name: string,
  access: VenueAccess,
  order: OrderSpec,
  send: (
    method: "POST" | "DELETE",
    url: string,
    headers: Record<string, string>,
    body?: string
  ) => Promise<Record<string, unknown>>,
  close: () => Promise<void>
): Client => {
  const key = createSecretKey(Buffer.from(access.secret, "utf8"))
  let sequence = 0
  if (order.venue === "binance") {
    return {
      name,
      place: async () => {
        const params = `symbol=${order.native}&side=BUY&type=LIMIT_MAKER&quantity=${order.quantity}` +
          `&price=${order.price}&newClientOrderId=plat${Date.now().toString(36)}${sequence++}` +
          `&newOrderRespType=RESULT&recvWindow=${RECV_WINDOW_MS}&timestamp=${Date.now()}`
        const json = await send("POST", `${access.rest}/api/v3/order`, {
          "x-mbx-apikey": access.apiKey,
          "content-type": "application/x-www-form-urlencoded"
        }, `${params}&signature=${hmacHex(key, params)}`)
        if (json["orderId"] === undefined) throw new Error(`place answered ${JSON.stringify(json)}`)
        return String(json["orderId"])
      },
      cancel: async (id) => {
        const query = `symbol=${order.native}&orderId=${id}&recvWindow=${RECV_WINDOW_MS}&timestamp=${Date.now()}`
        const json = await send("DELETE", `${access.rest}/api/v3/order?${query}&signature=${hmacHex(key, query)}`, {
          "x-mbx-apikey": access.apiKey
        })
        if (json["status"] !== "CANCELED") throw new Error(`cancel answered ${JSON.stringify(json)}`)
      },
      close
    }
  }
  const window = String(RECV_WINDOW_MS)
  const post = async (path: string, value: unknown) => {
    const body = JSON.stringify(value)
    const timestamp = String(Date.now())
    const json = await send("POST", access.rest + path, {
      "x-bapi-api-key": access.apiKey,
      "x-bapi-timestamp": timestamp,
      "x-bapi-recv-window": window,
      "x-bapi-sign": hmacHex(key, timestamp + access.apiKey + window + body),
      "x-bapi-sign-type": "2",
      "content-type": "application/json"
    }, body)
    if (json["retCode"] !== 0) throw new Error(`${path} answered ${JSON.stringify(json)}`)
    return json["result"] as { readonly orderId: string }
  }
  return {
    name,
    place: async () =>
      (await post("/v5/order/create", {
        category: "linear",
        symbol: order.native,
        side: "Buy",
        orderType: "Limit",
        qty: order.quantity,
        price: order.price,
        timeInForce: "PostOnly",
        orderLinkId: `plat${Date.now().toString(36)}${sequence++}`
      })).orderId,
    cancel: async (id) => {
      await post("/v5/order/cancel", { category: "linear", symbol: order.native, orderId: id })
    },
    close
  }
}

// ---------------------------------------------------------------------------------------------
// ccxt, pointed at the sandbox (as in test/sandbox/ccxt-binance.test.ts and bybit-ccxt.test.ts)

const ccxtClient = async (access: VenueAccess, order: OrderSpec): Promise<Client> => {
  let exchange: InstanceType<typeof ccxt.binance> | InstanceType<typeof ccxt.bybit>
  if (order.venue === "binance") {
    const base = `${access.rest}/api/v3`
    exchange = new ccxt.binance({
      apiKey: access.apiKey,
      secret: access.secret,
      enableRateLimit: false,
      options: { fetchMarkets: { types: ["spot"] }, defaultType: "spot", fetchCurrencies: false, fetchMargins: false }
    })
    const api = exchange.urls["api"] as Record<string, string>
    exchange.urls["api"] = { ...api, public: base, private: base, v3: base, v1: base.replace("/v3", "/v1") }
  } else {
    exchange = new ccxt.bybit({
      apiKey: access.apiKey,
      secret: access.secret,
      enableRateLimit: false,
      options: {
        fetchMarkets: { types: ["linear"] },
        defaultType: "swap",
        fetchCurrencies: false,
        enableUnifiedAccount: true,
        enableUnifiedMargin: false,
        loadAllOptions: false
      }
    })
    const api = exchange.urls["api"] as Record<string, string>
    exchange.urls["api"] = Object.fromEntries(Object.keys(api).map((k) => [k, access.rest]))
    exchange.has["fetchCurrencies"] = false
  }
  await exchange.loadMarkets()
  const price = Number(order.price)
  const amount = Number(order.quantity)
  return {
    name: "ccxt",
    place: async () => {
      const placed = await exchange.createOrder(order.unified, "limit", "buy", amount, price, { postOnly: true })
      return placed.id!
    },
    cancel: async (id) => {
      await exchange.cancelOrder(id, order.unified)
    },
    close: () => exchange.close()
  }
}

// ---------------------------------------------------------------------------------------------
// LotusX

const lotusxClient = async (access: VenueAccess, order: OrderSpec): Promise<Client> => {
  const options = {
    environment: "sandbox" as const,
    restUrl: access.rest,
    wsUrl: access.ws,
    credentials: { apiKey: Redacted.make(access.apiKey), secret: Redacted.make(access.secret) },
    recvWindow: `${RECV_WINDOW_MS} millis` as const,
    // The sandbox's limits are lifted for the run; so is the client's own budget (Bybit's order
    // endpoints learn the lifted limit from the sandbox's X-Bapi-Limit).
    rateLimit: { weightLimit: 1_000_000_000, counters: [] }
  }
  const connector = order.venue === "binance" ? Binance.layer(options) : Bybit.layer(options)
  const runtime = ManagedRuntime.make(
    connector.pipe(Layer.provide(
      Layer.mergeAll(HttpTransport.layer(), NodeHttpClient.layerUndici, NodeSocket.layerWebSocketConstructor)
    ))
  )
  const exchange = await runtime.runPromise(Exchange)
  await runtime.runPromise(exchange.market(order.unified))
  const request = {
    symbol: order.unified,
    side: "buy",
    type: "limit",
    price: BigDecimal.unsafeFromString(order.price),
    quantity: BigDecimal.unsafeFromString(order.quantity),
    postOnly: true
  } as const
  return {
    name: "lotusx",
    place: async () => (await runtime.runPromise(exchange.placeOrder(request))).id,
    cancel: async (id) => {
      await runtime.runPromise(exchange.cancelOrder({ symbol: order.unified, id }))
    },
    close: () => runtime.dispose()
  }
}

// ---------------------------------------------------------------------------------------------
// Measurement

let httpRequests = 0
const countRequest = () => {
  httpRequests++
}
subscribe("undici:request:create", countRequest)
subscribe("http.client.request.start", countRequest)

interface Block {
  /** Client CPU per call, µs: one sample per call at 1 in flight, per window of calls at 16. */
  readonly cpu: Array<number>
  /** Wall time per call, µs. */
  readonly wall: Array<number>
  /** Total CPU / calls, µs. */
  cpuMean: number
  /** HTTP requests sent / calls. */
  requestsPerCall: number
  /** Garbage collection (V8's `gc` performance entries) / calls, µs. */
  gcMean: number
}

const cpuNow = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}

/** Time spent in garbage collection, ms, as V8 reports it (entries arrive on a later turn). */
let gcMs = 0
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration
})
gcObserver.observe({ entryTypes: ["gc"] })
/** The collections reported since the last call, ms (after letting pending entries arrive). */
const gcSettled = async () => {
  await new Promise((resolve) => setImmediate(resolve))
  await new Promise((resolve) => setImmediate(resolve))
  for (const entry of gcObserver.takeRecords()) gcMs += entry.duration
  const ms = gcMs
  gcMs = 0
  return ms
}

const runBlock = async (client: Client, pairs: number, inFlight: number): Promise<Block> => {
  const block: Block = { cpu: [], wall: [], cpuMean: 0, requestsPerCall: 0, gcMean: 0 }
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  await gcSettled() // the forced collection is not the block's
  const window = inFlight === 1 ? 1 : 32
  let calls = 0
  let windowStart = cpuNow()
  const done = () => {
    calls++
    if (calls % window === 0) {
      const now = cpuNow()
      block.cpu.push((now - windowStart) / window)
      windowStart = now
    }
  }
  const timed = async <A>(call: () => Promise<A>): Promise<A> => {
    const t0 = performance.now()
    const a = await call()
    block.wall.push((performance.now() - t0) * 1000)
    done()
    return a
  }
  let next = 0
  const worker = async () => {
    while (next < pairs) {
      next++
      const id = await timed(client.place)
      await timed(() => client.cancel(id))
    }
  }
  const requests0 = httpRequests
  const cpu0 = cpuNow()
  windowStart = cpu0
  await Promise.all(Array.from({ length: inFlight }, worker))
  block.cpuMean = (cpuNow() - cpu0) / (2 * pairs)
  block.requestsPerCall = (httpRequests - requests0) / (2 * pairs)
  block.gcMean = (await gcSettled()) * 1000 / (2 * pairs)
  return block
}

const quantile = (xs: ReadonlyArray<number>, q: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
const median = (xs: ReadonlyArray<number>) => quantile(xs, 0.5)
const us = (n: number) => `${Math.round(n).toLocaleString("en-US")} µs`
const ratio = (n: number) => `${n.toFixed(2)}×`

const benchVenue = async (label: string, clients: ReadonlyArray<Client>) => {
  // Warm-up: JIT, connections, markets, the server clock.
  for (const client of clients) {
    await runBlock(client, 50, 1)
    await runBlock(client, 50, 16)
  }
  for (const inFlight of IN_FLIGHT) {
    const blocks = new Map<string, Array<Block>>(clients.map((c) => [c.name, []]))
    for (let rep = 0; rep < REPETITIONS; rep++) {
      const order = clients.map((_, i) => clients[(i + rep) % clients.length]!)
      for (const client of order) blocks.get(client.name)!.push(await runBlock(client, PAIRS, inFlight))
    }
    const bare = blocks.get("bare") ?? blocks.get(clients[0]!.name)!
    console.log(`\n### ${label}, ${inFlight} in flight (${REPETITIONS} × ${PAIRS} pairs per client)\n`)
    console.log(
      "| client | HTTP req. per call | CPU per call p50 / p99 | CPU per call, mean | CPU per HTTP req. | " +
        "wall per call p50 / p99 | GC per call (mean) | CPU per call ÷ bare | CPU per HTTP req. ÷ bare | wall p50 ÷ bare | " +
        "CPU p50 per HTTP req. ÷ bare | wall p50 per HTTP req. ÷ bare |"
    )
    console.log("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for (const client of clients) {
      const own = blocks.get(client.name)!
      const cpu = own.flatMap((b) => b.cpu)
      const wall = own.flatMap((b) => b.wall)
      const perRequest = (b: Block) => b.cpuMean / b.requestsPerCall
      const cpuRatios = own.map((b, i) => b.cpuMean / bare[i]!.cpuMean)
      const requestRatios = own.map((b, i) => perRequest(b) / perRequest(bare[i]!))
      const wallRatios = own.map((b, i) => median(b.wall) / median(bare[i]!.wall))
      // the statistic: medians per call (at 16 in flight, of 32-call windows), per request
      const medianRequestRatios = own.map((b, i) =>
        (median(b.cpu) / b.requestsPerCall) / (median(bare[i]!.cpu) / bare[i]!.requestsPerCall)
      )
      const wallRequestRatios = own.map((b, i) =>
        (median(b.wall) / b.requestsPerCall) / (median(bare[i]!.wall) / bare[i]!.requestsPerCall)
      )
      const ratios = (xs: ReadonlyArray<number>) =>
        client.name === "bare"
          ? ""
          : `**${ratio(median(xs))}** (${ratio(Math.min(...xs))}–${ratio(Math.max(...xs))})`
      const row = [
        client.name,
        [...new Set(own.map((b) => b.requestsPerCall.toFixed(2)))].join(", "),
        `${us(quantile(cpu, 0.5))} / ${us(quantile(cpu, 0.99))}`,
        us(median(own.map((b) => b.cpuMean))),
        us(median(own.map(perRequest))),
        `${us(quantile(wall, 0.5))} / ${us(quantile(wall, 0.99))}`,
        `${(own.reduce((sum, b) => sum + b.gcMean, 0) / own.length).toFixed(1)} µs`,
        ratios(cpuRatios),
        ratios(requestRatios),
        ratios(wallRatios),
        ratios(medianRequestRatios),
        ratios(wallRequestRatios)
      ]
      console.log(`| ${row.join(" | ")} |`)
    }
    console.log("\nCPU per call ÷ bare, per repetition (mean; p50 per HTTP request):")
    for (const client of clients) {
      if (client.name === "bare") continue
      const own = blocks.get(client.name)!
      const means = own.map((b, i) => (b.cpuMean / bare[i]!.cpuMean).toFixed(2)).join(" ")
      const medians = own.map((b, i) =>
        ((median(b.cpu) / b.requestsPerCall) / (median(bare[i]!.cpu) / bare[i]!.requestsPerCall)).toFixed(2)
      ).join(" ")
      console.log(`- ${client.name}: ${means}; p50 per request ${medians}`)
    }
  }
}

const main = async () => {
  const sandbox = await startSandbox()
  try {
    console.log(
      `Node ${process.version}, ccxt ${ccxt.version}, ${REPETITIONS} repetitions × ${PAIRS} pairs` +
        ` (place a post-only bid + cancel it), gc ${
          typeof (globalThis as { gc?: unknown }).gc === "function"
        }, LotusX from ${source}`
    )
    for (const order of [binanceOrder, bybitOrder]) {
      if (VENUES !== undefined && !VENUES.includes(order.venue)) continue
      const access = sandbox.access[order.venue]
      const all = [
        order.venue === "binance" ? bareBinance(access, order) : bareBybit(access, order),
        await platformClient(access, order),
        await transportClient(access, order),
        await ccxtClient(access, order),
        await lotusxClient(access, order)
      ]
      const clients = all.filter((c) => ONLY === undefined || ONLY.includes(c.name))
      await benchVenue(order.venue === "binance" ? "Binance Spot BTCUSDT" : "Bybit linear ETHUSDT", clients)
      for (const client of all) await client.close()
    }
  } finally {
    await sandbox.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
