#!/usr/bin/env python3
"""Writes the hostile pywr models of issue #21 used to measure the water engine (standard library).

    python3 bench/water/hostile_models.py chain --links 100000 --out /tmp/chain.json
    python3 bench/water/hostile_models.py outputs --outputs 160 --start 2000-01-01 \
        --end 9999-12-31 --out /tmp/outputs.json
    python3 bench/water/hostile_models.py big --mb 262 --shape links --out /tmp/big.json

`chain`: one input, N links in a row, one output (issue #21 item 13: model building was
quadratic in the chain's length). `outputs`: one input feeding N outputs over a long
timestepper (item 14: a 10 KB model whose results would be N x days values). `big`: a model
of about `--mb` megabytes (item 14: a 262 MB model took 7.3 GB to parse before its error), in
one of the shapes that cost the most memory per byte of text once parsed: `links` (a chain of
small link nodes, the issue's model), `numbers` (one long list of numbers) or `objects` (a list
of one-key objects); the bulk of `numbers` and `objects` goes under `recorders`, which the
engine reads but does not use. `limit` is the costliest model within the limits: 390,000
one-key objects holding long strings and 1.2 million numbers. The file is written as it is
generated, so it takes little memory.
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


def big(out, mb, shape):
    """Writes a model of about `mb` MB in `shape` to the open file `out`."""
    target = mb * 1_000_000
    head = ('{"metadata": {"title": "big %s model", "minimum_version": "1.0"},\n'
            '"timestepper": {"start": "2024-01-01", "end": "2024-01-02", "timestep": 1},\n' % shape)
    out.write(head)
    written = len(head)
    if shape == "links":
        # Nodes and edges, each about half of the text.
        out.write('"nodes": [{"name": "src", "type": "input", "max_flow": 5.0}')
        per = len(', {"name": "l0000000", "type": "link"}') + len(', ["l0000000", "l0000000"]')
        links = max(1, (target - written) // per)
        for i in range(links):
            out.write(', {"name": "l%d", "type": "link"}' % i)
        out.write(', {"name": "sink", "type": "output", "max_flow": 10.0, "cost": -1.0}],\n')
        out.write('"edges": [["src", "l0"]')
        for i in range(1, links):
            out.write(', ["l%d", "l%d"]' % (i - 1, i))
        out.write(', ["l%d", "sink"]]}\n' % (links - 1))
        return
    if shape == "limit":
        # Just within every limit: 390,000 one-key objects holding long strings (the text is
        # copied into the tree) and 1.2 million numbers, about `mb` MB in all.
        out.write('"nodes": [{"name": "src", "type": "input", "max_flow": 5.0},\n'
                  ' {"name": "sink", "type": "output", "max_flow": 10.0, "cost": -1.0}],\n'
                  '"edges": [["src", "sink"]],\n"recorders": [[0' + ",0" * 1_199_999 + "]")
        text = "x" * max(1, (target - written - 3_000_000) // 390_000 - 10)
        for _ in range(390_000):
            out.write(',{"a":"%s"}' % text)
        out.write("]}\n")
        return
    item = "0" if shape == "numbers" else '{"a":0}'
    out.write('"nodes": [{"name": "src", "type": "input", "max_flow": 5.0},\n'
              ' {"name": "sink", "type": "output", "max_flow": 10.0, "cost": -1.0}],\n'
              '"edges": [["src", "sink"]],\n"recorders": [' + item)
    chunk = ("," + item) * 100_000
    for _ in range(max(0, (target - written) // len(chunk))):
        out.write(chunk)
    out.write("]}\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=["chain", "outputs", "big"])
    p.add_argument("--mb", type=int, default=262)
    p.add_argument("--shape", choices=["links", "numbers", "objects", "limit"], default="links")
    p.add_argument("--links", type=int, default=100_000)
    p.add_argument("--outputs", type=int, default=160)
    p.add_argument("--start", default="2000-01-01")
    p.add_argument("--end", default="9999-12-31")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.what == "big":
        with open(a.out, "w") as f:
            big(f, a.mb, a.shape)
        return
    model = chain(a.links) if a.what == "chain" else outputs(a.outputs, a.start, a.end)
    with open(a.out, "w") as f:
        json.dump(model, f)


if __name__ == "__main__":
    main()
