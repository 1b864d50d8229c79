/** The only module that writes files: atomically, and only when content changed. */
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { isUtf8 } from 'node:buffer'
import { EnvironmentError, FindingsError, UsageError } from '../core/errors.ts'
import { bytePosition, firstInvalidUtf8 } from '../core/utf8.ts'

/** A file's text, which must be UTF-8: bytes that are not are an error with their place, never replaced in silence. */
export async function readText(file: string, shown = file): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`Cannot read \`${shown}\`: no such file`)
    throw environmentError(error, 'read', shown)
  }
  return decode(bytes, shown)
}

export async function readTextIfExists(file: string, shown = file): Promise<string | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw environmentError(error, 'read', shown)
  }
  return decode(bytes, shown)
}

function decode(bytes: Buffer, shown: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8')
  const offset = firstInvalidUtf8(bytes)
  const { line, column } = bytePosition(bytes, offset)
  throw new FindingsError(
    [{ ruleId: 'file/encoding', severity: 'error', file: shown, line, column, message: `Unexpected byte 0x${bytes[offset]!.toString(16).padStart(2, '0').toUpperCase()} at byte ${offset}, expected UTF-8 text`, hint: 'save the file as UTF-8; nothing was read or rewritten' }],
    `${shown} is not UTF-8`
  )
}

/** A refusal of the file system (permissions, a read-only or full disk) as one clear line. */
function environmentError(error: unknown, action: 'read' | 'write', shown: string): Error {
  const code = (error as NodeJS.ErrnoException).code
  const reasons: Record<string, string> = { EACCES: 'permission denied', EPERM: 'not permitted', EROFS: 'the file system is read-only', ENOSPC: 'the disk is full', EISDIR: 'it is a folder', ENOTDIR: 'a part of the path is not a folder', EDQUOT: 'the disk quota is exceeded' }
  const reason = code ? reasons[code] : undefined
  return reason ? new EnvironmentError(`Cannot ${action} \`${shown}\`: ${reason} (${code})`) : (error as Error)
}

/**
 * Writes `content` to `file` through a temporary file in the same folder and
 * a rename, so a reader never sees half a file. Returns whether it wrote.
 * An existing file keeps its mode; a read-only one is refused, not replaced.
 * Temporary files a killed run left behind are removed. Each file is atomic;
 * several files of one run are not one transaction (a kill between two leaves
 * the next run to write the rest).
 */
export async function writeIfChanged(file: string, content: string): Promise<boolean> {
  const wanted = Buffer.from(content, 'utf8')
  let existing: { bytes: Buffer; mode: number } | undefined
  try {
    existing = { bytes: await readFile(file), mode: (await stat(file)).mode & 0o7777 }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw environmentError(error, 'read', file)
  }
  if (existing?.bytes.equals(wanted)) return false
  if (existing && (existing.mode & 0o200) === 0) throw new EnvironmentError(`Cannot write \`${file}\`: it is read-only (mode ${existing.mode.toString(8)}); make it writable (\`chmod u+w\`) to regenerate it`)
  const folder = path.dirname(file)
  try {
    await mkdir(folder, { recursive: true })
  } catch (error) {
    throw environmentError(error, 'write', file)
  }
  await removeLeftovers(folder, path.basename(file))
  const temporary = path.join(folder, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temporary, wanted, existing ? { mode: existing.mode } : {})
    if (existing) await chmod(temporary, existing.mode)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw environmentError(error, 'write', file)
  }
  return true
}

/** Temporary files of `name` older than a minute: a killed run's, not a running one's. */
async function removeLeftovers(folder: string, name: string): Promise<void> {
  const prefix = `.${name}.`
  let names: string[]
  try {
    names = await readdir(folder)
  } catch {
    return
  }
  for (const candidate of names) {
    if (!candidate.startsWith(prefix) || !/^\.[^/]+\.[0-9a-f]{12}\.tmp$/.test(candidate)) continue
    const leftover = path.join(folder, candidate)
    const age = Date.now() - (await stat(leftover).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs
    if (age > 60_000) await rm(leftover, { force: true })
  }
}
