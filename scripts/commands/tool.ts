/** This tool as SARIF names it: the package's name and version, bundled in when the CLI is built. */
import packageJson from '../../package.json' with { type: 'json' }
import type { SarifTool } from '../core/sarif.ts'

const homepage = (packageJson as { homepage?: string }).homepage

export const tool: SarifTool = { name: packageJson.name, version: packageJson.version, ...(homepage ? { informationUri: homepage } : {}) }
