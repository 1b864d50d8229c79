/**
 * `npm run bench:site`: the searchable page at 100 and 10,000 entries in
 * Debian's Chromium (CHROMIUM_PATH to use another), served from 127.0.0.1
 * gzipped, as GitHub Pages serves it.
 * Prints what the page downloads (bytes, gzipped), when it is searchable
 * (its script has run: DOMContentLoaded) and loaded, and how long a
 * keystroke takes to answer (the input handler, and to the next frame),
 * median and worst over typing a query.
 */
import { gzipSync } from 'node:zlib'
import { buildSite } from '../site/build.ts'
import { launchChromium, serveFiles } from '../site/chromium.ts'
import { syntheticList } from './synthetic.ts'

const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0)

const browser = await launchChromium()
console.log('| entries | page | gzipped | searchable (DOMContentLoaded) | loaded | keystroke: handler median / worst | keystroke: to next frame median / worst |')
console.log('|---|---|---|---|---|---|---|')
for (const size of sizes.length > 0 ? sizes : [100, 10_000]) {
  const files = buildSite(syntheticList(size), { title: 'Bench' })
  const page = files['index.html']!
  const { url, server } = await serveFiles(files)
  const loads: Array<{ ready: number; loaded: number }> = []
  const handler: number[] = []
  const frame: number[] = []
  for (let round = 0; round < 3; round++) {
    const context = await browser.newContext()
    const tab = await context.newPage()
    await tab.goto(url, { waitUntil: 'load' })
    loads.push(await tab.evaluate(() => {
      const timing = (globalThis as unknown as { performance: { getEntriesByType(type: string): Array<{ domContentLoadedEventEnd: number; loadEventEnd: number }> } }).performance.getEntriesByType('navigation')[0]!
      return { ready: timing.domContentLoadedEventEnd, loaded: timing.loadEventEnd }
    }))
    const times = await tab.evaluate(async (query: string) => {
      const page = globalThis as unknown as {
        document: { getElementById(id: string): { value: string; dispatchEvent(event: unknown): void } }
        performance: { now(): number }
        requestAnimationFrame(callback: () => void): void
        Event: new (type: string, init: { bubbles: boolean }) => unknown
      }
      const input = page.document.getElementById('q')
      const result: Array<{ handler: number; frame: number }> = []
      for (let index = 1; index <= query.length; index++) {
        input.value = query.slice(0, index)
        const start = page.performance.now()
        input.dispatchEvent(new page.Event('input', { bubbles: true }))
        const handled = page.performance.now()
        await new Promise<void>((resolve) => page.requestAnimationFrame(() => resolve()))
        result.push({ handler: handled - start, frame: page.performance.now() - start })
      }
      return result
    }, 'sparse mixture routing 42')
    handler.push(...times.map((time) => time.handler))
    frame.push(...times.map((time) => time.frame))
    await context.close()
  }
  server.close()
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const ms = (value: number) => `${value.toFixed(1)} ms`
  const best = loads.sort((a, b) => a.ready - b.ready)[1]!
  console.log(
    `| ${size.toLocaleString('en')} | ${(Buffer.byteLength(page) / 1024).toFixed(0)} KiB | ${(gzipSync(page).length / 1024).toFixed(0)} KiB | ${ms(best.ready)} | ${ms(best.loaded)} | ${ms(median(handler))} / ${ms(Math.max(...handler))} | ${ms(median(frame))} / ${ms(Math.max(...frame))} |`
  )
}
await browser.close()
