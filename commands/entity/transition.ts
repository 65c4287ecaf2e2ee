import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { nowOf, openState, stateFlags } from '../../cli/compliance.js';
import type { EntityEvent, EntityRecord } from '../../src/state/index.js';

const EVENTS = ['approve', 'reject', 'suspend', 'reinstate', 'initiate_dissolution', 'advance_dissolution'] as const;

export default class EntityTransition extends MsezCommand<EntityRecord> {
  static override summary = 'Move an entity along its lifecycle (approve, suspend, dissolution steps…).';
  static override description = 'Dissolution advances one stage at a time and only after the stage minimum duration (compliance.md §7).';
  static override args = {
    entity: Args.string({ description: 'entity id', required: true, ignoreStdin: true }),
    event: Args.string({ description: 'lifecycle event', required: true, options: [...EVENTS], ignoreStdin: true }),
  };
  static override flags = { ...stateFlags, 'approval-bps': Flags.integer({ summary: 'Shareholder approval in bps (SHAREHOLDER_RESOLUTION needs 7500).' }) };

  async run(): Promise<EntityRecord> {
    const { args, flags } = await this.parse(EntityTransition);
    const { transitionEntity } = await import('../../src/state/index.js');
    const kind = args.event as (typeof EVENTS)[number];
    const event: EntityEvent = kind === 'advance_dissolution' ? { kind, ...(flags['approval-bps'] !== undefined ? { shareholder_approval_bps: flags['approval-bps'] } : {}) } : { kind };
    const db = await openState(flags);
    try {
      const r = transitionEntity(db, args.entity, event, nowOf(flags));
      this.print(`${r.entity_id} ${r.state}${r.dissolution_stage !== undefined ? ` ${r.dissolution_stage}` : ''}\n`);
      return r;
    } finally {
      db.close();
    }
  }
}
