/**
 * `site`: writes the searchable page (`index.html`, with the list's BibTeX
 * beside it) into a folder, `site/` by default, for GitHub Pages. The folder
 * is generated, not committed.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { loadPublishable } from '../core/load.ts'
import { readConfig } from '../io/config.ts'
import { readText, writeIfChanged } from '../io/files.ts'
import { buildSite } from '../site/build.ts'
import type { CommandContext } from './context.ts'

export interface SiteCommandOptions {
  data: string
  out: string
  title: string
  config?: string
}

export async function siteCommand(options: SiteCommandOptions, context: CommandContext): Promise<number> {
  const dataFile = path.resolve(context.cwd, options.data)
  const shown = path.relative(context.cwd, dataFile) || dataFile
  const config = await readConfig(dataFile, options.config, context.cwd)
  // Nothing lint rejects is published, here as in the READMEs.
  const { data } = loadPublishable(await readText(dataFile, shown), shown, config)
  const files = buildSite(data, { title: options.title })
  const folder = path.resolve(context.cwd, options.out)
  await mkdir(folder, { recursive: true })
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(folder, name)
    const written = await writeIfChanged(file, content)
    context.stdout.write(`${path.relative(context.cwd, file) || file}: ${written ? 'written' : 'unchanged'} (${(Buffer.byteLength(content) / 1024).toFixed(0)} KiB)\n`)
  }
  return 0
}
