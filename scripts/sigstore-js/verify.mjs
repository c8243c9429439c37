// Verifies every bundle line of .intoto.jsonl files with sigstore-js against a trusted root.
// Usage: node verify.mjs TRUSTED_ROOT.json [--san URI] [--issuer URL] FILE.intoto.jsonl...
// Exit 0 when every line verifies, 1 otherwise; prints one line per bundle.
import { readFileSync } from 'node:fs';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: verify.mjs TRUSTED_ROOT.json [--san URI] [--issuer URL] FILE...');
  process.exit(2);
}
const trustedRoot = TrustedRoot.fromJSON(JSON.parse(readFileSync(args.shift(), 'utf8')));
const policy = {};
const files = [];
while (args.length > 0) {
  const arg = args.shift();
  if (arg === '--san') policy.subjectAlternativeName = args.shift();
  else if (arg === '--issuer') policy.extensions = { issuer: args.shift() };
  else files.push(arg);
}
const verifier = new Verifier(toTrustMaterial(trustedRoot), { tlogThreshold: 1, ctlogThreshold: 1 });

let verified = 0;
let failed = 0;
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  lines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    try {
      const bundle = bundleFromJSON(JSON.parse(line));
      const signer = verifier.verify(toSignedEntity(bundle), policy);
      console.log(`verified ${where} (${signer.identity?.subjectAlternativeName ?? 'key'})`);
      verified++;
    } catch (error) {
      console.log(`FAILED ${where}: ${error.code ?? ''} ${error.message}`);
      failed++;
    }
  });
}
console.log(`sigstore-js: verified ${verified} of ${verified + failed} bundles`);
process.exit(failed === 0 && verified > 0 ? 0 : 1);
