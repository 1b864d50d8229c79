/**
 * Benchmark of `generate`: synthetic lists of 1,000, 10,000 and 100,000
 * entries, timed in process (validate, render both formats) and as a whole
 * `generate` process. Prints what it measured; asserts nothing.
 *
 *     npm run bench:generate [-- 1000 10000]
 *
 * The whole-process figure is what `npm run generate` costs, less npm's own start-up.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderAll } from '../commands/generate.ts'
import { syntheticList, syntheticTemplates } from './synthetic.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0)
const runs = 5

console.log('entries   papers.json   in-process (validate + render both)   whole process (node scripts/run.mjs generate)')
for (const size of sizes.length > 0 ? sizes : [1_000, 10_000, 100_000]) {
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-generate-'))
  try {
    const data = JSON.stringify(syntheticList(size), null, 2) + '\n'
    writeFileSync(path.join(folder, 'papers.json'), data)
    mkdirSync(path.join(folder, 'templates'))
    for (const [name, text] of Object.entries(syntheticTemplates)) writeFileSync(path.join(folder, 'templates', name), text)

    const inProcess = median(
      await times(runs, async () => {
        await renderAll({ data: 'papers.json', templates: 'templates' }, folder)
      })
    )
    const whole = median(
      await times(runs, async () => {
        execFileSync(process.execPath, [path.join(root, 'scripts/run.mjs'), 'generate'], { cwd: folder, stdio: 'ignore' })
      })
    )
    console.log(`${String(size).padStart(7)}   ${(data.length / 1e6).toFixed(1).padStart(8)} MB   ${ms(inProcess).padStart(34)}   ${ms(whole).padStart(37)}`)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

async function times(count: number, task: () => Promise<void>): Promise<number[]> {
  const result: number[] = []
  for (let run = 0; run < count; run++) {
    const start = performance.now()
    await task()
    result.push(performance.now() - start)
  }
  return result
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

function ms(value: number): string {
  return `${Math.round(value)} ms`
}
