import { describe, expect, it } from 'vitest'
import { topics } from '../../src/content'
import { compileTopics, type TopicRule } from '../../src/pipeline/topics'

/** A topic of one term, `widget`, weight 1, threshold 3: one title mention tags, one lead mention does not. */
const WIDGET: TopicRule = {
  slug: 'x',
  title: 'X',
  description: 'x',
  iptc: [],
  include: { widget: 1 },
  exclude: {},
  threshold: 3,
}

const REQUIRED = [
  'ai',
  'drug-trafficking',
  'illegal-migration',
  'terrorism',
  'peacekeeping',
  'military-exercises',
  'afghanistan',
  'information-security',
  'biological-security',
  'emergencies',
  'arms-control',
  'un-cooperation',
  'parliamentary',
  'armenia',
  'belarus',
  'kazakhstan',
  'kyrgyzstan',
  'russia',
  'tajikistan',
]

const classify = compileTopics(topics.topics)
/** A lead of a whole news paragraph (over 30 words): what follows it is the tail. */
const FULL_LEAD =
  'On 30 June 2025, the Council of Foreign Ministers of the CSTO met in Minsk to review the year, the plan of joint measures, the state of the Organization and the documents prepared for the session of the Council.'
const item = (title: string, ...paragraphs: string[]) => ({
  title,
  titleSource: 'page' as const,
  paragraphs,
})

describe('topic rules in content/topics.json', () => {
  it('define every required slug with a title, a description and IPTC codes where one fits', () => {
    expect(topics.topics.map((t) => t.slug)).toEqual(expect.arrayContaining(REQUIRED))
    for (const t of topics.topics) {
      expect(t.title.length).toBeGreaterThan(0)
      expect(t.description.length).toBeGreaterThan(20)
      for (const code of t.iptc) expect(code).toMatch(/^medtop:\d{8}$/)
    }
  })

  it.each([
    [
      'emergencies',
      'Rescuers of the CSTO states trained to respond to an earthquake',
      'The Council of Ministers of Emergency Situations held joint rescue drills after the flood.',
    ],
    [
      'biological-security',
      'CSTO states discuss biological security',
      'Experts discussed the prevention of epidemics and the protection against biological threats.',
    ],
    [
      'tajikistan',
      'Secretary General visits Tajikistan',
      'In Dushanbe, the Secretary General met the President of Tajikistan and discussed the Tajik-Afghan border.',
    ],
    [
      'arms-control',
      'Consultations on disarmament and non-proliferation',
      'Experts of the member states discussed arms control.',
    ],
    [
      'information-security',
      'Operation PROXY completed',
      'During the operation against cyber crime, 200 websites were blocked.',
    ],
    [
      'ai',
      'Experts discuss artificial intelligence',
      'The use of AI in security systems was discussed.',
    ],
  ])('tag %s from the title and lead', (slug, title, lead) => {
    expect(classify(item(title, lead))).toContain(slug)
  })

  it('do not make an item that names AI once in its tail an AI item', () => {
    const tail = [
      'The council reviewed the year.',
      'It discussed peacekeeping training.',
      'Among other subjects, artificial intelligence was mentioned.',
      'The next meeting will be in Minsk.',
    ]
    expect(classify(item('Council of the CSTO held in Minsk', FULL_LEAD, ...tail))).not.toContain(
      'ai'
    )
  })

  it('weigh the title above the tail', () => {
    const only = compileTopics([WIDGET])
    expect(only(item('Widget news', 'Nothing here.'))).toEqual(['x'])
    expect(only(item('News', FULL_LEAD, 'A widget.'))).toEqual([])
  })

  it('count a term in the tail at most as many times as its topic caps', () => {
    const tail = ['A widget.', 'A widget.', 'A widget.']
    expect(compileTopics([WIDGET])(item('News', FULL_LEAD, ...tail))).toEqual(['x'])
    expect(compileTopics([{ ...WIDGET, tailCap: 1 }])(item('News', FULL_LEAD, ...tail))).toEqual([])
  })

  it('count a term named by two topics for each, and subtract an excluded one', () => {
    const base = { title: 'T', description: 'd', iptc: [], exclude: {}, threshold: 2 }
    const both = compileTopics([
      { ...base, slug: 'a', include: { widget: 1 } },
      { ...base, slug: 'b', include: { widget: 1 }, exclude: { 'red widget': 1 } },
    ])
    expect(both(item('', 'A widget.'))).toEqual(['a', 'b'])
    expect(both(item('', 'A red widget.'))).toEqual(['a'])
  })
})

/** A teaser: no title of its own, so its lead is all there is. */
const teaser = (...paragraphs: string[]) => ({
  title: '',
  titleSource: 'lead' as const,
  paragraphs,
})
const countries = (slugs: string[]) =>
  slugs.filter((s) =>
    ['armenia', 'belarus', 'kazakhstan', 'kyrgyzstan', 'russia', 'tajikistan'].includes(s)
  )

describe('country rules with the gazetteer of content/gazetteer.json', () => {
  it.each([
    ['kyrgyzstan', 'On 4 July 2024, the rescuers of the member states trained in Cholpon-Ata.'],
    ['russia', 'The CSTO Secretary General gave a lecture at a university in Kazan.'],
    ['kazakhstan', 'The working group met in Almaty to prepare the exercise.'],
    ['armenia', 'A seminar on border security was held in Gyumri.'],
    ['belarus', 'The contingents arrived at the Obuz-Lesnovsky training ground.'],
    ['tajikistan', 'A delegation of the CSTO Secretariat visited a border post near Khorog.'],
    ['russia', '12 марта 2025 года в Москве прошло заседание Совета министров обороны ОДКБ.'],
    ['belarus', 'В Гродно состоялась встреча экспертов государств – членов ОДКБ.'],
    ['tajikistan', 'Учения прошли на полигоне Харбмайдон.'],
  ])('tag %s where the lead names the venue: %s', (slug, lead) => {
    expect(classify(teaser(lead))).toContain(slug)
  })

  it.each([
    ['russia', 'The Secretary General met with the President of the Russian Federation.'],
    ['belarus', 'He received the Ambassador of the Republic of Belarus.'],
    ['kyrgyzstan', 'The talks were held with the Minister of Defence of the Kyrgyz Republic.'],
    ['tajikistan', 'The exercise took place in Tajikistan.'],
    ['kazakhstan', 'The session was held under the chairmanship of the Republic of Kazakhstan.'],
    [
      'russia',
      'Генеральный секретарь встретился с Министром иностранных дел Российской Федерации.',
    ],
    ['armenia', 'Консультации прошли в Армении.'],
    ['russia', 'The deputies of the State Duma discussed the ratification of the agreement.'],
  ])('tag %s where its officials, institutions or territory are named: %s', (slug, lead) => {
    expect(classify(teaser(lead))).toContain(slug)
  })

  it.each([
    'The exercise involved the CSTO member states: Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.',
    'The agreement was signed by the Republic of Armenia, the Republic of Belarus, the Republic of Kazakhstan, the Kyrgyz Republic, the Russian Federation and the Republic of Tajikistan.',
    'Representatives of the Republic of Armenia, the Republic of Belarus, the Republic of Kazakhstan, the Kyrgyz Republic, the Russian Federation and the Republic of Tajikistan took part.',
    'В учениях приняли участие контингенты Республики Армения, Республики Беларусь, Республики Казахстан, Кыргызской Республики, Российской Федерации и Республики Таджикистан.',
  ])('tag no country where the lead lists the member states: %s', (lead) => {
    expect(countries(classify(teaser(lead)))).toEqual([])
  })

  it('tag no country for a list of places where courses will be held', () => {
    const tagged = classify(
      teaser(
        'The CSTO Secretariat agreed on a plan of courses for anti-drug units.',
        'The courses will be held in Moscow, Bishkek and Dushanbe.'
      )
    )
    expect(countries(tagged)).toEqual([])
  })

  it('count the offices of states that took part where the lead names them, not in the tail', () => {
    const offices =
      'The meeting was attended by the Secretary of the Security Council of the Republic of Armenia and the Secretary of the Security Council of the Republic of Belarus.'
    // A one-sentence opening leaves its lead to the next paragraph: the participants are news.
    expect(countries(classify(teaser('A meeting was held in Bishkek.', offices)))).toEqual([
      'armenia',
      'belarus',
      'kyrgyzstan',
    ])
    // After a full lead they are one detail among others, each named once.
    const lead =
      'On 17 June 2024, the Committee of Secretaries of Security Councils of the CSTO member states met in Bishkek to discuss the results of the year and the plan of joint measures for the next one.'
    expect(countries(classify(teaser(lead, offices)))).toEqual(['kyrgyzstan'])
  })

  it.each([
    [
      'armenia',
      'On 10 February 2025, rescue units of the Republic of Armenia took part in a training.',
    ],
    ['kazakhstan', 'В Алматинской области прошли совместные учения спасателей.'],
    ['kazakhstan', 'Спасатели Казахстана отработали действия при землетрясении.'],
    ['russia', 'Российская Федерация выступила с инициативой о создании системы мониторинга.'],
  ])('tag %s where its units act, its regions host or it proposes: %s', (slug, lead) => {
    expect(classify(teaser(lead))).toContain(slug)
  })
})

describe('the zones of an item', () => {
  it('read a short first paragraph and the next ones as the lead, up to about 30 words', () => {
    const only = compileTopics([{ ...WIDGET, threshold: 2 }])
    expect(only(teaser('The deputies met.', 'They discussed a widget.'))).toEqual(['x'])
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')
    expect(only(teaser(long, 'They discussed a widget.'))).toEqual([])
  })

  it('count no topic of a group in a sentence naming three of it: a list names none', () => {
    const state = (slug: string) => ({ ...WIDGET, slug, include: { [slug]: 2 }, group: 'g' })
    const three = compileTopics([state('a'), state('b'), state('c')])
    expect(three(teaser('Held in a, with b.'))).toEqual(['a', 'b'])
    expect(three(teaser('Held with a, b and c.'))).toEqual([])
    expect(three(teaser('Held in a. The guests came from a, b and c.'))).toEqual(['a'])
  })
})

describe('thematic rules', () => {
  it.each([
    ['military-exercises', 'The active phase of "Rubezh-2025" began at the training ground.'],
    ['military-exercises', 'The special forces completed the "Kobalt-2024" exercise.'],
    ['military-exercises', 'Подразделения приступили к учениям «Взаимодействие-2024».'],
    ['military-exercises', 'The final stage of "Echelon-2023" took place in the region.'],
    ['peacekeeping', 'The Indestructible Brotherhood-2024 exercise was completed.'],
    ['terrorism', 'The law enforcement agencies eliminated a group of militant terrorists.'],
    ['terrorism', 'The conference was devoted to countering the financing of terrorism.'],
    ['emergencies', 'A joint training of the duty shifts of the crisis response centres was held.'],
    ['emergencies', 'Спасатели отработали действия при ликвидации последствий землетрясения.'],
    ['information-security', 'The working group on information policy met at the Secretariat.'],
    ['parliamentary', 'Депутаты обсудили проект модельного закона о миграции.'],
    ['ai', 'The experts discussed the use of artificial intelligence in the military sphere.'],
    ['ai', 'Эксперты обсудили применение искусственного интеллекта в военной сфере.'],
    ['drug-trafficking', 'В ходе операции «Канал» изъято более двух тонн наркотиков.'],
    ['biological-security', 'Эксперты обсудили вопросы биологической безопасности.'],
    ['biological-security', 'Россия предложила систему мониторинга биологических угроз.'],
    ['terrorism', 'В Бишкеке прошла конференция «Противодействие идеологии экстремизма».'],
    ['peacekeeping', 'Обсуждены вопросы миротворческой деятельности ОДКБ.'],
    ['military-exercises', 'На полигоне завершилось совместное учение.'],
    ['military-exercises', 'The joint staff training of the command of the forces began.'],
    ['afghanistan', 'Участники обсудили активность талибов на севере страны.'],
  ])('tag %s from a lead: %s', (slug, lead) => {
    expect(classify(teaser(lead))).toContain(slug)
  })

  it('take a rescue exercise for an emergencies item, not a military one', () => {
    const lead = 'The joint exercise of the rescue units of the member states was held.'
    expect(classify(teaser(lead))).toContain('emergencies')
    expect(classify(teaser(lead))).not.toContain('military-exercises')
  })

  it('do not make an item that names AI in the tail of a long text, again and again, an AI item', () => {
    const tail = Array.from(
      { length: 3 },
      (_, i) =>
        `Question ${i + 1}. Artificial intelligence, as well as cyber threats, was discussed.`
    )
    expect(classify(teaser(FULL_LEAD, ...tail))).not.toContain('ai')
  })
})
