/**
 * What stack.lock records from the corridor activation check (corridors.md §2, formats.md §5 step 10).
 *
 * The check itself lives in the vc layer, which sits to the right of lock (style.md, house style 1), so the
 * lock cannot import it: the caller passes it in as a {@link CorridorActivationCheck}. The command layer
 * wires `src/vc`'s `readCorridorPackage` + `checkActivation` (cli/corridor-activation.ts); nothing here
 * re-implements any part of it.
 */

/** A corridor whose corridor.yaml names agreement VCs. Paths are absolute; `agreementPaths` keep corridor.yaml order. */
export interface CorridorPackageRef {
  readonly corridorId: string;
  /** The corridor module directory (holds corridor.yaml). */
  readonly dir: string;
  readonly agreementPaths: readonly string[];
}

export interface CorridorActivationSummary {
  /** The §2 check passed with no error: every threshold met, no non-affirmative commitment. */
  readonly activated: boolean;
  /** Counted parties (valid signature and affirmative commitment), sorted by code point. */
  readonly counted: readonly string[];
  /** Non-affirmative commitments, `<partyDid>:<commitment>`, in the check's order. */
  readonly blockers: readonly string[];
  /** sha256(MCF({corridor_id, definition_payload_sha256, agreement_payload_sha256: sorted})), or `''`. */
  readonly agreementSetSha256: string;
  /** Payload digest (MCF of the VC minus `proof`) of each agreement VC, in `agreementPaths` order. */
  readonly payloadSha256: readonly string[];
}

/** Runs the corridors.md §2 activation check over one corridor package. Throws MsezError on unreadable input. */
export type CorridorActivationCheck = (corridor: CorridorPackageRef) => CorridorActivationSummary;
