// node-soap on the issue 5 workloads: parse (a) or write (c), timed in-process.
//
// usage: node node_soap_driver.js WSDL parse A.XML RUNS
//        node node_soap_driver.js WSDL write C.XML RUNS
// Prints one JSON line: the median and all run times in seconds, and the bytes handled.
// The WSDL is loaded once, outside the timing.
'use strict';
const fs = require('fs');
const soap = require('soap');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const now = () => Number(process.hrtime.bigint()) / 1e9;

function parse(client, xml, runs) {
  const times = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = now();
    out = client.wsdl.xmlToObject(xml);
    times.push(now() - t);
  }
  const records = out.Body.readMetadataResponse.result.records;
  if (records.length !== 200 || records[0].fields.length !== 300) throw new Error('node-soap read too little');
  return times;
}

function write(client, xml, runs) {
  // The request's own content, read back by node-soap, is the input it writes.
  const body = client.wsdl.xmlToObject(xml).Body.createMetadata;
  // Our request binds the metadata namespace to a prefix of its own; node-soap writes it as the default one.
  for (const m of body.metadata) m.attributes = { 'xsi:type': 'CustomObject' };
  const token = /<sessionId>([^<]*)</.exec(xml)[1];
  // The binding's operation, as node-soap's own Client._invoke takes it.
  const bindings = client.wsdl.definitions.bindings;
  const input = bindings[Object.keys(bindings)[0]].methods.createMetadata.input;
  const times = [];
  let env;
  for (let i = 0; i < runs; i++) {
    const t = now();
    client.clearSoapHeaders();
    client.addSoapHeader({ SessionHeader: { sessionId: token } }, '', 'tns', 'http://soap.sforce.com/2006/04/metadata');
    const message = client.wsdl.objectToDocumentXML(input.$name, body, input.targetNSAlias, input.targetNamespace, input.$type || input.$lookupType);
    env = '<?xml version="1.0" encoding="utf-8"?>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      client.wsdl.xmlnsInEnvelope + '><soap:Header>' + client.getSoapHeaders().join('\n') +
      '</soap:Header><soap:Body>' + message + '</soap:Body></soap:Envelope>';
    times.push(now() - t);
  }
  const fields = (env.match(/<(\w+:)?fields>/g) || []).length;
  if (fields !== 3000) throw new Error('node-soap wrote ' + fields + ' fields, not 3000');
  return { times, size: Buffer.byteLength(env) };
}

async function main() {
  const [wsdl, what, path, runsText] = process.argv.slice(2);
  const client = await soap.createClientAsync(wsdl);
  const xml = fs.readFileSync(path, 'utf8');
  const runs = Number(runsText);
  let times, size;
  if (what === 'parse') { times = parse(client, xml, runs); size = Buffer.byteLength(xml); }
  else ({ times, size } = write(client, xml, runs));
  console.log(JSON.stringify({ peer: 'node-soap', task: what, bytes: size, median_s: median(times), runs_s: times }));
}
main().catch((e) => { console.error(e); process.exit(1); });
