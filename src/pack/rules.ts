import type { DigestRule } from '../cas/index.js';
import { lawpackDigestOfZip } from './lawpack.js';
import { licensepackDigestOfZip } from './licensepack.js';
import { regpackDigestOfJson } from './regpack.js';

/**
 * CAS digest rules for packs (canonical.md §7): a `.lawpack.zip` is named and re-verified by the lawpack
 * digest recomputed from its contents, never by the zip bytes; a
 * `regpack` JSON artifact by its regpack digest. Pass these to `ArtifactStore` / `openStore`.
 */
export const PACK_DIGEST_RULES: readonly DigestRule[] = [
  { type: 'lawpack', suffix: '.lawpack.zip', digest: lawpackDigestOfZip },
  { type: 'licensepack', suffix: '.licensepack.zip', digest: licensepackDigestOfZip },
  { type: 'regpack', suffix: '.json', digest: regpackDigestOfJson },
];
