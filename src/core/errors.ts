/**
 * Typed errors with stable codes (design README D5, canonical.md §8).
 * The exit code is derived from the code through one table, so the two can never disagree.
 * Codes are API: never rename or reuse one.
 */
const EXIT = {
  // 1: a check or verification failed
  LOCK_MISMATCH: 1,
  SIGNATURE_INVALID: 1,
  CHAIN_BROKEN: 1,
  FORK_DETECTED: 1,
  THRESHOLD_NOT_MET: 1,
  DIGEST_MISMATCH: 1,
  INCLUSION_PROOF_INVALID: 1,
  CONSISTENCY_PROOF_INVALID: 1,
  VERIFICATION_FAILED: 1,
  ACTIVATION_BLOCKED: 1,
  UNTRUSTED_SIGNER: 1,
  // 2: invalid input or usage
  FLOAT_REJECTED: 2,
  UNSAFE_INTEGER: 2,
  LONE_SURROGATE: 2,
  DUPLICATE_KEY: 2,
  NON_STRING_KEY: 2,
  YAML_TAG: 2,
  YAML_SYNTAX: 2,
  JSON_SYNTAX: 2,
  XML_INVALID: 2,
  SCHEMA_INVALID: 2,
  VALIDATION_FAILED: 2,
  FILE_NOT_FOUND: 2,
  ARTIFACT_NOT_FOUND: 2,
  ARTIFACT_AMBIGUOUS: 2,
  INVALID_ARTIFACT_TYPE: 2,
  INVALID_DIGEST: 2,
  UNSUPPORTED_ALGORITHM: 2,
  MISSING_IN_STRICT: 2,
  PROOF_GENERATION_ERROR: 2,
  SYMLINK_REFUSED: 2,
  PATCH_FAILED: 2,
  KEY_FILE_INSECURE: 2,
  KEY_FILE_INVALID: 2,
  PASSPHRASE_INVALID: 2,
  UNSUPPORTED_DID_METHOD: 2,
  INVALID_TRANSITION: 2,
  INVALID_STATE: 2,
  NOT_FOUND: 2,
  CONFLICT: 2,
  USAGE: 2,
  // zone compiler (issue 3): validate problems and lock/build refusals
  MODULE_NOT_FOUND: 2,
  PROFILE_NOT_FOUND: 2,
  CORRIDOR_UNRESOLVED: 2,
  DUPLICATE_ID: 2,
  ID_MISMATCH: 2,
  VERSION_MISMATCH: 2,
  UNKNOWN_VARIANT: 2,
  DEPENDENCY_MISSING: 2,
  DEPENDENCY_UNSATISFIED: 2,
  PARAM_INVALID: 2,
  REGISTRY_INCOMPLETE: 2,
  RENDER_VARIABLE_MISSING: 2,
  // HTTP API (issue 8): refusals at the API edge
  UNAUTHORIZED: 2,
  RATE_LIMITED: 2,
  PAYLOAD_TOO_LARGE: 2,
  UNSUPPORTED_MEDIA_TYPE: 2,
  // 3: environment or internal error
  IO_ERROR: 3,
  DB_ERROR: 3,
  HASH_COLLISION: 3,
  UNSUPPORTED_VALUE: 3,
  INTERNAL: 3,
  NOT_READY: 3,
} as const satisfies Record<string, 1 | 2 | 3>;

export type ErrorCode = keyof typeof EXIT;
export type ExitCode = 0 | 1 | 2 | 3;

export const ERROR_CODES = Object.freeze(Object.keys(EXIT)) as readonly ErrorCode[];

export function exitCodeOf(code: ErrorCode): 1 | 2 | 3 {
  return EXIT[code];
}

export type ErrorDetails = Readonly<Record<string, unknown>>;

export class MsezError extends Error {
  override readonly name = 'MsezError';
  readonly exitCode: 1 | 2 | 3;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.exitCode = EXIT[code];
  }

  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isMsezError(err: unknown, code?: ErrorCode): err is MsezError {
  return err instanceof MsezError && (code === undefined || err.code === code);
}

/** Exhaustiveness guard for `switch` over literal unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new MsezError('INTERNAL', `unexpected ${what}: ${String(value)}`);
}
