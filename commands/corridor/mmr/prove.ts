import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { toOutputJson } from '../../../cli/json-output.js';
import { readDataFile } from '../../../src/core/index.js';
import { buildConsistencyProof, buildInclusionProof, parseNextRoots, type MmrConsistencyProof, type MmrInclusionProof } from '../../../src/corridor/index.js';

export default class CorridorMmrProve extends MsezCommand<MmrInclusionProof | MmrConsistencyProof> {
  static override summary = 'Print the inclusion proof of one leaf, or a consistency proof from an older size.';
  static override examples = [
    '<%= config.bin %> corridor mmr prove next_roots.json --index 9',
    '<%= config.bin %> corridor mmr prove next_roots.json --from-size 8',
  ];
  static override args = {
    file: Args.string({ description: 'JSON array of 64-hex next_roots (or {"next_roots": [...]})', required: true, ignoreStdin: true }),
  };
  static override flags = {
    index: Flags.integer({ summary: 'Leaf index (0-based) for an inclusion proof.', min: 0, exactlyOne: ['index', 'from-size'] }),
    'from-size': Flags.integer({ summary: 'Older MMR size for an RFC 9162 consistency proof to the full list.', min: 1 }),
  };

  async run(): Promise<MmrInclusionProof | MmrConsistencyProof> {
    const { args, flags } = await this.parse(CorridorMmrProve);
    const leaves = parseNextRoots(readDataFile(args.file).value);
    const proof = flags.index !== undefined ? buildInclusionProof(leaves, flags.index) : buildConsistencyProof(leaves, flags['from-size'] ?? 0);
    this.print(`${toOutputJson(proof)}\n`);
    return proof;
  }
}
