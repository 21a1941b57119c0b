/**
 * Plain corpus text as HTML for `content:encoded`, Atom `content` and JSON Feed `content_html`.
 * The corpus is scraped data: a `<script>` in it is text to show, never markup to run, so every
 * character is escaped and the only tags are the ones added here.
 */
import { escapeXml } from './xml'

/** A blank line (possibly holding spaces) separates paragraphs, as `contentText` is joined. */
const PARAGRAPH_BREAK_RE = /\n[ \t\u00A0]*\n/
const CRLF_RE = /\r\n?/g

/** Paragraphs (split at blank lines) as `<p>` elements; single line breaks become `<br>`. */
export function textToHtml(contentText: string): string {
  return contentText
    .replace(CRLF_RE, '\n')
    .split(PARAGRAPH_BREAK_RE)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map(toParagraph)
    .join('\n')
}

function toParagraph(paragraph: string): string {
  const lines = paragraph.split('\n').map((line) => escapeXml(line.trim()))
  return `<p>${lines.join('<br>')}</p>`
}
