/**
 * Instants for date-only values. A page gives `03.06.2024` with no time and no zone; feeds need
 * an instant. We publish noon in the source's time zone (Europe/Moscow for the CSTO site): the
 * calendar day then reads the same in every zone from UTC−11 to UTC+11, and the instant depends
 * only on the data, never on the clock or the server's zone.
 */

const NOON = 12

/** Formatters are costly to make: one per time zone. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>()
/** Each date is asked for many times in one rebuild (once per feed that holds the item). */
const INSTANTS = new Map<string, string>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = FORMATTERS.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    FORMATTERS.set(timeZone, formatter)
  }
  return formatter
}

/** Offset of `timeZone` from UTC in minutes at the given UTC instant (e.g. +180 for Moscow). */
function offsetMinutes(timeZone: string, utc: Date): number {
  const parts = formatterFor(timeZone).formatToParts(utc)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'))
  return Math.round((asUtc - utc.getTime()) / 60_000)
}

/** `YYYY-MM-DD` → the ISO 8601 instant of noon that day in `timeZone` (`2024-06-03T09:00:00.000Z`). */
export function toInstant(date: string, timeZone: string): string {
  const key = `${date} ${timeZone}`
  const known = INSTANTS.get(key)
  if (known) return known
  const [y, m, d] = date.split('-').map(Number)
  const noonUtc = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, NOON))
  const instant = new Date(
    noonUtc.getTime() - offsetMinutes(timeZone, noonUtc) * 60_000
  ).toISOString()
  INSTANTS.set(key, instant)
  return instant
}
