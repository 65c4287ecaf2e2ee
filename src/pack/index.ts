export {
  LAWPACK_PREFIX,
  lawpackPreimage,
  lawpackDigest,
  indexAknDocument,
  buildLawpack,
  lawpackZip,
  lawpackLock,
  ingestLawpack,
  lockedToolVersion,
  readReceivedLawpack,
  canonicalFilesOf,
  lawpackDigestOfZip,
  verifyLawpack,
  showProvision,
} from './lawpack.js';
export type {
  EidFragment,
  AknIndexEntry,
  LawpackComponents,
  LawpackBuild,
  LawpackBuildOptions,
  IngestOptions,
  IngestResult,
  ReceivedLawpack,
  LawpackVerifyReport,
  Provision,
} from './lawpack.js';
export { parseXmlDocument, c14nDocument, c14nElement, nodePath, eIdElements } from './xml.js';
export { deterministicZip, readZip, comparePathComponents } from './zip.js';
export { PACK_DIGEST_RULES } from './rules.js';
