import { MsezError, assertNever, isJsonObject, type JsonObject, type JsonValue } from '../core/index.js';
import { credentialPayloadDigest, verifyCredential } from '../vc/index.js';
import type { CorridorState, Transition } from './lifecycle.js';
import { didOf, type CorridorConfig } from './receipts.js';

/** One evidence entry of the transition log: the credential type and its payload digest. */
export interface EvidenceRecord {
  readonly type: string;
  readonly digest_sha256: string;
  readonly signers: string[];
}

export const LIFECYCLE_TRANSITION_TYPE = 'MSEZCorridorLifecycleTransitionCredential';

function typesOf(vc: JsonObject): string[] {
  const t = vc.type;
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : [];
}

/**
 * Verifies the evidence credentials for a lifecycle transition (D7, D16): every credential's proofs
 * verify, each signer is a participant or registered watcher, its subject names this corridor, and the
 * set covers the gate. A `zone_authority` gate needs an `MSEZCorridorLifecycleTransitionCredential` for
 * exactly this (from_state, to_state), signed by a participant holding role `zone_authority`.
 * @throws MsezError SIGNATURE_INVALID (a proof fails), INVALID_TRANSITION (evidence missing or not for this corridor/transition)
 */
export function checkTransitionEvidence(rule: Transition, evidence: readonly JsonValue[], c: CorridorConfig): EvidenceRecord[] {
  const known = new Set([...c.participants.map((p) => didOf(p.id)), ...c.watchers.map(didOf)]);
  const roleOf = new Map(c.participants.map((p) => [didOf(p.id), p.role]));
  const records: (EvidenceRecord & { vc: JsonObject })[] = evidence.map((vc, i) => {
    if (!isJsonObject(vc)) throw new MsezError('SCHEMA_INVALID', `evidence[${i}] is not a credential object`);
    const report = verifyCredential(vc);
    if (!report.ok) throw new MsezError('SIGNATURE_INVALID', `evidence[${i}]: a proof does not verify`, { index: i, proofs: report.proofs });
    const signers = [...new Set(report.proofs.map((p) => p.did ?? ''))];
    const stranger = signers.find((d) => !known.has(d));
    if (stranger !== undefined) throw new MsezError('SIGNATURE_INVALID', `evidence[${i}]: signer ${stranger} is neither a participant nor a registered watcher`, { index: i, signer: stranger });
    const subject = vc.credentialSubject;
    if (!isJsonObject(subject) || subject.corridor_id !== c.corridor_id) throw new MsezError('INVALID_TRANSITION', `evidence[${i}]: credentialSubject.corridor_id is not ${c.corridor_id}`, { index: i });
    return { type: typesOf(vc).filter((t) => t !== 'VerifiableCredential').join(',') || 'VerifiableCredential', digest_sha256: credentialPayloadDigest(vc), signers, vc };
  });
  const gate = rule.gate;
  switch (gate.kind) {
    case 'credential': {
      if (!records.some((r) => typesOf(r.vc).includes(gate.type))) {
        throw new MsezError('INVALID_TRANSITION', `${rule.kind} requires a ${gate.type}`, { kind: rule.kind, required: gate.type });
      }
      break;
    }
    case 'zone_authority': {
      const ok = records.some((r) => {
        const s = r.vc.credentialSubject as JsonObject;
        return typesOf(r.vc).includes(LIFECYCLE_TRANSITION_TYPE) && s.from_state === rule.from && s.to_state === rule.to && r.signers.some((d) => roleOf.get(d) === 'zone_authority');
      });
      if (!ok) throw new MsezError('INVALID_TRANSITION', `${rule.kind} requires a ${LIFECYCLE_TRANSITION_TYPE} (${rule.from}→${rule.to}) signed by a zone_authority participant`, { kind: rule.kind });
      break;
    }
    default:
      assertNever(gate, 'gate');
  }
  return records.map(({ type, digest_sha256, signers }) => ({ type, digest_sha256, signers }));
}

/** Credential skeleton for a lifecycle transition VC (the subject of corridors.md §3). */
export function lifecycleTransitionCredential(c: { corridor_id: string }, from: CorridorState, to: CorridorState, at: string, issuer: string, evidence: JsonValue[] = []): JsonObject {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', LIFECYCLE_TRANSITION_TYPE],
    issuer,
    validFrom: at,
    credentialSubject: { corridor_id: c.corridor_id, from_state: from, to_state: to, transitioned_at: at, transition_id: `${c.corridor_id}:${from}->${to}:${at}`, evidence },
  };
}
