/**
 * How long a scheduled link run takes for 1,000 and 10,000 links: cold (empty
 * cache), warm (the next day: only failing links are asked again) and a week
 * later (links whose spread expiry has passed are asked again), on the
 * loopback farm (4 hosts, 50 ms per answer, 8 in flight per host). Prints
 * what it measured; asserts nothing.
 *
 *     npm run bench:link-cache [-- 1000 10000]
 */
import { emptyCache } from '../checkers/links/cache.ts'
import { createHttpClient } from '../checkers/links/http.ts'
import { defaultLinkOptions } from '../checkers/links/options.ts'
import { runLinkCheck } from '../checkers/links/run.ts'
import { Scheduler } from '../checkers/links/scheduler.ts'
import { startFarm } from './link-farm.ts'

const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0)
const day = 86_400_000
console.log('links    run                 wall time   requests')
for (const size of sizes.length > 0 ? sizes : [1_000, 10_000]) {
  const farm = await startFarm({ hosts: 4, linksPerHost: size / 4, latency: 50, slowLatency: 3_000, inFlightLimit: 8 })
  const options = { ...defaultLinkOptions, allowPrivate: true }
  let cache = emptyCache()
  const start = Date.now()
  try {
    for (const [name, offset] of [
      ['cold (no cache)', 0],
      ['warm (next day)', day],
      ['a week later', 7 * day]
    ] as const) {
      const client = createHttpClient(options)
      const began = performance.now()
      const result = await runLinkCheck(farm.urls, cache, {
        client,
        scheduler: new Scheduler(options),
        options,
        now: () => start + offset + (Date.now() - start),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random
      })
      await client.close()
      cache = result.cache
      console.log(`${String(size).padStart(6)}   ${name.padEnd(18)}  ${`${((performance.now() - began) / 1000).toFixed(1)} s`.padStart(9)}   ${String(result.requests).padStart(8)}`)
    }
  } finally {
    await farm.close()
  }
}
