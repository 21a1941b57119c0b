/**
 * Blocks: the non-empty lines of a normalized page, each with the number of blank lines before
 * it. Blank-line gaps are how most pages separate teasers, so they are kept as data.
 */
import { splitDownloadLine, splitGluedDate } from './dates'

export type Block = { text: string; gapBefore: number }

/** What was taken out of the text, reported as a warning of that kind. */
export type Removed = { kind: 'image-file-name' | 'download-link' | 'logo-token'; detail: string }

/**
 * Image file names glued into the text by the scraper (`IMG-20190301-WA0012.jpgIn`,
 * `DSC_4960.JPG`): a file name is never news text, wherever it stands. No `i` flag: under it
 * `\p{Ll}` would match capitals too, and `jpgIn` must stop before the capital. The name's parts
 * are bounded so that a long run of dotted tokens cannot make the match quadratic.
 */
const IMAGE_FILE_NAME =
  /(?<![\p{L}\p{N}._-])[\p{L}\p{N}_-]{1,100}(?:\.[\p{L}\p{N}_-]{1,40}){0,3}\.(?:jpe?g|png|gif|webp|bmp|tiff?|heic|JPE?G|PNG|GIF|WEBP|BMP|TIFF?|HEIC)(?!\p{Ll})/gu
/**
 * A logo's text glued by the scraper to the first word after it (`ОДКБCSTO Secretary General`):
 * capitals of one script run straight into a capital of the other, which no word does.
 */
const GLUED_LOGO = /^(?:[А-ЯЁ]{2,8}(?=[A-Z])|[A-Z]{2,8}(?=[А-ЯЁ]))/u
/** Cheap test first: most lines name no image at all. */
const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|bmp|tiff?|heic)/i

/**
 * Splits normalized text into blocks, taking out image file names, download links and logo
 * tokens glued to a line's first word (returned in `removed`).
 */
export function toBlocks(normalized: string): { blocks: Block[]; removed: Removed[] } {
  const blocks: Block[] = []
  const removed: Removed[] = []
  let gap = 0
  for (const rawLine of normalized.split('\n')) {
    if (rawLine === '') {
      gap += 1
      continue
    }
    let line = IMAGE_EXTENSION.test(rawLine)
      ? rawLine
          .replace(IMAGE_FILE_NAME, (name) => {
            removed.push({ kind: 'image-file-name', detail: name })
            return ' '
          })
          .replace(/ {2,}/g, ' ')
          .trim()
      : rawLine
    if (line === '') continue
    const logo = GLUED_LOGO.exec(line)?.[0]
    if (logo) {
      removed.push({ kind: 'logo-token', detail: logo })
      line = line.slice(logo.length)
    }
    const glued = splitGluedDate(line)
    const download = glued ? null : splitDownloadLine(line)
    if (glued) blocks.push({ text: glued[0], gapBefore: gap }, { text: glued[1], gapBefore: 0 })
    else if (download) {
      removed.push({ kind: 'download-link', detail: download.link })
      blocks.push({ text: download.date, gapBefore: gap })
    } else blocks.push({ text: line, gapBefore: gap })
    gap = 0
  }
  return { blocks, removed }
}
