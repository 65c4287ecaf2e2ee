import type { DigestRule } from '../cas/index.js';
import { lawpackDigestOfZip } from './lawpack.js';

/**
 * CAS digest rules for packs (canonical.md §7): a `.lawpack.zip` is named and re-verified by the lawpack
 * digest recomputed from its contents, never by the zip bytes. Pass these to `ArtifactStore` / `openStore`.
 */
export const PACK_DIGEST_RULES: readonly DigestRule[] = [{ type: 'lawpack', suffix: '.lawpack.zip', digest: lawpackDigestOfZip }];
