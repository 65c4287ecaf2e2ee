import { MsezError, assertNever } from '../core/index.js';

/**
 * The v2 corridor lifecycle (D7, corridors.md §3). States are a literal union; the transition table is
 * typed so that a (kind, from, to) triple outside the design table does not compile.
 */
export type CorridorState = 'DRAFT' | 'PENDING' | 'ACTIVE' | 'HALTED' | 'SUSPENDED' | 'DEPRECATED';
export const CORRIDOR_STATES: readonly CorridorState[] = ['DRAFT', 'PENDING', 'ACTIVE', 'HALTED', 'SUSPENDED', 'DEPRECATED'];

export type FinalityLevel = 'proposed' | 'receipt_signed' | 'checkpoint_signed' | 'watcher_quorum' | 'l1_anchored' | 'legally_recognized';
export const FINALITY_LEVELS: readonly FinalityLevel[] = ['proposed', 'receipt_signed', 'checkpoint_signed', 'watcher_quorum', 'l1_anchored', 'legally_recognized'];

export function finalityRank(level: FinalityLevel): number {
  return FINALITY_LEVELS.indexOf(level);
}

/** What a transition needs as evidence: a credential type, or a zone_authority transition VC. */
export type Gate =
  | { readonly kind: 'credential'; readonly type: 'MSEZCorridorDefinitionCredential' | 'MSEZCorridorAgreementCredential' | 'MSEZCorridorForkAlarmCredential' | 'MSEZCorridorForkResolutionCredential' }
  | { readonly kind: 'zone_authority' };

interface Rule<K extends string, F extends CorridorState, T extends CorridorState> {
  readonly kind: K;
  readonly from: F;
  readonly to: T;
  readonly gate: Gate;
  readonly requiresFinality?: FinalityLevel;
}

/** The complete D7 table. `as const satisfies` keeps every row's literal types. */
export const TRANSITIONS = [
  { kind: 'submit', from: 'DRAFT', to: 'PENDING', gate: { kind: 'credential', type: 'MSEZCorridorDefinitionCredential' } },
  { kind: 'activate', from: 'PENDING', to: 'ACTIVE', gate: { kind: 'credential', type: 'MSEZCorridorAgreementCredential' }, requiresFinality: 'receipt_signed' },
  { kind: 'halt', from: 'ACTIVE', to: 'HALTED', gate: { kind: 'credential', type: 'MSEZCorridorForkAlarmCredential' } },
  { kind: 'resume_from_halt', from: 'HALTED', to: 'ACTIVE', gate: { kind: 'credential', type: 'MSEZCorridorForkResolutionCredential' } },
  { kind: 'suspend', from: 'ACTIVE', to: 'SUSPENDED', gate: { kind: 'zone_authority' } },
  { kind: 'resume_from_suspension', from: 'SUSPENDED', to: 'ACTIVE', gate: { kind: 'zone_authority' } },
  { kind: 'deprecate', from: 'ACTIVE', to: 'DEPRECATED', gate: { kind: 'zone_authority' } },
  { kind: 'deprecate_from_halt', from: 'HALTED', to: 'DEPRECATED', gate: { kind: 'zone_authority' } },
  { kind: 'deprecate_from_suspension', from: 'SUSPENDED', to: 'DEPRECATED', gate: { kind: 'zone_authority' } },
] as const satisfies readonly Rule<string, CorridorState, CorridorState>[];

export type TransitionRule = (typeof TRANSITIONS)[number];
export type TransitionKind = TransitionRule['kind'];
/** A transition that exists: its `from` and `to` are tied to its kind. */
export type Transition<K extends TransitionKind = TransitionKind> = Extract<TransitionRule, { kind: K }>;

/** The CLI verbs: `resume` and `deprecate` pick the kind from the current state. */
export type LifecycleVerb = 'submit' | 'activate' | 'halt' | 'resume' | 'suspend' | 'deprecate';

/**
 * Reads a state from input. PROPOSED and OPERATIONAL (lifecycle v1) are refused.
 * @throws MsezError INVALID_STATE
 */
export function parseCorridorState(text: unknown, field = 'state'): CorridorState {
  if (typeof text === 'string' && (CORRIDOR_STATES as readonly string[]).includes(text)) return text as CorridorState;
  const v1 = text === 'PROPOSED' || text === 'OPERATIONAL';
  throw new MsezError('INVALID_STATE', `${field}: ${JSON.stringify(text)} is not a v2 corridor state${v1 ? ' (lifecycle v1 names are refused)' : ''}`, { field, found: String(text), allowed: CORRIDOR_STATES });
}

export function parseFinalityLevel(text: unknown, field = 'finality_level'): FinalityLevel {
  if (typeof text === 'string' && (FINALITY_LEVELS as readonly string[]).includes(text)) return text as FinalityLevel;
  throw new MsezError('VALIDATION_FAILED', `${field}: unknown finality level ${JSON.stringify(text)}`, { field, allowed: FINALITY_LEVELS });
}

/**
 * The rule for a verb from the current state.
 * @throws MsezError INVALID_TRANSITION when the design table has no such edge
 */
export function ruleFor(verb: LifecycleVerb, from: CorridorState): Transition {
  const kinds: readonly TransitionKind[] = kindsOf(verb);
  const rule = TRANSITIONS.find((t) => kinds.includes(t.kind) && t.from === from);
  if (rule === undefined) {
    throw new MsezError('INVALID_TRANSITION', `cannot ${verb} a corridor in state ${from}`, { verb, from, allowed: TRANSITIONS.filter((t) => t.from === from).map((t) => t.kind) });
  }
  return rule;
}

function kindsOf(verb: LifecycleVerb): readonly TransitionKind[] {
  switch (verb) {
    case 'submit':
      return ['submit'];
    case 'activate':
      return ['activate'];
    case 'halt':
      return ['halt'];
    case 'resume':
      return ['resume_from_halt', 'resume_from_suspension'];
    case 'suspend':
      return ['suspend'];
    case 'deprecate':
      return ['deprecate', 'deprecate_from_halt', 'deprecate_from_suspension'];
    default:
      return assertNever(verb, 'lifecycle verb');
  }
}

/** States where receipts may be appended (msez rule: PENDING too, so activation can reach receipt_signed). */
export function acceptsReceipts(state: CorridorState): boolean {
  switch (state) {
    case 'PENDING':
    case 'ACTIVE':
      return true;
    case 'DRAFT':
    case 'HALTED':
    case 'SUSPENDED':
    case 'DEPRECATED':
      return false;
    default:
      return assertNever(state, 'corridor state');
  }
}
