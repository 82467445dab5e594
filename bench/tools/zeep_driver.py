"""zeep on the issue 5 workloads: parse (a) or write (c), timed in-process.

usage: zeep_driver.py WSDL parse A.XML RUNS
       zeep_driver.py WSDL write C.XML RUNS
Prints one JSON line: the median and all run times in seconds, and the bytes handled.
The WSDL is loaded once, outside the timing.
"""
import json
import statistics
import sys
import time

import zeep
from lxml import etree
from zeep.loader import parse_xml

MD = "{http://soap.sforce.com/2006/04/metadata}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
INTS = {"length", "precision", "scale", "visibleLines"}


def parse(client, data, runs):
    op = client.service._binding.get("readMetadata")
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        envelope = parse_xml(data, client.transport, settings=client.settings)
        result = op.process_reply(envelope)
        times.append(time.perf_counter() - t)
    # zeep unwraps the one-child wrappers: the answer is the list of records itself.
    records = result if isinstance(result, list) else result.records
    assert len(records) == 200 and len(records[0].fields) == 300, "zeep read too little"
    return times


def plain(elem):
    """A request element as zeep input: dicts, lists for repeated children, typed leaves."""
    kids = list(elem)
    if not kids:
        local = etree.QName(elem).localname
        text = elem.text or ""
        if local in INTS:
            return int(text)
        if text in ("true", "false") and local != "defaultValue":
            return text == "true"
        return text
    out = {}
    for k in kids:
        name = etree.QName(k).localname
        v = plain(k)
        if name in out:
            if not isinstance(out[name], list):
                out[name] = [out[name]]
            out[name].append(v)
        else:
            out[name] = v
    for name in ("fields", "value"):
        if name in out and not isinstance(out[name], list):
            out[name] = [out[name]]
    return out


def write(client, data, runs):
    doc = etree.fromstring(data)
    token = doc.find(f".//{MD}sessionId").text
    custom_object = client.get_type(f"{MD}CustomObject")
    objects = [custom_object(**plain(m)) for m in doc.iter(f"{MD}metadata")]
    times, size = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        msg = client.create_message(
            client.service, "createMetadata", metadata=objects,
            _soapheaders={"SessionHeader": {"sessionId": token}},
        )
        out = etree.tostring(msg, xml_declaration=True, encoding="UTF-8")
        times.append(time.perf_counter() - t)
        size = len(out)
    assert out.count(b"<ns0:fields>") + out.count(b"<fields>") == 3000, "zeep wrote too little"
    return times, size


def main():
    wsdl, what, path, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    client = zeep.Client(wsdl)
    data = open(path, "rb").read()
    if what == "parse":
        times, size = parse(client, data, runs), len(data)
    else:
        times, size = write(client, data, runs)
    print(json.dumps({"peer": "zeep", "task": what, "bytes": size,
                      "median_s": statistics.median(times), "runs_s": times}))


if __name__ == "__main__":
    main()
