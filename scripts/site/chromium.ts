/**
 * Debian's Chromium for the page's browser tests, benchmark and screenshot
 * (`CHROMIUM_PATH` for another), with the flags a closed network needs, and
 * the page's files served from 127.0.0.1.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** No background connections, which would fail at every start on a closed network. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

/** Serves files by name (`index.html` at `/`) on 127.0.0.1, gzipped when the browser asks, as GitHub Pages does. */
export async function serveFiles(files: Readonly<Record<string, string>>): Promise<{ url: string; server: Server }> {
  const compressed = new Map(Object.entries(files).map(([name, content]) => [name, gzipSync(content)]))
  const server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).replace(/^\/+/, '') || 'index.html'
    const content = files[name]
    if (content === undefined || !Object.hasOwn(files, name)) {
      response.writeHead(404).end()
      return
    }
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
    response
      .writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', ...(gzip ? { 'content-encoding': 'gzip' } : {}) })
      .end(gzip ? compressed.get(name) : content)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }
}
