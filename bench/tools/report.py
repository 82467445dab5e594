"""Builds bench/RESULTS.md from the JSON lines bench/run.sh left in RESULTS_DIR and from
criterion's estimates (median of each benchmark).

usage: report.py RESULTS_DIR CRITERION_DIR
"""
import datetime
import glob
import json
import os
import platform
import subprocess
import sys

OUT, CRIT = sys.argv[1], sys.argv[2]
MB = 1e6


def load(name):
    path = os.path.join(OUT, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        text = f.read().strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:  # a command that printed more than its JSON line
        return json.loads(text.splitlines()[-1])


def crit(group, fn):
    """Median seconds of one criterion benchmark, or None."""
    path = os.path.join(CRIT, group, fn, "new", "estimates.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"] / 1e9


def sizes():
    out = {}
    path = os.path.join(OUT, "sizes.tsv")
    if os.path.exists(path):
        for line in open(path):
            name, n = line.split()
            out[name] = int(n)
    return out


def fmt_s(s):
    if s is None:
        return "n/a"
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    return f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"


def mbs(nbytes, s):
    return f"{nbytes / s / MB:.0f} MB/s" if s else "n/a"


def ratio(x):
    return f"{x:.2f}x" if x is not None else "n/a"


def verdict(ok):
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def div(a, b):
    return a / b if a is not None and b not in (None, 0) else None


def machine():
    cpu = "unknown"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return [
        f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- nproc: {os.cpu_count()}; CPU: {cpu}; memory: {mem:.0f} GiB; {platform.system()} {platform.release()}",
        f"- {rustc}; load average at report time: {os.getloadavg()[0]:.1f} (other jobs on the machine inflate every time below)",
    ]


def check(label, value, need, shown=None):
    """A target row: `value` is measured/required-direction so that `value >= need` passes."""
    ok = None if value is None or need is None else value >= need
    return (label, shown if shown is not None else ratio(value), ok)


def section_a(rows, sz):
    doc = sz.get("a.xml")
    t = {k: crit("a_read_metadata", k) for k in
         ("typed_runtime", "quick_xml_raw_scan", "quick_xml_ns_scan", "quick_xml_serde")}
    zeep, node = load("zeep-parse"), load("node-parse")
    typed = t["typed_runtime"]
    for label, s in [("typed parse (runtime::soap::decode_envelope)", typed),
                     ("quick-xml raw event scan", t["quick_xml_raw_scan"]),
                     ("quick-xml NsReader scan", t["quick_xml_ns_scan"]),
                     ("quick-xml + serde derive", t["quick_xml_serde"]),
                     ("zeep 4 (lxml)", zeep and zeep["median_s"]),
                     ("node-soap 1", node and node["median_s"])]:
        rows.append(("a", label, fmt_s(s), mbs(doc, s) if doc and s else "n/a"))
    checks = [
        check("(a) typed speed / raw scan speed >= 0.5x", div(t["quick_xml_raw_scan"], typed), 0.5),
        check("(a) typed speed / quick-xml+serde speed >= 1.3x", div(t["quick_xml_serde"], typed), 1.3),
        check("(a) typed speed / zeep speed >= 100x", div(zeep and zeep["median_s"], typed), 100),
        check("(a) typed speed / node-soap speed (no target)", div(node and node["median_s"], typed), None),
    ]
    mem = []
    for mode, label in [("typed-a", "typed parse"), ("serde-a", "quick-xml + serde"), ("scan-a", "raw scan")]:
        p = load("peak-" + mode)
        if p:
            mem.append((f"(a) {label}", p["peak_heap_bytes"] / p["doc_bytes"], p["max_rss_kb"] * 1024 / p["doc_bytes"],
                        p["allocated_bytes"] / p["doc_bytes"]))
    for peer, name in [("zeep-parse", "zeep"), ("node-parse", "node-soap")]:
        p = load(peer)
        if p and doc:
            mem.append((f"(a) {name} (whole process)", None, p["max_rss_kb"] * 1024 / doc, None))
    p = load("peak-typed-a")
    if p:
        heap = p["peak_heap_bytes"] / p["doc_bytes"]
        checks.append(check("(a) typed parse peak heap <= 2x document", 2.0 / heap, 1.0, f"{heap:.2f}x"))
    return checks, mem


def section_b(rows, sz):
    doc = sz.get("b.xml")
    t = {k: crit("b_check_retrieve_status", k) for k in
         ("typed_runtime", "base64_decode_alone", "quick_xml_raw_scan", "quick_xml_serde_then_base64")}
    for label, s in [("typed parse", t["typed_runtime"]),
                     ("base64 decode alone (same payload)", t["base64_decode_alone"]),
                     ("quick-xml raw event scan", t["quick_xml_raw_scan"]),
                     ("quick-xml + serde, then base64", t["quick_xml_serde_then_base64"])]:
        rows.append(("b", label, fmt_s(s), mbs(doc, s) if doc and s else "n/a"))
    checks = [check("(b) typed speed / base64-alone speed >= 0.7x", div(t["base64_decode_alone"], t["typed_runtime"]), 0.7)]
    mem = []
    p, b64 = load("peak-typed-b"), load("peak-base64-b")
    if p and b64:
        zip_bytes = b64["allocated_bytes"]
        extra = (p["allocated_bytes"] - zip_bytes) / zip_bytes
        mem.append(("(b) typed parse", p["peak_heap_bytes"] / p["doc_bytes"], p["max_rss_kb"] * 1024 / p["doc_bytes"],
                    p["allocated_bytes"] / p["doc_bytes"]))
        checks.append(check("(b) zip bytes copied at most once after decoding (bytes allocated beyond the one decoded buffer)",
                            1.0 - extra, 0.0, f"{extra * 100:.2f}% of the zip"))
    return checks, mem


def section_c(rows, sz):
    doc = sz.get("c.xml")
    t = {k: crit("c_create_metadata", k) for k in ("typed_runtime", "quick_xml_serde")}
    zeep, node = load("zeep-write"), load("node-write")
    for label, s in [("runtime writer (encode_request)", t["typed_runtime"]),
                     ("quick-xml serde serializer", t["quick_xml_serde"]),
                     ("zeep 4 (create_message + tostring)", zeep and zeep["median_s"]),
                     ("node-soap 1 (objectToDocumentXML + envelope)", node and node["median_s"])]:
        rows.append(("c", label, fmt_s(s), mbs(doc, s) if doc and s else "n/a"))
    det = load("determinism")
    same = det and det["identical"]
    return [
        check("(c) runtime writer speed / serde writer speed >= 2x", div(t["quick_xml_serde"], t["typed_runtime"]), 2.0),
        check("(c) runtime writer speed / zeep speed (no target)", div(zeep and zeep["median_s"], t["typed_runtime"]), None),
        check("(c) output byte-identical across runs and processes", (1.0 if same else 0.0) if det else None, 1.0,
              "identical" if same else "differs"),
    ]


def section_d(rows):
    ours, theirs, sz = load("d-codegen"), load("d-xsdparser"), load("d-sizes")
    for label, m, key in [("our CLI (codegen)", ours, "ours"), ("xsd-parser 1.5 (types + quick-xml)", theirs, "xsd_parser")]:
        if m:
            size = f", {sz[key] / MB:.1f} MB of Rust" if sz else ""
            rows.append(("d", label, fmt_s(m["median_s"]), f"{m['median_rss_bytes'] / MB:.0f} MB peak RSS{size}"))
    r = div(ours and ours["median_s"], theirs and theirs["median_s"])
    rss = ours and ours["median_rss_bytes"] / MB
    return [
        check("(d) our time / xsd-parser's time <= 0.25x", div(0.25, r), 1.0, ratio(r)),
        check("(d) our peak RSS <= 200 MB", div(200, rss), 1.0, f"{rss:.0f} MB" if rss else "n/a"),
    ]


def section_e(rows):
    full, pruned, serde = load("e-full"), load("e-pruned"), load("e-serde")
    for label, m, size in [("full Metadata stubs", full, load("e-full-size")),
                           ("pruned stubs (6 operations)", pruned, load("e-pruned-size")),
                           ("plain serde structs, same types", serde, load("e-serde-size"))]:
        if m and "median_s" in m:
            extra = f", {size['bytes'] / MB:.1f} MB source" if size else ""
            rows.append(("e", label, fmt_s(m["median_s"]), f"{m['median_rss_bytes'] / MB:.0f} MB peak RSS{extra}"))
        elif m:
            rows.append(("e", label, "not measured", m.get("missing", "")))
    ok = lambda m: bool(m) and "median_s" in m
    t = div(full["median_s"], serde["median_s"]) if ok(full) and ok(serde) else None
    mem = div(full["median_rss_bytes"], serde["median_rss_bytes"]) if ok(full) and ok(serde) else None
    p = div(pruned["median_s"], full["median_s"]) if ok(full) and ok(pruned) else None
    return [
        check("(e) full build time / serde baseline <= 0.3x", div(0.3, t), 1.0, ratio(t)),
        check("(e) full build peak memory / serde baseline <= 0.3x", div(0.3, mem), 1.0, ratio(mem)),
        check("(e) full build < 60 s", div(60.0, full["median_s"]) if ok(full) else None, 1.0,
              fmt_s(full["median_s"]) if ok(full) else "n/a"),
        check("(e) pruned build time / full <= 0.25x", div(0.25, p), 1.0, ratio(p) if p else "no operation filter"),
    ]


def section_f(rows):
    checks = []
    for case in ("small", "300_fields"):
        typed, plain = crit(f"f_call_{case}", "soap_client_typed"), crit(f"f_call_{case}", "plain_reqwest_post")
        scan = crit(f"f_call_{case}", "plain_post_raw_scan")
        serde = crit(f"f_call_{case}", "plain_post_serde_parse")
        rows.append(("f", f"{case}: generated client over SoapClient", fmt_s(typed), ""))
        rows.append(("f", f"{case}: plain reqwest POST of the same bytes", fmt_s(plain), ""))
        rows.append(("f", f"{case}: plain POST + quick-xml raw scan of the answer", fmt_s(scan), ""))
        rows.append(("f", f"{case}: plain POST + quick-xml/serde parse of the answer", fmt_s(serde), ""))
        over = div(typed, plain)
        checks.append(check(f"(f) {case}: client overhead per call <= +10%", div(1.10, over), 1.0,
                            f"{(over - 1) * 100:+.1f}%" if over else "n/a"))
        for label, base in (("POST + raw scan", scan), ("POST + serde parse", serde)):
            r = div(typed, base)
            checks.append(check(f"(f) {case}: typed call / {label} (no target)", None, None,
                                f"{(r - 1) * 100:+.1f}%" if r else "n/a"))
    return checks


def main():
    sz = sizes()
    rows, checks, mem = [], [], []
    c, m = section_a(rows, sz); checks += c; mem += m
    c, m = section_b(rows, sz); checks += c; mem += m
    checks += section_c(rows, sz)
    checks += section_d(rows)
    checks += section_e(rows)
    checks += section_f(rows)
    print("# Benchmark results (issue 5)\n")
    print("Written by `bench/run.sh`; medians (criterion's median for in-process benches, the")
    print("median of repeated runs otherwise). Throughput = document bytes / median time.\n")
    print("\n".join(machine()))
    print(f"- documents: {', '.join(f'{k} {v / MB:.1f} MB' for k, v in sz.items())}\n")
    print("| | what | median | throughput / memory |\n|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |")
    print("\n## Memory against document size\n")
    print("| parse | peak heap / doc | peak RSS / doc | bytes allocated / doc |\n|---|---|---|---|")
    for label, heap, rss, total in mem:
        print(f"| {label} | {ratio(heap)} | {ratio(rss)} | {ratio(total)} |")
    print("\n## Targets\n")
    print("| target | measured | verdict |\n|---|---|---|")
    for label, shown, ok in checks:
        print(f"| {label} | {shown} | {verdict(ok)} |")


main()
