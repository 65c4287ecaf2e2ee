import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { loadPolicies, nowOf, openState, readInput, stateFlags, zonePacks } from '../../cli/compliance.js';
import { findWorkspaceRoot, openStore } from '../../cli/workspace.js';
import { MsezError } from '../../src/core/index.js';
import type { ScreeningResult, SanctionsSnapshot } from '../../src/state/index.js';

export default class AgenticScreen extends MsezCommand<ScreeningResult> {
  static override summary = 'Screen every entity against sanctions; newly listed entities fire sanctions_list_update.';
  static override description =
    "The entries come from a snapshot FILE (schema sanctions.snapshot), a --regpack (CAS digest, source folder or file) or the regpacks the --zone's stack.lock pins. Matching is exact: identifiers (entity_id, NTN, CNIC, passport, DID) in normal form, else the case- and space-folded name or alias.";
  static override args = { file: Args.string({ description: 'sanctions snapshot (schema sanctions.snapshot)', ignoreStdin: true }) };
  static override flags = {
    ...stateFlags,
    regpack: Flags.string({ summary: 'Regpack whose sanctions_snapshot to screen against (digest, folder or file).', exclusive: ['zone', 'file'] }),
    zone: Flags.string({ summary: "Screen against the sanctions snapshots of the zone's regpacks.", exclusive: ['regpack', 'file'] }),
  };

  async run(): Promise<ScreeningResult> {
    const { args, flags } = await this.parse(AgenticScreen);
    const { regpackDigest, loadRegpack } = await import('../../src/pack/index.js');
    const { sanctionsFromRegpack, screenSanctions, screenSnapshots, zoneSanctions } = await import('../../src/state/index.js');
    const policies = await loadPolicies(flags.root);
    let snaps: SanctionsSnapshot[] | undefined;
    if (flags.regpack !== undefined) {
      const pack = loadRegpack(flags.regpack, openStore(findWorkspaceRoot(flags.root)));
      snaps = [sanctionsFromRegpack(pack, regpackDigest(pack)) ?? []].flat();
    } else if (flags.zone !== undefined) {
      snaps = zoneSanctions(await zonePacks(flags.root, flags.zone));
    } else if (args.file === undefined) {
      throw new MsezError('USAGE', 'give a snapshot FILE, --regpack or --zone');
    }
    const db = await openState(flags);
    try {
      const r = snaps === undefined ? screenSanctions(db, readInput(args.file as string), policies, nowOf(flags)) : screenSnapshots(db, snaps, policies, nowOf(flags));
      this.print(`screened ${r.screened} against ${r.snapshot_id}: newly listed ${r.listed.length}, still listed ${r.still_listed.length}\n`);
      for (const l of r.listed) this.print(`  ${l.entity_id} (${l.entry_id}): ${l.trigger.scheduled.map((a) => `${a.action_type} ${a.status}`).join(', ') || 'no action'}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
