import { Args, Flags } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { openKeyFile, readObjectFile, writeJsonOutput } from '../../cli/key-input.js';
import { resolveNow } from '../../cli/workspace.js';
import { PROOF_SUITES, credentialPayloadDigest, signCredential, type ProofSuite } from '../../src/vc/index.js';
import type { JsonObject } from '../../src/core/index.js';

export interface VcSignResult {
  out: string | null;
  suite: ProofSuite;
  verificationMethod: string;
  created: string;
  payload_sha256: string;
  proofs: number;
  credential: JsonObject;
}

export const signFlags = {
  key: Flags.string({ summary: 'Key file (private OKP JWK or msez encrypted key).', required: true }),
  suite: Flags.option({ options: PROOF_SUITES, default: 'eddsa-jcs-2022' as ProofSuite, summary: 'Proof suite.' })(),
  created: Flags.string({ summary: 'Proof time YYYY-MM-DDTHH:MM:SSZ (default: SOURCE_DATE_EPOCH, else now).' }),
  out: Flags.string({ summary: 'Write the signed credential here (atomically) instead of stdout.' }),
};

/** Shared by `vc sign` and `vc cosign`. */
export async function signFile(
  print: (text: string) => void,
  file: string,
  flags: { key: string; suite: ProofSuite; created?: string | undefined; out?: string | undefined },
  before?: (cred: JsonObject) => void,
): Promise<VcSignResult> {
  const cred = readObjectFile(file, 'credential');
  before?.(cred);
  const created = resolveNow(flags.created);
  const key = await openKeyFile(flags.key);
  let signed: JsonObject;
  try {
    signed = signCredential(cred, key, { suite: flags.suite, created });
  } finally {
    key.dispose();
  }
  const text = writeJsonOutput(flags.out, signed);
  if (text !== undefined) print(text);
  return {
    out: flags.out ?? null,
    suite: flags.suite,
    verificationMethod: key.verificationMethod,
    created,
    payload_sha256: credentialPayloadDigest(signed),
    proofs: Array.isArray(signed.proof) ? signed.proof.length : 1,
    credential: signed,
  };
}

export default class VcSign extends MsezCommand<VcSignResult> {
  static override summary = 'Sign a credential (adds a proof; an existing proof makes a proof set).';
  static override description =
    'Default suite eddsa-jcs-2022 (W3C DataIntegrityProof, signs the proof options too); --suite msez-2025 ' +
    'gives the reference-compatible MsezEd25519Signature2025. Output is reproducible with --created or SOURCE_DATE_EPOCH.';
  static override examples = ['<%= config.bin %> vc sign cred.json --key custodian.jwk.json --out cred.signed.json'];
  static override args = { credential: Args.string({ description: 'credential JSON/YAML file', required: true, ignoreStdin: true }) };
  static override flags = signFlags;

  async run(): Promise<VcSignResult> {
    const { args, flags } = await this.parse(VcSign);
    const result = await signFile((t) => this.print(t), args.credential, flags);
    this.note(`signed with ${result.verificationMethod} (${result.suite})`);
    return result;
  }
}
