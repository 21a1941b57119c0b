/**
 * The segmentation model: whether a paragraph of a page's run of teasers starts a new item or
 * continues the one before. No single signal decides it on these sites: the same spacing
 * separates two teasers on one page and two paragraphs of one story on the next. So each signal
 * is a feature with a weight, and a paragraph starts an item when the weights of the features it
 * shows add up to more than zero. The weights were set by hand on the development half of the
 * labelled set (`npm run eval`); each feature says why it weighs what it does.
 *
 * Date lines are not scored: a date line always starts a teaser (segment.ts). Across pages, a
 * paragraph run that another page carries as one unit becomes one item when merging folds the
 * parts into it (merge.ts).
 */
import type { Block } from './blocks'
import { firstDate, parseDateLine } from './dates'
import { isTitleLike } from './titles'

/** What the run of teasers as a whole says about its spacing. */
export type RunShape = {
  /** Date lines start its teasers: a new story there comes with one. */
  dated: boolean
  /** It separates paragraphs by one blank line and by more: the wider gap then means more. */
  gapsVary: boolean
}

/**
 * One decision: the paragraph before (the current item's last), the paragraph in question and
 * the date it opens with (`openingDate`), the day the current item is about (its date line's,
 * else the date its first paragraph opens with), and the run.
 */
export type Boundary = {
  previous: Block
  block: Block
  opening: Opening | null
  day: string | null
  run: RunShape
}

/** A date a paragraph opens with; `day` is null when its year cannot be known. */
export type Opening = { day: string | null }

export type Feature = {
  name: string
  /** Added to the score when the feature fires: above zero for a new item, below for the same. */
  weight: number
  fires: (b: Boundary) => boolean
}

/** With no signal at all, a paragraph is a new item: a page of one-paragraph teasers is the common shape. */
export const PRIOR = 0.5

/** The words a date may stand after and still open the paragraph: `On`, `From`, `С`, `Москва,`. */
const DATE_OPENS_WITHIN = 3
const OPENING_CHARS = 80

/**
 * Openings that refer back to what the paragraph before reported: a pronoun, "also", a
 * connective, or the event's participants named by their role in it.
 */
const REFERS_BACK_EN =
  /^(?:he|she|they|it|his|her|their|its|this|these|those|also|in addition|additionally|moreover|furthermore|besides|however|meanwhile|at the (?:same time|end|time|event|meeting|ceremony|conclusion)|during|in the course|in (?:his|her|their) (?:speech|address|remarks|opinion|words)|speaking|following (?:the|this)|after (?:that|the meeting|the ceremony)|afterwards|then|later|as part of (?:the|this) (?:visit|event|meeting)|within the framework of the (?:visit|event|meeting)|the (?:parties|sides|participants|guests|interlocutors|attendees|delegations?)|the (?:meeting|event|ceremony|ceremonies|session|exercise|training|talks|conference|celebrations?) (?:was|were|is|will|also|ended|continued|began|included|brought|featured)|the theme of|the next (?:meeting|session|round|exercise)|in conclusion|finally|as a result)(?![\p{L}])/iu
const REFERS_BACK_RU =
  /^(?:он|она|они|оно|его|её|ее|их|этот|эта|это|эти|также|кроме того|помимо (?:этого|того)|при этом|вместе с тем|в то же время|затем|далее|после (?:этого|того|встречи|заседания)|в ходе|в рамках (?:визита|встречи|мероприятия)|в завершение|в заключение|по итогам|по окончании|в (?:своем|своём) выступлении|на (?:встрече|церемонии|заседании|мероприятии|совещании)|в (?:работе )?(?:заседани|мероприяти|церемони|совещани|учени|работе|конференци|форум|семинар)\p{L}* (?:приняли|принял|приняла)|стороны|участники|гости|тема учения|следующ\p{L}* (?:заседани|встреч|сесси|учени)\p{L}*)(?![\p{L}])/iu
/**
 * The event of the paragraph before, named as known: "in the exercise.", "the meeting was",
 * "этого заседания". Not "the conference "Security" organized by…", "the meeting of the
 * Council": a name or a specifier after it introduces an event.
 */
const NAMES_EVENT_BEFORE_EN =
  /(?<![\p{L}])the (?:exercises?|meeting|event|ceremony|visit|talks|session|conference|forum|training|drills|celebrations?|round table|negotiations)(?=[.,;:!?)]|\s+(?:was|were|is|are|has|have|had|will|would|also|took|ended|continued|began|included|brought|featured|involved|lasted|became)(?![\p{L}])|$)/iu
const NAMES_EVENT_BEFORE_RU =
  /(?<![\p{L}])(?:этого|данного|указанного|того же) (?:учения|заседания|мероприятия|визита|совещания|форума)(?![\p{L}])/iu
/** How far the first sentence is looked for: a lead's first sentence is seldom longer. */
const SENTENCE_CHARS = 300
const CYRILLIC_START = /^[^\p{L}]*[\u0400-\u04FF]/u
const QUOTE_OPENING = /^["«“„]/u
const LOWERCASE_OPENING = /^[-–—•]?\s*\p{Ll}/u
/** The paragraph before announces what follows: a list or a quote. */
const ANNOUNCES = /[:;,]$/
/** An actor of these sites in the first words… */
const ACTOR =
  /(?<![\p{L}])(?:CSTO|ОДКБ|Secretary General|Генеральн\p{L}* секретар\p{L}*)(?![\p{L}])/u
/** …and a verb that reports an event. */
const EVENT_VERB =
  /(?<![\p{L}])(?:met|meets|held|hosted|took part|participated|visited|arrived|signed|opened|launched|congratulated|received|chaired|attended|started|completed|began|took place|was held|were held|will be held|will take place|встретил(?:ся|ась|ись)|провел[аи]?|провёл|принял[аи]? участие|посетил[аи]?|прибыл[аи]?|подписал[аи]?|открыл[аи]?|поздравил[аи]?|состоял(?:ся|ась|ось|ись)|прош(?:ел|ёл|ла|ло|ли)|стартовал[аи]?|завершил(?:ся|ась|ось|ись)|начал(?:ся|ась|ось|ись)|выступил[аи]?)(?![\p{L}])/u
const ACTOR_WORDS = 15

const opening = (b: Boundary) => b.block.text.slice(0, OPENING_CHARS)

/** The first sentence, roughly (where a paragraph says what it is about): up to the first `. `. */
function firstSentence(text: string): string {
  const head = text.slice(0, SENTENCE_CHARS)
  const end = head.search(/[.!?]\s/)
  return end === -1 ? head : head.slice(0, end + 1)
}

/** The date a paragraph opens with: `On 3 December 2024, …`, `С 17 по 28 июня …`, `Москва, 3 декабря …`. */
export function openingDate(text: string, published: string | null): Opening | null {
  const found = firstDate(text.slice(0, OPENING_CHARS), published)
  if (found === null) return null
  const before = text.slice(0, found.index).split(/\s+/).filter(Boolean).length
  return before <= DATE_OPENS_WITHIN ? { day: found.start } : null
}

function opensWithActorAndVerb(text: string): boolean {
  // Most paragraphs name no actor in their opening: the words are counted only when one does.
  const start = text.slice(0, OPENING_CHARS * 2)
  if (!ACTOR.test(start)) return false
  const head = start.split(/\s+/, ACTOR_WORDS).join(' ')
  return ACTOR.test(head) && EVENT_VERB.test(head)
}

export const FEATURES: readonly Feature[] = [
  {
    // "On 3 December 2024, …", "From 17 to 28 June …", "Москва, 3 декабря 2024 года. …": the
    // first words of a report of another day. A continuation hardly ever opens with a new date.
    name: 'opens-with-new-date',
    weight: 3,
    fires: (b) => b.opening !== null && (b.opening.day === null || b.opening.day !== b.day),
  },
  {
    // The day of the item before: another event of that day (a meeting, then a wreath-laying), or
    // the same story told on. Weak: alone it cannot outweigh a dated run; the spacing decides.
    name: 'opens-with-same-date',
    weight: 0.5,
    fires: (b) => b.opening !== null && b.opening.day !== null && b.opening.day === b.day,
  },
  {
    // "The CSTO Secretary General met with …": a subject of the site and a reporting verb open an
    // event; weaker than a date, because a continuation may name the Secretary General again.
    name: 'actor-and-verb',
    weight: 1.5,
    fires: (b) => opensWithActorAndVerb(b.block.text),
  },
  {
    // "He also added …", "Also the celebrations …", "The participants …", "По итогам встречи …":
    // the paragraph needs the one before to be understood.
    name: 'refers-back',
    weight: -3,
    // One language's openings: the paragraph's first letter says which.
    fires: (b) =>
      (CYRILLIC_START.test(b.block.text) ? REFERS_BACK_RU : REFERS_BACK_EN).test(opening(b)),
  },
  {
    // "More than 2,000 servicemen were involved in the exercise": a paragraph whose first
    // sentence names an event as already known tells more of the one before.
    name: 'names-event-before',
    weight: -1.5,
    fires: (b) =>
      (CYRILLIC_START.test(b.block.text) ? NAMES_EVENT_BEFORE_RU : NAMES_EVENT_BEFORE_EN).test(
        firstSentence(b.block.text)
      ),
  },
  {
    // A quoted paragraph is what someone of the story before said.
    name: 'opens-with-quote',
    weight: -2,
    fires: (b) => QUOTE_OPENING.test(b.block.text),
  },
  {
    // A paragraph starting in lower case is a list item or a sentence broken by the capture.
    name: 'opens-lowercase',
    weight: -3,
    fires: (b) => LOWERCASE_OPENING.test(b.block.text),
  },
  {
    // "The meeting was attended by:" then one participant a line.
    name: 'after-colon',
    weight: -3,
    fires: (b) => ANNOUNCES.test(b.previous.text),
  },
  {
    // A headline after text opens the next item of a listing of title + summary pairs.
    name: 'title-line',
    weight: 3,
    fires: (b) => isTitleLike(b.block.text),
  },
  {
    // Where a run uses one and two blank lines, two apart is the wider break; where date lines
    // start its teasers after wide gaps, a wide gap is how the page parts its teasers…
    name: 'wide-gap',
    weight: 1,
    fires: (b) => (b.run.gapsVary || b.run.dated) && b.block.gapBefore >= 2,
  },
  {
    // …and one apart the narrower. Where the gaps are all alike they say nothing.
    name: 'narrow-gap',
    weight: -1,
    fires: (b) => b.run.gapsVary && b.block.gapBefore <= 1,
  },
  {
    // Where date lines start the teasers, a paragraph without one mostly continues a teaser: it
    // takes a wide gap or an opening (a date, an actor and a verb) to start one.
    name: 'dated-run',
    weight: -1,
    fires: (b) => b.run.dated,
  },
]

/** The score of one boundary and the features that made it. */
export function scoreBoundary(b: Boundary): { score: number; fired: string[] } {
  let score = PRIOR
  const fired: string[] = []
  for (const feature of FEATURES) {
    if (!feature.fires(b)) continue
    score += feature.weight
    fired.push(feature.name)
  }
  return { score, fired }
}

/**
 * A page's segmentation confidence: how far its closest call stood from zero, where a margin of
 * CONFIDENT_MARGIN or more is sure (1). A page with no call to make is sure.
 */
export const CONFIDENT_MARGIN = 2
/**
 * Below this a page is listed in the admin report for an operator to look at (nothing is
 * dropped): a call whose signals cancel out. A call on the prior alone (0.25: an undated page of
 * plain paragraphs, the listing's common shape) is not listed: that was 3 of the 5 real pages,
 * and a list of most pages is read by nobody.
 */
export const UNCERTAIN_BELOW = 0.25

export function confidenceOf<D extends { score: number }>(
  decisions: readonly D[]
): { confidence: number; closest: D | null } {
  let closest: D | null = null
  for (const d of decisions)
    if (!closest || Math.abs(d.score) < Math.abs(closest.score)) closest = d
  const margin = closest ? Math.abs(closest.score) : CONFIDENT_MARGIN
  return { confidence: Math.min(1, margin / CONFIDENT_MARGIN), closest }
}

/** What a run's blocks say about its spacing (the first block's gap is the page's, not the run's). */
export function runShape(blocks: readonly Block[]): RunShape {
  const isDate = blocks.map((b) => parseDateLine(b.text) !== null)
  let narrow = false
  let wide = false
  blocks.forEach((b, i) => {
    // Only gaps between two paragraphs: a date line ties to the paragraph after it.
    if (i === 0 || isDate[i] || isDate[i - 1]) return
    if (b.gapBefore >= 2) wide = true
    else narrow = true
  })
  return { dated: isDate.some(Boolean), gapsVary: narrow && wide }
}
