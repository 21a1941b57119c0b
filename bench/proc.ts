/**
 * Processes as /proc shows them: the CPU a server used, measured from outside (timers inside
 * workerd stand still during synchronous work), and its resident memory.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100

type ProcStat = { pid: number; comm: string; ppid: number; ticks: number }

/** /proc/<pid>/stat: comm in parentheses (may hold spaces), then ppid at 4, utime/stime at 14/15. */
function procStat(pid: number): ProcStat | null {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  const fields = text.slice(close + 2).split(' ')
  return {
    pid,
    comm: text.slice(open + 1, close),
    ppid: Number(fields[1]),
    ticks: Number(fields[11]) + Number(fields[12]),
  }
}

function allProcesses(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => procStat(Number(name)) ?? [])
}

/** The process and all its descendants. */
function processTree(root: number): ProcStat[] {
  const all = allProcesses()
  const tree = all.filter((p) => p.pid === root)
  for (let i = 0; i < tree.length; i++) {
    const parent = (tree[i] as ProcStat).pid
    tree.push(...all.filter((p) => p.ppid === parent))
  }
  return tree
}

/** CPU seconds (user + system) used so far by a process and its descendants. */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((sum, p) => sum + p.ticks, 0) / CLK_TCK
}

/** The workerd process this Node process started (Miniflare's). */
export function workerdPid(): number {
  const child = allProcesses().find((p) => p.ppid === process.pid && p.comm === 'workerd')
  if (!child) throw new Error('no workerd child process found')
  return child.pid
}

/** Resident memory of a process and its descendants, in bytes (VmRSS). */
export function treeRssBytes(root: number): number {
  return processTree(root).reduce((sum, p) => {
    try {
      const status = readFileSync(`/proc/${p.pid}/status`, 'utf8')
      return sum + Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024
    } catch {
      return sum
    }
  }, 0)
}
