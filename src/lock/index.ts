/**
 * stack.lock generation and checking (formats.md §5, D14, D16).
 * `computeLock` reads the workspace and returns the lock and its canonical bytes; `checkLock` compares
 * with the file on disk; `contentSha256` is the module directory digest.
 */
export { computeLock, lockBytes, lockPathOf, diffLocks, proofSigners, existingGeneratedAt } from './lock.js';
export type { LockOptions, LockResult } from './lock.js';
export { checkLock } from './check.js';
export type { LockCheckReport } from './check.js';
export { contentSha256, listModuleFiles, comparePaths } from './content.js';
export { MISSING, packLockPath } from './packs.js';
export type { PackKind } from './packs.js';
export { serializeLock, parseLockFormat, LOCK_FORMATS } from './format.js';
export type { LockFormat } from './format.js';
export type { CorridorActivationCheck, CorridorActivationSummary, CorridorPackageRef } from './activation.js';
