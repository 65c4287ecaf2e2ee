export { MsezError, isMsezError, assertNever, exitCodeOf, ERROR_CODES } from './errors.js';
export type { ErrorCode, ExitCode, ErrorDetails } from './errors.js';
export { mcf, mcfText, compareCodePoints } from './canonical.js';
export type { CanonicalBytes } from './canonical.js';
export {
  sha256,
  toHex,
  hexToBytes,
  digestCanonical,
  digestValue,
  digestRaw,
  digestParts,
  parseSha256Hex,
  isSha256Hex,
  assertAlgorithm,
} from './digest.js';
export type { Sha256Hex, ContentDigest, DigestAlgorithm } from './digest.js';
export { normaliseDateTime, formatUtcSeconds, parseEpochSeconds } from './datetime.js';
export { parseJson, parseJsonBytes, decodeUtf8 } from './json-reader.js';
export type { JsonReadOptions } from './json-reader.js';
export { parseYaml, yaml11Reading } from './yaml-reader.js';
export type { ParsedYaml, Yaml11Warning } from './yaml-reader.js';
export { isJsonObject, setMember, normaliseInteger, childPointer, pointerToken } from './json-value.js';
export type { JsonValue, JsonObject, JsonArray, JsonPrimitive } from './json-value.js';
export { makeLocator, formatPosition } from './source.js';
export type { SourcePosition, ParsedSource } from './source.js';
export { readFileBytes, readDataFile, parseData, formatFromPath, writeFileAtomic, fsError } from './fs.js';
export type { DataFormat } from './fs.js';
