/** The id registry (pipeline/identity.ts) kept as one KV value. */
import { emptyRegistry, type Registry } from '../pipeline'
import { REGISTRY_KEY } from './keys'

export async function readRegistry(kv: KVNamespace): Promise<Registry> {
  return (await kv.get<Registry>(REGISTRY_KEY, 'json')) ?? emptyRegistry()
}

export async function writeRegistry(kv: KVNamespace, registry: Registry): Promise<void> {
  await kv.put(REGISTRY_KEY, JSON.stringify(registry))
}
