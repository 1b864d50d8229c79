/**
 * `npm run site:screenshot`: the picture of the page the README shows,
 * taken in Debian's Chromium (CHROMIUM_PATH to use another) from the
 * committed list, with a search typed in. Writes `docs/site.png`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { loadPapers } from '../core/load.ts'
import { buildSite } from './build.ts'
import { launchChromium, serveFiles } from './chromium.ts'

const root = path.resolve(import.meta.dirname, '../..')
const data = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
const files = buildSite(data, { title: 'Awesome Mixture of Experts' })
const { url, server } = await serveFiles(files)
const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
await page.goto(`${url}?q=lora`)
mkdirSync(path.join(root, 'docs'), { recursive: true })
writeFileSync(path.join(root, 'docs/site.png'), await page.screenshot({ fullPage: true }))
await browser.close()
server.close()
console.log('docs/site.png: written')
