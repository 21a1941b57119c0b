/**
 * Once for every browser test file: the bundled worker on 127.0.0.1 (src/cli/local-worker.ts),
 * loaded with `content/pages` through the admin API and rebuilt, so every link points at it.
 * Stopped when the run ends.
 */
import type { TestProject } from 'vitest/node'
import { contentPages, startLocalWorker } from '../../src/cli/local-worker'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The local worker's origin, `http://127.0.0.1:<port>`. */
    workerOrigin: string
  }
}

export default async function setup(project: TestProject) {
  const worker = await startLocalWorker()
  try {
    await worker.addPages(contentPages())
    const report = await worker.rebuild()
    if (report.items === 0) throw new Error('the local worker built no items')
  } catch (error) {
    await worker.stop()
    throw error
  }
  project.provide('workerOrigin', worker.url.origin)
  return () => worker.stop()
}
