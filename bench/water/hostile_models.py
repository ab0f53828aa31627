#!/usr/bin/env python3
"""Writes the hostile pywr models of issue #21 used to measure the water engine (standard library).

    python3 bench/water/hostile_models.py chain --links 100000 --out /tmp/chain.json
    python3 bench/water/hostile_models.py outputs --outputs 160 --start 2000-01-01 \
        --end 9999-12-31 --out /tmp/outputs.json

`chain`: one input, N links in a row, one output (issue #21 item 13: model building was
quadratic in the chain's length). `outputs`: one input feeding N outputs over a long
timestepper (item 14: a 10 KB model whose results would be N x days values).
Run a model with `target/release/dostyk water run MODEL` under `/usr/bin/time -v`.
"""
import argparse
import json


def chain(links):
    nodes = [{"name": "src", "type": "input", "max_flow": 5.0}]
    nodes += [{"name": f"l{i}", "type": "link"} for i in range(links)]
    nodes.append({"name": "sink", "type": "output", "max_flow": 10.0, "cost": -1.0})
    names = [n["name"] for n in nodes]
    return {
        "metadata": {"title": f"chain of {links} links", "minimum_version": "1.0"},
        "timestepper": {"start": "2024-01-01", "end": "2024-01-02", "timestep": 1},
        "nodes": nodes,
        "edges": [[a, b] for a, b in zip(names, names[1:])],
    }


def outputs(n, start, end):
    nodes = [{"name": "src", "type": "input", "max_flow": 1000.0}]
    nodes += [{"name": f"o{i}", "type": "output", "max_flow": 1.0, "cost": -1.0} for i in range(n)]
    return {
        "metadata": {"title": f"{n} outputs", "minimum_version": "1.0"},
        "timestepper": {"start": start, "end": end, "timestep": 1},
        "nodes": nodes,
        "edges": [["src", f"o{i}"] for i in range(n)],
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=["chain", "outputs"])
    p.add_argument("--links", type=int, default=100_000)
    p.add_argument("--outputs", type=int, default=160)
    p.add_argument("--start", default="2000-01-01")
    p.add_argument("--end", default="9999-12-31")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    model = chain(a.links) if a.what == "chain" else outputs(a.outputs, a.start, a.end)
    with open(a.out, "w") as f:
        json.dump(model, f)


if __name__ == "__main__":
    main()
