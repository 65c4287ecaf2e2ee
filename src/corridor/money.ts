import { MsezError } from '../core/index.js';

/**
 * ISO 4217 minor units (corridors.md §10). Currencies not listed are unknown and rejected; every listed
 * currency not in the 0/3/4 tables has 2 minor units.
 */
const MINOR_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const MINOR_3 = 'BHD IQD JOD KWD LYD OMR TND';
const MINOR_4 = 'CLF UYW';
const MINOR_2 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE ' +
  'CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL ' +
  'HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR ' +
  'MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP ' +
  'SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XSU YER ZAR ZMW ZWG';

const PRECISION: ReadonlyMap<string, number> = new Map([
  ...MINOR_0.split(' ').map((c) => [c, 0] as const),
  ...MINOR_2.split(' ').map((c) => [c, 2] as const),
  ...MINOR_3.split(' ').map((c) => [c, 3] as const),
  ...MINOR_4.split(' ').map((c) => [c, 4] as const),
]);

/**
 * Minor-unit count of an ISO 4217 currency.
 * @throws MsezError VALIDATION_FAILED for an unknown or empty currency
 */
export function currencyPrecision(currency: string, field = 'currency'): number {
  const p = PRECISION.get(currency);
  if (p === undefined) throw new MsezError('VALIDATION_FAILED', `${field}: unknown ISO 4217 currency ${JSON.stringify(currency)}`, { field, found: currency });
  return p;
}

/**
 * Parses a positive-or-zero decimal string into exact minor units (D9): `^(0|[1-9][0-9]*)(\.[0-9]{1,p})?$`.
 * @throws MsezError VALIDATION_FAILED naming the field
 */
export function parseAmount(text: unknown, currency: string, field = 'amount'): bigint {
  const p = currencyPrecision(currency);
  const re = p === 0 ? /^(0|[1-9][0-9]*)$/ : new RegExp(`^(0|[1-9][0-9]*)(\\.[0-9]{1,${p}})?$`);
  if (typeof text !== 'string' || !re.test(text)) {
    throw new MsezError('VALIDATION_FAILED', `${field}: expected a decimal string with at most ${p} fraction digits for ${currency}`, { field, found: String(text).slice(0, 40) });
  }
  const [whole, frac = ''] = text.split('.') as [string, string?];
  return BigInt(whole) * 10n ** BigInt(p) + BigInt(frac.padEnd(p, '0') || '0');
}

/** Writes minor units with exactly p fraction digits (`"10.50"`), sign kept, no rounding. */
export function formatAmount(minor: bigint, currency: string): string {
  const p = currencyPrecision(currency);
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  if (p === 0) return `${neg ? '-' : ''}${abs}`;
  const s = abs.toString().padStart(p + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -p)}.${s.slice(-p)}`;
}
