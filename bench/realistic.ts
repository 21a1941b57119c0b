/**
 * A synthetic corpus shaped like the CSTO news site, for scale benchmarks: N pages hold N
 * distinct stories. Page k carries story k as its main article, after a "latest news" block of
 * 3-5 teasers of the stories published just before it (newest first), so every story is also a
 * dated teaser on about four later pages and a correct pipeline yields exactly N items.
 *
 * A story is a kind-specific lead (date, place, body, ordinal) and a body from a phrase grammar
 * over the site's vocabulary (member states, cities, councils, exercises, operations, topics)
 * with its fixed formulas, so distinct stories share many word shingles, as on the site. Hard
 * look-alikes are made on purpose and must stay apart: consecutive meetings of one council (the
 * 26th and the 27th: the same wording but for ordinal, date, host and figures), the stages of one
 * year's exercise ("Rubezh-2024"), and the national stages of one operation held in two or three
 * countries at once (the same wording but for the country, its city, its authority and figures).
 * About 5 % of stories are in Russian; some English articles carry a Russian title line.
 *
 * Deterministic for (pages, seed, options). `realisticPages` streams one page at a time and keeps
 * only the last five stories: 100,000 pages (about 580 MB) take about 12 s and under 1 MB of heap.
 */
import type { RawDoc } from '../src/model'
import { mulberry32, type Random } from './random'

type Rng = Random

/** A 32-bit hash of a string, to seed one generator per series. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T
const chance = (r: Rng, p: number) => r() < p
/** `12,400`: thousands separated as on the English site (toLocaleString is slow at this rate). */
const num = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',')

/** Words of a text, lower-cased and joined: a key that spacing, case and punctuation do not change. */
export const wordKey = (text: string) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')

// ---- Calendar -------------------------------------------------------------------------------

const DAY_MS = 86_400_000
const FIRST_DAY = Date.UTC(2005, 0, 10) / DAY_MS
const LAST_DAY = Date.UTC(2025, 10, 30) / DAY_MS
const MONTHS =
  'January February March April May June July August September October November December'.split(' ')
const RU_MONTHS =
  'января февраля марта апреля мая июня июля августа сентября октября ноября декабря'.split(' ')
const RU_MONTHS_IN =
  'январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре'.split(' ')

const dateOf = (day: number) => new Date(day * DAY_MS)
const pad = (n: number) => String(n).padStart(2, '0')
/** The site's date line: `03.12.2024`. */
function dateLine(day: number): string {
  const d = dateOf(day)
  return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`
}
/** `3 December 2024` or `December 3, 2024`: the site writes both. */
function longDate(day: number, american: boolean): string {
  const d = dateOf(day)
  const month = MONTHS[d.getUTCMonth()]
  return american
    ? `${month} ${d.getUTCDate()}, ${d.getUTCFullYear()}`
    : `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`
}
const ruDate = (day: number) => {
  const d = dateOf(day)
  return `${d.getUTCDate()} ${RU_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} года`
}
/** `From 17 to 21 June 2024` when the span stays in one month, else the single last day. */
function span(first: number, last: number): string {
  const a = dateOf(first)
  const b = dateOf(last)
  if (a.getUTCMonth() !== b.getUTCMonth()) return `On ${longDate(last, false)}`
  return `From ${a.getUTCDate()} to ${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear()}`
}
function ordinal(n: number): string {
  const tens = n % 100
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}

// ---- Vocabulary -----------------------------------------------------------------------------

type Country = {
  name: string
  formal: string
  adj: string
  cities: string[]
  people: string[]
  ground: string
  /** The authority that leads the national stage of an anti-drug operation. */
  police: string
  ru: { formal: string; gen: string; adjAcc: string; cities: string[] }
}

/** People are invented: the corpus makes up events, so it names no real official. */
const COUNTRIES: Country[] = [
  {
    name: 'Armenia',
    formal: 'the Republic of Armenia',
    adj: 'Armenian',
    cities: ['Yerevan', 'Gyumri'],
    people: ['Armen Hakobyan', 'Davit Sargsyan', 'Tigran Avetisyan', 'Karen Petrosyan'],
    ground: 'Alagyaz training ground',
    police: 'the Police of the Republic of Armenia',
    ru: {
      formal: 'Республика Армения',
      gen: 'Республики Армения',
      adjAcc: 'армянскую',
      cities: ['в Ереване', 'в Гюмри'],
    },
  },
  {
    name: 'Belarus',
    formal: 'the Republic of Belarus',
    adj: 'Belarusian',
    cities: ['Minsk', 'Brest', 'Vitebsk'],
    people: ['Viktor Kovalenko', 'Andrei Zhuk', 'Sergei Makarevich', 'Pavel Lukashevich'],
    ground: 'Brestsky training ground',
    police: 'the Ministry of Internal Affairs of the Republic of Belarus',
    ru: {
      formal: 'Республика Беларусь',
      gen: 'Республики Беларусь',
      adjAcc: 'белорусскую',
      cities: ['в Минске', 'в Бресте', 'в Витебске'],
    },
  },
  {
    name: 'Kazakhstan',
    formal: 'the Republic of Kazakhstan',
    adj: 'Kazakh',
    cities: ['Astana', 'Almaty', 'Shymkent'],
    people: ['Yerlan Nurlanov', 'Marat Abdrakhmanov', 'Bolat Seitkaliev', 'Askar Zhumabekov'],
    ground: 'Oimasha training ground',
    police: 'the Ministry of Internal Affairs of the Republic of Kazakhstan',
    ru: {
      formal: 'Республика Казахстан',
      gen: 'Республики Казахстан',
      adjAcc: 'казахстанскую',
      cities: ['в Астане', 'в Алматы', 'в Шымкенте'],
    },
  },
  {
    name: 'Kyrgyzstan',
    formal: 'the Kyrgyz Republic',
    adj: 'Kyrgyz',
    cities: ['Bishkek', 'Cholpon-Ata', 'Osh'],
    people: ['Almaz Toktogulov', 'Nurbek Asanbekov', 'Ulan Osmonaliev', 'Taalai Sadykov'],
    ground: 'Edelweiss training ground',
    police: 'the Service for Combating Drug Trafficking of the Kyrgyz Republic',
    ru: {
      formal: 'Кыргызская Республика',
      gen: 'Кыргызской Республики',
      adjAcc: 'кыргызскую',
      cities: ['в Бишкеке', 'в Чолпон-Ате', 'в Оше'],
    },
  },
  {
    name: 'Russia',
    formal: 'the Russian Federation',
    adj: 'Russian',
    cities: ['Moscow', 'Saint Petersburg', 'Novosibirsk', 'Orenburg'],
    people: ['Sergei Ivanov', 'Alexei Sokolov', 'Dmitry Morozov', 'Igor Volkov'],
    ground: 'Totskoye training ground',
    police: 'the Ministry of Internal Affairs of the Russian Federation',
    ru: {
      formal: 'Российская Федерация',
      gen: 'Российской Федерации',
      adjAcc: 'российскую',
      cities: ['в Москве', 'в Санкт-Петербурге', 'в Новосибирске', 'в Оренбурге'],
    },
  },
  {
    name: 'Tajikistan',
    formal: 'the Republic of Tajikistan',
    adj: 'Tajik',
    cities: ['Dushanbe', 'Khujand', 'Kulob'],
    people: ['Rustam Rahimov', 'Farrukh Sharipov', 'Jamshed Nazarov', 'Sino Umarov'],
    ground: 'Harbmaidon training ground',
    police: 'the Drug Control Agency under the President of the Republic of Tajikistan',
    ru: {
      formal: 'Республика Таджикистан',
      gen: 'Республики Таджикистан',
      adjAcc: 'таджикскую',
      cities: ['в Душанбе', 'в Худжанде', 'в Кулябе'],
    },
  },
]

/** The Secretary General of the day (invented names), in English and Russian. */
function secretaryGeneral(day: number): [string, string] {
  const year = dateOf(day).getUTCFullYear()
  if (year < 2017) return ['Nikolai Volkov', 'Николай Волков']
  if (year < 2019) return ['Armen Hakobyan', 'Армен Акопян']
  if (year < 2023) return ['Stanislav Lebedev', 'Станислав Лебедев']
  return ['Yerlan Nurlanov', 'Ерлан Нурланов']
}

/** A story's subject: the key of its grammar rules, and its field in English and Russian. */
type Topic = { key: string; field: string; ru: string }
type Slots = {
  event: number
  year: number
  country: Country
  city: string
  topic: Topic
  sg: string
  others: string
}

const TOPICS: Record<string, Topic> = Object.fromEntries(
  [
    [
      'drugs',
      'countering illicit drug trafficking',
      'противодействия незаконному обороту наркотиков',
    ],
    ['migration', 'countering illegal migration', 'противодействия нелегальной миграции'],
    ['terrorism', 'countering terrorism and extremism', 'противодействия терроризму и экстремизму'],
    ['cyber', 'ensuring information security', 'обеспечения информационной безопасности'],
    [
      'ai',
      'the development of artificial intelligence technologies',
      'развития технологий искусственного интеллекта',
    ],
    [
      'emergencies',
      'the prevention and elimination of emergencies',
      'предупреждения и ликвидации чрезвычайных ситуаций',
    ],
    ['military', 'military cooperation', 'военного сотрудничества'],
  ].map(([key, field, ru]) => [key, { key, field, ru }] as [string, Topic])
)

// ---- Grammar --------------------------------------------------------------------------------
//
// Body sentences come from a small phrase grammar, not from a fixed list: with a fixed list every
// long article holds most of the list and any paragraph of one story is 80-90 % contained in some
// other story (merge.ts folds at 0.8; it measures 0.54 for the closest false pair on the real
// pages). With the grammar, a paragraph's best match among 300 other stories is 0.6 at the
// median and 0.78 at the 99th percentile, series mates aside. A rule is a list
// of templates; `{key}` expands a rule (topic-specific `drugs:claim` first, then the kind's
// `field:sentence`, then the plain one) or a slot of the story; `{Key}` capitalizes. The site's
// fixed formulas are rules too, so they recur across stories as they do on the site.

type Rules = Record<string, readonly string[]>

const EN: Rules = {
  'council:sentence': [
    '{Subject} {noted} that {claim}.',
    '{Subject} reported on {report}.',
    '{Subject} {proposed}.',
    'Special attention was paid to {focus}.',
    'The members of the Council discussed {focus} and {focus}.',
    'According to {source}, {claim}.',
    '"{Quote}," {speaker} said.',
    '{Claim}.',
    '{formula}',
    '{decision}',
  ],
  'meeting:sentence': [
    '{Subject} {noted} that {claim}.',
    '{Subject} {noted} that {claim}, and {claim}.',
    '{Subject} reported on {report}.',
    '{Subject} {proposed}.',
    'Special attention was paid to {focus}.',
    'The participants discussed {focus} and {focus}.',
    'According to {source}, {claim}.',
    '{Claim}.',
    '"{Quote}," {speaker} said.',
    '{formula}',
  ],
  'field:sentence': [
    '{Claim}.',
    '{Claim}.',
    '{Subject} {noted} that {claim}.',
    'During the {phase}, {claim}.',
    '{Actor} {action} {fieldwhere}.',
    '"{Quote}," {speaker} said.',
    'According to {source}, {claim}.',
    '{fieldformula}',
  ],
  formula: [
    'Representatives of the CSTO Secretariat and the CSTO Joint Staff took part in the meeting.',
    'The meeting took place in a constructive and friendly atmosphere.',
    'Following the meeting, the parties agreed to continue joint work within the framework of the Collective Security Treaty Organization.',
    'The heads of delegations of the CSTO member states exchanged views on topical issues of regional and international security.',
    'The CSTO Secretary General {sg} took part in the meeting.',
    'The meeting was attended by the delegations of {others}.',
    'The next meeting is scheduled to be held in {othercity} in {month} {nextyear}.',
    'The CSTO Secretary General {sg} thanked the {adj} side for the high level of organization of the event.',
    'In {year}, the Chairmanship of the CSTO is held by {chair}.',
    'The CSTO member states are Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.',
  ],
  fieldformula: [
    'The exercise was observed by the Chief of the CSTO Joint Staff and representatives of the defence ministries of the member states.',
    'At the end of the exercise, the best participants were awarded commemorative medals and certificates.',
    'The exercise was held in accordance with the plan of joint training of the forces of the CSTO collective security system for {year}.',
    'Journalists from the member states were invited to the demonstration part.',
    'The debriefing took place at the headquarters in {city}.',
    'The CSTO member states are Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.',
  ],
  decision: [
    'The Council approved {doc}.',
    '{Doc} {docfate}.',
    'A plan of joint measures for {year}-{nextyear} was signed at the end of the meeting.',
    'The chairmanship of the Council passed to the {otherAdj} side for {nextyear}.',
  ],
  doc: [
    'the draft plan of joint measures for {nextyear}',
    'the draft {topicdoc}',
    'the regulation on {body}',
    'the report on the implementation of {program}',
    'the work plan of the Council for {nextyear}-{nextyear2}',
  ],
  docfate: [
    'was considered and approved',
    'was sent for further elaboration',
    'was adopted as a basis',
    'will be submitted to the Collective Security Council for approval',
  ],
  topicdoc: ['Collective Security Strategy for the period up to {plus5}'],
  'drugs:topicdoc': [
    'Anti-Drug Strategy of the CSTO member states for {nextyear}-{plus5}',
    'list of new psychoactive substances subject to control',
  ],
  'migration:topicdoc': [
    'Concept of coordinated migration policy',
    'agreement on the joint database of persons banned from entry',
  ],
  'terrorism:topicdoc': [
    'list of organizations recognized as terrorist',
    'program of joint counter-terrorist measures',
  ],
  'cyber:topicdoc': [
    'Concept of cooperation in the field of information security',
    'regulation on the Consultative Coordination Centre for Responding to Computer Incidents',
  ],
  'ai:topicdoc': [
    'recommendations on the legal regulation of artificial intelligence',
    'model law on big data',
  ],
  'emergencies:topicdoc': [
    'agreement on mutual assistance in emergencies',
    'plan of joint exercises of the rescue services',
  ],
  program: [
    'the Interstate Program for strengthening the Tajik-Afghan border',
    'the Anti-Drug Strategy',
    'the decisions of the Collective Security Council of {yearpast}',
    'the plan of joint measures for {yearpast}-{year}',
  ],
  focus: [
    'the situation in {region}',
    'the results of the operation "{op}"',
    'the implementation of {program}',
    'the training of personnel for {organ}',
    'the exchange of information on {threat}',
    'measures to counter {threat}',
    'the protection of the external borders of the member states',
    'cooperation with {partner}',
    'the use of modern technologies by {organ}',
  ],
  report: [
    'the results of the operation "{op}" in {yearpast}',
    'the implementation of {program}',
    'the measures taken in {country} to counter {threat}',
    'the activities of the working groups of the Council',
    'the situation in {region}',
    'the training of specialists for {organ}',
  ],
  op: ['Channel', 'Illegal', 'PROXY', 'Mercenary', 'Channel - Trap', 'Channel - Centre'],
  subject: [
    'the participants',
    'the heads of delegations',
    'the {adj} delegation',
    'the CSTO Secretary General {sg}',
    'the head of the {adj} delegation {person}',
    'representatives of {organ} of {country}',
    'the experts',
    '{csto}',
    'the speakers',
    'the {otherAdj} side',
  ],
  speaker: [
    'the CSTO Secretary General {sg}',
    '{csto}',
    'the head of the {adj} delegation {person}',
    'the {position} of {country} {person}',
  ],
  csto: [
    'the Deputy Secretary General of the CSTO Valery Orlov',
    'the Chief of the CSTO Joint Staff Colonel General Anatoly Kravets',
    'the Head of the Department for Countering Challenges and Threats of the CSTO Secretariat Rustam Karimov',
    'the Chairman of the Coordination Council Police Colonel-General Andrei Shirokov',
    'the Deputy Chief of the CSTO Joint Staff Lieutenant General Yuri Tarasov',
  ],
  position: [
    'Minister of Foreign Affairs',
    'Minister of Defence',
    'Minister of Internal Affairs',
    'Secretary of the Security Council',
    'Minister of Emergency Situations',
  ],
  noted: ['noted', 'stressed', 'emphasized', 'pointed out', 'recalled', 'stated', 'said'],
  proposed: [
    'proposed to hold {event} on {field} in {othercity}',
    'suggested preparing the draft {topicdoc}',
    'called for {response} to counter {threat}',
    'put forward an initiative to create {body}',
  ],
  event: [
    'a joint seminar of experts',
    'a round table',
    'a training course',
    'an international conference',
    'a meeting of the working group',
  ],
  body: [
    'a joint analytical centre',
    'a working group on {threat}',
    'a single register of {crimes}',
    'a network of contact points',
  ],
  source: [
    'the CSTO Secretariat',
    'the {adj} side',
    '{organ} of {country}',
    'the head of the {adj} delegation {person}',
    'experts',
  ],
  when: [
    '',
    '',
    '',
    ' in {yearpast}',
    ' over the past {few} years',
    ' in the first half of {year}',
    ' since the beginning of {year}',
    ' at the national level',
    ' in the border areas',
  ],
  claim: [
    'the {situation} in {region} remains {assess}',
    'the CSTO member states need {response} to counter {threat}',
    '{organ} of the member states {improved} their interaction in countering {threat}',
    'cooperation with {partner} is developing {how}',
    '{organ} of {country} detected {n} {crimes}',
    '{threat} {threatverb} the security of {region}',
    'the number of {crimes} in {country} {changed} by {pct} percent',
    '{organ} of {other} have accumulated useful experience in countering {threat}',
  ],
  situation: [
    'situation',
    'military and political situation',
    'operational situation',
    'drug situation',
    'migration situation',
  ],
  region: [
    'the Central Asian region of collective security',
    'the Eastern European region of collective security',
    'the Caucasian region of collective security',
    'the CSTO area of responsibility',
    'the Tajik-Afghan border area',
    'the border regions of {country}',
    'Central Asia',
  ],
  assess: [
    'complex',
    'tense',
    'difficult but controllable',
    'a matter of serious concern',
    'stable',
  ],
  response: [
    'coordinated measures',
    'joint efforts',
    'a unified approach',
    'closer interaction',
    'new forms of cooperation',
  ],
  improved: [
    'have significantly improved',
    'continue to strengthen',
    'have expanded',
    'need to deepen',
  ],
  partner: [
    'the Commonwealth of Independent States',
    'the Shanghai Cooperation Organization',
    'the United Nations',
    'the UN Office on Drugs and Crime',
    'the Anti-Terrorist Centre of the CIS',
  ],
  how: ['successfully', 'steadily', 'in a number of practical areas', 'on a regular basis'],
  threatverb: ['poses a direct threat to', 'remains a serious challenge for', 'undermines'],
  changed: ['increased', 'decreased', 'grew', 'fell'],
  organ: [
    'the law enforcement agencies',
    'the special services',
    'the border services',
    'the customs services',
    'the drug control agencies',
    'the migration services',
    'the emergency services',
    'the ministries of internal affairs',
    'the financial intelligence units',
  ],
  few: ['two', 'three', 'five', 'several'],
  quote: [
    'The Organization has the necessary potential to respond to the challenges of our time',
    'Only together can we counter {threat} effectively',
    'The results of the {work} confirm the high level of trust between our countries',
    'We will continue to strengthen the crisis response mechanisms of the CSTO',
    '{Country} is ready to share its experience in countering {threat}',
    'The threat of {threat} does not recognize state borders',
  ],
  work: ['exercise', 'operation', 'meeting', 'joint work'],
  threat: ['cross-border crime', 'terrorism and extremism', 'drug trafficking'],
  crimes: ['cross-border crimes', 'cases of smuggling'],
  // Topic facts, composed (who did what, where) so that no two stories say quite the same.
  'drugs:claim': ['{actor} {action}{where}', '{actor} {action}{where}', '{fact}', '{gclaim}'],
  'migration:claim': ['{actor} {action}{where}', '{actor} {action}{where}', '{fact}', '{gclaim}'],
  'terrorism:claim': ['{actor} {action}{where}', '{actor} {action}{where}', '{fact}', '{gclaim}'],
  'cyber:claim': ['{actor} {action}{where}', '{actor} {action}{where}', '{fact}', '{gclaim}'],
  'ai:claim': ['{actor} {action}{where}', '{actor} {action}{where}', '{fact}', '{gclaim}'],
  'emergencies:claim': ['{actor} {action}{where}', '{actor} {action}{where}', '{fact}', '{gclaim}'],
  'military:claim': ['{actor} {action}{where}', '{actor} {action}{where}', '{fact}', '{gclaim}'],
  where: [
    '',
    ' in {yearpast}',
    ' during the operation',
    ' in the border areas',
    ' in cooperation with the {otherAdj} colleagues',
    ' over the past {few} months',
    ' near {city}',
    ' in {month} {year}',
  ],
  'drugs:actor': [
    'the drug control agencies of {country}',
    'the border guards of {other}',
    'the customs officers of {country}',
    'the police of {city}',
    'joint operational groups of the member states',
    'the {otherAdj} anti-drug service',
  ],
  'drugs:action': [
    'seized {kg} kg of {drug}',
    'dismantled {n2} drug trafficking channels',
    'closed down {n2} clandestine laboratories producing {synth}',
    'detained {n} couriers carrying {drug}',
    'blocked {n} online shops selling {drug}',
    'identified {n} members of organized criminal groups',
    'destroyed {n} hectares of illicit poppy and cannabis crops',
    'opened {n} criminal cases on the sale of {drug}',
  ],
  'drugs:fact': [
    'more than {tons} tons of {drug} were seized in the CSTO area of responsibility in {yearpast}',
    'the share of synthetic drugs in the illicit market has grown by {pct} percent over the past {few} years',
    'drug dealers increasingly use {channel} to sell {drug}',
    'Afghanistan remains the main source of {drug} entering {region}',
  ],
  'migration:actor': [
    'the migration services of {country}',
    'the border guards of {other}',
    'the police of {city}',
    'mobile groups of the internal affairs bodies',
    'the {otherAdj} border service',
  ],
  'migration:action': [
    'detected {big} violations of migration legislation',
    'detained {n} foreigners staying illegally',
    'expelled {n} persons who had violated the rules of stay',
    'uncovered {n2} channels of illegal migration',
    'seized {n} forged passports and visas',
    'identified {n2} organizers of illegal migration',
    'checked {big} places of residence of foreign citizens',
  ],
  'migration:fact': [
    'illegal migration channels are increasingly used by members of international terrorist organizations',
    'the joint database of persons banned from entry contains over {big} records',
    'labour migration to {country} {changed} by {pct} percent',
  ],
  'terrorism:actor': [
    'the special services of {country}',
    'the security bodies of {other}',
    'the counter-terrorist units',
    'the financial intelligence units of {country}',
    'the {otherAdj} special services',
  ],
  'terrorism:action': [
    'prevented {n2} terrorist crimes',
    'detained {n} members of international terrorist organizations',
    'blocked {big} accounts in social networks used for recruitment',
    'froze assets worth {n} million dollars',
    'identified {n} persons who had left to fight abroad',
    'seized {n} firearms and {n2} kg of explosives',
    'disrupted {n2} cells of extremist organizations',
  ],
  'terrorism:fact': [
    'the terrorist threat in {region} remains high',
    'extremist ideology is spreading among young people through {channelT}',
    'the financing of terrorism increasingly relies on {finance}',
  ],
  'cyber:actor': [
    'the cyber police of {country}',
    'the national computer emergency response team of {other}',
    'the special services of {country}',
    'the {otherAdj} specialists',
    'the joint working group',
  ],
  'cyber:action': [
    'repelled {n} attacks on state information systems',
    'blocked {big} phishing sites',
    'identified {n} botnets used for attacks',
    'uncovered {n2} groups engaged in online fraud',
    'detected {n} cases of data leaks from government bodies',
    'shut down {n2} illegal cryptocurrency exchangers',
  ],
  'cyber:fact': [
    'the access to more than {big} Internet resources used for criminal purposes was blocked during the operation "PROXY"',
    'information and communication technologies are used to disseminate destructive content',
    'a system of rapid response to computer incidents is being created in the CSTO member states',
  ],
  'ai:actor': [
    'the experts of {country}',
    'the {otherAdj} researchers',
    'the law enforcement agencies of {other}',
    'the analytical centres of the member states',
    'the working group on new technologies',
  ],
  'ai:action': [
    'tested AI tools for the analysis of {big} video recordings',
    'developed {n2} prototypes of AI-based monitoring systems',
    'detected {n} deepfakes used for fraud',
    'prepared proposals on the ethical principles of AI use',
    'trained neural networks to recognize {crimes}',
    'assessed the risks of autonomous weapons systems',
  ],
  'ai:fact': [
    'artificial intelligence technologies are becoming a new factor in the international security system',
    'the development and use of AI in the civilian sphere should be regulated, safe and reliable',
    'international regulation of AI should be carried out under the auspices of the UN',
  ],
  'emergencies:actor': [
    'the rescue units of {country}',
    'the Ministry of Emergency Situations of {other}',
    'the mobile hospital of {country}',
    'the aviation of {other}',
    'the {otherAdj} rescuers',
    'volunteers and rescue teams',
  ],
  'emergencies:action': [
    'evacuated {n} residents from the flooded areas',
    'delivered {n2} tons of humanitarian aid',
    'extinguished fires over {n} hectares',
    'restored power supply to {n2} settlements',
    'provided medical assistance to {n} victims',
    'cleared {n2} km of roads after mudflows',
    'searched for victims under the rubble of {n2} buildings',
  ],
  'emergencies:fact': [
    '{disasters} are the most frequent emergencies in {region}',
    'a unified system for monitoring natural and man-made emergencies is being created',
  ],
  'military:actor': [
    'the units of {country}',
    'the aviation of {other}',
    'the reconnaissance groups',
    'the peacekeepers of {other}',
    'the {otherAdj} contingent',
    'the special forces',
  ],
  'military:action': [
    'practised {maneuver}',
    'conducted {n2} live firings',
    'covered {n} km in a march',
    'destroyed {n2} targets of the conditional enemy',
    'deployed a field camp for {n3} servicemen',
    'worked out {maneuver}',
    'used {n2} unmanned aerial vehicles for reconnaissance',
  ],
  'military:fact': [
    'about {n3} servicemen and up to {n} units of military equipment are involved in the exercise',
    'the Collective Rapid Reaction Forces are ready to carry out the tasks assigned to them',
    'the situation on the Tajik-Afghan border remains tense',
  ],
  gclaim: [
    'the {situation} in {region} remains {assess}',
    'the CSTO member states need {response} to counter {threat}',
    'cooperation with {partner} is developing {how}',
    '{threat} {threatverb} the security of {region}',
    'the number of {crimes} in {country} {changed} by {pct} percent',
  ],
  'drugs:threat': [
    'drug trafficking',
    'the spread of synthetic drugs',
    'the smuggling of precursors',
  ],
  'migration:threat': ['illegal migration', 'trafficking in persons', 'the forgery of documents'],
  'terrorism:threat': [
    'terrorism',
    'extremism',
    'the recruitment of mercenaries',
    'the financing of terrorism',
  ],
  'cyber:threat': [
    'cyber crime',
    'cyber attacks',
    'the misuse of information and communication technologies',
  ],
  'ai:threat': ['the misuse of artificial intelligence', 'deepfakes', 'cyber crime'],
  'emergencies:threat': ['natural disasters', 'man-made emergencies', 'transboundary emergencies'],
  'military:threat': ['armed conflicts', 'cross-border threats', 'terrorism and extremism'],
  'drugs:crimes': ['drug-related crimes', 'cases of drug smuggling'],
  'migration:crimes': [
    'violations of migration legislation',
    'cases of illegal border crossing',
    'forged documents',
  ],
  'terrorism:crimes': [
    'crimes of a terrorist and extremist nature',
    'cases of recruitment into terrorist organizations',
  ],
  'cyber:crimes': ['cyber crimes', 'attacks on state information systems', 'cases of online fraud'],
  'ai:crimes': [
    'cases of the malicious use of deepfakes',
    'crimes committed with the use of AI tools',
  ],
  'emergencies:crimes': ['emergencies', 'floods and mudflows', 'forest fires'],
  'military:crimes': ['border incidents', 'violations of the state border'],
  drug: [
    'heroin',
    'hashish',
    'opium',
    'cocaine',
    'synthetic drugs',
    'mephedrone',
    'new psychoactive substances',
    'precursors',
  ],
  synth: ['mephedrone', 'methamphetamine', 'synthetic cannabinoids', 'new psychoactive substances'],
  channel: [
    'online shops',
    'messengers',
    'darknet platforms',
    'cryptocurrencies',
    'postal items',
    'couriers recruited through social networks',
  ],
  channelT: ['social networks', 'messengers', 'online games', 'video hosting sites'],
  finance: ['cryptocurrencies', 'charitable foundations', 'informal money transfer systems'],
  disaster: ['a strong earthquake', 'a catastrophic flood', 'mudflows', 'large forest fires'],
  disasters: [
    'Floods, mudflows and landslides',
    'Earthquakes and avalanches',
    'Forest fires and droughts',
  ],
  phase: ['first stage', 'active phase', 'final stage', 'demonstration part', 'night phase'],
  maneuver: [
    'the localization of an armed conflict',
    'the destruction of illegal armed formations',
    'the release of hostages',
    'the blocking of a border area',
    'the escort of humanitarian convoys',
    'the search for victims under the rubble of buildings',
    'the elimination of a chemical spill',
    'the interception of drug couriers',
  ],
  fieldwhere: [
    'in mountainous terrain',
    'at a height of {alt} metres above sea level',
    'near {city}',
    'in difficult weather conditions',
    'in the border area',
  ],
}

/** The Russian site's formulas and claims, smaller: 5 % of the stories. */
const RU: Rules = {
  sentence: [
    'Участники отметили, что {claim}.',
    'Главы делегаций подчеркнули, что {claim}.',
    '{Adjfem} делегация проинформировала участников о том, что {claim}.',
    'Генеральный секретарь ОДКБ {sg} отметил, что {claim}.',
    'По данным {source}, {claim}.',
    'Особое внимание было уделено {focus}.',
    '{Claim}.',
    '{formula}',
    '{formula}',
  ],
  formula: [
    'В заседании приняли участие представители Секретариата ОДКБ и Объединенного штаба ОДКБ.',
    'Заседание прошло в конструктивной и дружественной атмосфере.',
    'По итогам встречи стороны договорились продолжить совместную работу в рамках Организации Договора о коллективной безопасности.',
    'Следующее заседание планируется провести {ruothercity} в {monthin} {nextyear} года.',
    'Главы делегаций обменялись мнениями по актуальным вопросам региональной и международной безопасности.',
    'Генеральный секретарь ОДКБ поблагодарил {adjacc} сторону за высокий уровень организации мероприятия.',
    'Были рассмотрены и одобрены проекты документов, подготовленные Секретариатом ОДКБ.',
    'В ходе встречи был подписан план совместных мероприятий на {year}-{nextyear} годы.',
    '«{Quote}», – отметил Генеральный секретарь ОДКБ {sg}.',
  ],
  claim: [
    'ситуация в {region} остается {assess}',
    'в {yearpast} году {organ} {countrygen} выявили свыше {n} {crimes}',
    'государствам – членам ОДКБ необходимо {need} в сфере {rufield}',
    'число {crimes} за последние {years} выросло на {pct} процентов',
    'сотрудничество с {partner} развивается {how}',
    '{topicclaim}',
    '{topicclaim}',
  ],
  topicclaim: ['ситуация в {region} остается {assess}'],
  'drugs:topicclaim': [
    'в {yearpast} году было изъято более {tons} тонн наркотических средств',
    'доля синтетических наркотиков на нелегальном рынке продолжает расти',
  ],
  'migration:topicclaim': [
    'в ходе операции «Нелегал» выявлено более {big} нарушений миграционного законодательства',
    'каналы нелегальной миграции используются членами международных террористических организаций',
  ],
  'terrorism:topicclaim': [
    'террористическая угроза в {region} остается высокой',
    'в ходе операции «Наемник» выявлено {n} вербовщиков',
  ],
  'cyber:topicclaim': [
    'в ходе операции «PROXY» заблокирован доступ к {big} интернет-ресурсам',
    'растет число кибератак на критическую информационную инфраструктуру',
  ],
  'emergencies:topicclaim': [
    'к ликвидации последствий землетрясений могут быть привлечены более {n3} спасателей',
    'паводки и сели остаются самыми частыми чрезвычайными ситуациями в регионе',
  ],
  region: [
    'Центрально-Азиатском регионе коллективной безопасности',
    'зоне ответственности ОДКБ',
    'приграничных районах',
    'Восточноевропейском регионе коллективной безопасности',
  ],
  assess: ['сложной', 'напряженной', 'стабильной', 'предметом серьезной озабоченности'],
  organ: [
    'правоохранительные органы',
    'пограничные службы',
    'специальные службы',
    'таможенные органы',
  ],
  crimes: [
    'преступлений',
    'нарушений',
    'каналов контрабанды',
    'фактов незаконного пересечения границы',
  ],
  need: [
    'объединить усилия',
    'укреплять взаимодействие',
    'совершенствовать правовую базу',
    'активизировать обмен информацией',
  ],
  years: ['два года', 'три года', 'пять лет'],
  partner: ['СНГ', 'ШОС', 'ООН', 'Управлением ООН по наркотикам и преступности'],
  how: ['успешно', 'поступательно', 'на регулярной основе'],
  source: ['Секретариата ОДКБ', 'компетентных органов', 'экспертов'],
  focus: [
    'ситуации в {region}',
    'подготовке кадров',
    'обмену оперативной информацией',
    'реализации решений Совета коллективной безопасности',
  ],
  quote: [
    'Организация располагает необходимым потенциалом для ответа на вызовы времени',
    'Только вместе мы можем эффективно противостоять угрозам',
    'Государства-члены готовы действовать сообща',
  ],
}

/** What the grammar needs of a story, and the two generators it draws with. */
type Ctx = {
  s: Slots
  /** The rules this story speaks, resolved for its topic and kind. */
  rules: Map<string, readonly string[]>
  /** Draws the rules' choices: a series' own generator, so its stories share their wording. */
  choose: Rng
  /** Draws the slots' figures and names: the story's own, so look-alikes differ in them. */
  fill: Rng
  /** Templates this story has used: a writer varies the wording within one text. */
  used: Set<string>
}

/** Slots: a story's facts and the figures drawn for it. */
const SLOTS: Record<string, (c: Ctx) => string> = {
  country: (c) => c.s.country.formal,
  adj: (c) => c.s.country.adj,
  city: (c) => c.s.city,
  others: (c) => c.s.others,
  sg: (c) => c.s.sg,
  field: (c) => c.s.topic.field,
  rufield: (c) => c.s.topic.ru,
  year: (c) => String(c.s.year),
  nextyear: (c) => String(c.s.year + 1),
  nextyear2: (c) => String(c.s.year + 2),
  plus5: (c) => String(c.s.year + 5),
  yearpast: (c) => String(c.s.year - int(c.fill, 1, 2)),
  chair: (c) => COUNTRIES[c.s.year % COUNTRIES.length]?.formal ?? '',
  person: (c) => pick(c.fill, c.s.country.people),
  other: (c) => otherCountry(c).formal,
  otherAdj: (c) => otherCountry(c).adj,
  othercity: (c) => pick(c.fill, otherCountry(c).cities),
  month: (c) => pick(c.fill, MONTHS),
  n: (c) => String(int(c.fill, 12, 980)),
  n2: (c) => String(int(c.fill, 3, 40)),
  n3: (c) => num(int(c.fill, 10, 120) * 100),
  big: (c) => num(int(c.fill, 12, 950) * 100),
  tons: (c) => String(int(c.fill, 3, 60)),
  kg: (c) => num(int(c.fill, 200, 9000)),
  pct: (c) => String(int(c.fill, 3, 48)),
  hours: (c) => String(int(c.fill, 6, 72)),
  alt: (c) => num(int(c.fill, 15, 35) * 100),
  adjfem: (c) => c.s.country.ru.adjAcc.replace(/ую$/, 'ая'),
  adjacc: (c) => c.s.country.ru.adjAcc,
  countrygen: (c) => c.s.country.ru.gen,
  ruothercity: (c) => pick(c.fill, otherCountry(c).ru.cities),
  monthin: (c) => pick(c.fill, RU_MONTHS_IN),
}

const OTHERS = new Map(COUNTRIES.map((c) => [c, COUNTRIES.filter((x) => x !== c)]))
const otherCountry = (c: Ctx) => pick(c.fill, OTHERS.get(c.s.country) ?? COUNTRIES)

/**
 * The rules a story of this topic and kind speaks: `drugs:claim` over `field:claim` over
 * `claim`, resolved once per (rules, topic, kind) and not at every expansion.
 */
const resolved = new Map<string, Map<string, readonly string[]>>()
function rulesFor(rules: Rules, lang: string, topic: string, kind: string) {
  const id = `${lang} ${topic} ${kind}`
  let table = resolved.get(id)
  if (!table) {
    table = new Map()
    for (const [key, list] of Object.entries(rules)) {
      const [scope, name] = key.includes(':') ? key.split(':') : ['', key]
      if (scope === '' && !table.has(name as string)) table.set(name as string, list)
      if (scope === kind && !rules[`${topic}:${name}`]) table.set(name as string, list)
      if (scope === topic) table.set(name as string, list)
    }
    resolved.set(id, table)
  }
  return table
}

/** A template split once: literals around keys, `a {B} c` → ['a ', ' c'] and [{b, capital}]. */
type Template = { literals: string[]; keys: Array<{ name: string; capital: boolean }> }
const compiled = new Map<string, Template>()
function compile(template: string): Template {
  let out = compiled.get(template)
  if (!out) {
    const parts = template.split(/\{(\w+)\}/)
    const keys = parts
      .filter((_, i) => i % 2 === 1)
      .map((key) => ({
        name: key.charAt(0).toLowerCase() + key.slice(1),
        capital: key.charAt(0) !== key.charAt(0).toLowerCase(),
      }))
    out = { literals: parts.filter((_, i) => i % 2 === 0), keys }
    compiled.set(template, out)
  }
  return out
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function render(template: string, c: Ctx): string {
  const { literals, keys } = compile(template)
  let out = literals[0] ?? ''
  for (let i = 0; i < keys.length; i++) {
    const { name, capital } = keys[i] as Template['keys'][number]
    const text = expand(name, c)
    out += (capital ? capitalize(text) : text) + literals[i + 1]
  }
  return out
}

/** A template of the list, one the story has not used yet if a few draws find one. */
function fresh(list: readonly string[], c: Ctx): string {
  let template = pick(c.choose, list)
  for (let i = 0; i < 3 && list.length > 2 && c.used.has(template); i++)
    template = pick(c.choose, list)
  c.used.add(template)
  return template
}

function expand(name: string, c: Ctx): string {
  const slot = SLOTS[name]
  if (slot) return slot(c)
  const list = c.rules.get(name)
  if (!list) throw new Error(`no rule or slot {${name}}`)
  return render(fresh(list, c), c)
}

// ---- Story kinds ----------------------------------------------------------------------------

/** What a kind of story fixes: its title(s) and its lead; the grammar (`Ctx`) writes the body. */
type Draft = {
  title: string
  ruTitle: string | null
  lead: string
  /** Stories of one series are look-alikes: their wording repeats from the series' own seed. */
  series: string | null
}

type Council = { name: string; ru: string; topic: string; base: number }
const COUNCILS: Council[] = [
  {
    name: 'the Coordination Council of the Heads of Competent Authorities for Countering Illicit Drug Trafficking of the CSTO member states',
    ru: 'Координационного совета руководителей компетентных органов по противодействию незаконному обороту наркотиков государств – членов ОДКБ',
    topic: 'drugs',
    base: 6,
  },
  {
    name: 'the Coordination Council of the Heads of Competent Authorities for Countering Illegal Migration of the CSTO member states',
    ru: 'Координационного совета руководителей компетентных органов по противодействию нелегальной миграции государств – членов ОДКБ',
    topic: 'migration',
    base: 4,
  },
  {
    name: 'the Coordination Council for Emergency Situations of the CSTO member states',
    ru: 'Координационного совета по чрезвычайным ситуациям государств – членов ОДКБ',
    topic: 'emergencies',
    base: 3,
  },
  {
    name: 'the Committee of Secretaries of Security Councils of the CSTO',
    ru: 'Комитета секретарей советов безопасности ОДКБ',
    topic: 'terrorism',
    base: 9,
  },
  {
    name: 'the Working Group on Afghanistan at the CSTO Council of Foreign Ministers',
    ru: 'Рабочей группы по Афганистану при Совете министров иностранных дел ОДКБ',
    topic: 'drugs',
    base: 11,
  },
  {
    name: 'the Working Group of Experts on Information Security of the CSTO member states',
    ru: 'Рабочей группы экспертов по информационной безопасности государств – членов ОДКБ',
    topic: 'cyber',
    base: 2,
  },
  {
    name: 'the Military Committee of the CSTO',
    ru: 'Военного комитета ОДКБ',
    topic: 'military',
    base: 5,
  },
]
const POSITIONS = [
  'Minister of Foreign Affairs',
  'Minister of Defence',
  'Minister of Internal Affairs',
  'Secretary of the Security Council',
  'Minister of Emergency Situations',
  'Chairman of the State Committee for National Security',
  'Ambassador',
]
const RU_POSITIONS = [
  'Министром иностранных дел',
  'Министром обороны',
  'Министром внутренних дел',
  'Секретарем Совета безопасности',
  'Министром по чрезвычайным ситуациям',
  'Председателем Комитета национальной безопасности',
  'Послом',
]
const EXERCISES = [
  { name: 'Rubezh', forces: 'Collective Rapid Deployment Forces of the Central Asian region' },
  { name: 'Interaction', forces: 'Collective Rapid Reaction Forces' },
  { name: 'Search', forces: 'reconnaissance forces of the CSTO' },
  { name: 'Indestructible Brotherhood', forces: 'CSTO Peacekeeping Forces' },
  { name: 'Cobalt', forces: 'special forces of the internal affairs bodies' },
  { name: 'Echelon', forces: 'logistics units of the Collective Forces' },
]
const STAGES = ['first stage', 'active phase', 'final stage', 'practical part']
const OPERATIONS = [
  'Channel - Trap',
  'Channel - Centre',
  'Channel - Far Eastern Raid',
  'Channel - Western Barrier',
  'Channel - Caspian Barrier',
]
const ACADEMIES: Array<[string, string]> = [
  [
    'the Academy of Management of the Ministry of Internal Affairs of the Russian Federation',
    'Moscow',
  ],
  ['the Academy of the Ministry of Internal Affairs of the Republic of Belarus', 'Minsk'],
  ['the Academy of Law Enforcement Agencies of the Republic of Kazakhstan', 'Kosshy'],
  ['the Military Institute of the Ministry of Defence of the Republic of Tajikistan', 'Dushanbe'],
  ['the training centre of the Ministry of Emergency Situations of the Kyrgyz Republic', 'Bishkek'],
  ['the Institute of National Security of the Republic of Armenia', 'Yerevan'],
]
const TRAINEES = ['senior staff', 'specialists', 'instructors', 'young officers', 'analysts']
const EVENTS = [
  'round table',
  'international scientific and practical conference',
  'expert seminar',
  'meeting of the expert council',
]
const THEMES: Record<string, string[]> = {
  ai: [
    'Artificial Intelligence and Collective Security',
    'AI Technologies in the Service of Law Enforcement',
  ],
  cyber: ['Information Security in the CSTO Space', 'Countering the Criminal Use of ICT'],
  terrorism: [
    'Countering the Ideology of Terrorism among Young People',
    'Foreign Terrorist Fighters: Return and Reintegration',
  ],
  drugs: [
    'Synthetic Drugs: New Threats and Responses',
    'Afghanistan and the Drug Situation in Central Asia',
  ],
  migration: ['Migration Processes and Regional Security', 'Digital Control of Migration Flows'],
  emergencies: [
    'Resilience of Cities to Natural Disasters',
    'Joint Response to Transboundary Emergencies',
  ],
}
const RU_THEMES: Record<string, string> = {
  ai: 'Искусственный интеллект и коллективная безопасность',
  cyber: 'Информационная безопасность в пространстве ОДКБ',
  terrorism: 'Противодействие идеологии терроризма в молодежной среде',
  drugs: 'Синтетические наркотики: новые угрозы и ответы',
  migration: 'Миграционные процессы и региональная безопасность',
  emergencies: 'Устойчивость городов к стихийным бедствиям',
}
const DISASTERS = [
  'a strong earthquake',
  'a catastrophic flood',
  'a mudflow',
  'a large forest fire',
  'an accident at a chemical plant',
]

// ---- Building stories -----------------------------------------------------------------------

type Story = {
  id: string
  lang: 'en' | 'ru'
  published: number
  title: string
  ruTitle: string | null
  paragraphs: string[]
  series: string | null
}

/** Indices 0..n-1 in a random order (Fisher-Yates). */
function shuffled(r: Rng, n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[out[i], out[j]] = [out[j] as number, out[i] as number]
  }
  return out
}

/** Words, counted as spaces + 1 without splitting (this runs for every sentence). */
function wordCount(text: string): number {
  let n = 1
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) n++
  return n
}

/** At most this many words in an article: 700, less room for an operation's figures. */
const MAX_WORDS = 670

/** The body after the lead: 2-7 paragraphs of sentences, 150-700 words with the lead. */
function body(c: Ctx, lead: string): string[] {
  // Skewed long, as on the site, where short notes are rarer than full reports.
  const target = 150 + Math.round(520 * Math.sqrt(c.choose()))
  const count = Math.min(8, Math.max(3, Math.round(target / 90)))
  let total = wordCount(lead)
  const perParagraph = Math.max(30, (target - total) / (count - 1))
  const seen = new Set<string>()
  const paragraphs: string[] = []
  for (let p = 1; p < count; p++) {
    const sentences: string[] = []
    let size = 0
    for (let tries = 0; size < perParagraph && tries < 40; tries++) {
      const sentence = capitalize(expand('sentence', c))
      const words = wordCount(sentence)
      if (total + words > MAX_WORDS) break
      // A fixed formula is said once per story.
      if (seen.has(sentence)) continue
      seen.add(sentence)
      sentences.push(sentence)
      size += words
      total += words
    }
    if (sentences.length > 0) paragraphs.push(sentences.join(' '))
  }
  return paragraphs
}

/** The stories in date order, one at a time; the national stages of one operation come in a run. */
class Timeline {
  private readonly r: Rng
  private day = FIRST_DAY
  private index = 0
  private readonly councilCount = new Map<Council, number>()
  private readonly councilLast = new Map<Council, number>()
  private readonly exerciseStages = new Map<string, number>()
  private readonly queue: Array<() => Story> = []

  constructor(
    private readonly pages: number,
    private readonly seed: number,
    since = 2005
  ) {
    this.r = mulberry32(seed)
    this.day = Math.max(FIRST_DAY, Date.UTC(since, 0, 10) / DAY_MS)
  }

  next(): Story {
    const queued = this.queue.shift()
    if (queued) return queued()
    // Spread over 2005-2025 (or since `since`) whatever the size: a story every week for 1,000 pages, every
    // couple of hours for 100,000. The step is the time left over the stories left, since the
    // national stages of an operation come on one day.
    const step = (LAST_DAY - this.day) / Math.max(1, this.pages - this.index)
    this.day = Math.min(LAST_DAY, this.day + step * (0.2 + 1.6 * this.r()))
    return this.make(Math.floor(this.day))
  }

  private slots(published: number, country: Country, topic: Topic): Slots {
    const r = this.r
    const event = published - (chance(r, 0.6) ? 0 : int(r, 1, 2))
    const others = COUNTRIES.filter((c) => c !== country && chance(r, 0.7)).map((c) => c.name)
    return {
      event,
      year: dateOf(event).getUTCFullYear(),
      country,
      city: pick(r, country.cities),
      topic,
      sg: secretaryGeneral(published)[0],
      others: others.length > 0 ? others.join(', ') : country.name,
    }
  }

  /** The grammar's context for a story; a series chooses its wording from its own seed. */
  private ctx(s: Slots, kind: string, series: string | null, lang: 'en' | 'ru' = 'en'): Ctx {
    const choose = series ? mulberry32(this.seed ^ hash(series)) : this.r
    const rules = rulesFor(lang === 'en' ? EN : RU, lang, s.topic.key, kind)
    return { s, rules, choose, fill: this.r, used: new Set() }
  }

  private make(published: number): Story {
    const r = this.r
    const roll = r()
    const country = pick(r, COUNTRIES)
    if (roll < 0.055) return this.russian(published, country)
    const council = roll < 0.2 ? this.council(published) : null
    if (council) return this.meeting(published, council, country)
    if (roll < 0.3) return this.exercise(published, country)
    if (roll < 0.36) return this.operation(published)
    const topic = pick(r, ['drugs', 'migration', 'terrorism', 'cyber', 'ai', 'emergencies'])
    const s = this.slots(published, country, TOPICS[topic] as Topic)
    const c = this.ctx(s, 'meeting', null)
    const on = `On ${longDate(s.event, chance(r, 0.3))}`
    if (roll < 0.6) {
      const p = int(r, 0, POSITIONS.length - 1)
      const ru = `Генеральный секретарь ОДКБ встретился с ${RU_POSITIONS[p]} ${country.ru.gen}`
      return this.story(published, c, {
        title: `The CSTO Secretary General met with the ${POSITIONS[p]} of ${country.formal}`,
        ruTitle: chance(r, 0.25) ? ru : null,
        lead: `${on}, the CSTO Secretary General ${s.sg} met with the ${POSITIONS[p]} of ${country.formal} ${pick(r, country.people)} in ${s.city}. ${render('The parties discussed {focus} and {focus}.', c)}`,
        series: null,
      })
    }
    if (roll < 0.75) {
      const [academy, city] = pick(r, ACADEMIES)
      const days = int(r, 4, 13)
      const trainees = pick(r, TRAINEES)
      return this.story(published, c, {
        title: `A training course for ${trainees} of the CSTO member states on ${s.topic.field} was held in ${city}`,
        ruTitle: null,
        lead: `${span(s.event - days, s.event)}, ${academy} hosted a ${days + 1}-day training course for ${trainees} of the law enforcement agencies and special services of the CSTO member states on ${s.topic.field}. The course was attended by ${int(r, 12, 60)} representatives of ${s.others}.`,
        series: null,
      })
    }
    if (roll < 0.9) {
      const event = pick(r, EVENTS)
      const theme = pick(r, THEMES[topic] ?? [])
      const ruCity = country.ru.cities[country.cities.indexOf(s.city)]
      const host = pick(r, [
        'CSTO Parliamentary Assembly',
        'CSTO Academic Council',
        `Ministry of Foreign Affairs of ${country.formal}`,
      ])
      return this.story(published, c, {
        title: `${s.city} hosted the ${event} "${theme}"`,
        ruTitle: chance(r, 0.2) ? `Конференция «${RU_THEMES[topic]}» прошла ${ruCity}` : null,
        lead: `${on}, the ${event} "${theme}" organized by the CSTO Secretariat and the ${host} was held in ${s.city}. Experts from ${s.others} took part in it.`,
        series: null,
      })
    }
    const disaster = pick(r, DISASTERS)
    const e = this.ctx({ ...s, topic: TOPICS.emergencies as Topic }, 'field', null)
    return this.story(published, e, {
      title: `Rescue units of the CSTO member states practised the elimination of the consequences of ${disaster} in ${country.name}`,
      ruTitle: null,
      lead: `${on}, near ${s.city}, the rescue units of the CSTO member states held a joint exercise on the elimination of the consequences of ${disaster}, hosted by the Ministry of Emergency Situations of ${country.formal}. More than ${num(int(r, 12, 90) * 10)} rescuers from ${s.others} took part in it.`,
      series: null,
    })
  }

  /** A council due to meet, or null: it meets at most every four months, so ordinals stay plausible. */
  private council(published: number): Council | null {
    const council = pick(this.r, COUNCILS)
    const last = this.councilLast.get(council)
    if (last !== undefined && published - last < 120) return null
    this.councilLast.set(council, published)
    return council
  }

  /** A council meeting: consecutive meetings of one council differ in ordinal, date and host. */
  private meeting(published: number, council: Council, country: Country): Story {
    const r = this.r
    const count = (this.councilCount.get(council) ?? 0) + 1
    this.councilCount.set(council, count)
    const n = council.base + count
    const s = this.slots(published, country, TOPICS[council.topic] as Topic)
    const online = s.year >= 2020 && chance(r, 0.3)
    // The press office reuses the text of the last meetings (in blocks of four).
    const series = `${council.name} ${Math.floor(count / 4)}`
    return this.story(published, this.ctx(s, 'council', series), {
      title: `The ${ordinal(n)} meeting of ${council.name} was held ${online ? 'by videoconference' : `in ${s.city}`}`,
      ruTitle: chance(r, 0.15) ? `Состоялось ${n}-е заседание ${council.ru}` : null,
      lead: `On ${longDate(s.event, chance(r, 0.3))}, the ${ordinal(n)} meeting of ${council.name} was held ${online ? 'by videoconference' : `in ${s.city} (${country.formal})`} under the chairmanship of the ${country.adj} side. The heads of delegations of ${s.others} took part in the meeting.`,
      series,
    })
  }

  /** An exercise stage: the stages of one year's exercise read alike ("Rubezh-2024"). */
  private exercise(published: number, country: Country): Story {
    const r = this.r
    const ex = pick(r, EXERCISES)
    const s = this.slots(published, country, TOPICS.military as Topic)
    const name = `${ex.name}-${s.year}`
    const runs = this.exerciseStages.get(name) ?? 0
    this.exerciseStages.set(name, runs + 1)
    const stage = STAGES[runs % STAGES.length] as string
    return this.story(published, this.ctx(s, 'field', name), {
      title: `The ${stage} of the joint exercise "${name}" with the ${ex.forces} was held at the ${country.ground}`,
      ruTitle: null,
      lead: `${span(s.event - int(r, 2, 6), s.event)}, the ${stage} of the joint exercise with the ${ex.forces} "${name}" took place at the ${country.ground} (${country.formal}). The exercise involved the contingents of ${s.others}.`,
      series: name,
    })
  }

  /**
   * The national stages of one operation in two or three countries, published the same day:
   * the same wording but for the country, its city, its authority and its figures.
   */
  private operation(published: number): Story {
    const r = this.r
    const name = pick(r, OPERATIONS)
    const countries = shuffled(r, COUNTRIES.length)
      .slice(0, int(r, 2, 3))
      .map((i) => COUNTRIES[i] as Country)
    const last = published - int(r, 0, 2)
    const first = last - int(r, 4, 9)
    const stage = (country: Country) => {
      const s = { ...this.slots(published, country, TOPICS.drugs as Topic), event: last }
      const lead = `${span(first, last)}, the national stage of the international anti-drug operation "${name}" was held in ${s.city} and other regions of ${country.formal} under the coordination of ${country.police}.`
      // Each country reports its own figures, in the lead or just after it; a lead without them
      // differs from its twin only in the country, its city and its authority.
      const kg = int(r, 200, 9000)
      const figures = `The law enforcement agencies of ${country.formal} seized ${num(kg)} kg of narcotic drugs, including ${num(int(r, 10, kg >> 2))} kg of heroin, and opened ${int(r, 20, 900)} criminal cases.`
      const inLead = chance(r, 0.5)
      const series = `${name} ${first}`
      const story = this.story(published, this.ctx(s, 'field', series), {
        title: `The national stage of the international anti-drug operation "${name}" was held in ${country.formal}`,
        ruTitle: null,
        lead: inLead ? `${lead} ${figures}` : lead,
        series,
      })
      // Without them in the lead, they open the next paragraph.
      if (!inLead) story.paragraphs[1] = `${figures} ${story.paragraphs[1]}`
      return story
    }
    const [head, ...rest] = countries
    for (const country of rest) this.queue.push(() => stage(country))
    return stage(head as Country)
  }

  private russian(published: number, country: Country): Story {
    const r = this.r
    const topic = pick(r, ['drugs', 'migration', 'terrorism', 'cyber', 'emergencies'])
    const s = this.slots(published, country, TOPICS[topic] as Topic)
    s.sg = secretaryGeneral(published)[1]
    const city = pick(r, country.ru.cities)
    const council = COUNCILS.find((c) => c.topic === topic) as Council
    const position = pick(r, RU_POSITIONS)
    const [title, lead] = pick(r, [
      [
        `Состоялось заседание ${council.ru}`,
        `${ruDate(s.event)} ${city} состоялось очередное заседание ${council.ru} под председательством ${country.ru.adjAcc.replace(/ую$/, 'ой')} стороны.`,
      ],
      [
        `Генеральный секретарь ОДКБ встретился с ${position} ${country.ru.gen}`,
        `${ruDate(s.event)} ${city} Генеральный секретарь ОДКБ ${s.sg} встретился с ${position} ${country.ru.gen}. Стороны обсудили вопросы ${s.topic.ru}.`,
      ],
      [
        `Конференция «${RU_THEMES[topic]}» прошла ${city}`,
        `${ruDate(s.event)} ${city} состоялась международная научно-практическая конференция «${RU_THEMES[topic]}», организованная Секретариатом ОДКБ.`,
      ],
    ] as const)
    const c = this.ctx(s, 'meeting', null, 'ru')
    return this.story(published, c, { title, ruTitle: null, lead, series: null }, 'ru')
  }

  private story(published: number, c: Ctx, draft: Draft, lang: 'en' | 'ru' = 'en'): Story {
    const id = `s${String(this.index++).padStart(6, '0')}`
    const paragraphs = [draft.lead, ...body(c, draft.lead)]
    const { title, ruTitle, series } = draft
    return { id, lang, published, title, ruTitle, paragraphs, series }
  }
}

// ---- Pages ----------------------------------------------------------------------------------

/** Whitespace a copy may gain on another page: a doubled space, a trailing space or NBSP. */
function respace(text: string, r: Rng): string {
  const roll = r()
  if (roll < 0.1) return text.replace(/ (?=\S+ \S+$)/, '  ')
  if (roll < 0.2) return `${text} `
  if (roll < 0.25) return `${text}\u00a0`
  return text
}

/** A teaser: the article's first paragraph, sometimes its first two, usually after its date line. */
function teaser(story: Story, r: Rng, dated: boolean, long: boolean): string {
  const count = chance(r, 0.2) && long ? 2 : 1
  const text = story.paragraphs
    .slice(0, count)
    .map((p) => respace(p, r))
    .join('\n\n')
  return dated ? `${dateLine(story.published)}\n\n${text}` : text
}

function article(story: Story, r: Rng, options: Options): string {
  const lines = [story.title]
  if (story.ruTitle && options.russianTitleLines !== false) lines.push(story.ruTitle)
  const roll = r()
  // Title + `Title DD.MM.YYYY` mostly; a lone date line, or no date at all, on some pages.
  if (roll < 0.75) lines.push(`${story.title} ${dateLine(story.published)}`)
  else if (roll < 0.93) lines.push(dateLine(story.published))
  else lines.push(story.title)
  lines.push(...story.paragraphs.map((p) => (chance(r, 0.05) ? `${p}\u00a0` : p)))
  return lines.join('\n\n')
}

const NAVIGATION = [
  'Go back',
  'Go back\n\nBack to the section\n\nBack to the all news',
  'Back to the all news',
]

function renderPage(story: Story, shown: readonly Story[], r: Rng, options: Options): string {
  const dated = chance(r, 0.9)
  // Usually two blank lines between teasers; on some pages one, where a reader (and the
  // pipeline) can only take each paragraph for a teaser, so those pages show one-paragraph teasers.
  const wide = chance(r, 0.85)
  const long = wide && options.multiParagraphTeasers !== false
  const teasers = shown.map((t) => teaser(t, r, dated, long))
  const gap = wide ? '\n\n\n' : '\n\n'
  let text = teasers.join(gap)
  text += (text ? (chance(r, 0.7) ? '\n\n\n' : '\n\n') : '') + article(story, r, options)
  if (chance(r, 0.1)) {
    const sign =
      story.lang === 'ru' ? 'Пресс-секретарь ОДКБ Иван Петров' : 'CSTO press secretary Ivan Petrov'
    text += `\n\n${sign}\n\n\n\nemail: odkb-pressa@gov.ru`
  }
  if (chance(r, 0.6))
    text += `\n\n${story.lang === 'ru' ? 'Назад\n\nВернуться к разделу' : pick(r, NAVIGATION)}`
  return text
}

/** Page names like the real ones: `000123_<16 hex digits>.txt`. */
function pageName(k: number, seed: number): string {
  const r = mulberry32(seed ^ Math.imul(k + 1, 0x9e3779b1))
  const hex = () =>
    Math.floor(r() * 2 ** 32)
      .toString(16)
      .padStart(8, '0')
  return `${String(k).padStart(6, '0')}_${hex()}${hex()}.txt`
}

/** A page and the truth behind it: its main story and the stories it shows as teasers. */
export type RealisticPage = {
  doc: RawDoc
  story: string
  lead: string
  /** The story's series, if any: its look-alikes, which must stay apart, share it. */
  series: string | null
  teasers: string[]
}

/** The pages with their truth, one at a time; keeps only the last five stories. */
/**
 * Shapes that can be left out, to tell one failure from another: each defaults to true, and
 * leaving one out changes nothing else on the pages.
 */
export type Options = {
  /** A Russian title line between the English title and the date (some English articles). */
  russianTitleLines?: boolean
  /** Teasers of two paragraphs (on the pages that separate teasers by two blank lines). */
  multiParagraphTeasers?: boolean
  /**
   * The first year of the site (default 2005): N pages over fewer years are as dense, stories a
   * day, as many more pages over twenty years, which is how a bench sees 100,000 pages' days.
   */
  since?: number
}

export function* realisticPagesWithTruth(
  pages: number,
  seed = 20240603,
  options: Options = {}
): Generator<RealisticPage> {
  const timeline = new Timeline(pages, seed, options.since)
  const r = mulberry32(seed ^ 0x5bd1e995)
  const recent: Story[] = []
  for (let k = 0; k < pages; k++) {
    const story = timeline.next()
    const shown = recent.slice(0, int(r, 3, 5))
    const name = pageName(k, seed)
    const text = renderPage(story, shown, r, options)
    yield {
      doc: { name, text, url: `https://en.odkb-csto.org/news/news_odkb/${name.slice(7, 23)}/` },
      story: story.id,
      lead: story.paragraphs[0] as string,
      series: story.series,
      teasers: shown.map((t) => t.id),
    }
    recent.unshift(story)
    recent.length = Math.min(recent.length, 5)
  }
}

/** The pages alone, one at a time: for a 100,000-page run that must stream. */
export function* realisticPages(
  pages: number,
  seed = 20240603,
  options: Options = {}
): Generator<RawDoc> {
  for (const page of realisticPagesWithTruth(pages, seed, options)) yield page.doc
}

export type RealisticCorpus = {
  docs: RawDoc[]
  /** Page name → the id of the story that is its main article. */
  stories: Map<string, string>
  /** Story id → the names of the pages that carry it: its own page, then those with its teaser. */
  pagesOf: Map<string, string[]>
  /** A story's lead (first paragraph) by its words → the story's id. */
  leads: Map<string, string>
  /** Which story an extracted item is: the one whose lead is the item's first paragraph. */
  storyOf(item: { contentText: string }): string | undefined
}

export function realisticCorpus(
  pages: number,
  seed = 20240603,
  options: Options = {}
): RealisticCorpus {
  const docs: RawDoc[] = []
  const stories = new Map<string, string>()
  const pagesOf = new Map<string, string[]>()
  const leads = new Map<string, string>()
  for (const page of realisticPagesWithTruth(pages, seed, options)) {
    docs.push(page.doc)
    stories.set(page.doc.name, page.story)
    pagesOf.set(page.story, [page.doc.name])
    leads.set(wordKey(page.lead), page.story)
    for (const t of page.teasers) pagesOf.get(t)?.push(page.doc.name)
  }
  const storyOf = (item: { contentText: string }) =>
    leads.get(wordKey(item.contentText.split(/\n\s*\n/)[0] ?? ''))
  return { docs, stories, pagesOf, leads, storyOf }
}
