/**
 * Style sheets, served from our own origin (no external assets). FEED_CSS makes an RSS or Atom
 * document opened in a browser read as a page, through `<?xml-stylesheet type="text/css"?>`:
 * CSS on XML, not XSLT, which browsers are removing; the feed view's script (feed-view.ts) adds
 * XHTML links and times, and marks the root `data-view`. Without the script, each item shows its
 * address (Atom: its link's `href`, through `attr()`). PAGE_CSS is inlined into every HTML page,
 * FRAME_CSS into the page made for other sites' iframes (`/embed`); both start from PALETTE.
 */

export const FEED_CSS = `@namespace atom url(http://www.w3.org/2005/Atom);
@namespace content url(http://purl.org/rss/1.0/modules/content/);
@namespace fh url(http://purl.org/syndication/history/1.0);
@namespace html url(http://www.w3.org/1999/xhtml);
rss, atom|feed {
  display: block; max-width: 46rem; margin: 0 auto; padding: 1rem 1rem 3rem;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1f; background: #fdfdfd; overflow-wrap: anywhere;
}
@media (prefers-color-scheme: dark) { rss, atom|feed { color: #e6e6ea; background: #141417; } html|a { color: #8fb0ff; } }
html|a { color: #2f54b8; text-decoration: none; }
html|a:hover, html|a:focus-visible { text-decoration: underline; }
html|script { display: none; }
channel { display: block; }
rss::before, atom|feed::before {
  content: "This is a news feed. To subscribe, copy the address of this page into your feed reader (Feedly, Inoreader, NetNewsWire, Miniflux, FreshRSS and others).";
  display: block; margin: 0 0 1.25rem; padding: .75rem 1rem; border: 1px solid #7a7aa8; border-radius: .5rem;
}
channel > title, atom|feed > atom|title { display: block; margin: 0 0 .25rem; font-size: 1.6rem; font-weight: 700; line-height: 1.2; }
channel > description, atom|feed > atom|subtitle { display: block; margin: 0 0 1rem; opacity: .8; }
item, atom|entry { display: block; margin: 0; padding: 1rem 0; border-top: 1px solid rgba(128, 128, 128, .35); }
item > title, atom|entry > atom|title { display: block; font-size: 1.1rem; font-weight: 600; line-height: 1.3; }
item > pubDate, atom|entry > atom|published { display: block; margin-top: .2rem; font-size: .85rem; opacity: .7; }
atom|entry > atom|summary { display: block; margin-top: .35rem; }
item > link, atom|entry > atom|link[rel="alternate"] { display: block; margin-top: .2rem; font-size: .85rem; opacity: .7; }
atom|entry > atom|link[rel="alternate"]::after { content: attr(href); }
rss[data-view] item > link, atom|feed[data-view] atom|entry > atom|link { display: none; }
channel > link, channel > lastBuildDate, channel > docs, channel > language, channel > ttl, channel > category,
atom|link, guid, item > description, item > category, content|encoded, fh|archive,
atom|id, atom|updated, atom|author, atom|category, atom|content, atom|generator, atom|rights { display: none; }
`

/** The colours of our HTML pages, light and dark, as custom properties; every page starts with it. */
const PALETTE = `:root { color-scheme: light dark; --fg: #1b1b1f; --bg: #fdfdfd; --muted: #5b5b66; --line: rgba(128,128,128,.35); --accent: #2f54b8; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e6ea; --bg: #141417; --muted: #a3a3ad; --accent: #8fb0ff; } }
* { box-sizing: border-box; }
a { color: var(--accent); }
`

export const PAGE_CSS = `${PALETTE}body { margin: 0 auto; max-width: 46rem; padding: 1rem; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; line-height: 1.2; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
nav, .meta, small { color: var(--muted); font-size: .9rem; }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items li { padding: .6rem 0; border-top: 1px solid var(--line); }
ul.headlines li { padding: .4rem 0; }
ul.headlines small { white-space: nowrap; }
.feed-links a { margin-right: .5rem; white-space: nowrap; }
input.url { width: 100%; font: .85rem ui-monospace, monospace; padding: .3rem .4rem; color: var(--fg); background: transparent; border: 1px solid var(--line); border-radius: .3rem; }
.count { font-variant-numeric: tabular-nums; }
table.feeds { width: 100%; border-collapse: collapse; }
.feeds th, .feeds td { padding: .4rem .75rem .4rem 0; border-top: 1px solid var(--line); text-align: left; vertical-align: baseline; }
.feeds thead th { border-top: 0; color: var(--muted); font-size: .85rem; font-weight: 600; }
.feeds td.count, .feeds th.count { text-align: right; }
.feeds td:last-child { padding-right: 0; }
.feeds time, .feeds td.count { white-space: nowrap; }
.feeds .formats .feed-links a { margin-right: .35rem; }
button.copy { font: inherit; font-size: .8rem; line-height: 1.3; padding: .05rem .45rem; color: var(--accent); background: transparent; border: 1px solid var(--line); border-radius: .3rem; cursor: pointer; }
button.copy:hover { border-color: var(--accent); }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (max-width: 36rem) {
  .feeds thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .feeds tr { display: flex; flex-wrap: wrap; column-gap: .9rem; padding: .45rem 0; border-top: 1px solid var(--line); }
  .feeds th, .feeds td { display: block; padding: 0; border: 0; }
  .feeds tbody th { flex: 1 0 100%; }
  .feeds td.count { text-align: left; }
  .feeds td[data-label]::before { content: attr(data-label) " "; color: var(--muted); font-size: .85rem; }
  .feeds td.formats { flex: 1 0 100%; }
}
article p { margin: .75rem 0; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85rem; padding: .5rem; border: 1px solid var(--line); border-radius: .3rem; }
`

/** The list made for an iframe on another site: compact, full width, the pages' colours. */
export const FRAME_CSS = `${PALETTE}body { margin: 0; padding: .75rem 1rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
h1 { margin: 0 0 .4rem; font-size: 1.05rem; line-height: 1.3; }
h1 a { color: inherit; text-decoration: none; }
ul { list-style: none; margin: 0; padding: 0; }
li { padding: .45rem 0; border-top: 1px solid var(--line); }
li a { font-weight: 600; text-decoration: none; }
a:hover { text-decoration: underline; }
time { display: block; font-size: .85rem; color: var(--muted); }
p { margin: .6rem 0 0; font-size: .85rem; color: var(--muted); }
`
