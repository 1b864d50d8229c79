/** Finds and reads the configuration: `--config FILE`, or `paper-list.config.json` beside the data file. */
import path from 'node:path'
import { configFileName, parseConfig, type Config } from '../core/config.ts'
import { ruleIds } from '../rules/index.ts'
import { readText, readTextIfExists } from './files.ts'

export async function readConfig(dataFile: string, explicit: string | undefined, cwd: string): Promise<Config> {
  const file = explicit !== undefined ? path.resolve(cwd, explicit) : path.join(path.dirname(dataFile), configFileName)
  const text = explicit !== undefined ? await readText(file) : await readTextIfExists(file)
  return parseConfig(text, path.relative(cwd, file) || file, ruleIds)
}
