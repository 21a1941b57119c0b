/**
 * Ids survive a new segmentation. The fixture holds the registry and the items the blank-line
 * segmentation (before the boundary model) built from the eval set's pages. The model cuts some
 * of those pages otherwise: it joins a paragraph the old code made its own item back to the
 * item it continues. Every item published then and still there keeps its id; an item the old
 * code split keeps the id of its first part.
 */
import { describe, expect, it } from 'vitest'
import { pipelineConfig } from '../../src/content'
import { type Registry, runPipeline } from '../../src/pipeline'
import before from './fixtures/ids-before-segmentation-model.json'

const SET = import.meta.glob<string>('../eval/pages/*.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
})

const pages = before.pages.map((name) => {
  const text = SET[`../eval/pages/${name}`]
  if (text === undefined) throw new Error(`the fixture's page ${name} is not in test/eval/pages`)
  return { name, text }
})

type Old = { id: string; paragraphs: string[] }

/** Whether `item`'s paragraphs open with the old item's (each stored as its first 60 characters). */
const opensWith = (paragraphs: readonly string[], old: Old) =>
  old.paragraphs.length <= paragraphs.length &&
  old.paragraphs.every((p, k) => paragraphs[k]?.startsWith(p))

describe('ids across the change of segmentation', () => {
  const { items } = runPipeline(pages, pipelineConfig, before.registry as Registry)
  const olds: Old[] = before.items
  const news = items.map((item) => ({ item, paragraphs: item.contentText.split('\n\n') }))
  /** New items that are an old item with paragraphs the old code cut off as items of their own. */
  const rejoined = news.filter(({ paragraphs }) =>
    olds.some((old) => old.paragraphs.length < paragraphs.length && opensWith(paragraphs, old))
  )

  it('cuts some pages otherwise than the old code (or this test proves nothing)', () => {
    expect(rejoined.length).toBeGreaterThan(0)
  })

  it('keeps the id of every item it publishes with the same text', () => {
    let same = 0
    for (const { item, paragraphs } of news) {
      const old = olds.find(
        (o) => o.paragraphs.length === paragraphs.length && opensWith(paragraphs, o)
      )
      if (!old) continue
      same++
      expect(item.id, item.title).toBe(old.id)
    }
    expect(same).toBeGreaterThan(olds.length / 2)
  })

  it('gives an item the old code split the id of its first part', () => {
    for (const { item, paragraphs } of rejoined) {
      const first = olds
        .filter((old) => opensWith(paragraphs, old))
        .sort((a, b) => b.paragraphs.length - a.paragraphs.length)[0]
      expect(item.id, item.title).toBe(first?.id)
    }
  })
})
