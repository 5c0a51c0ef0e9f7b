/**
 * A vitest suite with its own redis-server, for the cluster tests (kept apart from `busHarness.ts`,
 * which the bench imports outside vitest).
 */
import { afterAll, beforeAll, describe } from "@effect/vitest"
import type { RedisProcess } from "../support/ClusterHarness.js"
import { redisUnavailable, startRedis } from "../support/ClusterHarness.js"

/**
 * A suite with its own redis-server (started before, stopped after), skipped, saying why, when
 * `redis-server` is not installed. `redis()` is the server, once started.
 */
export const describeWithRedis = (title: string, body: (redis: () => RedisProcess) => void) => {
  const unavailable = redisUnavailable()
  describe.skipIf(unavailable !== undefined)(
    `${title}${unavailable === undefined ? "" : ` (skipped: ${unavailable})`}`,
    () => {
      let server: RedisProcess | undefined
      beforeAll(async () => {
        server = await startRedis()
      })
      afterAll(async () => {
        await server?.stop()
      })
      body(() => server!)
    }
  )
}
