import { MsezError, isJsonObject, type JsonObject, type JsonValue } from '../core/index.js';
import { checkActivation, stripFragment, type ActivationInput, type ActivationReport } from '../vc/index.js';
import type { CorridorConfig } from './receipts.js';

/**
 * PENDING→ACTIVE (D7): the full activation check of corridors.md §2 (src/vc `checkActivation`: proofs,
 * allow-lists or the authority-registry chain, definition binding, pattern, base fields, party signatures,
 * participants, per-role thresholds over affirmative commitments, lawpack compatibility), plus the binding of
 * that agreement set to the corridor recorded in the state database (msez rule, spec/corridors.md §3): the
 * genesis root commits to `definition_payload_sha256` and `agreement_set_sha256`, and receipts are signed
 * under the stored participants and thresholds, so all of them must be the ones the agreements state.
 */

export type BindingCheck = 'corridor_id' | 'definition_payload' | 'agreement_set' | 'participants' | 'receipt_signing';

export interface BindingIssue {
  readonly check: BindingCheck;
  readonly message: string;
}

export interface CorridorActivationReport extends ActivationReport {
  /** Disagreements between the agreement set and the stored corridor config. */
  readonly binding: BindingIssue[];
}

/**
 * Runs the §2 check on `input` and binds it to the stored corridor `c`. Pure; never throws for a failed
 * check. `activated` is true only when the §2 check holds and there is no binding issue.
 */
export function checkCorridorActivation(c: CorridorConfig, input: ActivationInput): CorridorActivationReport {
  const report = checkActivation(input);
  const binding: BindingIssue[] = [];
  const issue = (check: BindingCheck, message: string): void => void binding.push({ check, message });
  if (report.corridor_id !== c.corridor_id) issue('corridor_id', `the package is for corridor ${String(report.corridor_id)}, not ${c.corridor_id}`);
  if (report.definition_payload_sha256 !== c.definition_payload_sha256) {
    issue('definition_payload', `the definition VC payload is ${report.definition_payload_sha256}; the corridor genesis commits to ${c.definition_payload_sha256}`);
  }
  if (report.agreement_set_sha256 !== c.agreement_set_sha256) {
    issue(
      'agreement_set',
      c.agreement_set_sha256 === ''
        ? 'the corridor genesis commits to no agreement VCs (agreement_set_sha256 ""), so it cannot be activated'
        : `agreement_set_sha256 of these agreements is ${report.agreement_set_sha256 || '""'}; the corridor genesis commits to ${c.agreement_set_sha256}`,
    );
  }
  const subject = input.agreements[0]?.vc.credentialSubject;
  if (isJsonObject(subject)) {
    const stated = rolesOf(subject.participants);
    const stored = new Map(c.participants.map((p) => [stripFragment(p.id), p.role]));
    if (!sameEntries(stated, stored)) issue('participants', 'the stored participants (DID and role) differ from the agreement participants');
    const wanted = receiptThresholds(subject);
    const have = c.receipt_signing.thresholds.map((t) => `${t.role}:${t.required}`).sort();
    if (wanted === undefined || wanted.join() !== have.join()) {
      issue('receipt_signing', `the stored receipt_signing thresholds [${have.join(', ')}] differ from the agreement's [${(wanted ?? []).join(', ')}]`);
    }
  }
  return { ...report, binding, activated: report.activated && binding.length === 0 };
}

/**
 * The refusal for a report that does not activate, with the report in `details` (both codes exit 1). The
 * §2 check's own code comes first: THRESHOLD_NOT_MET when only thresholds fall short (errors and blockers
 * empty), else ACTIVATION_BLOCKED; a report that passes §2 but not the binding is ACTIVATION_BLOCKED.
 */
export function activationRefusal(report: CorridorActivationReport): MsezError {
  const onlyThresholds = report.errors.length === 0 && report.blockers.length === 0 && report.thresholds.some((t) => !t.met);
  return onlyThresholds
    ? new MsezError('THRESHOLD_NOT_MET', `activation thresholds are not met${report.binding.length > 0 ? ` (and ${report.binding.length} binding issue(s))` : ''}`, { ...report })
    : new MsezError(
        'ACTIVATION_BLOCKED',
        `activation blocked: ${report.errors.length} error(s), ${report.blockers.length} non-affirmative commitment(s), ${report.binding.length} binding issue(s)`,
        { ...report },
      );
}

function rolesOf(participants: JsonValue | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(participants)) return out;
  for (const p of participants) if (isJsonObject(p) && typeof p.id === 'string' && typeof p.role === 'string') out.set(stripFragment(p.id), p.role);
  return out;
}

function sameEntries(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** `state_channel.receipt_signing.thresholds`, defaulting to the activation thresholds (corridors.md §2), as sorted `role:required`. */
function receiptThresholds(subject: JsonObject): string[] | undefined {
  const sc = subject.state_channel;
  const rs = isJsonObject(sc) && isJsonObject(sc.receipt_signing) ? sc.receipt_signing.thresholds : undefined;
  const act = isJsonObject(subject.activation) ? subject.activation.thresholds : undefined;
  const list = rs ?? act;
  if (!Array.isArray(list)) return undefined;
  const out: string[] = [];
  for (const t of list) {
    if (!isJsonObject(t) || typeof t.role !== 'string' || typeof t.required !== 'number') return undefined;
    out.push(`${t.role}:${t.required}`);
  }
  return out.sort();
}
