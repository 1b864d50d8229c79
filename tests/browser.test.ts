/**
 * The searchable page in a real browser: Debian's Chromium (installed by
 * `.ci/run`; `CHROMIUM_PATH` points elsewhere) driven by playwright-core,
 * the page served from 127.0.0.1. Search, filters, the state in the URL,
 * copy-BibTeX, the charts' counts, no console error, and axe-core's
 * accessibility check.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadPapers } from '../scripts/core/load.ts'
import { syntheticList } from '../scripts/bench/synthetic.ts'
import { buildSite, firstPage } from '../scripts/site/build.ts'
import { chromiumPath, launchChromium, serveFiles } from '../scripts/site/chromium.ts'
import { root } from './helpers.ts'

const data = loadPapers(readFileSync(path.join(root, 'papers.json'), 'utf8'), 'papers.json').data
let browser: Browser
let site: { url: string; server: Server }
const errors: string[] = []

beforeAll(async () => {
  expect(existsSync(chromiumPath), `Chromium is not at ${chromiumPath}: .ci/run installs it (apt-get install chromium); set CHROMIUM_PATH to use another`).toBe(true)
  site = await serveFiles(buildSite(data, { title: 'Awesome Mixture of Experts' }))
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  site?.server.close()
})

async function open(query = ''): Promise<Page> {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(site.url + query)
  return page
}

/** The few browser globals the page functions use (the tests' TypeScript has no DOM library). */
interface Browserish {
  document: { querySelector(selector: string): { textContent: string | null } | null }
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } }
}

const visibleIds = (page: Page) => page.$$eval('#entries > .entry:not([hidden])', (items) => items.map((item) => item.id))

describe('the page in Chromium', () => {
  test('loads with every entry shown and no console error', async () => {
    const page = await open()
    expect(await page.textContent('#count')).toBe(`${data.entries.length} of ${data.entries.length}`)
    expect(await visibleIds(page)).toHaveLength(data.entries.length)
    expect(errors).toEqual([])
  })

  test('search narrows the list as one types, and puts itself in the URL', async () => {
    const page = await open()
    await page.fill('#q', 'mixtral')
    expect(await visibleIds(page)).toEqual(['jiang2024mixtral'])
    expect(await page.textContent('#count')).toBe(`1 of ${data.entries.length}`)
    expect(new URL(page.url()).searchParams.get('q')).toBe('mixtral')
    // Every word must match, in title, authors, notes or venue.
    await page.fill('#q', 'lora experts')
    const ids = await visibleIds(page)
    expect(ids.length).toBeGreaterThan(1)
    for (const id of ids) expect((await page.textContent(`[id="${id}"]`))!.toLowerCase()).toMatch(/lora[\s\S]*experts|experts[\s\S]*lora/)
  })

  test('filters by year, venue, kind and category, together with the search', async () => {
    const page = await open()
    await page.selectOption('#year', '2022')
    const in2022 = data.entries.filter((entry) => (entry.date ?? entry.venue ?? '').match(/\d{4}/)?.[0] === '2022').length
    expect(await visibleIds(page)).toHaveLength(in2022)
    for (const id of await visibleIds(page)) expect(await page.getAttribute(`[id="${id}"]`, 'data-year')).toBe('2022')
    await page.selectOption('#venue', 'NeurIPS')
    for (const id of await visibleIds(page)) expect(await page.getAttribute(`[id="${id}"]`, 'data-venue')).toBe('NeurIPS')
    await page.selectOption('#venue', '')
    await page.selectOption('#year', '')
    await page.selectOption('#category', 'parameter-efficient-fine-tuning')
    const expected = data.entries.filter((entry) => entry.categories?.some((membership) => membership.category === 'parameter-efficient-fine-tuning')).length
    expect(await visibleIds(page)).toHaveLength(expected)
    await page.selectOption('#kind', 'course')
    expect(await visibleIds(page)).toEqual([])
    expect(await page.textContent('#count')).toBe(`0 of ${data.entries.length}`)
  })

  test('a shared URL opens with its search and filters applied', async () => {
    const page = await open('?q=vision&year=2024')
    expect(await page.inputValue('#q')).toBe('vision')
    expect(await page.inputValue('#year')).toBe('2024')
    const ids = await visibleIds(page)
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) {
      expect(await page.getAttribute(`[id="${id}"]`, 'data-year')).toBe('2024')
      expect((await page.textContent(`[id="${id}"]`))!.toLowerCase()).toContain('vision')
    }
  })

  test('copy BibTeX puts the entry on the clipboard', async () => {
    const page = await open('?q=mixtral')
    await page.click('#jiang2024mixtral button.copy')
    await page.waitForFunction(() => (globalThis as unknown as Browserish).document.querySelector('#jiang2024mixtral button.copy')?.textContent === 'Copied')
    const copied = await page.evaluate(() => (globalThis as unknown as Browserish).navigator.clipboard.readText())
    expect(copied).toMatch(/^@misc\{jiang2024mixtral,\n/)
    expect(copied).toContain('eprint        = {2401.04088}')
  })

  test('copy BibTeX with papers.bib missing or garbled says so, and copies nothing wrong', async () => {
    const files = buildSite(data, { title: 'T' })
    for (const [bib, said] of [[undefined, 'BibTeX unavailable: see papers.bib'], ['<html>not BibTeX</html>', 'BibTeX unavailable: see papers.bib']] as const) {
      const broken = await serveFiles(bib === undefined ? { 'index.html': files['index.html']! } : { ...files, 'papers.bib': bib })
      try {
        const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
        const page = await context.newPage()
        await page.goto(`${broken.url}?q=mixtral`)
        await page.evaluate(() => (globalThis as unknown as Browserish).navigator.clipboard.writeText('before'))
        await page.click('#jiang2024mixtral button.copy')
        await page.waitForFunction((text) => (globalThis as unknown as Browserish).document.querySelector('#jiang2024mixtral button.copy')?.textContent === text, said)
        expect(await page.evaluate(() => (globalThis as unknown as Browserish).navigator.clipboard.readText())).toBe('before')
        await context.close()
      } finally {
        broken.server.close()
      }
    }
  })

  test('the charts draw the real counts', async () => {
    const page = await open()
    const years = await page.$$eval('figure:first-of-type rect', (rects) => rects.map((rect) => Number(rect.getAttribute('data-value'))))
    expect(years.reduce((total, value) => total + value, 0)).toBe(data.entries.length)
    const widths = await page.$$eval('figure:first-of-type rect', (rects) => rects.map((rect) => (rect as unknown as { getBBox(): { width: number } }).getBBox().width))
    expect(widths.every((width) => width > 0)).toBe(true)
  })

  test('a long list shows a page of results at a time, and more on demand', async () => {
    const long = await serveFiles(buildSite(syntheticList(1000), { title: 'Long' }))
    try {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(long.url)
      expect(await page.textContent('#count')).toBe('1000 of 1000')
      expect(await visibleIds(page)).toHaveLength(firstPage)
      expect(await page.textContent('#more')).toBe('Show 500 more of 900')
      await page.click('#more')
      expect(await visibleIds(page)).toHaveLength(600)
      expect(await page.textContent('#more')).toBe('Show 400 more of 400')
      await page.click('#more')
      expect(await visibleIds(page)).toHaveLength(1000)
      expect(await page.isHidden('#more')).toBe(true)
      await page.fill('#q', 'topic 1.2 details')
      expect(Number((await page.textContent('#count'))!.split(' ')[0])).toBe((await visibleIds(page)).length)
      await context.close()
    } finally {
      long.server.close()
    }
  })

  test('a link to an entry far down the list shows it, and the search keeps the link', async () => {
    const files = buildSite(syntheticList(1000), { title: 'Long' })
    const keys = [...files['list.html']!.matchAll(/<li class="entry" id="([^"]+)"/g)].map((match) => match[1]!)
    const long = await serveFiles(files)
    try {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(`${long.url}#${keys[777]}`)
      expect(await visibleIds(page)).toHaveLength(800)
      expect(await page.isVisible(`[id="${keys[777]}"]`)).toBe(true)
      expect(new URL(page.url()).hash).toBe(`#${keys[777]}`)
      await page.goto(`${long.url}#${keys[901]}`)
      expect(await page.isVisible(`[id="${keys[901]}"]`)).toBe(true)
      await context.close()
    } finally {
      long.server.close()
    }
  })

  test('without JavaScript the page shows its first entries, and the list page shows every one', async () => {
    const files = buildSite(syntheticList(1000), { title: 'Long' })
    const long = await serveFiles(files)
    try {
      const context = await browser.newContext({ javaScriptEnabled: false })
      const page = await context.newPage()
      await page.goto(long.url)
      expect(await visibleIds(page)).toHaveLength(firstPage)
      expect(await page.isVisible('#more')).toBe(false)
      await page.click('text=All 1000 entries on one page')
      // The click waits for the navigation to start; the list is read once the page has loaded.
      await page.waitForURL(/\/list\.html$/, { waitUntil: 'load' })
      expect(await visibleIds(page)).toHaveLength(1000)
      expect(await page.$$('button')).toHaveLength(0)
      await context.close()
    } finally {
      long.server.close()
    }
  })

  test('axe-core finds no accessibility violation', async () => {
    const page = await open()
    const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    await page.addScriptTag({ content: source })
    const violations = await page.evaluate(async () => {
      const page = globalThis as unknown as Browserish & { axe: { run: (context?: unknown, options?: unknown) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }
      const result = await page.axe.run(page.document, { resultTypes: ['violations'] })
      return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`)
    })
    expect(violations).toEqual([])
    expect(errors).toEqual([])
  })
})
