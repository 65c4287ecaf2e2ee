import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openStore, findWorkspaceRoot } from '../../cli/workspace.js';

interface ResolveResult {
  artifact_type: string;
  digest_sha256: string;
  path: string;
  byte_length: number;
}

export default class ArtifactResolve extends MsezCommand<ResolveResult> {
  static override summary = 'Find an artifact by type and digest, re-checking its digest.';
  static override description = 'Searches MSEZ_ARTIFACT_STORE_DIRS, then dist/artifacts. Exactly one file must match; a digest mismatch exits 1.';
  static override args = {
    type: Args.string({ description: 'artifact type', required: true, ignoreStdin: true }),
    digest: Args.string({ description: '64 hex characters', required: true, ignoreStdin: true }),
  };
  static override flags = {
    root: Flags.directory({ summary: 'Workspace root.' }),
    cat: Flags.boolean({ summary: 'Print the stored bytes instead of the path.' }),
  };

  async run(): Promise<ResolveResult> {
    const { args, flags } = await this.parse(ArtifactResolve);
    const found = openStore(findWorkspaceRoot(flags.root)).resolve(args.type, args.digest);
    this.print(flags.cat ? found.bytes : `${found.path}\n`);
    return { artifact_type: found.artifact_type, digest_sha256: found.digest_sha256, path: found.path, byte_length: found.bytes.byteLength };
  }
}
