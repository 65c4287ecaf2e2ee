import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { findWorkspaceRoot, openStore } from '../../cli/workspace.js';
import type { LicensepackBuildResult } from '../../src/pack/index.js';

export default class LicensepackBuild extends MsezCommand<LicensepackBuildResult> {
  static override summary = 'Build a licensepack (license types, licenses, holders, conditions) into the CAS.';
  static override description =
    'Reads SRC_DIR/licensepack.yaml, license-types.yaml, licenses.yaml and holders.yaml, validates every record (status enum, ' +
    'ids, references), stores dist/artifacts/licensepack/<digest>.licensepack.zip (msez-licensepack-v1 digest) and writes ' +
    'SRC_DIR/licensepack.lock.json.';
  static override examples = ['<%= config.bin %> licensepack build modules/licensing/jurisdictions/pk/financial'];
  static override args = { src: Args.string({ description: 'licensepack source folder', required: true, ignoreStdin: true }) };
  static override flags = { root: Flags.directory({ summary: 'Workspace root (default: nearest folder with msez.yaml or modules/).' }) };

  async run(): Promise<LicensepackBuildResult> {
    const { args, flags } = await this.parse(LicensepackBuild);
    const { PACK_DIGEST_RULES, buildLicensepack } = await import('../../src/pack/index.js');
    const root = findWorkspaceRoot(flags.root);
    const result = buildLicensepack(args.src, { root, store: openStore(root, PACK_DIGEST_RULES), toolVersion: this.config.version });
    this.print(`${result.licensepack_digest_sha256}  ${result.artifact_path}\n`);
    this.note(`${result.licensepack_id}: ${String(result.includes.licenses_total)} license(s); lock ${result.lock_path}`);
    return result;
  }
}
