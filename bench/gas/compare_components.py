"""Gas network components: Dostyk against pandapipes on networks with compressors, pressure
controls, flow controls, pumps, mass storages and ext_grids of each type.

Usage (from the repository root):
    PY=$(bash ../shared/peers/setup.sh | tail -1)
    $PY bench/gas/compare_components.py                # writes the fixtures
    cargo build --release -p dostyk-cli
    $PY bench/gas/compare_components.py --compare      # and compares with target/release/dostyk

Each network is built in pandapipes 0.16 (meshed grids with two entry points at different
pressures, so pipes carry gas both ways; several components at once, in loops and in series),
solved with `pipeflow` (Nikuradse, tight tolerances), and written to
crates/transit-gas/tests/fixtures/components/:
  NAME.pandapipes.json   the network, as pandapipes.to_json writes it
  NAME.results.json      pandapipes' junction pressures and branch mass flows
The Rust test crates/transit-gas/tests/component_fixtures.rs solves every network and compares
per junction (1e-4 bar) and per branch flow (1e-6 relative); it never runs Python. --compare
does the same here against the dostyk binary and prints a table.
"""
import argparse
import json
import os
import random
import subprocess
import warnings

import pandapipes as pp

warnings.filterwarnings("ignore")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "crates", "transit-gas", "tests", "fixtures", "components")
DOSTYK = os.path.join(ROOT, "target", "release", "dostyk")
OPTS = dict(max_iter_hyd=200, tol_p=1e-10, tol_m=1e-10, tol_res=1e-10, friction_model="nikuradse",
            calc_compression_power=False)
COMPONENTS = ["pump", "compressor", "press_control", "flow_control"]


def grid(net, rnd, rows, cols, prefix, p_bar, diameters, lengths, skip=()):
    """A rows x cols grid of junctions and pipes; `skip` lists edges ((r, c), (r2, c2)) left out
    (a component takes their place). Returns the junction ids by position."""
    ids = {}
    for r in range(rows):
        for c in range(cols):
            ids[r, c] = pp.create_junction(net, pn_bar=p_bar, tfluid_k=288.15,
                                           height_m=rnd.uniform(0.0, 50.0),
                                           name="%s%d_%d" % (prefix, r, c))
    for r in range(rows):
        for c in range(cols):
            for dr, dc in [(0, 1), (1, 0)]:
                a, b = (r, c), (r + dr, c + dc)
                if b in ids and (a, b) not in skip:
                    pp.create_pipe_from_parameters(
                        net, ids[a], ids[b], length_km=rnd.uniform(*lengths),
                        inner_diameter_mm=1000.0 * rnd.choice(diameters), k_mm=0.05,
                        name="%sP%d_%d_%s" % (prefix, r, c, "h" if dc else "v"))
    return ids


def sinks(net, rnd, ids, share, mdot, exclude=()):
    for pos, j in sorted(ids.items()):
        if pos not in exclude and rnd.random() < share:
            pp.create_sink(net, junction=j, mdot_kg_per_s=rnd.uniform(*mdot))


def compressor_mesh():
    """A 5x5 transmission mesh fed at two corners (40 and 38 bar) with a compressor station in
    a loop of the mesh and one out of service."""
    rnd = random.Random(1)
    net = pp.create_empty_network(fluid="lgas")
    ids = grid(net, rnd, 5, 5, "N", 40.0, [0.5, 0.6, 0.8], (5.0, 20.0), skip={((2, 1), (2, 2))})
    pp.create_ext_grid(net, ids[0, 0], p_bar=40.0, t_k=288.15, name="west")
    pp.create_ext_grid(net, ids[4, 4], p_bar=38.0, t_k=288.15, name="east")
    pp.create_compressor(net, ids[2, 1], ids[2, 2], pressure_ratio=1.15, name="CS1")
    pp.create_compressor(net, ids[3, 0], ids[4, 0], pressure_ratio=1.3, name="CS spare",
                         in_service=False)
    sinks(net, rnd, ids, 0.5, (2.0, 8.0), exclude={(0, 0), (4, 4)})
    return net


def pressure_control_mesh():
    """A transmission mesh (50 bar) feeding a distribution mesh through two regulators: one
    holds its outlet at 20 bar, the other a junction deeper in the distribution mesh at 18
    bar; a third regulator is not active and acts as a fixed loss."""
    rnd = random.Random(2)
    net = pp.create_empty_network(fluid="lgas")
    hp = grid(net, rnd, 3, 4, "H", 50.0, [0.5, 0.6], (5.0, 15.0))
    lp = grid(net, rnd, 3, 4, "L", 20.0, [0.3, 0.4], (1.0, 5.0))
    lp2 = grid(net, rnd, 2, 3, "M", 18.0, [0.2, 0.3], (1.0, 4.0))
    pp.create_ext_grid(net, hp[0, 0], p_bar=50.0, t_k=288.15, type="pt")
    pp.create_ext_grid(net, hp[2, 3], p_bar=49.0, t_k=288.15, type="p")
    pp.create_pressure_control(net, hp[2, 0], lp[0, 0], lp[0, 0], controlled_p_bar=20.0,
                               name="PR outlet")
    pp.create_pressure_control(net, hp[1, 3], lp2[0, 0], lp2[1, 2], controlled_p_bar=12.0,
                               name="PR downstream")
    pp.create_pressure_control(net, hp[0, 3], lp[2, 3], lp[2, 3], controlled_p_bar=30.0,
                               control_active=False, loss_coefficient=5000.0, name="PR open")
    sinks(net, rnd, hp, 0.3, (2.0, 6.0), exclude={(0, 0), (2, 3)})
    sinks(net, rnd, lp, 0.6, (0.5, 2.0))
    sinks(net, rnd, lp2, 0.8, (0.2, 0.8))
    return net


def flow_control_mesh():
    """A 4x5 mesh with two flow controls in its loops (one against the grid's natural flow
    direction is avoided), one inactive (open) flow control, and a source."""
    rnd = random.Random(3)
    net = pp.create_empty_network(fluid="lgas")
    ids = grid(net, rnd, 4, 5, "N", 30.0, [0.3, 0.4, 0.5], (2.0, 10.0),
               skip={((1, 1), (1, 2)), ((2, 3), (3, 3)), ((0, 3), (0, 4))})
    pp.create_ext_grid(net, ids[0, 0], p_bar=30.0, t_k=288.15)
    pp.create_ext_grid(net, ids[3, 4], p_bar=29.0, t_k=288.15)
    pp.create_flow_control(net, ids[1, 1], ids[1, 2], controlled_mdot_kg_per_s=3.0, name="FC1")
    pp.create_flow_control(net, ids[2, 3], ids[3, 3], controlled_mdot_kg_per_s=0.5, name="FC2")
    pp.create_flow_control(net, ids[0, 3], ids[0, 4], controlled_mdot_kg_per_s=9.0,
                           control_active=False, name="FC open")
    pp.create_source(net, ids[2, 0], mdot_kg_per_s=4.0)
    sinks(net, rnd, ids, 0.5, (1.0, 3.0), exclude={(0, 0), (3, 4)})
    return net


def pump_mesh():
    """A low-pressure mesh (3 bar, fed at two corners) with a standard pump (P2) into a second
    mesh and, in series, a pump with a curve fitted to points (as create_pump_from_parameters)
    into a third. (Two pumps of different lifts in parallel between two meshes leave pandapipes
    without a solution: the weaker one runs backwards.)"""
    rnd = random.Random(4)
    net = pp.create_empty_network(fluid="lgas")
    a = grid(net, rnd, 3, 3, "A", 3.0, [0.1, 0.15], (0.2, 1.0))
    b = grid(net, rnd, 3, 3, "B", 10.0, [0.08, 0.1], (0.2, 1.0))
    c = grid(net, rnd, 2, 3, "C", 13.0, [0.08, 0.1], (0.2, 1.0))
    pp.create_ext_grid(net, a[0, 0], p_bar=3.0, t_k=288.15)
    pp.create_ext_grid(net, a[2, 2], p_bar=2.9, t_k=288.15)
    pp.create_pump(net, a[2, 0], b[0, 0], std_type="P2", name="P2 pump")
    pp.create_pump_from_parameters(net, b[2, 2], c[0, 0], "booster",
                                   pressure_list=[4.0, 3.8, 3.2, 2.0],
                                   flowrate_list=[0.0, 50.0, 100.0, 150.0],
                                   reg_polynomial_degree=2, name="user curve pump")
    sinks(net, rnd, a, 0.5, (0.002, 0.008), exclude={(0, 0), (2, 2)})
    sinks(net, rnd, b, 0.7, (0.002, 0.01))
    sinks(net, rnd, c, 0.7, (0.002, 0.01))
    return net


def all_components():
    """Everything at once: a transmission mesh fed at 60 and 58 bar, a compressor into a second
    mesh, a regulator into a distribution mesh holding a junction beyond its outlet, a flow
    control in a loop, a pump with a user curve into a fourth mesh, mass storages filling and emptying, a source,
    and an ext_grid of type "t" (temperature only, no pressure)."""
    rnd = random.Random(5)
    net = pp.create_empty_network(fluid="lgas")
    t = grid(net, rnd, 4, 4, "T", 60.0, [0.6, 0.8, 1.0], (10.0, 30.0), skip={((1, 2), (2, 2))})
    c = grid(net, rnd, 3, 3, "C", 65.0, [0.5, 0.6], (5.0, 15.0))
    d = grid(net, rnd, 3, 3, "D", 16.0, [0.2, 0.3], (1.0, 4.0))
    pp.create_ext_grid(net, t[0, 0], p_bar=60.0, t_k=288.15, type="pt")
    pp.create_ext_grid(net, t[3, 3], p_bar=58.0, t_k=288.15, type="p")
    pp.create_ext_grid(net, t[1, 1], t_k=288.15, type="t", name="temperature only")
    pp.create_compressor(net, t[3, 0], c[0, 0], pressure_ratio=1.25, name="CS")
    pp.create_pipe_from_parameters(net, c[2, 2], t[3, 3], length_km=40.0, inner_diameter_mm=500.0,
                                   k_mm=0.05, name="return")
    pp.create_pressure_control(net, t[0, 3], d[0, 0], d[1, 1], controlled_p_bar=15.0,
                               name="PR")
    pp.create_flow_control(net, t[1, 2], t[2, 2], controlled_mdot_kg_per_s=5.0, name="FC")
    e = grid(net, rnd, 2, 2, "E", 17.0, [0.1], (0.5, 1.0))
    pp.create_pump_from_parameters(net, d[2, 2], e[0, 0], "small booster",
                                   pressure_list=[3.0, 2.5, 1.0],
                                   flowrate_list=[0.0, 100.0, 200.0],
                                   reg_polynomial_degree=2, name="pump")
    pp.create_mass_storage(net, t[2, 1], mdot_kg_per_s=4.0, name="filling")
    pp.create_mass_storage(net, c[2, 0], mdot_kg_per_s=-3.0, name="emptying")
    pp.create_source(net, d[2, 0], mdot_kg_per_s=0.5)
    sinks(net, rnd, t, 0.4, (3.0, 10.0), exclude={(0, 0), (3, 3)})
    sinks(net, rnd, c, 0.5, (2.0, 6.0))
    sinks(net, rnd, d, 0.8, (0.3, 1.0))
    sinks(net, rnd, e, 1.0, (0.01, 0.03))
    return net


NETWORKS = [compressor_mesh, pressure_control_mesh, flow_control_mesh, pump_mesh, all_components]


def results(net):
    out = {
        "pandapipes_version": pp.__version__,
        "iterations": int(net._internal_results["iterations_hydraulics"]),
        "p_bar": {str(i): float(v) for i, v in net.res_junction.p_bar.items() if v == v},
        "branch_mdot_kg_per_s": {},
    }
    for table in ["pipe", "valve"] + COMPONENTS:
        res = net.get("res_" + table)
        if res is not None and len(res):
            out["branch_mdot_kg_per_s"][table] = {
                str(i): float(v) for i, v in res.mdot_from_kg_per_s.items() if v == v}
    return out


def dostyk_flows(solution):
    flows = {"pipe": {}, "valve": {}}
    for key, table in [("pipes", "pipe"), ("valves", "valve"), ("pumps", "pump"),
                       ("compressors", "compressor"), ("pressure_controls", "press_control"),
                       ("flow_controls", "flow_control")]:
        for item in solution.get(key, []):
            if item["mass_flow_kg_per_s"] is not None:
                flows.setdefault(table, {})[str(item["id"])] = item["mass_flow_kg_per_s"]
    return flows


def compare(path, ref):
    proc = subprocess.run([DOSTYK, "gas", "solve", path], capture_output=True, text=True)
    if proc.returncode != 0:
        return None, proc.stderr.strip()
    sol = json.loads(proc.stdout)
    p = {str(j["id"]): j["pressure_bar_g"] for j in sol["junctions"]}
    dp = max(abs(p[i] - v) for i, v in ref["p_bar"].items())
    flows = dostyk_flows(sol)
    dm = 0.0
    for table, items in ref["branch_mdot_kg_per_s"].items():
        for i, v in items.items():
            dm = max(dm, abs(flows[table][i] - v) / max(abs(v), 1e-3))
    return (dp, dm), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compare", action="store_true", help="also run target/release/dostyk")
    ap.add_argument("--out", default=OUT, help="fixture folder (default: the test fixtures)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for build in NETWORKS:
        name = build.__name__
        net = build()
        try:
            pp.pipeflow(net, **OPTS)
        except Exception as e:  # a network that pandapipes cannot solve is a bug of this script
            raise SystemExit("%s: pandapipes: %s" % (name, e))
        ref = results(net)
        reverse = int((net.res_pipe.mdot_from_kg_per_s < 0).sum())
        path = os.path.join(args.out, name + ".pandapipes.json")
        pp.to_json(net, path)
        with open(os.path.join(args.out, name + ".results.json"), "w") as f:
            json.dump(ref, f, indent=1, sort_keys=True)
            f.write("\n")
        counts = ", ".join("%d %s" % (len(net[t]), t) for t in COMPONENTS + ["mass_storage"]
                           if t in net and len(net[t]))
        row = [name, len(net.junction), len(net.pipe), counts, reverse, ref["iterations"]]
        if args.compare:
            dev, err = compare(path, ref)
            row += ["%.1e" % dev[0], "%.1e" % dev[1]] if dev else ["error: " + err, ""]
        rows.append(row)
    head = ["network", "junctions", "pipes", "components", "pipes with reverse flow",
            "pp iterations"] + (["max |Δp| bar", "max rel |Δṁ|"] if args.compare else [])
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(str(x) for x in row) + " |")


if __name__ == "__main__":
    main()
