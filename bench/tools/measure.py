"""Runs a command N times under GNU time and prints one JSON line with the median wall
time and median peak RSS (of the largest process in the tree, as wait4 reports it).

usage: measure.py NAME RUNS [--prep 'SHELL CMD'] -- CMD ARGS...
--prep runs before each timed run, untimed (e.g. touching a file so cargo rebuilds a crate).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile


def one_run(cmd):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
        stats = {}
        for line in tf.read().splitlines():
            key, _, value = line.strip().rpartition(": ")
            stats[key] = value
    h, m, s = (["0", "0"] + stats["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"))[-3:]
    wall = int(h) * 3600 + int(m) * 60 + float(s)
    return wall, int(stats["Maximum resident set size (kbytes)"]) * 1024


def main():
    args = sys.argv[1:]
    name, runs, rest = args[0], int(args[1]), args[2:]
    prep = None
    if rest and rest[0] == "--prep":
        prep, rest = rest[1], rest[2:]
    if rest and rest[0] == "--":
        rest = rest[1:]
    walls, rss = [], []
    for _ in range(runs):
        if prep:
            subprocess.run(prep, shell=True, check=True, stdout=subprocess.DEVNULL)
        w, r = one_run(rest)
        walls.append(w)
        rss.append(r)
    print(json.dumps({"name": name, "runs": runs, "median_s": statistics.median(walls),
                      "median_rss_bytes": int(statistics.median(rss)), "walls_s": walls,
                      "load": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
