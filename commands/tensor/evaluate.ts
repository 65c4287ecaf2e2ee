import { Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, stateFlags, tensorPacks } from '../../cli/compliance.js';
import type { TensorEvaluation } from '../../src/state/index.js';

type Result = TensorEvaluation & { readonly packs?: { readonly regpacks: string[]; readonly licensepacks: string[] } };

export default class TensorEvaluate extends MsezCommand<Result> {
  static override summary = 'Evaluate the compliance tensor from stored state and the zone packs, and commit to it (D11).';
  static override description =
    "Each entity x jurisdiction x domain is evaluated at --at from attestations, sanctions (stored screenings and the zone regpacks' snapshots), licenses (stored and the zone licensepacks), filer status and the entity lifecycle; cells are stored with reasons and evidence digests, and the RFC 9162 root over every stored cell is recorded. The zone's packs come from its stack.lock via the CAS; --without-packs evaluates stored state only.";
  static override flags = {
    ...stateFlags,
    zone: Flags.string({ summary: 'Zone (folder under jurisdictions/, zone_id or jurisdiction id); its jurisdiction unless --jurisdiction.', required: true }),
    jurisdiction: Flags.string({ summary: "Evaluate only entities of this jurisdiction (default: the zone's jurisdiction_id)." }),
    entity: Flags.string({ summary: 'Evaluate only this entity.' }),
    all: Flags.boolean({ summary: 'Evaluate entities of every jurisdiction.' }),
    'without-packs': Flags.boolean({ summary: "Ignore the zone's regpacks and licensepacks." }),
  };

  async run(): Promise<Result> {
    const { flags } = await this.parse(TensorEvaluate);
    const { evaluateAndStore } = await import('../../src/state/index.js');
    const zp = flags['without-packs'] ? undefined : await tensorPacks(flags.root, flags.zone);
    const db = await openState(flags);
    try {
      const jurisdiction = flags.all ? undefined : (flags.jurisdiction ?? zp?.jurisdiction_id ?? flags.zone);
      const r = evaluateAndStore(db, { zone_id: flags.zone, ...(jurisdiction !== undefined ? { jurisdiction_id: jurisdiction } : {}), ...(flags.entity !== undefined ? { entity_id: flags.entity } : {}) }, nowOf(flags), zp?.packs);
      this.print(`evaluated ${r.evaluated_entities} entit${r.evaluated_entities === 1 ? 'y' : 'ies'} as of ${r.as_of}${zp === undefined ? ' (no packs)' : ` with ${zp.digests.regpacks.length} regpack(s), ${zp.digests.licensepacks.length} licensepack(s)`}\nroot ${r.root} (${r.size} cells)\n`);
      return zp === undefined ? r : { ...r, packs: zp.digests };
    } finally {
      db.close();
    }
  }
}
