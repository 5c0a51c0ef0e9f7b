/**
 * The market-data bus on Redis (issue 17): its keys, its messages and its Lua scripts, shared by the
 * publisher (`BookIngest`, run by `lotusx ingest`) and the subscribers (`BookBus`).
 *
 * A **stream group** is what one ingest serves: one venue and a set of its symbols (one venue
 * websocket). Its keys share the hash tag `{<venue>:<group>}`:
 * - `<ns>:md:{g}:lease` — the ingest holding the group (`SET NX PX`, renewed by heartbeats);
 * - `<ns>:md:{g}:epoch` — a counter, incremented whenever an ingest takes the group or restarts its
 *   publication (takeover, a venue book resynced, Redis lost and found again);
 * - `<ns>:md:{g}:book:<symbol>` — the snapshot's header (`e` epoch, `s` sequence of the last message
 *   of this symbol, `st` live or stale, `r` why not live, `x` exchange time), and
 *   `…:bids:<symbol>` / `…:asks:<symbol>` — its levels, hashes of price → size (exact decimal
 *   strings, normalized: no trailing zeros);
 * - `<ns>:md:{g}:bus` — the pub/sub channel;
 * - `<ns>:md:routes:<venue>` — which group publishes each native symbol.
 *
 * Messages are JSON text, every number of money an exact decimal string:
 * - `{"k":"s","e":E,"s":S,"y":"BTCUSDT","b":[["60000.1","0.5"]…],"a":[…],"x":T,"t":µs}` — the whole
 *   book of a symbol (every epoch starts with one per live symbol; a symbol's resync too);
 * - `{"k":"d","e":E,"s":S,"p":P,"y":…,"b":…,"a":…,"x":T,"t":µs}` — levels to set (size `"0"`
 *   removes), `p` the sequence of this symbol's previous message in the epoch;
 * - `{"k":"z","e":E,"s":S,"y":…,"r":"why","t":µs}` — the symbol's book is not live at the ingest;
 * - `{"k":"h","e":E,"s":S,"t":µs}` — a heartbeat, `s` the last sequence published (no sequence of its own).
 *
 * Sequences are contiguous per group and epoch (1, 2, 3…); `t` is the ingest's time of the change
 * in microseconds (for latency measurements). Each message and its snapshot change are made in one
 * Lua script, which checks the lease and the epoch first (a paused or superseded ingest cannot
 * publish).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { checkLevels, isDecimalString } from "../book/BookWire.js"
import { ConfigError } from "../errors/ExchangeError.js"
import type { RawLevel } from "../model/OrderBook.js"
import * as Resp from "./Resp.js"

/**
 * Where the bus's Redis listens, from its URL (`ConfigError` at `cluster.redis` when it is not one).
 * @since 0.1.0
 */
export const address = (url: string | Redacted.Redacted<string>): Effect.Effect<Resp.Address, ConfigError> => {
  const parsed = Resp.parseUrl(Redacted.isRedacted(url) ? Redacted.value(url) : url)
  return parsed === undefined
    ? Effect.fail(new ConfigError({ path: "cluster.redis", detail: "expected a redis://host:port URL" }))
    : Effect.succeed(parsed)
}

/**
 * The keys of one stream group.
 * @since 0.1.0
 */
export interface GroupKeys {
  /** `<venue>:<group>`. */
  readonly id: string
  readonly prefix: string
  readonly lease: string
  readonly epoch: string
  readonly channel: string
  readonly meta: (symbol: string) => string
  readonly bids: (symbol: string) => string
  readonly asks: (symbol: string) => string
}

/**
 * @since 0.1.0
 */
export const groupKeys = (namespace: string, groupId: string): GroupKeys => {
  const prefix = `${namespace}:md:{${groupId}}:`
  return {
    id: groupId,
    prefix,
    lease: `${prefix}lease`,
    epoch: `${prefix}epoch`,
    channel: `${prefix}bus`,
    meta: (symbol) => `${prefix}book:${symbol}`,
    bids: (symbol) => `${prefix}bids:${symbol}`,
    asks: (symbol) => `${prefix}asks:${symbol}`
  }
}

/**
 * The hash of `symbol → group id` of one venue.
 * @since 0.1.0
 */
export const routesKey = (namespace: string, venue: string): string => `${namespace}:md:routes:${venue}`

/**
 * A group's id: `<venue>:<name>`, the name defaulting to its sorted symbols joined by commas.
 * @since 0.1.0
 */
export const groupId = (venue: string, symbols: ReadonlyArray<string>, name?: string | undefined): string =>
  `${venue}:${name ?? [...symbols].sort().join(",")}`

/**
 * The sequence a subscriber's book works with: epoch and sequence in one safe integer
 * (`epoch × 2^32 + sequence`), increasing across epochs, so a book never goes back.
 * @since 0.1.0
 */
export const combine = (epoch: number, sequence: number): number => epoch * 4_294_967_296 + sequence

/**
 * The epoch and sequence of a combined sequence.
 * @since 0.1.0
 */
export const split = (combined: number): readonly [epoch: number, sequence: number] => {
  const epoch = Math.floor(combined / 4_294_967_296)
  return [epoch, combined - epoch * 4_294_967_296]
}

/**
 * Largest sequence within one epoch; the ingest starts a new epoch before it.
 * @since 0.1.0
 */
export const maxSequence = 4_294_967_295

/**
 * One message, decoded.
 * @since 0.1.0
 */
export type BusMessage =
  | {
    readonly k: "s" | "d"
    readonly e: number
    readonly s: number
    /** Previous sequence of this symbol (deltas); 0 for snapshots. */
    readonly p: number
    readonly y: string
    readonly b: ReadonlyArray<RawLevel>
    readonly a: ReadonlyArray<RawLevel>
    readonly x: number | undefined
    readonly t: number
  }
  | {
    readonly k: "z"
    readonly e: number
    readonly s: number
    readonly y: string
    readonly r: string
    readonly t: number
  }
  | { readonly k: "h"; readonly e: number; readonly s: number; readonly t: number }

const isCount = (u: unknown): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 0

/**
 * Decodes one message (hand-written: it runs once per message per process); a string saying what is
 * wrong when it is not one.
 * @since 0.1.0
 */
export const decode = (text: string): BusMessage | string => {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return "not JSON"
  }
  if (typeof raw !== "object" || raw === null) return "not an object"
  const m = raw as Record<string, unknown>
  const k = m.k
  if (!isCount(m.e) || m.e < 1) return "e: expected an epoch"
  if (!isCount(m.s) || m.s > maxSequence) return "s: expected a sequence"
  if (!isCount(m.t)) return "t: expected a time"
  if (k === "h") return { k, e: m.e, s: m.s, t: m.t }
  if (typeof m.y !== "string" || m.y === "") return "y: expected a symbol"
  if (k === "z") return { k, e: m.e, s: m.s, y: m.y, r: typeof m.r === "string" ? m.r : "", t: m.t }
  if (k !== "s" && k !== "d") return `k: unknown kind ${JSON.stringify(k)}`
  if (m.s < 1) return "s: expected a sequence"
  const p = k === "d" ? m.p : 0
  if (!isCount(p) || (k === "d" && (p < 1 || p >= m.s))) return "p: expected the previous sequence"
  const bad = checkLevels(m.b, "b") ?? checkLevels(m.a, "a")
  if (bad !== undefined) return bad.message
  if (m.x !== undefined && m.x !== null && !isCount(m.x)) return "x: expected a time"
  return {
    k,
    e: m.e,
    s: m.s,
    p,
    y: m.y,
    b: m.b as ReadonlyArray<RawLevel>,
    a: m.a as ReadonlyArray<RawLevel>,
    x: typeof m.x === "number" ? m.x : undefined,
    t: m.t
  }
}

/**
 * Whether a level size (a normalized decimal string) removes its level.
 * @since 0.1.0
 */
export const isZero = (size: string): boolean => size === "0"

/**
 * Checks a decimal string as the bus writes it.
 * @since 0.1.0
 */
export const isWireDecimal = isDecimalString

/**
 * `publish`: KEYS lease, epoch; ARGV owner, channel, key prefix, epoch, then per message: kind,
 * symbol, sequence, exchange time, reason, payload, bid count, bid levels…, ask count, ask levels….
 * Returns 1, 0 when the lease is not this owner's, -1 when the epoch has moved on.
 * @since 0.1.0
 */
export const publishScript = Resp.script(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('GET', KEYS[2]) ~= ARGV[4] then return -1 end
local prefix = ARGV[3]
local i = 5
local n = #ARGV
while i <= n do
  local kind, sym, s, x, reason, payload = ARGV[i], ARGV[i+1], ARGV[i+2], ARGV[i+3], ARGV[i+4], ARGV[i+5]
  i = i + 6
  local meta = prefix .. 'book:' .. sym
  local sides = { prefix .. 'bids:' .. sym, prefix .. 'asks:' .. sym }
  if kind ~= 'd' then redis.call('DEL', sides[1], sides[2]) end
  for side = 1, 2 do
    local count = tonumber(ARGV[i])
    i = i + 1
    for j = 0, count - 1 do
      local p, q = ARGV[i + 2 * j], ARGV[i + 2 * j + 1]
      if q == '0' then redis.call('HDEL', sides[side], p) else redis.call('HSET', sides[side], p, q) end
    end
    i = i + 2 * count
  end
  local state = 'live'
  if kind == 'z' then state = 'stale' end
  redis.call('HSET', meta, 'e', ARGV[4], 's', s, 'st', state, 'r', reason, 'x', x)
  redis.call('PUBLISH', ARGV[2], payload)
end
return 1
`)

/**
 * `acquire`: KEYS lease, epoch; ARGV owner, ttl ms. Takes the lease when free (or renews it when it
 * is already this owner's) and starts a new epoch: returns it, or 0 when another owner holds it.
 * @since 0.1.0
 */
export const acquireScript = Resp.script(`
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return redis.call('INCR', KEYS[2])
`)

/**
 * `heartbeat`: KEYS lease, epoch; ARGV owner, ttl ms, channel, payload, epoch. Renews the lease and
 * publishes the heartbeat: 1; 0 when the lease is lost; -1 when the epoch has moved on.
 * @since 0.1.0
 */
export const heartbeatScript = Resp.script(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if redis.call('GET', KEYS[2]) ~= ARGV[5] then return -1 end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`)

/**
 * `release`: KEYS lease; ARGV owner. Frees the lease if it is still this owner's.
 * @since 0.1.0
 */
export const releaseScript = Resp.script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)

/**
 * `snapshot`: KEYS lease, epoch, meta, bids, asks. One consistent read: whether the lease is held,
 * the current epoch, the header (`e s st r x`) and both sides' levels (flat field/value lists).
 * @since 0.1.0
 */
export const snapshotScript = Resp.script(`
local holder = redis.call('GET', KEYS[1])
local held = 0
if holder then held = 1 end
local epoch = redis.call('GET', KEYS[2]) or ''
return { held, epoch, redis.call('HMGET', KEYS[3], 'e', 's', 'st', 'r', 'x'), redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5]) }
`)
