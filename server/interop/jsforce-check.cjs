// Drives the local Metadata API server with jsforce (https://jsforce.github.io).
// Run by run.sh, which starts the server and sets SF_URL, SF_USER, SF_PASSWORD,
// SF_CLIENT_ID, SF_CLIENT_SECRET and SF_ZIP (a deploy zip).
const jsforce = require('jsforce');
const fs = require('fs');

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set`);
  return v;
};
const check = (cond, what) => {
  if (!cond) throw new Error(`check failed: ${what}`);
  console.log(`  ok: ${what}`);
};

async function main() {
  const url = env('SF_URL');

  console.log('jsforce: SOAP login()');
  const soap = new jsforce.Connection({ loginUrl: url, version: '66.0' });
  const info = await soap.login(env('SF_USER'), env('SF_PASSWORD'));
  check(soap.accessToken && info.organizationId, `logged in to org ${info.organizationId}`);

  console.log('jsforce: OAuth password grant');
  const oauth = new jsforce.Connection({
    oauth2: { loginUrl: url, clientId: env('SF_CLIENT_ID'), clientSecret: env('SF_CLIENT_SECRET') },
    version: '66.0',
  });
  await oauth.login(env('SF_USER'), env('SF_PASSWORD'));
  check(oauth.instanceUrl === url, `instanceUrl ${oauth.instanceUrl}`);

  console.log('jsforce: metadata calls');
  const md = oauth.metadata;
  const described = await md.describe('66.0');
  check(described.metadataObjects.some((o) => o.xmlName === 'ApexClass'), 'describeMetadata lists ApexClass');
  const classes = await md.list([{ type: 'ApexClass' }], '66.0');
  const listed = [].concat(classes || []).map((p) => p.fullName);
  check(listed.includes('HelloWorld'), `listMetadata: ${listed.join(', ')}`);
  const created = await md.create('CustomObject', {
    fullName: 'FromJsforce__c',
    label: 'From jsforce',
    pluralLabel: 'From jsforce',
    nameField: { type: 'Text', label: 'Name' },
    deploymentStatus: 'Deployed',
    sharingModel: 'ReadWrite',
  });
  check([].concat(created)[0].success === true, 'createMetadata CustomObject');
  const read = [].concat(await md.read('CustomObject', ['FromJsforce__c']))[0];
  check(read.fullName === 'FromJsforce__c' && read.label === 'From jsforce', `readMetadata: ${read.fullName}`);
  const missing = await md.read('CustomObject', 'Nope__c');
  check(!missing.fullName, 'readMetadata of a missing name is an empty record');
  const renamed = await md.rename('CustomObject', 'FromJsforce__c', 'Renamed__c');
  check(renamed.success === true, 'renameMetadata');
  const deleted = await md.delete('CustomObject', ['Renamed__c']);
  check([].concat(deleted)[0].success === true, 'deleteMetadata');

  console.log('jsforce: deploy and retrieve');
  const zip = fs.readFileSync(env('SF_ZIP'));
  const dep = await md.deploy(zip, { singlePackage: true, rollbackOnError: true }).complete(true);
  check(dep.success === true && dep.status === 'Succeeded', `deploy ${dep.id}: ${dep.status}, ${dep.numberComponentsDeployed} components`);
  const ret = await md
    .retrieve({ apiVersion: '66.0', singlePackage: true, unpackaged: { types: [{ name: 'ApexClass', members: ['Interop'] }], version: '66.0' } })
    .complete();
  const bytes = Buffer.from(ret.zipFile, 'base64');
  check(ret.success === true && bytes.length > 0, `retrieve ${ret.id}: ${bytes.length} zip bytes`);

  console.log('jsforce: expired session');
  soap.accessToken = 'expired-or-made-up';
  const healed = await soap.metadata.list([{ type: 'ApexClass' }], '66.0');
  check(healed && soap.accessToken !== 'expired-or-made-up', 'INVALID_SESSION_ID healed by jsforce logging in again');
  const bare = new jsforce.Connection({ instanceUrl: url, accessToken: 'made-up', version: '66.0' });
  let failed = null;
  try {
    await bare.metadata.list([{ type: 'ApexClass' }], '66.0');
  } catch (e) {
    failed = e;
  }
  check(failed && /INVALID_SESSION_ID/.test(`${failed.name} ${failed.message}`), `without a way to refresh: ${failed && failed.name}`);
  console.log('jsforce: all checks passed');
}

main().catch((e) => {
  console.error(`jsforce: FAILED: ${e.stack || e}`);
  process.exit(1);
});
