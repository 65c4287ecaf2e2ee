import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { toOutputJson } from '../../cli/json-output.js';
import { readDataFile } from '../../src/core/index.js';
import { net, parseObligations, type NettingResult } from '../../src/corridor/index.js';

export default class CorridorNet extends MsezCommand<NettingResult> {
  static override summary = 'Net a list of obligations (D9): exact minor units, greedy legs, reduction in bps.';
  static override examples = ['<%= config.bin %> corridor net obligations.json --json'];
  static override args = {
    file: Args.string({ description: 'JSON/YAML list of obligations (or {obligations: [...]})', required: true, ignoreStdin: true }),
  };

  async run(): Promise<NettingResult> {
    const { args } = await this.parse(CorridorNet);
    const result = net(parseObligations(readDataFile(args.file).value));
    this.print(`${toOutputJson({ legs: result.legs, currencies: result.currencies })}\n`);
    return result;
  }
}
