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
export {
  REGPACK_PREFIX,
  STACK_SPEC_VERSION,
  regpackDigest,
  regpackDigestOfJson,
  readRegpackSource,
  assertRegpack,
  buildRegpack,
  diffRegpacks,
  loadRegpack,
} from './regpack.js';
export type { RegpackBuildResult, RegpackDiff, RateChange } from './regpack.js';
export {
  LICENSEPACK_PREFIX,
  licensepackPreimage,
  licensepackDigest,
  assertLicensepack,
  readLicensepackSource,
  licensepackZip,
  readLicensepackZip,
  licensepackDigestOfZip,
  buildLicensepack,
} from './licensepack.js';
export type { Licensepack, LicensepackBuildResult } from './licensepack.js';
