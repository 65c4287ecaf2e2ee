/**
 * The MCF date-time rule (canonical.md §4): a string that is entirely an RFC 3339 date-time becomes its
 * UTC instant `YYYY-MM-DDTHH:MM:SSZ`, fraction truncated. Integer arithmetic only; no Date.parse.
 */
const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$/;

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

/** Formats seconds since the epoch as `YYYY-MM-DDTHH:MM:SSZ`. */
export function formatUtcSeconds(epochSeconds: number): string {
  const days = Math.floor(epochSeconds / 86400);
  const secs = epochSeconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor((secs % 3600) / 60), 2)}:${pad(secs % 60, 2)}Z`;
}

/**
 * Returns the normalised form of `s` when it is a date-time, otherwise `undefined`.
 * Out-of-range instants (before 0000 or after 9999 in UTC) are left unchanged (msez rule).
 */
export function normaliseDateTime(s: string): string | undefined {
  // Cheap guard: most strings are not date-times.
  if (s.length < 20 || s.charCodeAt(4) !== 45 /* - */) return undefined;
  const m = DATE_TIME.exec(s);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  if (h > 23 || mi > 59 || se > 59) return undefined;
  let offset = 0;
  if (m[7] === undefined) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return undefined;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const instant = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offset;
  const out = formatUtcSeconds(instant);
  const year = Math.floor(daysToYear(Math.floor(instant / 86400)));
  if (year < 0 || year > 9999) return undefined;
  return out;
}

function daysToYear(days: number): number {
  return civilFromDays(days)[0];
}

/**
 * Parses SOURCE_DATE_EPOCH-style integer seconds. Returns undefined for a value that is not a
 * non-negative integer so the caller can raise a usage error with its own context.
 */
export function parseEpochSeconds(text: string): number | undefined {
  if (!/^[0-9]{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
