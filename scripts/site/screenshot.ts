/**
 * `npm run site:screenshot`: the picture of the page the README shows,
 * taken in Debian's Chromium (CHROMIUM_PATH to use another) from the
 * committed list, with a search typed in. Writes `docs/site.png`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { loadPapers } from '../core/load.ts'
import { buildSite } from './build.ts'

const root = path.resolve(import.meta.dirname, '../..')
const data = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
const files = buildSite(data, { title: 'Awesome Mixture of Experts' })
const server = createServer((request, response) => {
  const name = (request.url ?? '/').split('?')[0] === '/' ? 'index.html' : 'papers.bib'
  response.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/plain' }).end(files[name] ?? '')
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?q=lora`)
mkdirSync(path.join(root, 'docs'), { recursive: true })
writeFileSync(path.join(root, 'docs/site.png'), await page.screenshot())
await browser.close()
server.close()
console.log('docs/site.png: written')
