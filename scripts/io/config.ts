/**
 * Finds and reads the configuration, as tools people know do (ESLint,
 * Prettier): `--config FILE`; else, in the working directory,
 * `paper-list.config.json` or the `paperList` key of `package.json`; else
 * `paper-list.config.json` beside the data file; else the defaults. Paths in
 * it (caches, reports) are relative to the folder it was found in.
 */
import path from 'node:path'
import { configFileName, packageKey, parseConfig, type Config } from '../core/config.ts'
import { ruleIds } from '../rules/index.ts'
import { readText, readTextIfExists } from './files.ts'

export async function readConfig(dataFile: string, explicit: string | undefined, cwd: string): Promise<Config> {
  const shown = (file: string) => path.relative(cwd, file) || file
  const parse = (text: string, file: string, at = ''): Config => ({ ...parseConfig(text, shown(file), ruleIds, at), root: path.dirname(file) })
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit)
    return parse(await readText(file, shown(file)), file)
  }
  const here = path.join(cwd, configFileName)
  const own = await readTextIfExists(here, shown(here))
  if (own !== undefined) return parse(own, here)
  const manifest = path.join(cwd, 'package.json')
  const text = await readTextIfExists(manifest, shown(manifest))
  // A quick look first: a package.json without the key is not ours to judge (nor to fail on).
  if (text !== undefined && text.includes(`"${packageKey}"`)) return parse(text, manifest, `/${packageKey}`)
  const beside = path.join(path.dirname(dataFile), configFileName)
  const besideText = beside === here ? undefined : await readTextIfExists(beside, shown(beside))
  if (besideText !== undefined) return parse(besideText, beside)
  return { ...parseConfig(undefined, shown(beside), ruleIds), root: path.dirname(dataFile) }
}
