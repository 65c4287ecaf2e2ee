import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { toOutputJson } from '../../cli/json-output.js';
import { resolveNow } from '../../cli/workspace.js';
import { isJsonObject, readDataFile, writeFileAtomic } from '../../src/core/index.js';
import { buildSettlementPlan, parseObligations, parsePartyDirectory, parseSettlementCorridors, toPacs008, type SettlementPlan } from '../../src/corridor/index.js';

interface SettleResult {
  plan: SettlementPlan;
  pacs008_xml: string;
}

export default class CorridorSettle extends MsezCommand<SettleResult> {
  static override summary = 'Net obligations into a settlement plan and emit ISO 20022 pacs.008.001.08 XML.';
  static override description =
    'FILE holds {obligations[], parties[{party_id, name, bic}], settlement_corridors[{corridor_id, currencies, priority}]?}. ' +
    'The XML goes to stdout (or --out); --plan-out writes the CorridorSettlementPlan JSON.';
  static override examples = ['<%= config.bin %> corridor settle settlement.yaml --out pacs008.xml --plan-out plan.json'];
  static override args = {
    file: Args.string({ description: 'settlement input (JSON or YAML)', required: true, ignoreStdin: true }),
  };
  static override flags = {
    out: Flags.string({ summary: 'Write the pacs.008 XML here instead of stdout.' }),
    'plan-out': Flags.string({ summary: 'Write the settlement plan JSON here.' }),
    at: Flags.string({ summary: 'created_at timestamp (default: SOURCE_DATE_EPOCH or now).' }),
  };

  async run(): Promise<SettleResult> {
    const { args, flags } = await this.parse(CorridorSettle);
    const input = readDataFile(args.file).value;
    const obj = isJsonObject(input) ? input : { obligations: input };
    const plan = buildSettlementPlan({
      obligations: parseObligations(obj.obligations ?? null),
      settlement_corridors: parseSettlementCorridors(obj.settlement_corridors),
      created_at: resolveNow(flags.at),
    });
    const xml = toPacs008(plan, parsePartyDirectory(obj.parties));
    if (flags['plan-out'] !== undefined) writeFileAtomic(flags['plan-out'], `${toOutputJson(plan)}\n`);
    if (flags.out !== undefined) writeFileAtomic(flags.out, xml);
    else this.print(xml);
    this.note(`${plan.plan_id}: ${plan.settlement_legs.length} leg(s)`);
    return { plan, pacs008_xml: xml };
  }
}
