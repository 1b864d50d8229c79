import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Nodes, RootContent } from 'mdast'
import { removePosition } from 'unist-util-remove-position'
import { parseMarkdown } from '../scripts/core/markdown.ts'
import { renderOutput } from '../scripts/core/render.ts'
import { parseTemplate } from '../scripts/core/template.ts'
import type { ImportResult } from '../scripts/import/index.ts'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const fixtures = path.join(root, 'tests/fixtures')

/** Generates the one output an import describes. */
export function generateImported(result: ImportResult): string {
  const template = parseTemplate(result.template, 'template.md')
  return renderOutput(template, result.data, [template.config]).content
}

/** Top-level blocks of a Markdown document, positions dropped, each with its source line span. */
export function blocks(markdown: string): Array<{ key: string; start: number; end: number; node: RootContent }> {
  return parseMarkdown(markdown).children.map((node) => ({
    key: withoutPositions(node),
    start: node.position!.start.line,
    end: node.position!.end.line,
    node
  }))
}

export function temporaryFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'paper-list-test-'))
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the real CLI in a child process, as `npm run` would. */
export function runCliProcess(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), path.join(root, 'scripts/cli.ts'), ...args],
      { cwd, env: { ...process.env, GITHUB_ACTIONS: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

function withoutPositions(node: RootContent): string {
  const copy = structuredClone(node)
  removePosition(copy, { force: true })
  return JSON.stringify(copy)
}

/** Every node of a Markdown document, depth first, as remark-gfm parses it. */
export function markdownNodes(markdown: string): Nodes[] {
  const all: Nodes[] = []
  const walk = (node: Nodes) => {
    all.push(node)
    if ('children' in node) for (const child of node.children) walk(child as Nodes)
  }
  walk(parseMarkdown(markdown))
  return all
}
