// Credential sign/verify throughput for both proof suites and both Ed25519 implementations (crypto.md §1
// targets: sign >= 20k/s, verify >= 10k/s per core with node:crypto).
import { signCredential, signingKeyFromSeed, verifyCredential } from '../build/src/vc/index.js';
import { measure, round } from './_measure.mjs';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:msez:bench:1',
  type: ['VerifiableCredential', 'MSEZCorridorAgreementCredential'],
  issuer: 'did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw',
  validFrom: '2025-01-01T00:00:00Z',
  credentialSubject: {
    corridor_id: 'org.momentum.msez.corridor.pk-ae',
    definition_payload_sha256: 'a'.repeat(64),
    participants: [
      { id: 'did:key:z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw', role: 'zone_authority' },
      { id: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2', role: 'zone_authority' },
    ],
    activation: { thresholds: [{ role: 'zone_authority', required: 2, of: 2 }] },
    terms: 'Settlement in PKR and AED; disputes to DIFC-LCIA.',
  },
};

export async function run() {
  const out = {};
  const seed = new Uint8Array(32).fill(42);
  for (const impl of ['node', 'noble']) {
    const key = signingKeyFromSeed(seed, 'key-1', { impl });
    for (const suite of ['eddsa-jcs-2022', 'msez-2025']) {
      const ms = impl === 'node' ? 1000 : 600;
      const s = measure(() => signCredential(credential, key, { suite, created: '2025-01-01T00:00:00Z' }), { ms, warmup: 20 });
      const signed = signCredential(credential, key, { suite, created: '2025-01-01T00:00:00Z' });
      const v = measure(() => {
        if (!verifyCredential(signed, { impl }).ok) throw new Error('verify failed');
      }, { ms, warmup: 20 });
      out[`vc.sign.${suite}.${impl}.ops_per_s`] = round(s.opsPerSecond, 0);
      out[`vc.verify.${suite}.${impl}.ops_per_s`] = round(v.opsPerSecond, 0);
    }
    key.dispose();
  }
  return out;
}
