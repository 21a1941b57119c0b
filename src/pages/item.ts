/** An item's permalink page: what every feed entry links to. */
import { pagePath } from '../feeds'
import { escapeXml } from '../feeds/xml'
import type { Item } from '../model'
import type { TopicRule } from '../pipeline/topics'
import type { SiteConfig } from '../site'
import { displayDate, layout } from './layout'

export type ItemModel = { site: SiteConfig; item: Item; url: string; topics: readonly TopicRule[] }

/** JSON for a `<script>` element: `<` escaped so no text can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

/** schema.org NewsArticle, with only the facts we have (no made-up dates). */
function newsArticle(model: ItemModel): string {
  const { item, site } = model
  return scriptJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: item.title,
    ...(item.published ? { datePublished: item.published } : {}),
    inLanguage: item.lang === 'und' ? undefined : item.lang,
    url: model.url,
    mainEntityOfPage: model.url,
    description: item.summary,
    articleBody: item.contentText,
    keywords: model.topics.map((t) => t.title),
    publisher: { '@type': 'Organization', name: site.author.name, url: site.author.url },
  })
}

function paragraphs(text: string): string {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((p) => `<p>${escapeXml(p)}</p>`)
    .join('\n')
}

export function renderItem(model: ItemModel): string {
  const { item, site } = model
  const lang = item.lang === 'und' ? site.language : item.lang
  const tags = model.topics
    .map((t) => `<a href="${pagePath(t)}">${escapeXml(t.title)}</a>`)
    .join(', ')
  const event = item.eventDate
    ? ` · Event: <time datetime="${item.eventDate}">${item.eventDate}</time>${item.eventEndDate ? `–<time datetime="${item.eventEndDate}">${item.eventEndDate}</time>` : ''}`
    : ''
  const alternate = item.alternate
    ? `<details lang="${item.alternate.lang}"><summary>${item.alternate.lang === 'ru' ? 'Русский текст' : 'Text in English'}</summary>
${item.alternate.title ? `<p><strong>${escapeXml(item.alternate.title)}</strong></p>` : ''}
${paragraphs(item.alternate.text)}
</details>`
    : ''
  const body = `<nav><a href="/">${escapeXml(site.name)}</a></nav>
<main>
<article lang="${lang}">
<h1>${escapeXml(item.title)}</h1>
<p class="meta">Published: ${item.published ? `<time datetime="${item.published}">${item.published}</time>` : escapeXml(displayDate(item))}${event}${tags ? ` · ${tags}` : ''}</p>
${paragraphs(item.contentText)}
${alternate}
<p class="meta">Sources: ${item.sources.map(escapeXml).join(', ')}</p>
</article>
</main>`
  const head = `<link rel="canonical" href="${escapeXml(model.url)}">
<script type="application/ld+json">${newsArticle(model)}</script>`
  return layout({
    lang,
    title: `${item.title} · ${site.name}`,
    description: item.summary,
    head,
    body,
  })
}
