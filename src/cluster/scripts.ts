/**
 * The Lua scripts of the shared rate budget. Each runs atomically in Redis; every window is computed
 * from Redis's own clock (`TIME`), aligned to multiples of the window length plus the venue's
 * offset. Counter hashes hold `w` (window start, ms) and `u` (used in that window); the state hash
 * holds `ban` and `pause` (ends, ms, Redis clock). A request granted within `edge` ms of its window's
 * end may reach the venue in the next window (latency, clock skew between us and the venue), so it
 * is charged to both: counter hashes also hold `nw`/`nu`, the next window's start and its charges.
 *
 * @since 0.1.0
 */
import * as Resp from "./Resp.js"

const now = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function usedIn(h, ws)
  if tonumber(h[1]) == ws then return tonumber(h[2]) or 0 end
  if tonumber(h[3]) == ws then return tonumber(h[4]) or 0 end
  return 0
end
local function windowOf(key, offset, win)
  local ws = now - ((now - offset) % win)
  local h = redis.call('HMGET', key, 'w', 'u', 'nw', 'nu')
  return ws, usedIn(h, ws), h
end`

/**
 * KEYS[1] state hash, KEYS[2..] counter hashes. ARGV[1] window offset, ARGV[2] `1` when urgent,
 * ARGV[3] a deadline on Redis's clock (0: none), ARGV[4] the edge (ms), then per counter: limit,
 * window length, cost, reserve. Returns `{0, 0, used…}` when every counter took its cost, `{1, ms}` during a ban, `{2, ms}`
 * during a pause, `{3, ms}` when a counter is full (ms until the latest of the full counters' windows
 * ends), `{4, 0}` past the deadline (a command its sender gave up on, run late: it charges nothing).
 * @since 0.1.0
 */
export const acquire = Resp.script(`${now}
local deadline = tonumber(ARGV[3])
if deadline > 0 and now > deadline then return {4, 0} end
local st = redis.call('HMGET', KEYS[1], 'ban', 'pause')
local ban = tonumber(st[1]) or 0
if now < ban then return {1, ban - now} end
local pause = tonumber(st[2]) or 0
if now < pause then return {2, pause - now} end
local offset = tonumber(ARGV[1])
local urgent = ARGV[2] == '1'
local edge = tonumber(ARGV[4])
local n = #KEYS - 1
local starts, useds, costs, windows, nexts = {}, {}, {}, {}, {}
local wait = 0
for i = 1, n do
  local a = 4 + (i - 1) * 4
  local limit = tonumber(ARGV[a + 1])
  local win = tonumber(ARGV[a + 2])
  local cost = tonumber(ARGV[a + 3])
  local reserve = tonumber(ARGV[a + 4])
  local ws, used, h = windowOf(KEYS[i + 1], offset, win)
  starts[i] = ws
  useds[i] = used
  costs[i] = cost
  windows[i] = win
  local cap = limit
  if not urgent then cap = limit - reserve end
  if cost > 0 and used > 0 and used + cost > cap then
    local w = ws + win - now
    if w > wait then wait = w end
  end
  if edge > 0 and now + edge >= ws + win then
    local nextUsed = usedIn(h, ws + win)
    nexts[i] = nextUsed
    if cost > 0 and nextUsed > 0 and nextUsed + cost > cap then
      local w = ws + win - now
      if w > wait then wait = w end
    end
  end
end
if wait > 0 then return {3, wait} end
local out = {0, 0}
for i = 1, n do
  local used = useds[i] + costs[i]
  if costs[i] > 0 then
    redis.call('HSET', KEYS[i + 1], 'w', starts[i], 'u', used)
    if nexts[i] ~= nil then redis.call('HSET', KEYS[i + 1], 'nw', starts[i] + windows[i], 'nu', nexts[i] + costs[i]) end
    redis.call('PEXPIRE', KEYS[i + 1], windows[i] * 3)
  end
  out[i + 2] = used
end
return out`)

/**
 * Merges the venue's own count (from its usage headers; it includes other programs on the IP) into
 * a counter: the larger of the two wins. Counts seen in the first `grace` ms of a window are ignored
 * (they may describe the previous window). KEYS[1] counter hash; ARGV offset, window, seen, grace.
 * Returns the counter's value.
 * @since 0.1.0
 */
export const observe = Resp.script(`${now}
local win = tonumber(ARGV[2])
local ws, used = windowOf(KEYS[1], tonumber(ARGV[1]), win)
local seen = tonumber(ARGV[3])
if now - ws < tonumber(ARGV[4]) or seen <= used then return used end
redis.call('HSET', KEYS[1], 'w', ws, 'u', seen)
redis.call('PEXPIRE', KEYS[1], win * 3)
return seen`)

/**
 * Adds usage counted locally while Redis was unreachable, if Redis is still in the window it was
 * counted in. KEYS[1] counter hash; ARGV offset, window, amount, the window start the caller counted
 * in. Returns the counter's value, or -1 when the window has passed.
 * @since 0.1.0
 */
export const add = Resp.script(`${now}
local win = tonumber(ARGV[2])
local ws, used = windowOf(KEYS[1], tonumber(ARGV[1]), win)
if ws ~= tonumber(ARGV[4]) then return -1 end
used = used + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'w', ws, 'u', used)
redis.call('PEXPIRE', KEYS[1], win * 3)
return used`)

/**
 * Extends a ban or a pause and tells every process. KEYS[1] state hash; ARGV field (`ban` or
 * `pause`), ms from now, channel, venue. Publishes `<venue> <field> <end on Redis's clock>` when it
 * extended.
 * @since 0.1.0
 */
export const hold = Resp.script(`${now}
local ms = tonumber(ARGV[2])
local untilMs = now + ms
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1])) or 0
if untilMs <= cur then return cur - now end
redis.call('HSET', KEYS[1], ARGV[1], untilMs)
redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. ARGV[1] .. ' ' .. string.format('%d', untilMs))
return ms`)

/**
 * The gate's status. KEYS[1] state hash, KEYS[2] weight counter; ARGV offset, window. Returns
 * `{used, ban ms left, pause ms left}`.
 * @since 0.1.0
 */
export const status = Resp.script(`${now}
local _, used = windowOf(KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]))
local st = redis.call('HMGET', KEYS[1], 'ban', 'pause')
local ban = (tonumber(st[1]) or 0) - now
local pause = (tonumber(st[2]) or 0) - now
if ban < 0 then ban = 0 end
if pause < 0 then pause = 0 end
return {used, ban, pause}`)
