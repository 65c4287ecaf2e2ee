import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { findWorkspaceRoot, openStore } from '../../cli/workspace.js';
import { parseSha256Hex } from '../../src/core/index.js';
import type { Provision } from '../../src/pack/index.js';

export default class LawShow extends MsezCommand<Provision> {
  static override summary = 'Print one provision (an eId fragment) of a stored lawpack.';
  static override examples = ['<%= config.bin %> law show <digest> --eid sec_153'];
  static override args = { digest: Args.string({ description: 'lawpack digest (64 hex)', required: true, ignoreStdin: true }) };
  static override flags = {
    eid: Flags.string({ summary: 'The eId to print, e.g. sec_153.', required: true }),
    xml: Flags.boolean({ summary: 'Print the canonical XML fragment instead of its text.' }),
    root: Flags.directory({ summary: 'Workspace root.' }),
  };

  async run(): Promise<Provision> {
    const { args, flags } = await this.parse(LawShow);
    const { PACK_DIGEST_RULES, showProvision } = await import('../../src/pack/index.js');
    const digest = parseSha256Hex(args.digest);
    const found = openStore(findWorkspaceRoot(flags.root), PACK_DIGEST_RULES).resolve('lawpack', digest);
    const p = showProvision(digest, found.bytes, flags.eid);
    this.print(`${this.out.bold(p.eid)}  ${p.document} ${p.xpath}\n${flags.xml ? p.xml : p.text}\n`);
    return p;
  }
}
