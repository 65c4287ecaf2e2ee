import { COMPLIANCE_DOMAINS, ATTESTATION_GATED_DOMAINS, type ComplianceDomain } from './domain.js';
import { isPassing, meet, type ComplianceState } from './state.js';
import { makeCell, type TensorCell } from './cell.js';

/** An attestation backing a domain fact; `expires_at` is a `YYYY-MM-DDTHH:MM:SSZ` instant. */
export interface FactAttestation {
  readonly digest: string;
  readonly expires_at?: string;
}

/** One piece of evidence about a domain: a stored state with its attestations and reason. */
export interface DomainFact {
  readonly domain: ComplianceDomain;
  readonly state: ComplianceState;
  readonly attestations?: readonly FactAttestation[];
  readonly reason_code?: string;
}

/** Every (entity, jurisdiction) pair contributes all 20 cells (compliance.md §3). */
export interface TensorSubject {
  readonly entity_id: string;
  readonly jurisdiction_id: string;
  readonly facts: readonly DomainFact[];
}

const GATED = new Set<ComplianceDomain>(ATTESTATION_GATED_DOMAINS);

/**
 * Default evaluation at `asOf` (compliance.md §3, D16):
 * - several facts for one domain combine with meet (the worst wins, and its reason is kept);
 * - a domain with no fact is `pending`;
 * - in the original 8 domains, a passing state with any attestation expired at `asOf` becomes `expired`
 *   with reason `attestation_expired` (D16 overrides compliance.md's `non_compliant`).
 * `asOf` never enters the cells; it is reported next to the commitment.
 */
export function evaluateSubject(subject: TensorSubject, asOf: string): TensorCell[] {
  const byDomain = new Map<ComplianceDomain, DomainFact[]>();
  for (const f of subject.facts) {
    const list = byDomain.get(f.domain) ?? [];
    list.push(f);
    byDomain.set(f.domain, list);
  }
  return COMPLIANCE_DOMAINS.map((domain) => {
    const facts = byDomain.get(domain) ?? [];
    if (facts.length === 0) {
      return makeCell({ entity_id: subject.entity_id, jurisdiction_id: subject.jurisdiction_id, domain, state: 'pending' });
    }
    let state: ComplianceState = facts[0]?.state ?? 'pending';
    let reason: string | undefined = facts[0]?.reason_code;
    for (const f of facts.slice(1)) {
      const m = meet(state, f.state);
      if (m !== state) {
        state = m;
        reason = f.reason_code;
      } else if (reason === undefined && f.state === state) {
        reason = f.reason_code;
      }
    }
    const attestations = facts.flatMap((f) => f.attestations ?? []);
    if (GATED.has(domain) && isPassing(state) && attestations.some((a) => a.expires_at !== undefined && a.expires_at <= asOf)) {
      state = 'expired';
      reason = 'attestation_expired';
    }
    return makeCell({
      entity_id: subject.entity_id,
      jurisdiction_id: subject.jurisdiction_id,
      domain,
      state,
      attestation_digests: attestations.map((a) => a.digest),
      reason_code: reason,
    });
  });
}

/** Evaluates every subject; the result has 20 cells per subject. */
export function evaluateTensor(subjects: readonly TensorSubject[], asOf: string): TensorCell[] {
  return subjects.flatMap((s) => evaluateSubject(s, asOf));
}
