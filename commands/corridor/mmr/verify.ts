import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { MsezError, isJsonObject, readDataFile } from '../../../src/core/index.js';
import { verifyConsistencyProof, verifyInclusionProof } from '../../../src/corridor/index.js';

interface VerifyResult {
  ok: true;
  kind: 'inclusion' | 'consistency';
}

export default class CorridorMmrVerify extends MsezCommand<VerifyResult> {
  static override summary = 'Verify an MMR inclusion proof (or a consistency proof); exit 1 when it fails.';
  static override examples = ['<%= config.bin %> corridor mmr verify proof.json', '<%= config.bin %> corridor mmr verify proof.json --root <hex>'];
  static override args = {
    file: Args.string({ description: 'proof JSON file', required: true, ignoreStdin: true }),
  };
  static override flags = {
    root: Flags.string({ summary: 'Also require the proof to end at this root (e.g. a checkpoint mmr.root).' }),
  };

  async run(): Promise<VerifyResult> {
    const { args, flags } = await this.parse(CorridorMmrVerify);
    const proof = readDataFile(args.file).value;
    const consistency = isJsonObject(proof) && proof.type === 'MSEZReceiptMMRConsistencyProof';
    const kind = consistency ? 'consistency' : 'inclusion';
    const check = consistency ? verifyConsistencyProof(proof) : verifyInclusionProof(proof);
    const code = consistency ? 'CONSISTENCY_PROOF_INVALID' : 'INCLUSION_PROOF_INVALID';
    if (!check.ok) throw new MsezError(code, `${kind} proof invalid: ${check.reason ?? ''}`, { reason: check.reason });
    const claimed = isJsonObject(proof) ? (consistency ? proof.new_root : proof.root) : undefined;
    if (flags.root !== undefined && (typeof claimed !== 'string' || claimed.toLowerCase() !== flags.root.trim().toLowerCase())) {
      throw new MsezError(code, `${kind} proof ends at ${String(claimed)}, expected ${flags.root}`, { reason: 'root mismatch' });
    }
    this.print(`ok: ${kind} proof verifies\n`);
    return { ok: true, kind };
  }
}
