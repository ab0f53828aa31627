#!/usr/bin/env python3
"""Runs every pywr model in a folder through pywr 1.x and through `dostyk water run`, and tallies.

Usage (from the repository root, with the peers' Python that has pywr 1.31.1; pywr's own test
models are GPL, so they are fetched outside the repository and never committed):

    PY=$(bash /work/shared/peers/setup.sh | tail -1)
    git clone https://github.com/pywr/pywr /work/peers/pywr   # tag v1.31.1
    cargo build --release -p dostyk-cli
    $PY bench/water/pywr_models.py /work/peers/pywr/tests/models /work/peers/pywr/examples

Every `*.json` under the folders (recursively) that pywr itself loads and runs is a candidate;
files pywr refuses (its own broken/invalid test models) are listed apart. For each candidate
the script records every node of the file's `nodes` list after each timestep (`flow`, or
`volume` for a storage or virtual storage; every scenario), runs `dostyk water run MODEL --out
CSV` and compares each (date, scenario, node, attribute) that Dostyk writes with pywr's value:
|dostyk - pywr| <= 1e-6 * max(|dostyk|, |pywr|) + 1e-8. Where the model defines `recorders`,
each recorder's value (`aggregated_value()`), values per scenario (`values()`) and series
(`data`, or a duration curve's `fdc`/`sdc`/`fdc_deviations`) are compared too, with the values
Dostyk writes with `--recorders` (NaN in pywr matches null or NaN); the file a `CSVRecorder`
writes is compared row by row (header and dates equal, values within the tolerance) with the
file Dostyk writes in the folder of `--recorders`. A model is

- identical: every value agrees and Dostyk wrote every node pywr recorded;
- refused: `dostyk water run` exited with an error (the first line of its message is the reason);
- wrong: a value differs (the first differing value is shown) or a node is missing.

A model that pywr refuses but Dostyk runs is "wrongly accepted". pywr's results are cached under
target/water-pywr-models/ by the model file's contents (delete the folder to rerun pywr).
`--only NAME` runs the models whose path contains NAME; `--verbose` prints every model's line.
"""
import argparse
import collections
import csv
import glob
import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import warnings

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CACHE = os.path.join(ROOT, "target", "water-pywr-models")
REL_TOL = 1e-6
ABS_FLOOR = 1e-8
# Part of the cache key: bump it when pywr_child records more (v2: recorder values).
CACHE_VERSION = b"v2"


def pywr_results(path):
    """(None, values) when pywr runs the model; (reason, None) when it refuses it."""
    text = open(path, "rb").read()
    # A model with a CSVRecorder also records the file it writes (v3); the others keep v2.
    version = b"v3-files" if b"CSVRecorder" in text else CACHE_VERSION
    key = hashlib.sha256(version + text + path.encode()).hexdigest()[:24]
    cached = os.path.join(CACHE, key + ".pickle")
    if os.path.exists(cached):
        with open(cached, "rb") as f:
            return pickle.load(f)
    # pywr runs in a child process: some models hang or crash the interpreter.
    p = subprocess.run([sys.executable, __file__, "--pywr-child", path, cached],
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0 or not os.path.exists(cached):
        last = (p.stderr.strip().splitlines() or ["pywr failed"])[-1]
        result = (last[:200], None)
        os.makedirs(CACHE, exist_ok=True)
        with open(cached, "wb") as f:
            pickle.dump(result, f)
        return result
    with open(cached, "rb") as f:
        return pickle.load(f)


def pywr_child(path, cached):
    """Runs pywr on `path` in this process and pickles (None, values) to `cached`."""
    warnings.simplefilter("ignore")
    from pywr.core import Model
    from pywr._core import AbstractStorage
    from pywr.recorders import Recorder

    class Rec(Recorder):
        def __init__(self, model, node, attr):
            super().__init__(model, name=f"dostyk-compare {attr} {node.name}")
            self.node, self.attr, self.values = node, attr, []

        def reset(self):
            self.values = []

        def after(self):
            self.values.append([float(x) for x in getattr(self.node, self.attr)])

    os.chdir(os.path.dirname(os.path.abspath(path)))
    model = Model.load(path)
    with open(path) as f:
        data = json.load(f)
    names = {n["name"] for n in data.get("nodes", [])}
    recs = []
    for node in model.nodes:
        if node.name not in names:
            continue
        attr = "volume" if isinstance(node, AbstractStorage) else "flow"
        try:
            getattr(node, attr)
        except Exception:
            continue
        recs.append((node.name, attr, Rec(model, node, attr)))
    ours = {id(r) for _, _, r in recs}
    model.run()
    recorders = {}
    for rec in model.recorders:
        if id(rec) in ours:
            continue
        recorders[rec.name] = recorder_values(rec)
        if type(rec).__name__ == "CSVRecorder":
            recorders[rec.name]["file"] = read_packed(rec.csvfile)
    dates = [p.to_timestamp().strftime("%Y-%m-%d") for p in model.timestepper.datetime_index]
    n_scen = len(model.scenarios.combinations)
    values = {}
    for name, attr, rec in recs:
        for k, d in enumerate(dates):
            for s in range(n_scen):
                values[(d, s, name, attr)] = rec.values[k][s]
    os.makedirs(CACHE, exist_ok=True)
    with open(cached, "wb") as f:
        pickle.dump((None, {"values": values, "scenarios": n_scen, "recorders": recorders}), f)


def read_packed(path):
    """The text of a file a recorder wrote, unpacked by its extension (.gz, .bz2)."""
    import bz2
    import gzip
    opener = gzip.open if path.endswith(".gz") else bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", newline="") as f:
        return f.read()


def compare_file(name, theirs, ours):
    """None when the CSV text Dostyk wrote has pywr's header, dates and values."""
    t_rows = list(csv.reader(io.StringIO(theirs)))
    o_rows = list(csv.reader(io.StringIO(ours)))
    if len(t_rows) != len(o_rows):
        return f"recorder {name!r} file: {len(o_rows)} rows, pywr {len(t_rows)}"
    for k, (t, o) in enumerate(zip(t_rows, o_rows)):
        if k == 0 or len(t) != len(o) or t[:1] != o[:1]:
            if t != o:
                return f"recorder {name!r} file row {k}: dostyk {o!r} pywr {t!r}"
            continue
        for x, y in zip(o[1:], t[1:]):
            if not close(float(x), float(y)):
                return f"recorder {name!r} file row {k}: dostyk {o!r} pywr {t!r}"
    if ours.replace("\r\n", "\n") != ours and theirs.replace("\r\n", "\n") == theirs:
        return f"recorder {name!r} file: line ends differ"
    return None


def recorder_values(rec):
    """A pywr recorder's value (`aggregated_value()`), values per scenario (`values()`) and
    series (`data`, or a duration curve's `fdc`/`sdc`/`fdc_deviations`), each None when pywr
    has none."""
    import numpy as np

    def attempt(f):
        try:
            return f()
        except Exception:
            return None
    out = {
        "value": attempt(lambda: float(rec.aggregated_value())),
        "values": attempt(lambda: [float(x) for x in np.asarray(rec.values())]),
        "series": None,
    }
    for attr in ("fdc_deviations", "fdc", "sdc", "data"):
        data = attempt(lambda: np.asarray(getattr(rec, attr), dtype=float))
        if data is not None and data.ndim == 2:
            out["series"] = data.tolist()
            break
    return out


def dostyk_results(exe, path, out_csv):
    """(None, (values, recorders)) or (reason, None)."""
    out_json = out_csv + ".recorders.json"
    for f in (out_csv, out_json):
        if os.path.exists(f):
            os.remove(f)
    try:
        p = subprocess.run([exe, "water", "run", path, "--out", out_csv, "--recorders", out_json, "--quiet"],
                           capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return ("timed out after 600 s", None)
    if p.returncode != 0:
        lines = [l for l in p.stderr.strip().splitlines() if l.strip()]
        reason = lines[0] if lines else f"exit {p.returncode}"
        reason = reason.removeprefix("error: ").replace(os.path.dirname(path) + "/", "")
        return (reason, None)
    values = {}
    with open(out_csv) as f:
        # With scenarios Dostyk writes one combination after another, in pywr's order, each
        # labelled by its members; a combination listed twice has the same label twice, so
        # the position is counted: a new block starts where the label changes or a (date,
        # node, attribute) comes again.
        s, label, seen = -1, None, set()
        for row in csv.DictReader(f):
            key = (row["date"], row["node"], row["attribute"])
            if row.get("scenario") is None:
                s = 0
            elif row["scenario"] != label or key in seen:
                s, label, seen = s + 1, row["scenario"], set()
            seen.add(key)
            values[(row["date"], s, row["node"], row["attribute"])] = float(row["value"])
    with open(out_json) as f:
        recorders = json.load(f)["recorders"]
    return (None, (values, recorders))


def close(x, y):
    """Equal within the tolerance; NaN (pywr) equals null or NaN (dostyk)."""
    x = float("nan") if x is None else x
    y = float("nan") if y is None else y
    if x != x or y != y:
        return (x != x) and (y != y)
    if x == y:
        return True
    return abs(x - y) <= REL_TOL * max(abs(x), abs(y)) + ABS_FLOOR


def compare_recorders(theirs, ours):
    """None when every recorder pywr computes has Dostyk's value, values and series."""
    for name, t in sorted(theirs.items()):
        o = ours.get(name)
        if o is None:
            return f"recorder {name!r} not written by dostyk"
        if "file" in t:
            path = o.get("file")
            if path is None:
                return f"recorder {name!r}: no file written by dostyk"
            diff = compare_file(name, t["file"], read_packed(os.path.join(CACHE, path)))
            if diff:
                return diff
        if t["value"] is not None and not close(o.get("value"), t["value"]):
            return f"recorder {name!r} value: dostyk {o.get('value')!r} pywr {t['value']!r}"
        if t["values"] is not None:
            if len(o.get("values", [])) != len(t["values"]):
                return f"recorder {name!r}: {len(o.get('values', []))} scenario values, pywr {len(t['values'])}"
            for s, (x, y) in enumerate(zip(o["values"], t["values"])):
                if not close(x, y):
                    return f"recorder {name!r} scenario {s}: dostyk {x!r} pywr {y!r}"
        if t["series"] is not None and o.get("series") is not None:
            rows = o["series"]["values"]
            if len(rows) != len(t["series"]):
                return f"recorder {name!r}: {len(rows)} series rows, pywr {len(t['series'])}"
            for k, (r, q) in enumerate(zip(rows, t["series"])):
                for s, (x, y) in enumerate(zip(r, q)):
                    if not close(x, y):
                        return f"recorder {name!r} series row {k} scenario {s}: dostyk {x!r} pywr {y!r}"
    return None


def compare(theirs, ours):
    """None when identical, else the first difference."""
    ours_runs = len({k[1] for k in ours})
    theirs_runs = len({k[1] for k in theirs})
    if ours and ours_runs != theirs_runs:
        return f"scenario combinations: dostyk {ours_runs}, pywr {theirs_runs}"
    for key, x in ours.items():
        y = theirs.get(key)
        if y is None:
            continue
        if abs(x - y) > REL_TOL * max(abs(x), abs(y)) + ABS_FLOOR:
            return f"{key}: dostyk {x!r} pywr {y!r}"
    ours_nodes = {(k[2], k[3]) for k in ours}
    missing = sorted({(k[2], k[3]) for k in theirs} - ours_nodes)
    if missing:
        return f"not written by dostyk: {missing[:5]}"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--exe", default=os.path.join(ROOT, "target", "release", "dostyk"))
    ap.add_argument("--only", default=None)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--pywr-child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.pywr_child:
        pywr_child(*a.pywr_child)
        return
    paths = []
    for folder in a.folders:
        paths += sorted(glob.glob(os.path.join(folder, "**", "*.json"), recursive=True))
    if a.only:
        paths = [p for p in paths if a.only in p]
    os.makedirs(CACHE, exist_ok=True)
    out_csv = os.path.join(CACHE, "dostyk.csv")
    tally = collections.Counter()
    reasons = collections.Counter()
    lines = []
    for path in paths:
        short = os.path.relpath(path, os.path.commonpath(a.folders) if len(a.folders) > 1 else a.folders[0])
        pywr_err, theirs = pywr_results(path)
        our_err, ours = dostyk_results(a.exe, path, out_csv)
        if pywr_err is not None:
            kind = "pywr refuses, dostyk refuses" if our_err else "pywr refuses, dostyk RUNS"
            tally[kind] += 1
            lines.append(f"{kind:32} {short}: pywr: {pywr_err}" + (f" | dostyk: {our_err}" if our_err else ""))
            continue
        if our_err is not None:
            tally["refused"] += 1
            reasons[our_err.split(": ", 1)[-1][:110]] += 1
            lines.append(f"{'refused':32} {short}: {our_err}")
            continue
        diff = compare(theirs["values"], ours[0]) or compare_recorders(theirs.get("recorders", {}), ours[1])
        if diff is None:
            tally["identical"] += 1
            lines.append(f"{'identical':32} {short}")
        else:
            tally["wrong"] += 1
            lines.append(f"{'WRONG':32} {short}: {diff}")
    for l in lines:
        if a.verbose or not l.startswith("identical"):
            print(l)
    ran = tally["identical"] + tally["refused"] + tally["wrong"]
    print()
    print(f"models pywr runs: {ran}; identical {tally['identical']}, refused {tally['refused']}, wrong {tally['wrong']}")
    print(f"models pywr refuses: {tally['pywr refuses, dostyk refuses'] + tally['pywr refuses, dostyk RUNS']}; "
          f"dostyk refuses them too {tally['pywr refuses, dostyk refuses']}, dostyk runs them {tally['pywr refuses, dostyk RUNS']}")


if __name__ == "__main__":
    main()
