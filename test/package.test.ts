/**
 * The install, as package.json declares it: npm (11.16 on) asks a project to say which
 * dependencies may run install scripts (`allowScripts`), warns about the others, and a stricter
 * npm will skip them. Every dependency with an install script in the lockfile has its choice
 * written down by name, so that any npm installs the project the same way.
 */
import { describe, expect, it } from 'vitest'
import packageText from '../package.json?raw'
import lockText from '../package-lock.json?raw'

type Lock = { packages: Record<string, { hasInstallScript?: boolean }> }
type Package = {
  allowScripts?: Record<string, boolean>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

const lock = JSON.parse(lockText) as Lock
const pkg = JSON.parse(packageText) as Package

describe('the install', () => {
  it('says, by name, whether each dependency with an install script may run it', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    expect(Object.keys(pkg.allowScripts ?? {}).sort()).toEqual([...new Set(withScripts)].sort())
  })

  it('locks exactly the dependencies package.json names', () => {
    const root = lock.packages[''] as Pick<Package, 'dependencies' | 'devDependencies'>
    expect(root.dependencies).toEqual(pkg.dependencies)
    expect(root.devDependencies).toEqual(pkg.devDependencies)
  })
})
