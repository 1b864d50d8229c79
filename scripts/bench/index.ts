/**
 * Benchmarks of `generate` and `lint` on synthetic lists of 1,000, 10,000 and
 * 100,000 entries, timed in process and as a whole process. Prints what it
 * measured; asserts nothing.
 *
 *     npm run bench [-- 1000 10000]
 *
 * The whole-process figures are what `npm run generate` and `npm run lint`
 * cost, less npm's own start-up.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderAll } from '../commands/generate.ts'
import { defaultConfig } from '../core/config.ts'
import { serializePapers } from '../core/serialize.ts'
import { lintText } from '../lint/engine.ts'
import { syntheticList, syntheticTemplates } from './synthetic.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0)
const runs = 5

console.log('entries   papers.json   generate in process   generate process   lint in process   lint process')
for (const size of sizes.length > 0 ? sizes : [1_000, 10_000, 100_000]) {
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-generate-'))
  try {
    const data = serializePapers(syntheticList(size))
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
    const lintInProcess = median(
      await times(runs, async () => {
        const findings = lintText(data, 'papers.json', defaultConfig)
        if (findings.some((finding) => finding.severity === 'error')) throw new Error(`the synthetic list does not lint clean: ${findings[0]!.message}`)
      })
    )
    const lintWhole = median(
      await times(runs, async () => {
        execFileSync(process.execPath, [path.join(root, 'scripts/run.mjs'), 'lint'], { cwd: folder, stdio: 'ignore' })
      })
    )
    console.log(
      `${String(size).padStart(7)}   ${(data.length / 1e6).toFixed(1).padStart(8)} MB   ${ms(inProcess).padStart(19)}   ${ms(whole).padStart(16)}   ${ms(lintInProcess).padStart(15)}   ${ms(lintWhole).padStart(12)}`
    )
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
