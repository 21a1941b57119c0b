/**
 * Admin actions since the last build, so the next build report shows them. Each action is its own
 * key with the action in its metadata: appending never races, and listing reads no values.
 */

import { LOG_PREFIX, logKey } from './keys'
import { listAll } from './kv'

export type AdminAction = {
  at: string
  action: 'add-document' | 'delete-document' | 'rebuild'
  sha?: string
  name?: string
  created?: boolean
}

export async function logAdminAction(kv: KVNamespace, action: AdminAction): Promise<void> {
  await kv.put(logKey(action.at, Math.floor(Math.random() * 1e9)), '', { metadata: action })
}

/** The logged actions, oldest first, with their keys for clearing after the build that reports them. */
export async function readAdminActions(
  kv: KVNamespace
): Promise<{ actions: AdminAction[]; keys: string[] }> {
  const entries = (await listAll<AdminAction>(kv, LOG_PREFIX)).sort((a, b) =>
    a.name.localeCompare(b.name)
  )
  return {
    actions: entries.flatMap((e) => (e.metadata ? [e.metadata] : [])),
    keys: entries.map((e) => e.name),
  }
}
