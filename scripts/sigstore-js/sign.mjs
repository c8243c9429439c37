// Signs a ready in-toto statement with sigstore-js (@sigstore/sign, the library behind GitHub's
// attest action) the way this project's generate does: an OIDC token from the runner's endpoint,
// a Fulcio certificate, a DSSE envelope, then the log the instance's signing config selects (its
// highest Rekor API version): a Rekor v1 dsse entry, or a Rekor v2 dsse 0.0.2 entry and an RFC 3161
// timestamp from the config's first timestamp authority (Rekor v2 gives no signed time); writes the
// bundle as JSON. The peer of scripts/bench-sign; TLS trust through NODE_EXTRA_CA_CERTS.
// Usage: node sign.mjs SIGSTORE_INSTANCE_DIR STATEMENT OUT
// with ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN set.
import { readFileSync, writeFileSync } from 'node:fs';
import { bundleToJSON } from '@sigstore/bundle';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness, TSAWitness } from '@sigstore/sign';

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
const rekor = config.rekorTlogUrls.reduce((a, b) => (b.majorApiVersion > a.majorApiVersion ? b : a));
const witnesses = [
  new RekorWitness({
    rekorBaseURL: rekor.url,
    entryType: 'dsse',
    majorApiVersion: rekor.majorApiVersion,
  }),
];
if (rekor.majorApiVersion === 2) witnesses.push(new TSAWitness({ tsaBaseURL: config.tsaUrls[0].url }));
const builder = new DSSEBundleBuilder({
  signer: new FulcioSigner({ fulcioBaseURL: config.caUrls[0].url, identityProvider }),
  witnesses,
});
const bundle = await builder.create({
  data: readFileSync(statementFile),
  type: 'application/vnd.in-toto+json',
});
writeFileSync(out, JSON.stringify(bundleToJSON(bundle)) + '\n');
