/**
 * A DevTools session on workerd's inspector, for the worker's own time: workerd's process CPU
 * also holds what Miniflare simulates beside it (local KV, the cache, SQLite checkpoints), which
 * Cloudflare does not count against an invocation. A CPU profile samples the worker's isolate
 * alone; its samples outside `(idle)` are the time the isolate held the thread (its CPU, plus
 * any time blocked inside a synchronous SQLite call).
 */

type Frame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: Frame; children?: number[] }
export type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export type DevTools = {
  send: <T>(method: string, params?: object) => Promise<T>
  close: () => void
}

/** One websocket to the first inspector target, request by request. */
export async function devtools(port: number): Promise<DevTools> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as Array<{
    webSocketDebuggerUrl: string
  }>
  const target = targets[0]
  if (!target) throw new Error('no inspector target')
  const socket = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve)
    socket.addEventListener('error', reject)
  })
  let next = 1
  const waiting = new Map<number, (result: unknown) => void>()
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown }
    if (message.id !== undefined) waiting.get(message.id)?.(message.result)
  })
  return {
    send: <T>(method: string, params: object = {}) =>
      new Promise<T>((resolve) => {
        const id = next++
        waiting.set(id, resolve as (result: unknown) => void)
        socket.send(JSON.stringify({ id, method, params }))
      }),
    close: () => socket.close(),
  }
}

/** Starts profiling; `stop()` ends it and returns the profile. */
export async function profiling(
  session: DevTools,
  intervalMicros: number
): Promise<{ stop: () => Promise<Profile> }> {
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: intervalMicros })
  await session.send('Profiler.start')
  return {
    stop: async () => (await session.send<{ profile: Profile }>('Profiler.stop')).profile,
  }
}

/** Milliseconds the isolate was busy: every sample but `(idle)`. */
export function busyMs(profile: Profile): number {
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id)
  )
  let micros = 0
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) micros += profile.timeDeltas[i] ?? 0
  })
  return micros / 1000
}

/** Self time per function, most first. */
export function selfTimes(profile: Profile): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame
    if (!frame) return
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...self].sort((a, b) => b[1] - a[1])
}
