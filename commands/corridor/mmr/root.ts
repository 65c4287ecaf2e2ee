import { Args } from '@oclif/core';
import { MsezCommand } from '../../../cli/base.js';
import { toOutputJson } from '../../../cli/json-output.js';
import { readDataFile } from '../../../src/core/index.js';
import { mmrSummary, parseNextRoots, type MmrSummary } from '../../../src/corridor/index.js';

export default class CorridorMmrRoot extends MsezCommand<MmrSummary> {
  static override summary = 'Print the MMR {size, root, peaks} of a JSON list of receipt next_roots.';
  static override examples = ['<%= config.bin %> corridor mmr root next_roots.json'];
  static override args = {
    file: Args.string({ description: 'JSON array of 64-hex next_roots (or {"next_roots": [...]})', required: true, ignoreStdin: true }),
  };

  async run(): Promise<MmrSummary> {
    const { args } = await this.parse(CorridorMmrRoot);
    const summary = mmrSummary(parseNextRoots(readDataFile(args.file).value));
    this.print(`${toOutputJson(summary)}\n`);
    return summary;
  }
}
