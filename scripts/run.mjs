#!/usr/bin/env node
/**
 * Launcher of the CLI for `npm run …`: runs `dist/cli.mjs`, an esbuild bundle
 * of `scripts/cli.ts`, rebuilding it first when any script is newer. A bundle
 * starts in a fraction of the time a TypeScript loader needs to resolve and
 * transpile a few hundred modules, which is most of a small run.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bundle = path.join(root, 'dist/cli.mjs')

function newest(folder) {
  let latest = 0
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs)
  }
  return latest
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs
  } catch {
    return -1
  }
}

const sources = Math.max(newest(path.join(root, 'scripts')), newest(path.join(root, 'schema')), statSync(path.join(root, 'package-lock.json')).mtimeMs)
if (bundleTime() < sources) {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [path.join(root, 'scripts/cli.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ESM builds of dependencies (jsonc-parser's UMD build cannot be bundled).
    mainFields: ['module', 'main'],
    // Some dependencies are CommonJS and call `require`.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning'
  })
}
const { main } = await import(pathToFileURL(bundle).href)
process.exitCode = await main(process.argv.slice(2))
