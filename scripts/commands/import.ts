export async function importReadme(_options: unknown, _context: unknown): Promise<number> {
  throw new Error('not yet')
}
