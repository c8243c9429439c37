// Signs a ready in-toto statement with sigstore-js (@sigstore/sign, the library behind GitHub's
// attest action) the way this project's generate does: an OIDC token from the runner's endpoint,
// a Fulcio certificate, a DSSE envelope, a Rekor v1 dsse entry; writes the bundle as JSON. The
// peer of scripts/bench-sign; TLS trust through NODE_EXTRA_CA_CERTS.
// Usage: node sign.mjs SIGSTORE_INSTANCE_DIR STATEMENT OUT
// with ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN set.
import { readFileSync, writeFileSync } from 'node:fs';
import { bundleToJSON } from '@sigstore/bundle';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness } from '@sigstore/sign';

const [instance, statementFile, out] = process.argv.slice(2);
const config = JSON.parse(readFileSync(`${instance}/signing_config.json`, 'utf8'));
const identityProvider = {
  getToken: async () => {
    const url = `${process.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sigstore`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
    });
    if (!response.ok) throw new Error(`OIDC: HTTP ${response.status}`);
    return (await response.json()).value;
  },
};
const builder = new DSSEBundleBuilder({
  signer: new FulcioSigner({ fulcioBaseURL: config.caUrls[0].url, identityProvider }),
  witnesses: [new RekorWitness({ rekorBaseURL: config.rekorTlogUrls[0].url, entryType: 'dsse' })],
});
const bundle = await builder.create({
  data: readFileSync(statementFile),
  type: 'application/vnd.in-toto+json',
});
writeFileSync(out, JSON.stringify(bundleToJSON(bundle)) + '\n');
