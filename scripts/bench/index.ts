/**
 * Benchmarks of `generate`, `lint` and `fix` on synthetic lists of 1,000,
 * 10,000 and 100,000 entries, timed in process and as a whole process, with
 * each whole process's peak memory. `fix` runs on the list with problems
 * spread through it (`withFixableProblems`). Prints what it measured;
 * asserts nothing.
 *
 *     npm run bench [-- 1000 10000]
 *
 * The whole-process figures are what `npm run generate` and `npm run lint`
 * cost, less npm's own start-up.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { renderAll } from '../commands/generate.ts'
import { defaultConfig } from '../core/config.ts'
import { serializePapers } from '../core/serialize.ts'
import { lintText } from '../lint/engine.ts'
import { fixText } from '../lint/engine.ts'
import { syntheticList, syntheticTemplates, withFixableProblems } from './synthetic.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0)
const runs = 5

console.log('entries   papers.json   generate in process   generate process      lint in process   lint process           fix in process   fix process')
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
    const lintWhole = wholeProcess(folder, ['lint'])
    const broken = serializePapers(withFixableProblems(syntheticList(size)))
    const fixInProcess = median(
      await times(runs, async () => {
        fixText(broken, 'papers.json', defaultConfig)
      })
    )
    const fixWhole = wholeProcess(folder, ['lint', '--fix'], () => writeFileSync(path.join(folder, 'papers.json'), broken))
    const generateWhole = wholeProcess(folder, ['generate'], () => writeFileSync(path.join(folder, 'papers.json'), data))
    console.log(
      `${String(size).padStart(7)}   ${(data.length / 1e6).toFixed(1).padStart(8)} MB   ${ms(inProcess).padStart(19)}   ${`${ms(whole)}, ${generateWhole.peak}`.padStart(19)}   ${ms(lintInProcess).padStart(15)}   ${`${ms(lintWhole.ms)}, ${lintWhole.peak}`.padStart(19)}   ${ms(fixInProcess).padStart(14)}   ${`${ms(fixWhole.ms)}, ${fixWhole.peak}`.padStart(19)}`
    )
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/** The median time of the whole command, and its peak memory (max RSS), over the runs; `before` restores the input each time. */
function wholeProcess(folder: string, args: string[], before: () => void = () => {}): { ms: number; peak: string } {
  const measured: Array<{ ms: number; kib: number }> = []
  for (let run = 0; run < runs; run++) {
    before()
    const start = performance.now()
    const result = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(root, 'scripts/bench/peak-memory.mjs')).href, path.join(root, 'scripts/run.mjs'), ...args], { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 30 })
    measured.push({ ms: performance.now() - start, kib: Number(/peak-rss-kib (\d+)/.exec(result.stderr)?.[1] ?? NaN) })
  }
  const time = median(measured.map((item) => item.ms))
  const peak = Math.max(...measured.map((item) => item.kib))
  return { ms: time, peak: peak >= 1024 * 1024 ? `${(peak / 1024 / 1024).toFixed(2)} GB` : `${Math.round(peak / 1024)} MB` }
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
