// An OpenID provider for the tests: panva's oidc-provider, shaped like Microsoft Entra ID.
// Usage: node oidc_provider.mjs CONFIG.json
// CONFIG holds {client, jwks, people file}. Each person is read from the
// people file when they sign in, so a test can change someone's e-mail between sign-ins.
// Prints "ready <issuer>" when it listens.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// A free port from the OS first: the issuer names it.
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

function person(login) {
  const people = JSON.parse(readFileSync(config.people, 'utf8'));
  return people[login];
}

const provider = new Provider(issuer, {
  clients: [config.client],
  jwks: config.jwks,
  // Entra ID puts email and name into the ID token itself.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  claims: { openid: ['sub', 'oid', 'tid', 'preferred_username'], email: ['email'], profile: ['name'] },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const found = person(id);
    if (!found) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, oid: found.oid, tid: found.tid, preferred_username: found.email,
          email: found.email, name: found.name };
      },
    };
  },
});
provider.proxy = false;
process.on('SIGTERM', () => process.exit(0));
server.on('request', provider.callback());
console.log(`ready ${issuer}`);
