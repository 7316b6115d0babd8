/**
 * `pnpm lint:openapi`: writes the BFF's OpenAPI document (generated from the zod contracts) to a
 * temporary file and lints it with Redocly's recommended rules; any error fails. The six public
 * operations that cannot be refused (config, products, health, readiness, metrics, the document
 * itself) have no 4xx answer, which the rules report as warnings.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { openApiDocument } from '../apps/bff/src/openapi/openapi-document'

const dir = mkdtempSync(join(tmpdir(), 'quickpay-openapi-'))
const file = join(dir, 'openapi.json')
writeFileSync(file, JSON.stringify(openApiDocument('http://127.0.0.1:3000'), null, 2))
const result = spawnSync('pnpm', ['exec', 'redocly', 'lint', '--format', 'summary', file], {
  stdio: 'inherit',
})
rmSync(dir, { recursive: true, force: true })
process.exit(result.status ?? 1)
