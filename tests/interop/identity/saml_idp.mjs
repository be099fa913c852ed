// A SAML 2.0 identity provider for the tests, shaped like Suomi.fi: samlify as the IdP,
// signed AuthnRequests required (HTTP-Redirect), a signed and encrypted assertion posted
// back, Suomi.fi's attributes, transient NameIDs, single logout.
// Usage: node saml_idp.mjs CONFIG.json; CONFIG: {key, certificate, app, behaviour}.
// The behaviour file is read at each sign-in: {person, signAssertion, encrypt}.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import * as samlify from 'samlify';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
// The IdP's own schema check of our requests is not what these tests are about.
samlify.setSchemaValidator({ validate: async () => 'skipped' });
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
let lastSignIn = null; // {issuer, logoutNameID, sessionIndex}: for a logout Suomi.fi starts
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const identityProvider = (encrypt) => samlify.IdentityProvider({
  entityID: `${base}/idp`, privateKey: config.key, signingCert: config.certificate,
  isAssertionEncrypted: encrypt, wantAuthnRequestsSigned: true, wantLogoutRequestSigned: true, wantLogoutResponseSigned: true,
  requestSignatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  nameIDFormat: ['urn:oasis:names:tc:SAML:2.0:nameid-format:transient'],
  singleSignOnService: [{ Binding: REDIRECT, Location: `${base}/sso` }],
  singleLogoutService: [{ Binding: REDIRECT, Location: `${base}/slo` }],
});

// The service provider is whoever the request names, if it is the app under test.
async function serviceProvider(query, name, behaviour) {
  const xml = inflateRawSync(Buffer.from(query.get(name), 'base64')).toString();
  const issuer = /<saml:Issuer>([^<]+)<\/saml:Issuer>/.exec(xml)[1];
  if (!issuer.startsWith(config.app)) throw new Error(`unknown service provider ${issuer}`);
  let metadata = await (await fetch(issuer)).text();
  if (!behaviour.signAssertion) metadata = metadata.replace('WantAssertionsSigned="true"', 'WantAssertionsSigned="false"');
  // Suomi.fi signs its logout messages too.
  return samlify.ServiceProvider({ metadata, wantLogoutRequestSigned: true, wantLogoutResponseSigned: true });
}

// What samlify checks a redirect's signature over: the parameters as they came.
const octetString = (raw) => raw.split('&').filter((p) => /^(SAMLRequest|SAMLResponse|RelayState|SigAlg)=/.test(p)).join('&');

const attribute = (name, friendly, value) => `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" FriendlyName="${friendly}"><saml:AttributeValue xsi:type="xs:string">${escape(value)}</saml:AttributeValue></saml:Attribute>`;

function response(person, request, idp, sp) {
  return (template) => {
    const now = new Date().toISOString();
    const nameID = `AAdzZWNyZXQx${randomUUID()}`;
    const sessionIndex = `_${randomUUID()}`;
    lastSignIn = { issuer: sp.entityMeta.getEntityID(), logoutNameID: nameID, sessionIndex };
    const later = new Date(Date.now() + 5 * 60000).toISOString();
    const id = `_${randomUUID()}`;
    const values = {
      ID: id, AssertionID: `_${randomUUID()}`, Destination: sp.entityMeta.getAssertionConsumerService('post'),
      Audience: sp.entityMeta.getEntityID(), SubjectRecipient: sp.entityMeta.getAssertionConsumerService('post'),
      Issuer: idp.entityMeta.getEntityID(), IssueInstant: now, StatusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success',
      ConditionsNotBefore: now, ConditionsNotOnOrAfter: later, SubjectConfirmationDataNotOnOrAfter: later,
      NameIDFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', NameID: nameID,
      InResponseTo: request.extract.request.id,
      AuthnStatement: `<saml:AuthnStatement AuthnInstant="${now}" SessionIndex="${sessionIndex}"><saml:AuthnContext><saml:AuthnContextClassRef>http://ftn.ficora.fi/2017/loa2</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
      AttributeStatement: `<saml:AttributeStatement>${[
        attribute('urn:oid:1.2.246.21', 'nationalIdentificationNumber', person.identityCode),
        attribute('urn:oid:2.5.4.42', 'givenName', person.givenName),
        attribute('urn:oid:2.5.4.4', 'sn', person.surname),
        attribute('urn:oid:0.9.2342.19200300.100.1.3', 'mail', person.mail),
      ].join('')}</saml:AttributeStatement>`,
    };
    return { id, context: template.replace(/\{(\w+)\}/g, (tag, name) => values[name] ?? tag) };
  };
}

async function signIn(url, res) {
  const behaviour = JSON.parse(readFileSync(config.behaviour, 'utf8'));
  const idp = identityProvider(behaviour.encrypt);
  const sp = await serviceProvider(url.searchParams, 'SAMLRequest', behaviour);
  const query = Object.fromEntries(url.searchParams);
  const request = await idp.parseLoginRequest(sp, 'redirect', { query, octetString: octetString(url.search.slice(1)) });
  const { context, entityEndpoint } = await idp.createLoginResponse(sp, request, 'post', {}, response(behaviour.person, request, idp, sp));
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(`<!doctype html><title>Suomi.fi</title><form method="post" action="${escape(entityEndpoint)}">
<input type="hidden" name="SAMLResponse" value="${escape(context)}"><input type="hidden" name="RelayState" value="${escape(query.RelayState ?? '')}">
<button type="submit">Jatka palveluun</button></form>`);
}

// Suomi.fi ends the session in every service when the person signs out of another.
async function startSignOut(res) {
  const sp = samlify.ServiceProvider({ metadata: await (await fetch(lastSignIn.issuer)).text(),
    wantLogoutRequestSigned: true, wantLogoutResponseSigned: true });
  const { context } = identityProvider(true).createLogoutRequest(sp, 'redirect', lastSignIn);
  res.writeHead(302, { Location: context }).end();
}

// The service's answer to that: its LogoutResponse, whose signature is checked.
async function signedOut(url, res) {
  const sp = await serviceProvider(url.searchParams, 'SAMLResponse', { signAssertion: true });
  const query = Object.fromEntries(url.searchParams);
  const { extract } = await identityProvider(true).parseLogoutResponse(sp, 'redirect', { query, octetString: octetString(url.search.slice(1)) });
  res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`signed out: ${extract.response.id ? 'verified' : 'no'}`);
}

async function signOut(url, res) {
  const idp = identityProvider(true);
  const sp = await serviceProvider(url.searchParams, 'SAMLRequest', { signAssertion: true });
  const query = Object.fromEntries(url.searchParams);
  const request = await idp.parseLogoutRequest(sp, 'redirect', { query, octetString: octetString(url.search.slice(1)) });
  const { context } = idp.createLogoutResponse(sp, request, 'redirect', query.RelayState);
  res.writeHead(302, { Location: context }).end();
}

server.on('request', async (req, res) => {
  const url = new URL(req.url, base);
  try {
    if (url.pathname === '/metadata') res.writeHead(200, { 'Content-Type': 'application/xml' }).end(identityProvider(true).getMetadata());
    else if (url.pathname === '/sso') await signIn(url, res);
    else if (url.pathname === '/slo' && url.searchParams.has('SAMLRequest')) await signOut(url, res);
    else if (url.pathname === '/slo') await signedOut(url, res);
    else if (url.pathname === '/initiate-logout') await startSignOut(res);
    else res.writeHead(404).end();
  } catch (error) {
    console.error(error);
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`refused: ${error.message ?? error}`);
  }
});
process.on('SIGTERM', () => process.exit(0));
console.log(`ready ${base}`);
