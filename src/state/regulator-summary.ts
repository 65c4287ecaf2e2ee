import { MsezError } from '../core/index.js';
import { CORRIDOR_STATES, type CorridorState } from '../corridor/index.js';
import { COMPLIANCE_DOMAINS, COMPLIANCE_STATES, isComplianceDomain, isComplianceState, type ComplianceDomain, type ComplianceState } from '../tensor/index.js';
import { getCorridor, listCorridors, type Database } from '../store/index.js';
import { CONSENT_KINDS, type ConsentKind } from './consent.js';
import { ENTITY_STATES, type EntityState } from './lifecycle.js';
import { ASSET_CLASSES, type AssetClass, type AssetComplianceStatus } from './smart-asset.js';
import { fromCents } from './withholding.js';

/**
 * The regulator's one-page view of a zone's state (spec/smart-assets.md §5): counts only, read in one
 * snapshot, every enumerated key present (zero-filled) so a dashboard never has to guess a missing key.
 */

/** Withheld tax of completed payments in one period, statutory section and currency. */
export interface WithholdingTotal {
  readonly period: string;
  readonly section: string;
  readonly currency: string;
  /** Distinct payments with tax withheld under this section. */
  readonly payments: number;
  /** Sum of those payments' gross amounts (each payment once). */
  readonly gross_amount: string;
  readonly tax_withheld: string;
}

export interface RegulatorSummary {
  readonly generated_at: string;
  readonly entities: { readonly total: number; readonly halted: number; readonly by_state: Readonly<Record<EntityState, number>> };
  readonly tensor: {
    readonly cells: number;
    /** domain → state → cells. */
    readonly by_domain: Readonly<Record<ComplianceDomain, Readonly<Record<ComplianceState, number>>>>;
    /** The latest recorded commitment, when the tensor was ever evaluated. */
    readonly commitment?: { readonly zone_id: string; readonly root: string; readonly size: number; readonly as_of: string };
  };
  readonly consent: { readonly open: number; readonly open_by_kind: Readonly<Record<ConsentKind, number>> };
  /** Ordered by period, section, currency (code point). */
  readonly withholding: readonly WithholdingTotal[];
  readonly corridors: { readonly total: number; readonly by_state: Readonly<Record<CorridorState, number>> };
  readonly smart_assets: {
    readonly total: number;
    readonly by_class: Readonly<Record<AssetClass, number>>;
    readonly by_compliance_status: Readonly<Record<AssetComplianceStatus, number>>;
  };
}

const ASSET_STATUSES: readonly AssetComplianceStatus[] = ['unevaluated', ...COMPLIANCE_STATES];

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Adds grouped counts to a zero-filled record; a key outside the enum means the database is corrupt. */
function fill<K extends string>(into: Record<K, number>, rows: readonly { k: string; n: number }[], table: string): Record<K, number> {
  for (const r of rows) {
    if (!Object.hasOwn(into, r.k)) throw new MsezError('DB_ERROR', `${table} holds an unexpected value ${JSON.stringify(r.k)}`, { table, value: r.k });
    into[r.k as K] += r.n;
  }
  return into;
}

/**
 * Counts entities by lifecycle state, tensor cells by domain × state, open (PENDING) consent requests,
 * withholding per period × section × currency (completed payments, amount withheld > 0, as the IRIS
 * statement counts them), corridors by lifecycle state and smart assets by class and compliance status.
 * `period` (`YYYY-MM`) limits the withholding totals to one period. One read transaction.
 */
export function regulatorSummary(db: Database, now: string, o: { period?: string } = {}): RegulatorSummary {
  if (o.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(o.period)) throw new MsezError('USAGE', 'period must be YYYY-MM', { period: o.period });
  return db.transaction((): RegulatorSummary => {
    const group = (sql: string): { k: string; n: number }[] => db.prepare(sql).all() as { k: string; n: number }[];
    const byState = fill(zeros(ENTITY_STATES), group('SELECT state AS k, COUNT(*) AS n FROM entities GROUP BY state'), 'entities.state');
    const halted = (db.prepare('SELECT COUNT(*) AS n FROM entities WHERE halted = 1').get() as { n: number }).n;

    const byDomain = Object.fromEntries(COMPLIANCE_DOMAINS.map((d) => [d, zeros(COMPLIANCE_STATES)])) as Record<ComplianceDomain, Record<ComplianceState, number>>;
    let cells = 0;
    for (const r of db.prepare('SELECT domain, state, COUNT(*) AS n FROM tensor_cells GROUP BY domain, state').all() as { domain: string; state: string; n: number }[]) {
      if (!isComplianceDomain(r.domain) || !isComplianceState(r.state)) throw new MsezError('DB_ERROR', `tensor_cells holds an unexpected cell ${r.domain}/${r.state}`, { domain: r.domain, state: r.state });
      byDomain[r.domain][r.state] += r.n;
      cells += r.n;
    }
    const commitment = db.prepare('SELECT zone_id, root, size, as_of FROM tensor_commitments ORDER BY seq DESC LIMIT 1').get() as
      | { zone_id: string; root: string; size: number; as_of: string }
      | undefined;

    const openByKind = fill(zeros(CONSENT_KINDS), group("SELECT kind AS k, COUNT(*) AS n FROM consent_requests WHERE status = 'PENDING' GROUP BY kind"), 'consent_requests.kind');

    // Per payment first, so a payment taxed under two rules of one section counts its gross once.
    const wh = db
      .prepare(
        `SELECT period, section, currency, COUNT(*) AS payments, SUM(gross) AS gross, SUM(wh) AS wh FROM (
           SELECT t.period AS period, t.statutory_section AS section, t.currency AS currency, t.payment_id, MAX(t.gross_minor) AS gross, SUM(t.withholding_minor) AS wh
           FROM tax_events t JOIN payments p ON p.payment_id = t.payment_id
           WHERE p.status = 'completed' AND t.withholding_minor > 0 AND t.statutory_section IS NOT NULL AND (? IS NULL OR t.period = ?)
           GROUP BY t.period, t.statutory_section, t.currency, t.payment_id)
         GROUP BY period, section, currency ORDER BY period, section, currency`,
      )
      .safeIntegers(true)
      .all(o.period ?? null, o.period ?? null) as { period: string; section: string; currency: string; payments: bigint; gross: bigint; wh: bigint }[];

    const corridorStates = zeros(CORRIDOR_STATES);
    const corridorIds = listCorridors(db);
    for (const id of corridorIds) corridorStates[getCorridor(db, id).state] += 1;

    const byClass = fill(zeros(ASSET_CLASSES), group('SELECT asset_class AS k, COUNT(*) AS n FROM smart_assets GROUP BY asset_class'), 'smart_assets.asset_class');
    const byStatus = fill(zeros(ASSET_STATUSES), group('SELECT compliance_status AS k, COUNT(*) AS n FROM smart_assets GROUP BY compliance_status'), 'smart_assets.compliance_status');

    return {
      generated_at: now,
      entities: { total: Object.values<number>(byState).reduce((a, b) => a + b, 0), halted, by_state: byState },
      tensor: { cells, by_domain: byDomain, ...(commitment !== undefined ? { commitment } : {}) },
      consent: { open: Object.values<number>(openByKind).reduce((a, b) => a + b, 0), open_by_kind: openByKind },
      withholding: wh.map((r) => ({ period: r.period, section: r.section, currency: r.currency, payments: Number(r.payments), gross_amount: fromCents(r.gross), tax_withheld: fromCents(r.wh) })),
      corridors: { total: corridorIds.length, by_state: corridorStates },
      smart_assets: { total: Object.values<number>(byClass).reduce((a, b) => a + b, 0), by_class: byClass, by_compliance_status: byStatus },
    };
  })();
}
