/**
 * Builds `dist/cli.mjs`, the CLI as one JavaScript module: this project's
 * code bundled by esbuild, its dependencies left to `node_modules` (they are
 * the package's `dependencies`). `npm pack` runs it (`prepack`), so the
 * package needs no TypeScript tooling at run time; `scripts/run.mjs` runs it
 * in a checkout whenever a source is newer than the bundle.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const bundle = path.join(root, 'dist/cli.mjs')

export async function buildCli() {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [path.join(root, 'scripts/cli.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    write: false
  })
  // Written whole, then renamed: a CLI starting meanwhile reads the old bundle or the new one, never half of one.
  mkdirSync(path.dirname(bundle), { recursive: true })
  const temporary = `${bundle}.${process.pid}.tmp`
  writeFileSync(temporary, result.outputFiles[0].contents)
  renameSync(temporary, bundle)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli()
