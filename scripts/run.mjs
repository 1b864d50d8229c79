#!/usr/bin/env node
/**
 * Launcher of the CLI in a checkout (`npm run …`, and the package's `bin`
 * when it runs from a clone): runs `dist/cli.mjs`, rebuilding it first when
 * any script, schema or the lockfile is newer. A bundle starts in a fraction
 * of the time a TypeScript loader needs to resolve and transpile a few
 * hundred modules, which is most of a small run.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildCli, bundle, root } from './build.mjs'

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
if (bundleTime() < sources) await buildCli()
const { main } = await import(pathToFileURL(bundle).href)
process.exitCode = await main(process.argv.slice(2))
