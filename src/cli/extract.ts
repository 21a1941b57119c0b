/**
 * `npm run -s extract -- FILE... [--registry REGISTRY.json]`: prints the items the pipeline makes
 * from raw page files, merged across them, as a JSON array. With `--registry`, ids are taken from
 * and recorded in that file, as the worker does with its KV registry.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { pipelineConfig } from '../content'
import { emptyRegistry, type Registry, runPipeline } from '../pipeline'

function parseArgs(argv: string[]): { files: string[]; registryPath: string | null } {
  const files: string[] = []
  let registryPath: string | null = null
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--registry') registryPath = argv[++i] ?? null
    else files.push(arg)
  }
  return { files, registryPath }
}

function main(): number {
  const { files, registryPath } = parseArgs(process.argv.slice(2))
  if (files.length === 0) {
    process.stderr.write('usage: npm run -s extract -- FILE... [--registry REGISTRY.json]\n')
    return 2
  }
  const docs = files.map((file) => ({ name: basename(file), text: readFileSync(file, 'utf8') }))
  const registry: Registry =
    registryPath && existsSync(registryPath)
      ? JSON.parse(readFileSync(registryPath, 'utf8'))
      : emptyRegistry()
  const result = runPipeline(docs, pipelineConfig, registry)
  if (registryPath) writeFileSync(registryPath, `${JSON.stringify(result.registry)}\n`)
  for (const w of result.warnings.filter((w) => w.kind === 'no-items')) {
    process.stderr.write(`extract: ${w.source}: ${w.detail}\n`)
  }
  process.stdout.write(`${JSON.stringify(result.items, null, 2)}\n`)
  return 0
}

process.exitCode = main()
