export { ArtifactStore, jsonArtifactName } from './store.js';
export type { CasOptions, StoredArtifact, ResolvedArtifact, VerifyEntry, VerifyReport } from './store.js';
export { parseArtifactType, parseArtifactDigest, KNOWN_ARTIFACT_TYPES } from './names.js';
export type { ArtifactType } from './names.js';
export { jsonArtifactDigest, checkpointDigest } from './rules.js';
export type { DigestRule } from './rules.js';
