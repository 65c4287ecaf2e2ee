import { MsezError } from '../core/index.js';

/**
 * Version constraints of `depends_on` (formats.md §2): comma-separated clauses that must all hold;
 * operators >=, <=, ==, =, >, < (none means ==) on the numeric (major, minor, patch) triple; any
 * prerelease suffix is ignored on both sides.
 */
type Op = '>=' | '<=' | '==' | '>' | '<';
type Triple = readonly [number, number, number];

const CLAUSE = /^(>=|<=|==|=|>|<)?\s*([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-[0-9A-Za-z.-]+)?$/;

export function parseVersionTriple(version: string): Triple | undefined {
  const m = /^([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (m === null) return undefined;
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** True when `version` satisfies every clause of `constraint`; USAGE when the constraint is malformed. */
export function satisfies(version: string, constraint: string): boolean {
  const v = parseVersionTriple(version);
  if (v === undefined) throw new MsezError('USAGE', `not a version: ${JSON.stringify(version)}`);
  for (const raw of constraint.split(',')) {
    const m = CLAUSE.exec(raw.trim());
    if (m === null) throw new MsezError('USAGE', `bad constraint clause ${JSON.stringify(raw.trim())}`);
    const op: Op = m[1] === undefined || m[1] === '=' ? '==' : (m[1] as Op);
    const c = compare(v, [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)]);
    const ok = op === '>=' ? c >= 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : op === '<' ? c < 0 : c === 0;
    if (!ok) return false;
  }
  return true;
}
