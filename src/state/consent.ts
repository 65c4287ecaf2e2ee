import { MsezError, assertNever, isJsonObject, mcfText, type JsonObject } from '../core/index.js';
import { inTransaction, type Database } from '../store/index.js';
import { readStoredJson } from './paging.js';
import { assertInput } from './validate.js';

/** Consent primitive (compliance.md §13): unanimity, K-of-N quorum, and dual control (two distinct signers). */
export const CONSENT_KINDS = ['unanimity', 'quorum', 'dual_control'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export type ConsentStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export type ConsentDecision = 'approve' | 'reject';

export interface ConsentRequest {
  readonly request_id: string;
  readonly kind: ConsentKind;
  readonly subject: JsonObject;
  readonly parties: readonly string[];
  /** Approvals needed: N for unanimity, K for quorum, 2 for dual control. */
  readonly threshold: number;
  readonly status: ConsentStatus;
  readonly created_at: string;
  readonly decided_at?: string;
  readonly decisions: readonly { readonly party: string; readonly decision: ConsentDecision; readonly at: string }[];
}

export interface ConsentAuditEntry {
  readonly seq: number;
  readonly request_id: string;
  /** `CREATED` or `SIGNED:<decision>`, plus `APPROVED` / `REJECTED` when the request resolves. */
  readonly entry: string;
  readonly actor?: string;
  readonly at: string;
}

/** Dual control needs two distinct approving signers. */
export const DUAL_CONTROL_SIGNERS = 2;

interface RequestRow {
  request_id: string;
  kind: ConsentKind;
  subject: string;
  parties: string;
  threshold: number;
  status: ConsentStatus;
  created_at: string;
  decided_at: string | null;
}

export function getConsent(db: Database, requestId: string): ConsentRequest {
  const r = db.prepare('SELECT * FROM consent_requests WHERE request_id = ?').get(requestId) as RequestRow | undefined;
  if (r === undefined) throw new MsezError('NOT_FOUND', `no consent request ${requestId}`, { request_id: requestId });
  const subject = readStoredJson(r.subject, 'consent.subject');
  const parties = readStoredJson(r.parties, 'consent.parties');
  const decisions = db.prepare('SELECT party, decision, at FROM consent_decisions WHERE request_id = ? ORDER BY at, party').all(requestId) as { party: string; decision: ConsentDecision; at: string }[];
  return {
    request_id: r.request_id,
    kind: r.kind,
    subject: isJsonObject(subject) ? subject : {},
    parties: Array.isArray(parties) ? parties.filter((p): p is string => typeof p === 'string') : [],
    threshold: r.threshold,
    status: r.status,
    created_at: r.created_at,
    ...(r.decided_at !== null ? { decided_at: r.decided_at } : {}),
    decisions,
  };
}

function audit(db: Database, requestId: string, entry: string, actor: string | undefined, at: string): void {
  db.prepare('INSERT INTO consent_audit (request_id, entry, actor, at) VALUES (?, ?, ?, ?)').run(requestId, entry, actor ?? null, at);
}

/** Creates a consent request (schema `consent.request`); the caller runs it inside its own transaction or alone. */
export function createConsentRequest(db: Database, input: unknown, now: string): ConsentRequest {
  const v = assertInput<{ request_id: string; kind: ConsentKind; subject: JsonObject; parties: string[]; threshold?: number }>('consent.request', input);
  const n = v.parties.length;
  let threshold: number;
  switch (v.kind) {
    case 'unanimity':
      threshold = n;
      break;
    case 'quorum':
      threshold = v.threshold ?? 0;
      if (threshold < 1 || threshold > n) throw new MsezError('VALIDATION_FAILED', `quorum threshold must be 1..${n}`, { threshold });
      break;
    case 'dual_control':
      if (n < DUAL_CONTROL_SIGNERS) throw new MsezError('VALIDATION_FAILED', 'dual control needs at least two distinct signers', { parties: n });
      threshold = DUAL_CONTROL_SIGNERS;
      break;
    default:
      return assertNever(v.kind, 'consent kind');
  }
  return inTransaction(db, () => {
    db.prepare('INSERT INTO consent_requests (request_id, kind, subject, parties, threshold, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(v.request_id, v.kind, mcfText(v.subject), mcfText(v.parties), threshold, 'PENDING', now);
    audit(db, v.request_id, 'CREATED', undefined, now);
    return getConsent(db, v.request_id);
  });
}

/**
 * Records one party's decision (once). Unanimity resolves when every party has decided (APPROVED only if
 * all approved); quorum and dual control resolve APPROVED at the threshold of distinct approvals, and
 * REJECTED as soon as the threshold can no longer be reached.
 * @throws INVALID_STATE after resolution; CONFLICT for a repeat or a non-party.
 */
export function decideConsent(db: Database, input: unknown, now: string): ConsentRequest {
  const v = assertInput<{ request_id: string; party: string; decision: ConsentDecision }>('consent.decision', input);
  return inTransaction(db, () => {
    const req = getConsent(db, v.request_id);
    if (req.status !== 'PENDING') throw new MsezError('INVALID_STATE', `consent request ${req.request_id} is already ${req.status}`, { status: req.status });
    if (!req.parties.includes(v.party)) throw new MsezError('CONFLICT', `${v.party} is not a party to ${req.request_id}`, { party: v.party });
    if (req.decisions.some((d) => d.party === v.party)) throw new MsezError('CONFLICT', `${v.party} already decided`, { party: v.party });
    db.prepare('INSERT INTO consent_decisions (request_id, party, decision, at) VALUES (?, ?, ?, ?)').run(req.request_id, v.party, v.decision, now);
    audit(db, req.request_id, `SIGNED:${v.decision}`, v.party, now);
    const decisions = [...req.decisions, { party: v.party, decision: v.decision, at: now }];
    const approvals = new Set(decisions.filter((d) => d.decision === 'approve').map((d) => d.party)).size;
    const rejections = decisions.length - approvals;
    const n = req.parties.length;
    let status: ConsentStatus = 'PENDING';
    switch (req.kind) {
      case 'unanimity':
        if (decisions.length === n) status = rejections === 0 ? 'APPROVED' : 'REJECTED';
        break;
      case 'quorum':
      case 'dual_control':
        if (approvals >= req.threshold) status = 'APPROVED';
        else if (n - rejections < req.threshold) status = 'REJECTED';
        break;
      default:
        assertNever(req.kind, 'consent kind');
    }
    if (status !== 'PENDING') {
      db.prepare('UPDATE consent_requests SET status = ?, decided_at = ? WHERE request_id = ?').run(status, now, req.request_id);
      audit(db, req.request_id, status, undefined, now);
    }
    return getConsent(db, req.request_id);
  });
}

export function consentAudit(db: Database, requestId: string): ConsentAuditEntry[] {
  return (db.prepare('SELECT seq, request_id, entry, actor, at FROM consent_audit WHERE request_id = ? ORDER BY seq').all(requestId) as { seq: number; request_id: string; entry: string; actor: string | null; at: string }[]).map((r) => ({
    seq: r.seq,
    request_id: r.request_id,
    entry: r.entry,
    ...(r.actor !== null ? { actor: r.actor } : {}),
    at: r.at,
  }));
}
