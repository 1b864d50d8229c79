#!/usr/bin/env node
// The package's command: the built CLI (dist/cli.mjs); in a clone, the launcher that rebuilds it when a source changed.
import { existsSync } from 'node:fs'

const checkout = new URL('../scripts/run.mjs', import.meta.url)
if (existsSync(checkout)) await import(checkout.href)
else {
  const { main } = await import('../dist/cli.mjs')
  process.exitCode = await main(process.argv.slice(2))
}
