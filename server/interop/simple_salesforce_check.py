"""Drives the local Metadata API server with simple-salesforce (PyPI: simple-salesforce).

Run by run.sh, which starts the server and sets SF_URL, SF_USER, SF_PASSWORD,
SF_CLIENT_ID, SF_CLIENT_SECRET, SF_ZIP and SF_JWT_KEY (the test private key).

simple-salesforce always builds https:// URLs on *.salesforce.com or the instance host, so
this script routes them to the local plain-HTTP server with a small requests adapter: the
only thing it changes is where the bytes go.
"""
import os
import sys

import requests
from simple_salesforce import Salesforce

URL = os.environ["SF_URL"]  # http://127.0.0.1:PORT
HOSTPORT = URL.split("://", 1)[1]
_send = requests.adapters.HTTPAdapter.send


def _local(self, request, **kwargs):
    for prefix in ("https://login.salesforce.com", "https://" + HOSTPORT):
        if request.url.startswith(prefix):
            request.url = URL + request.url[len(prefix):]
    return _send(self, request, **kwargs)


requests.adapters.HTTPAdapter.send = _local


def check(cond, what):
    if not cond:
        raise SystemExit(f"simple-salesforce: FAILED: {what}")
    print(f"  ok: {what}")


def main():
    user, password = os.environ["SF_USER"], os.environ["SF_PASSWORD"]
    client_id, secret = os.environ["SF_CLIENT_ID"], os.environ["SF_CLIENT_SECRET"]

    print("simple-salesforce: SOAP login()")
    sf = Salesforce(username=user, password=password, security_token="", version="66.0")
    check(sf.session_id and sf.sf_instance == HOSTPORT, f"session for {sf.sf_instance}")

    print("simple-salesforce: OAuth password grant")
    oauth = Salesforce(username=user, password=password, consumer_key=client_id,
                       consumer_secret=secret, version="66.0")
    check(oauth.session_id, "password grant")

    print("simple-salesforce: JWT bearer grant")
    jwt = Salesforce(username=user, consumer_key=client_id,
                     privatekey_file=os.environ["SF_JWT_KEY"], version="66.0")
    check(jwt.session_id, "JWT bearer grant (aud https://login.salesforce.com)")

    print("simple-salesforce: metadata calls (zeep over the WSDL it ships)")
    md = sf.mdapi
    described = md.describe_metadata()
    names = [o.xmlName for o in described.metadataObjects]
    check("ApexClass" in names, f"describeMetadata: {len(names)} types")
    listed = md.list_metadata([md.ListMetadataQuery(type="ApexClass")])
    check(any(p.fullName == "HelloWorld" for p in listed), "listMetadata ApexClass")
    obj = md.CustomObject(fullName="FromPython__c", label="From Python", pluralLabel="From Python",
                          nameField=md.CustomField(label="Name", type=md.FieldType("Text")),
                          deploymentStatus=md.DeploymentStatus("Deployed"),
                          sharingModel=md.SharingModel("ReadWrite"))
    md.CustomObject.create(obj)
    read = md.CustomObject.read("FromPython__c")
    check(read.fullName == "FromPython__c" and read.label == "From Python", "createMetadata + readMetadata")
    read.label = "Changed"
    md.CustomObject.update(read)
    check(md.CustomObject.read("FromPython__c").label == "Changed", "updateMetadata")
    md.CustomObject.delete("FromPython__c")
    check(not md.CustomObject.read("FromPython__c").fullName, "deleteMetadata")

    print("simple-salesforce: deploy and retrieve")
    deploy_id, state = md.deploy(os.environ["SF_ZIP"], sandbox=False)
    check(deploy_id, f"deploy {deploy_id}: {state}")
    for _ in range(10):
        status = md.check_deploy_status(deploy_id)
        if status[0] in ("Succeeded", "Failed"):
            break
    check(status[0] == "Succeeded", f"checkDeployStatus: {status[0]}")
    ret_id, state = md.retrieve("retrieve", unpackaged={"ApexClass": ["Interop"]}, single_package=True)
    check(ret_id, f"retrieve {ret_id}: {state}")
    for _ in range(10):
        state = md.check_retrieve_status(ret_id)[0]
        if state in ("Succeeded", "Failed"):
            break
    check(state == "Succeeded", f"checkRetrieveStatus: {state}")
    state, _error, messages, zipped = md.retrieve_zip(ret_id)
    check(len(zipped) > 0 and not messages, f"retrieve zip: {len(zipped)} bytes")
    print("simple-salesforce: all checks passed")


if __name__ == "__main__":
    try:
        main()
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - report any client error as a failed check
        print(f"simple-salesforce: FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
