import { Args, Flags } from '@oclif/core';
import { extname } from 'node:path';
import { MsezCommand } from '../../cli/base.js';
import { openStore, findWorkspaceRoot } from '../../cli/workspace.js';
import type { StoredArtifact } from '../../src/cas/index.js';
import { decodeUtf8, formatFromPath, parseData, readFileBytes } from '../../src/core/index.js';

export default class ArtifactStore extends MsezCommand<StoredArtifact> {
  static override summary = 'Store a file in the content-addressed store (dist/artifacts).';
  static override description =
    'A .json/.yaml file is stored as a JSON artifact: its canonical bytes, named by their digest. ' +
    'With --blob the raw bytes are stored as <digest><suffix>.';
  static override examples = ['<%= config.bin %> artifact store ruleset rulesets/transition.json', '<%= config.bin %> artifact store blob notes.txt --blob --suffix .notes.txt'];
  static override args = {
    type: Args.string({ description: 'artifact type, e.g. ruleset, vc, blob', required: true, ignoreStdin: true }),
    file: Args.string({ description: 'file to store', required: true, ignoreStdin: true }),
  };
  static override flags = {
    blob: Flags.boolean({ summary: 'Store the raw bytes instead of parsing JSON/YAML.' }),
    suffix: Flags.string({ summary: 'Blob file suffix (default: the file extension).', dependsOn: ['blob'] }),
    root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }),
  };

  async run(): Promise<StoredArtifact> {
    const { args, flags } = await this.parse(ArtifactStore);
    const store = openStore(findWorkspaceRoot(flags.root));
    const bytes = readFileBytes(args.file);
    const stored = flags.blob
      ? store.storeBlob(args.type, bytes, flags.suffix ?? (extname(args.file) || '.bin'))
      : store.storeJson(args.type, parseData(decodeUtf8(bytes, args.file), formatFromPath(args.file), args.file).value);
    this.print(`${stored.digest_sha256}  ${stored.path}\n`);
    return stored;
  }
}
