"""Gas network time series: Dostyk's `gas solve --loads` against pandapipes' `run_timeseries`.

Usage (from the repository root):
    PY=$(bash ../shared/peers/setup.sh | tail -1)
    cargo build --release -p dostyk-cli
    $PY bench/gas/timeseries.py [--steps 8760] [--pp-steps 48] [--dir /tmp/gas-series]

The network: a meshed transmission grid of about 1,000 pipes (23 x 23 junctions, lengths 5-30
km, diameters 500-1200 mm) in two halves: the west half fed by an entry at 70 bar, the east half
fed from it through a compressor station (ratio 1.05), and two distribution meshes (5 x 5) fed
from the east half through pressure regulators (40 bar), one of them behind a second compressor. Every sink follows an hourly
profile (a daily and a yearly cycle with noise, seeded). pandapipes runs `run_timeseries` with a
ConstControl per sink over the first --pp-steps hours (a full `pipeflow` per step; the whole
year would take about an hour); Dostyk solves all --steps hours, and the first --pp-steps again
on their own for the like-for-like time and to compare the pressures. Writes into --dir only.
"""
import argparse
import json
import math
import os
import random
import subprocess
import time
import warnings

import numpy as np
import pandas as pd
import pandapipes as pp
from pandapipes.timeseries import run_timeseries
from pandapower.control import ConstControl
from pandapower.timeseries import DFData, OutputWriter

warnings.filterwarnings("ignore")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOSTYK = os.path.join(ROOT, "target", "release", "dostyk")


def network(seed=7, n=23):
    rnd = random.Random(seed)
    net = pp.create_empty_network(fluid="lgas")
    ids = {}
    for r in range(n):
        for c in range(n):
            ids[r, c] = pp.create_junction(net, pn_bar=70.0, tfluid_k=288.15,
                                           height_m=rnd.uniform(0.0, 200.0), name="N%d_%d" % (r, c))
    half = n // 2
    cut = {((n // 2, half), (n // 2, half + 1))}
    for r in range(n):
        for c in range(n):
            for dr, dc in [(0, 1), (1, 0)]:
                a, b = (r, c), (r + dr, c + dc)
                if b not in ids:
                    continue
                if dc and c == half:  # the halves meet through the compressors only
                    continue
                pp.create_pipe_from_parameters(
                    net, ids[a], ids[b], length_km=rnd.uniform(5.0, 30.0),
                    inner_diameter_mm=rnd.choice([500.0, 700.0, 800.0, 1000.0, 1200.0]), k_mm=0.02)
    for (a, b) in sorted(cut):
        pp.create_compressor(net, ids[a], ids[b], pressure_ratio=1.05)
    pp.create_ext_grid(net, ids[0, 0], p_bar=70.0, t_k=288.15)
    dist = []
    for k, anchor in enumerate([(half // 2, n - 1), (n - 1 - half // 2, n - 1)]):
        d = {}
        for r in range(5):
            for c in range(5):
                d[r, c] = pp.create_junction(net, pn_bar=40.0, tfluid_k=288.15, height_m=0.0)
        for r in range(5):
            for c in range(5):
                for dr, dc in [(0, 1), (1, 0)]:
                    if (r + dr, c + dc) in d:
                        pp.create_pipe_from_parameters(
                            net, d[r, c], d[r + dr, c + dc], length_km=rnd.uniform(1.0, 5.0),
                            inner_diameter_mm=rnd.choice([300.0, 400.0]), k_mm=0.05)
        inlet = ids[anchor]
        if k == 1:  # the second distribution mesh behind its own compressor, then a regulator
            inlet = pp.create_junction(net, pn_bar=70.0, tfluid_k=288.15, height_m=0.0)
            pp.create_compressor(net, ids[anchor], inlet, pressure_ratio=1.05)
        pp.create_pressure_control(net, inlet, d[0, 0], d[0, 0], controlled_p_bar=40.0)
        dist.extend(d.values())
    for (r, c), j in sorted(ids.items()):
        if (r, c) != (0, 0) and rnd.random() < 0.35:
            pp.create_sink(net, junction=j, mdot_kg_per_s=rnd.uniform(0.2, 1.0))
    for j in dist:
        if rnd.random() < 0.5:
            pp.create_sink(net, junction=j, mdot_kg_per_s=rnd.uniform(0.05, 0.2))
    return net


def profiles(net, steps, seed=11):
    rnd = np.random.default_rng(seed)
    hours = np.arange(steps)
    daily = 1.0 + 0.25 * np.sin(2 * math.pi * (hours % 24 - 7) / 24)
    yearly = 1.0 + 0.3 * np.cos(2 * math.pi * hours / 8760)
    base = net.sink.mdot_kg_per_s.values
    noise = rnd.uniform(0.9, 1.1, size=(steps, len(base)))
    return pd.DataFrame((daily * yearly)[:, None] * noise * base[None, :], columns=net.sink.index)


def dostyk(path, loads, timing=True):
    proc = subprocess.run([DOSTYK, "gas", "solve", path, "--loads", loads, "--timing"],
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit("dostyk: " + proc.stderr.strip())
    seconds = float(proc.stderr.split("solve_seconds")[1].split()[0])
    return seconds, proc.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=8760)
    ap.add_argument("--pp-steps", type=int, default=48)
    ap.add_argument("--dir", default="/tmp/gas-series")
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    net = network()
    path = os.path.join(args.dir, "network.json")
    pp.to_json(net, path)
    prof = profiles(net, args.steps)
    for name, rows in [("loads_all.csv", prof), ("loads_pp.csv", prof.iloc[: args.pp_steps])]:
        out = rows.copy()
        out.columns = ["sink/%d" % i for i in net.sink.index]
        out.index.name = "hour"
        out.to_csv(os.path.join(args.dir, name))

    t_all, _ = dostyk(path, os.path.join(args.dir, "loads_all.csv"))
    t_pp_steps, table = dostyk(path, os.path.join(args.dir, "loads_pp.csv"))

    ds = DFData(prof.iloc[: args.pp_steps])
    ConstControl(net, element="sink", variable="mdot_kg_per_s", element_index=net.sink.index,
                 data_source=ds, profile_name=net.sink.index)
    ow = OutputWriter(net, time_steps=range(args.pp_steps), output_path=None, log_variables=[])
    ow.log_variable("res_junction", "p_bar")
    start = time.perf_counter()
    run_timeseries(net, range(args.pp_steps), max_iter_hyd=100, friction_model="nikuradse")
    t_pp = time.perf_counter() - start
    p_pp = ow.output["res_junction.p_bar"].values

    lines = table.strip().split("\n")
    header = lines[0].split(",")
    cols = [i for i, h in enumerate(header) if h.startswith("p_bar_g:")]
    p_dk = np.array([[float(x) for x in np.array(l.split(","))[cols]] for l in lines[1:]])
    iters = [int(l.split(",")[1]) for l in lines[1:]]
    dp = float(np.nanmax(np.abs(p_dk - p_pp)))
    print(json.dumps({
        "pipes": len(net.pipe), "junctions": len(net.junction), "sinks": len(net.sink),
        "compressors": len(net.compressor), "pressure_controls": len(net.press_control),
        "pp_steps": args.pp_steps, "pp_seconds": round(t_pp, 3),
        "pp_seconds_per_step": round(t_pp / args.pp_steps, 4),
        "dostyk_seconds_same_steps": round(t_pp_steps, 4),
        "dostyk_iterations_first_and_rest": [iters[0], max(iters[1:]) if len(iters) > 1 else None],
        "ratio_same_steps": round(t_pp / t_pp_steps, 1),
        "dostyk_steps": args.steps, "dostyk_seconds_all": round(t_all, 3),
        "dostyk_seconds_per_step": t_all / args.steps,
        "ratio_per_step": round((t_pp / args.pp_steps) / (t_all / args.steps), 1),
        "max_abs_dp_bar_first_steps": dp,
    }, indent=1))


if __name__ == "__main__":
    main()
