/**
 * The page made for an iframe on other sites (`/embed/<slug>`, `/embed` for every item): the
 * feed's title, its newest items linked to their pages in a new tab, and where to read or
 * subscribe. It works without JavaScript and loads nothing; the frame of every page, its
 * escaping and its colours are layout.ts's.
 */
import { feedDateOf } from '../feeds/select'
import { escapeXml } from '../feeds/xml'
import type { ListedItem } from '../model'
import type { SiteConfig } from '../site'
import { layout } from './layout'

export type EmbedModel = {
  site: SiteConfig
  /** The feed's title (`feedTitle`), its page for people and its RSS address. */
  title: string
  page: string
  rss: string
  description: string
  baseUrl: string
  items: readonly ListedItem[]
}

/** `2024-06-03` as `3 June 2024`, the way the site's English pages write dates. */
const READABLE_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** A link that opens in a new tab: the frame is a window onto our site, not a place to browse. */
function outLink(href: string, text: string): string {
  return `<a href="${escapeXml(href)}" target="_blank" rel="noopener">${escapeXml(text)}</a>`
}

function itemRow(item: ListedItem, baseUrl: string): string {
  const date = feedDateOf(item)
  const time = date
    ? `<time datetime="${date}">${READABLE_DATE.format(new Date(`${date}T00:00:00Z`))}</time>`
    : ''
  return `<li>${outLink(`${baseUrl}/items/${item.id}`, item.title)}${time}</li>`
}

export function renderEmbedPage(model: EmbedModel): string {
  const { site, items } = model
  const list =
    items.length > 0
      ? `<ul>\n${items.map((item) => itemRow(item, model.baseUrl)).join('\n')}\n</ul>`
      : '<p>No news yet.</p>'
  return layout({
    lang: site.language,
    title: model.title,
    description: model.description,
    framed: true,
    body: `<h1>${outLink(model.page, model.title)}</h1>
${list}
<p>${outLink(model.page, `More on ${site.name}`)} · ${outLink(model.rss, 'RSS feed')}</p>`,
  })
}
