import { Args } from '@oclif/core';
import { MsezCommand } from '../../cli/base.js';
import { readObjectFile } from '../../cli/key-input.js';
import { isJsonObject, type JsonValue } from '../../src/core/index.js';
import { credentialPayloadDigest, proofsOf } from '../../src/vc/index.js';

interface InspectResult {
  id: JsonValue | null;
  type: JsonValue | null;
  issuer: JsonValue | null;
  payload_sha256: string;
  proofs: { index: number; type: JsonValue | null; cryptosuite: JsonValue | null; verificationMethod: JsonValue | null; created: JsonValue | null; proofPurpose: JsonValue | null }[];
}

export default class VcInspect extends MsezCommand<InspectResult> {
  static override summary = 'Show a credential\'s id, type, issuer, payload digest and proofs (no verification).';
  static override args = { credential: Args.string({ description: 'credential JSON/YAML file', required: true, ignoreStdin: true }) };

  async run(): Promise<InspectResult> {
    const { args } = await this.parse(VcInspect);
    const cred = readObjectFile(args.credential, 'credential');
    const field = (o: JsonValue, k: string): JsonValue | null => (isJsonObject(o) ? (o[k] ?? null) : null);
    const result: InspectResult = {
      id: cred.id ?? null,
      type: cred.type ?? null,
      issuer: cred.issuer ?? null,
      payload_sha256: credentialPayloadDigest(cred),
      proofs: proofsOf(cred).map((p, index) => ({
        index,
        type: field(p, 'type'),
        cryptosuite: field(p, 'cryptosuite'),
        verificationMethod: field(p, 'verificationMethod'),
        created: field(p, 'created'),
        proofPurpose: field(p, 'proofPurpose'),
      })),
    };
    const show = (v: JsonValue | null): string => (typeof v === 'string' ? v : JSON.stringify(v));
    this.print(`id:             ${show(result.id)}\ntype:           ${show(result.type)}\nissuer:         ${show(result.issuer)}\npayload_sha256: ${result.payload_sha256}\n`);
    for (const p of result.proofs) {
      this.print(`proof ${p.index}: ${show(p.type)}${p.cryptosuite ? `/${show(p.cryptosuite)}` : ''} ${show(p.verificationMethod)} created ${show(p.created)} purpose ${show(p.proofPurpose)}\n`);
    }
    return result;
  }
}
