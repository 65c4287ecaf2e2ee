import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { findWorkspaceRoot, openStore } from '../../cli/workspace.js';
import type { IngestResult } from '../../src/pack/index.js';

export default class LawIngest extends MsezCommand<IngestResult> {
  static override summary = 'Build a lawpack from an Akoma Ntoso module: zip, CAS entry and lawpack.lock.json.';
  static override description =
    'Reads module.yaml, sources.yaml and src/akn/**/*.xml (DTDs refused), indexes every eId, computes the lawpack digest ' +
    '(msez-lawpack-v1, Exclusive XML C14N), writes dist/lawpacks/<jid>/<domain>/<digest>.lawpack.zip, stores it in the CAS ' +
    'as lawpack/<digest>.lawpack.zip and writes <module>/lawpack.lock.json. Bad input writes nothing (exit 2).';
  static override examples = ['<%= config.bin %> law ingest modules/legal/jurisdictions/pk/tax --as-of-date 2025-07-01'];
  static override args = { module: Args.string({ description: 'lawpack source module directory', required: true, ignoreStdin: true }) };
  static override flags = {
    'as-of-date': Flags.string({ summary: 'Date the corpus is current as of (YYYY-MM-DD).', required: true }),
    'include-raw': Flags.boolean({ summary: 'Also pack src/raw/** as raw/ (not digested).' }),
    'out-dir': Flags.directory({ summary: 'Base folder for <jid>/<domain>/<digest>.lawpack.zip (default dist/lawpacks).' }),
    'keep-tool-version': Flags.boolean({ summary: "Reuse the lock's normalization.tool_version so a tool upgrade keeps the digest." }),
    root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  };

  async run(): Promise<IngestResult> {
    const { args, flags } = await this.parse(LawIngest);
    const { PACK_DIGEST_RULES, ingestLawpack, lockedToolVersion } = await import('../../src/pack/index.js');
    const root = findWorkspaceRoot(flags.root);
    const result = ingestLawpack(args.module, {
      asOfDate: flags['as-of-date'],
      toolVersion: this.config.version,
      lockedToolVersion: flags['keep-tool-version'] ? lockedToolVersion(args.module) : undefined,
      includeRaw: flags['include-raw'],
      outDir: flags['out-dir'],
      root,
      store: openStore(root, PACK_DIGEST_RULES),
    });
    this.print(`${result.lawpack_digest_sha256}  ${result.artifact_path}\n`);
    this.note(`${result.documents} document(s), ${result.fragments} eId fragment(s); lock ${result.lock_path}`);
    return result;
  }
}
