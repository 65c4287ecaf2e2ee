import type { CorridorActivationCheck } from '../src/lock/index.js';
import { checkActivation, credentialPayloadDigest, readCorridorPackage } from '../src/vc/index.js';

/**
 * The corridors.md §2 activation check as stack.lock needs it (formats.md §5 step 10). The lock layer sits
 * left of vc and cannot import it, so `lock`, `build` and tests pass this in: it reads the corridor package
 * with `readCorridorPackage` (agreement VCs in corridor.yaml order) and runs `checkActivation` unchanged.
 */
export const corridorActivation: CorridorActivationCheck = ({ dir, agreementPaths }) => {
  const input = readCorridorPackage(dir, { agreements: agreementPaths });
  const report = checkActivation(input);
  return {
    activated: report.activated,
    counted: report.counted.map((c) => c.id),
    blockers: report.blockers,
    agreementSetSha256: report.agreement_set_sha256,
    payloadSha256: input.agreements.map((a) => credentialPayloadDigest(a.vc)),
  };
};
