#!/usr/bin/env python3
"""Writes the pywr 1.x test models of dostyk-water (written for this project, not pywr's own).

Run from anywhere with any Python 3 (standard library only):

    python3 crates/water/tests/models/generate_models.py            # the committed test models
    python3 crates/water/tests/models/generate_models.py --syr-darya-years 50 --out DIR
                                                                     # the 50-year benchmark model

Every cost is distinct (and sums along alternative routes do not tie) so that each daily LP
has a unique optimum and Dostyk's results can be compared with pywr's exactly.
Inflows are synthetic (deterministic pseudo-random seasonal series), not observations.
"""
import argparse
import bz2
import gzip
import json
import math
import os
import random
import zipfile
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))


def daily_profile(base, amp, phase):
    return [round(base + amp * math.sin(2 * math.pi * (d - phase) / 366.0), 6) for d in range(366)]


def write(path, model):
    with open(path, "w") as f:
        json.dump(model, f, indent=1)
        f.write("\n")


def meta(title):
    return {"title": title, "description": "Dostyk water engine test model", "minimum_version": "1.0"}


def basic():
    """Input, Link, Output, Catchment; constant, monthlyprofile, dailyprofile, aggregated; named and inline."""
    return {
        "metadata": meta("basic network"),
        "timestepper": {"start": "2023-12-20", "end": "2024-03-10", "timestep": 1},
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "dailyprofile", "values": daily_profile(7.0, 4.0, 30)}},
            {"name": "well", "type": "input", "max_flow": "well_capacity", "cost": 2.5},
            {"name": "junction", "type": "link"},
            {"name": "canal", "type": "link", "max_flow": "canal_capacity", "cost": 0.7, "min_flow": 0.3},
            {"name": "city", "type": "output", "max_flow": 3.1, "cost": -20},
            {"name": "farms", "type": "output", "max_flow": "farm_demand", "cost": -8},
            {"name": "sea", "type": "output", "cost": -0.1},
        ],
        "edges": [["river", "junction"], ["well", "junction"], ["junction", "canal"],
                  ["canal", "city"], ["canal", "farms"], ["junction", "sea"]],
        "parameters": {
            "well_capacity": {"type": "constant", "value": 2.2},
            "canal_capacity": {"type": "monthlyprofile", "values": [6, 6.5, 7, 8, 9, 9, 9, 9, 8, 7, 6.5, 6]},
            "farm_demand": {"type": "aggregated", "agg_func": "sum", "parameters": [
                {"type": "monthlyprofile", "values": [1, 1.2, 2, 3, 5, 6, 6, 5, 3, 2, 1.2, 1]},
                "farm_base"]},
            "farm_base": {"type": "constant", "value": 1.5},
        },
        "recorders": {},
    }


def inflow_csv(path, start, days, columns, seed):
    rng = random.Random(seed)
    with open(path, "w") as f:
        f.write("Date," + ",".join(c for c, _, _ in columns) + "\n")
        state = [0.0] * len(columns)
        for k in range(days):
            d = start + timedelta(days=k)
            doy = d.timetuple().tm_yday
            vals = []
            for i, (_, base, amp) in enumerate(columns):
                state[i] = 0.8 * state[i] + rng.gauss(0, 0.12)
                seasonal = 1 + 0.8 * math.sin(2 * math.pi * (doy - 80) / 365.25)
                vals.append(max(0.0, base * seasonal * math.exp(state[i]) + amp * 0))
            f.write(d.isoformat() + "," + ",".join(f"{v:.6f}" for v in vals) + "\n")


def storages():
    """Storage, Reservoir (control_curve, above_curve_cost), dataframe CSV, controlcurve, controlcurveinterpolated."""
    inflow_csv(os.path.join(HERE, "storages_inflow.csv"), date(2020, 1, 1), 3 * 366,
               [("upper", 9.0, 0), ("lower", 3.0, 0)], 11)
    return {
        "metadata": meta("storages and reservoirs"),
        "timestepper": {"start": "2020-01-01", "end": "2021-12-31", "timestep": 1},
        "nodes": [
            {"name": "upper_inflow", "type": "catchment",
             "flow": {"type": "dataframe", "url": "storages_inflow.csv", "column": "upper", "index_col": "Date", "parse_dates": True}},
            {"name": "upper_res", "type": "reservoir", "max_volume": 400, "initial_volume_pc": 0.6,
             "control_curve": 0.65,
             "above_curve_cost": -1.5},
            {"name": "upper_release", "type": "link", "max_flow": 14, "cost": 0.2},
            {"name": "upper_spill", "type": "link", "cost": 5.3},
            {"name": "river", "type": "link"},
            {"name": "lower_inflow", "type": "catchment",
             "flow": {"type": "dataframe", "url": "storages_inflow.csv", "column": "lower", "index_col": "Date", "parse_dates": True}},
            {"name": "lower_store", "type": "storage", "max_volume": "lower_max", "initial_volume": 50, "min_volume": 5,
             "cost": "lower_cost"},
            {"name": "lower_release", "type": "link", "max_flow": 9, "cost": 0.35},
            {"name": "town", "type": "output", "max_flow": {"type": "monthlyprofile", "values": [4, 4, 5, 6, 8, 10, 11, 10, 7, 5, 4, 4]},
             "cost": "town_cost"},
            {"name": "irrigation", "type": "output", "max_flow": {"type": "monthlyprofile", "values": [0, 0, 2, 5, 8, 9, 9, 8, 5, 2, 0, 0]},
             "cost": -30},
            {"name": "outlet", "type": "output", "cost": -0.05},
        ],
        "edges": [["upper_inflow", "upper_res"], ["upper_res", "upper_release"], ["upper_res", "upper_spill"],
                  ["upper_release", "river"], ["upper_spill", "river"], ["lower_inflow", "lower_store"],
                  ["river", "lower_store"], ["lower_store", "lower_release"], ["lower_release", "town"],
                  ["lower_release", "irrigation"], ["river", "outlet"]],
        "parameters": {
            "lower_max": {"type": "constant", "value": 180},
            "lower_cost": {"type": "controlcurveinterpolated", "storage_node": "lower_store",
                           "control_curves": [0.7, {"type": "monthlyprofile", "values": [0.3, 0.3, 0.35, 0.4, 0.4, 0.35, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]}],
                           "values": [-2, -6, -14, -25]},
            "town_cost": {"type": "controlcurve", "storage_node": "lower_store", "control_curves": [0.5, 0.2],
                          "values": [-60, -45, -35]},
        },
        "recorders": {},
    }


def losses():
    """LossLink (net and gross), RiverGauge (mrf, mrf_cost), edges with slots on a two-slot storage."""
    return {
        "metadata": meta("losses and gauges"),
        "timestepper": {"start": "2021-01-01", "end": "2021-12-31", "timestep": 1},
        "nodes": [
            {"name": "source", "type": "catchment", "flow": {"type": "monthlyprofile", "values": [6, 6, 8, 12, 18, 22, 20, 15, 10, 8, 7, 6]}},
            {"name": "tank", "type": "storage", "max_volume": 120, "initial_volume": 60, "cost": -3, "inputs": 2, "outputs": 1},
            {"name": "gauge", "type": "rivergauge", "mrf": {"type": "monthlyprofile", "values": [3, 3, 3, 4, 5, 5, 5, 5, 4, 3, 3, 3]},
             "mrf_cost": -100, "cost": 0.15},
            {"name": "canal_net", "type": "losslink", "loss_factor": 0.1, "max_flow": 5, "cost": 0.4},
            {"name": "canal_gross", "type": "losslink", "loss_factor": 0.2, "loss_factor_type": "gross", "max_flow": 4.5, "cost": 0.25},
            {"name": "farm_a", "type": "output", "max_flow": 4.2, "cost": -40},
            {"name": "farm_b", "type": "output", "max_flow": 3.9, "cost": -35},
            {"name": "delta", "type": "output", "cost": -0.2},
        ],
        "edges": [["source", "tank"], ["tank", "gauge", 0, None], ["tank", "canal_net", 1, None],
                  ["gauge", "canal_gross"], ["canal_net", "farm_a"], ["canal_gross", "farm_b"], ["gauge", "delta"]],
        "parameters": {},
        "recorders": {},
    }


def aggregated():
    """AggregatedNode with max_flow on a sum, min_flow, and factors."""
    return {
        "metadata": meta("aggregated nodes"),
        "timestepper": {"start": "2022-01-01", "end": "2022-12-31", "timestep": 1},
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "monthlyprofile", "values": [10, 10, 12, 16, 22, 25, 24, 20, 15, 12, 11, 10]}},
            {"name": "split", "type": "link"},
            {"name": "uz_farms", "type": "output", "max_flow": 9, "cost": -50},
            {"name": "uz_city", "type": "output", "max_flow": 4, "cost": -70},
            {"name": "kz_farms", "type": "output", "max_flow": 8, "cost": -45},
            {"name": "kz_city", "type": "output", "max_flow": 3, "cost": -65},
            {"name": "sea", "type": "output", "cost": -1},
            {"name": "uz_cap", "type": "aggregatednode", "nodes": ["uz_farms", "uz_city"],
             "max_flow": {"type": "monthlyprofile", "values": [6, 6, 7, 8, 10, 11, 11, 10, 8, 7, 6, 6]}},
            {"name": "kz_share", "type": "aggregatednode", "nodes": ["kz_farms", "kz_city"], "factors": [2, 1], "max_flow": 9},
            {"name": "sea_min", "type": "aggregatednode", "nodes": ["sea"], "min_flow": 2.5},
        ],
        "edges": [["river", "split"], ["split", "uz_farms"], ["split", "uz_city"], ["split", "kz_farms"],
                  ["split", "kz_city"], ["split", "sea"]],
        "parameters": {},
        "recorders": {},
    }


def licences():
    """AnnualVirtualStorage and SeasonalVirtualStorage (within a year and across the year end), started mid-season."""
    return {
        "metadata": meta("licences"),
        "timestepper": {"start": "2019-08-15", "end": "2022-05-10", "timestep": 1},
        "nodes": [
            {"name": "river", "type": "catchment", "flow": 12},
            {"name": "offtake", "type": "link"},
            {"name": "kz_canal", "type": "output", "max_flow": 5, "cost": -30},
            {"name": "uz_canal", "type": "output", "max_flow": 4, "cost": -25},
            {"name": "sea", "type": "output", "cost": -0.5},
            {"name": "kz_growing", "type": "seasonalvirtualstorage", "nodes": ["kz_canal"], "max_volume": 500,
             "initial_volume": 120, "reset_day": 1, "reset_month": 4, "end_day": 1, "end_month": 10},
            {"name": "kz_nongrowing", "type": "seasonalvirtualstorage", "nodes": ["kz_canal"], "max_volume": 300,
             "initial_volume": 300, "reset_day": 1, "reset_month": 10, "end_day": 1, "end_month": 4},
            {"name": "uz_annual", "type": "annualvirtualstorage", "nodes": ["uz_canal", "kz_canal"], "factors": [1.0, 0.25],
             "max_volume": 1100, "initial_volume_pc": 0.4, "reset_day": 1, "reset_month": 10},
        ],
        "edges": [["river", "offtake"], ["offtake", "kz_canal"], ["offtake", "uz_canal"], ["river", "sea"]],
        "parameters": {},
        "recorders": {},
    }


def varying():
    """Varying max_volume (parameter), controlcurve with `parameters`, every agg_func, flow_weights,
    reset_to_initial_volume, a licence whose max_volume is a parameter, and a leap day."""
    return {
        "metadata": meta("varying volumes and parameter functions"),
        "timestepper": {"start": "2019-11-20", "end": "2021-03-15", "timestep": 1},
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "aggregated", "agg_func": "product", "parameters": [
                {"type": "dailyprofile", "values": daily_profile(1.0, 0.4, 100)},
                {"type": "monthlyprofile", "values": [8, 8, 9, 12, 15, 14, 12, 10, 9, 8, 8, 8]}]}},
            {"name": "pond", "type": "storage", "initial_volume": 40, "initial_volume_pc": 0.5,
             "max_volume": {"type": "monthlyprofile", "values": [80, 80, 75, 70, 60, 55, 55, 60, 70, 75, 80, 80]},
             "min_volume": {"type": "constant", "value": 4},
             "cost": {"type": "controlcurve", "storage_node": "pond", "control_curves": [0.8, 0.4],
                      "parameters": [{"type": "constant", "value": -2}, "pond_mid_cost", {"type": "constant", "value": -18}]}},
            {"name": "pond_out", "type": "link", "max_flow": {"type": "aggregated", "agg_func": "min", "parameters": [9, "release_cap"]},
             "cost": 0.45},
            {"name": "north_farms", "type": "output", "cost": -26,
             "max_flow": {"type": "aggregated", "agg_func": "mean", "parameters": [4, {"type": "monthlyprofile",
                          "values": [1, 1, 2, 5, 9, 11, 11, 9, 5, 2, 1, 1]}]}},
            {"name": "south_farms", "type": "output", "cost": -22,
             "max_flow": {"type": "aggregated", "agg_func": "max", "parameters": [2, {"type": "monthlyprofile",
                          "values": [1, 1, 2, 4, 8, 10, 10, 8, 4, 2, 1, 1]}]}},
            {"name": "lake", "type": "output", "cost": -0.3},
            {"name": "pond_spill", "type": "link", "cost": 3.3},
            {"name": "weighted_cap", "type": "aggregatednode", "nodes": ["north_farms", "south_farms"],
             "flow_weights": [1.0, 0.5], "max_flow": 9.5},
            {"name": "north_annual", "type": "annualvirtualstorage", "nodes": ["north_farms"], "max_volume": "north_licence",
             "initial_volume": 900, "initial_volume_pc": 0.9, "reset_day": 15, "reset_month": 12},
            {"name": "south_annual", "type": "annualvirtualstorage", "nodes": ["south_farms"], "max_volume": 1500,
             "initial_volume": 700, "reset_to_initial_volume": True, "reset_day": 1, "reset_month": 3},
        ],
        "edges": [["river", "pond"], ["pond", "pond_out"], ["pond_out", "north_farms"], ["pond_out", "south_farms"],
                  ["pond_out", "lake"], ["pond", "pond_spill"], ["pond_spill", "lake"]],
        "parameters": {
            "pond_mid_cost": {"type": "constant", "value": -7},
            "release_cap": {"type": "monthlyprofile", "values": [12, 12, 12, 14, 16, 18, 18, 16, 14, 12, 12, 12]},
            "north_licence": {"type": "constant", "value": 1000},
        },
        "recorders": {},
    }


def coefficients():
    """Matrix coefficients from parameters: a net loss link whose loss factor is a monthly profile and
    an aggregated node whose factors include a parameter."""
    return {
        "metadata": meta("parameter coefficients"),
        "timestepper": {"start": "2021-01-01", "end": "2021-12-31", "timestep": 1},
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "monthlyprofile", "values": [14, 14, 16, 20, 26, 30, 28, 24, 20, 16, 15, 14]}},
            {"name": "canal", "type": "losslink", "max_flow": 9, "cost": 0.6,
             "loss_factor": {"type": "monthlyprofile", "values": [0.05, 0.05, 0.08, 0.12, 0.18, 0.22, 0.25, 0.22, 0.15, 0.1, 0.06, 0.05]}},
            {"name": "canal_split", "type": "link"},
            {"name": "east_farms", "type": "output", "max_flow": 6, "cost": -40},
            {"name": "west_farms", "type": "output", "max_flow": 5, "cost": -36},
            {"name": "river_split", "type": "link"},
            {"name": "town", "type": "output", "max_flow": 3.5, "cost": -55},
            {"name": "sea", "type": "output", "cost": -0.4},
            {"name": "share", "type": "aggregatednode", "nodes": ["east_farms", "west_farms", "town"],
             "factors": [{"type": "monthlyprofile", "values": [1, 1, 1.5, 2, 2.5, 3, 3, 2.5, 2, 1.5, 1, 1]}, 1.0, "town_factor"]},
        ],
        "edges": [["river", "canal"], ["canal", "canal_split"], ["canal_split", "east_farms"], ["canal_split", "west_farms"],
                  ["river", "river_split"], ["river_split", "town"], ["river_split", "sea"]],
        "parameters": {"town_factor": {"type": "constant", "value": 0.8}},
        "recorders": {},
    }


def passthrough():
    """Inputs, catchments and outputs with edges on both sides (issue #15, as pywr's route
    formulation has them): water entering an input or catchment passes through it on top of its
    own flow, and an output passes on what it does not take. The input's bounds and cost apply
    to its own flow only, so the abstraction below the discharge gets the river and the
    discharge together."""
    return {
        "metadata": meta("pass-through inputs and outputs"),
        "timestepper": {"start": "2022-01-01", "end": "2022-12-31", "timestep": 1},
        "nodes": [
            {"name": "upper_river", "type": "catchment", "flow": {"type": "monthlyprofile", "values": [5, 5, 6, 8, 11, 13, 12, 10, 8, 6, 5, 5]}},
            {"name": "river", "type": "link"},
            {"name": "discharge", "type": "input", "min_flow": 3, "max_flow": 3, "cost": 1.5},
            {"name": "abstraction", "type": "link", "cost": 0.1},
            {"name": "city_main", "type": "link"},
            {"name": "city", "type": "output", "max_flow": 10, "cost": -10},
            {"name": "wetland", "type": "output", "max_flow": 2.5, "cost": -3.5},
            {"name": "side_stream", "type": "catchment", "flow": 1.25, "cost": 0.25},
            {"name": "delta", "type": "output", "cost": -0.75},
        ],
        "edges": [["upper_river", "river"], ["river", "discharge"], ["discharge", "abstraction"],
                  ["abstraction", "city_main"], ["city_main", "city"], ["abstraction", "wetland"],
                  ["wetland", "side_stream"], ["side_stream", "delta"]],
        "recorders": {},
    }


def tables():
    """Values read from CSV files as pywr reads them (issue #15): a `tables` entry and
    `{"table": ..., "index": ...}` numbers (a loss factor, an initial volume), `constant` with
    `values`, `url` + `index_col` + `index` (also a two-column index), profiles from a CSV column,
    a `dataframe` with day-first dates and two-digit years in a file with carriage-return line
    ends, and the `river` node (a link). Writes the CSV files beside the model."""
    start = date(2021, 1, 1)
    days = 365
    with open(os.path.join(HERE, "tables_inflow.csv"), "w", newline="") as f:
        lines = ["Timestamp,Flow"]
        rng = random.Random(7)
        for k in range(days):
            d = start + timedelta(days=k)
            lines.append(f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d},{round(9 + 5 * math.sin(2 * math.pi * k / 365) + rng.random(), 3)}")
        f.write("\r".join(lines) + "\r")
    with open(os.path.join(HERE, "tables_nodes.csv"), "w") as f:
        f.write("node,max_flow,cost,loss,initial\n"
                "town,3.25,-30,0,0\nfarms,6.5,-12,0,0\ncanal,0,0,0.125,0\nlake,0,0,0,25\n")
        f.write("fields,2.75,-9,0,0\n")
    with open(os.path.join(HERE, "tables_levels.csv"), "w") as f:
        f.write("level,node,max_flow\n0,town,3.25\n1,town,1.5\n0,farms,4\n1,farms,5.5\n")
    with open(os.path.join(HERE, "tables_curve.csv"), "w") as f:
        f.write("Index,Curve\n" + "".join(f"{d + 1},{round(0.5 + 0.25 * math.sin(2 * math.pi * d / 366), 4)}\n" for d in range(366)))
    with open(os.path.join(HERE, "tables_monthly.csv"), "w") as f:
        f.write("month,factor\n" + "".join(f"{m},{v}\n" for m, v in zip(range(1, 13), [1, 1, 1.1, 1.3, 1.6, 1.9, 2, 1.8, 1.4, 1.2, 1, 1])))
    return {
        "metadata": meta("values from tables and files"),
        "timestepper": {"start": "2021-01-01", "end": "2021-12-31", "timestep": 1},
        "tables": {
            "nodes": {"url": "tables_nodes.csv", "index_col": "node", "header": 0},
            "monthly": {"url": "tables_monthly.csv", "index_col": 0},
        },
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "dataframe", "url": "tables_inflow.csv",
                                                            "parse_dates": True, "dayfirst": True, "index_col": 0}},
            {"name": "reach", "type": "river"},
            {"name": "lake", "type": "storage", "max_volume": 40, "initial_volume": {"table": "nodes", "column": "initial", "index": "lake"},
             "cost": {"type": "controlcurveinterpolated", "storage_node": "lake",
                      "control_curve": {"type": "dailyprofile", "url": "tables_curve.csv", "column": "Curve", "parse_dates": False},
                      "values": [-2, -6, -11]}},
            {"name": "canal", "type": "losslink", "max_flow": 8.5, "loss_factor": {"table": "nodes", "column": "loss", "index": "canal"}},
            {"name": "town", "type": "output", "max_flow": {"type": "constant", "url": "tables_levels.csv", "column": "max_flow",
                                                           "index_col": ["level", "node"], "index": [1, "town"]},
             "cost": {"type": "constant", "table": "nodes", "column": "cost", "index": "town"}},
            {"name": "farms", "type": "output",
             "max_flow": {"type": "aggregated", "agg_func": "product", "parameters": [
                 {"type": "constant", "url": "tables_nodes.csv", "index_col": "node", "column": "max_flow", "index": "farms"},
                 {"type": "monthlyprofile", "table": "monthly", "column": "factor"}]},
             "cost": {"type": "constant", "values": -12.5}},
            {"name": "fields", "type": "output", "max_flow": "fields_max", "cost": -7.25},
            {"name": "sea", "type": "output", "cost": -0.5},
        ],
        "edges": [["river", "reach"], ["reach", "lake"], ["lake", "canal"], ["canal", "town"], ["canal", "farms"],
                  ["reach", "fields"], ["lake", "sea"]],
        "parameters": {"fields_max": {"type": "constant", "table": "nodes", "column": "max_flow", "index": "fields"}},
        "recorders": {},
    }


def bands():
    """A `piecewiselink` (bands with their own capacities and costs, one from a parameter, one
    unlimited) and a licence whose cost follows a `uniformdrawdownprofile` control curve, over
    a leap year and two licence resets on 1 April (issue #15)."""
    return {
        "metadata": meta("piecewise link and drawdown profile"),
        "timestepper": {"start": "2019-10-01", "end": "2021-06-30", "timestep": 1},
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "monthlyprofile", "values": [6, 6, 7, 9, 12, 14, 13, 11, 9, 7, 6, 6]}},
            {"name": "weir", "type": "piecewiselink", "nsteps": 3, "max_flows": [2.5, "second_band", None],
             "costs": [-4.5, 0.75, "spill_cost"]},
            {"name": "town", "type": "output", "max_flow": 4.25, "cost": -6},
            {"name": "sea", "type": "output", "cost": -0.125},
            {"name": "well", "type": "input", "max_flow": 3, "cost": "well_cost"},
            {"name": "farms", "type": "output", "max_flow": 3.5, "cost": -9},
            {"name": "backup", "type": "input", "max_flow": 1.5, "cost": 7.5},
            {"name": "well_licence", "type": "annualvirtualstorage", "nodes": ["well"], "factors": [1.0],
             "max_volume": 700, "initial_volume": 700, "reset_day": 1, "reset_month": 4},
        ],
        "edges": [["river", "weir"], ["weir", "town"], ["weir", "sea"], ["well", "farms"], ["backup", "farms"]],
        "parameters": {
            "second_band": {"type": "monthlyprofile", "values": [1, 1, 1.5, 2, 3, 3, 3, 2.5, 2, 1.5, 1, 1]},
            "spill_cost": {"type": "constant", "value": 2.25},
            "well_cost": {"type": "controlcurve", "storage_node": "well_licence",
                          "control_curves": [{"type": "uniformdrawdownprofile", "reset_day": 1, "reset_month": 4, "residual_days": 15}],
                          "values": [0.5, 12]},
        },
        "recorders": {},
    }


def volumes():
    """Parameters of a storage's volume (issue #15): `interpolatedvolume` (area from a volume
    table read from a CSV file) feeding an evaporation loss, the storage's `area` attribute, and
    `storage` parameters (absolute and proportional) setting demands."""
    with open(os.path.join(HERE, "volumes_area.csv"), "w") as f:
        f.write("volume,area\n0,0\n50,22.5\n120,41\n200,52.5\n")
    return {
        "metadata": meta("volume parameters"),
        "timestepper": {"start": "2022-01-01", "end": "2022-12-31", "timestep": 1},
        "nodes": [
            {"name": "inflow", "type": "catchment", "flow": {"type": "monthlyprofile", "values": [2, 2, 3, 6, 9, 7, 4, 2, 1.5, 1.5, 2, 2]}},
            {"name": "lake", "type": "storage", "max_volume": 200, "initial_volume": 140, "area": "lake_area"},
            {"name": "evaporation", "type": "output", "max_flow": "evaporation_loss", "cost": -500},
            {"name": "town", "type": "output", "max_flow": "town_demand", "cost": -40},
            {"name": "farms", "type": "output", "max_flow": "farm_demand", "cost": -25},
            {"name": "spill", "type": "output", "cost": 1.5},
        ],
        "edges": [["inflow", "lake"], ["lake", "evaporation"], ["lake", "town"], ["lake", "farms"], ["lake", "spill"]],
        "parameters": {
            "lake_area": {"type": "interpolatedvolume", "node": "lake",
                          "volumes": {"url": "volumes_area.csv", "column": "volume"},
                          "values": {"url": "volumes_area.csv", "column": "area"},
                          "interp_kwargs": {"kind": "linear"}},
            "evaporation_loss": {"type": "aggregated", "agg_func": "product", "parameters": [
                "lake_area", {"type": "monthlyprofile", "values": [1, 1, 2, 3, 4, 5, 6, 6, 4, 3, 2, 1]}, 0.002]},
            "town_demand": {"type": "aggregated", "agg_func": "product", "parameters": [
                {"type": "storage", "storage_node": "lake", "use_proportional_volume": True}, 3.5]},
            "farm_demand": {"type": "aggregated", "agg_func": "product", "parameters": [
                {"type": "storage", "storage_node": "lake"}, 0.025]},
        },
        "recorders": {},
    }


def aggregates():
    """An `aggregatedstorage` (the summed volume of three storages) and a `breaklink` (a link
    behind a storage of zero volume in pywr: the same flows) with bounds and a cost (issue #15)."""
    nodes, edges = [], []
    for k, (inflow, start, demand) in enumerate([(1.5, 10, 4), (5.25, 11, 3.5), (8.5, 12, 6)]):
        nodes += [
            {"name": f"inflow{k}", "type": "input", "max_flow": inflow, "cost": -1 - k * 0.25},
            {"name": f"pond{k}", "type": "storage", "max_volume": 20, "initial_volume": start, "cost": -0.5 + k * 0.125},
            {"name": f"user{k}", "type": "output", "max_flow": demand, "cost": -30 + k * 2},
        ]
        edges += [[f"inflow{k}", f"pond{k}"], [f"pond{k}", f"user{k}"]]
    nodes += [
        {"name": "all_ponds", "type": "aggregatedstorage", "storage_nodes": ["pond0", "pond1", "pond2"]},
        {"name": "spring", "type": "input", "max_flow": 9, "cost": 0.5},
        {"name": "gate", "type": "breaklink", "min_flow": 0.75, "max_flow": {"type": "monthlyprofile", "values": [3, 3, 4, 5, 6, 6, 6, 5, 4, 3, 3, 3]}, "cost": 0.25},
        {"name": "garden", "type": "output", "max_flow": 4.5, "cost": -8},
        {"name": "ditch", "type": "output", "cost": 1.0},
    ]
    edges += [["spring", "gate"], ["gate", "garden"], ["gate", "ditch"]]
    return {
        "metadata": meta("aggregated storage and break link"),
        "timestepper": {"start": "2023-01-01", "end": "2023-12-31", "timestep": 1},
        "nodes": nodes,
        "edges": edges,
        "recorders": {},
    }


def weekly():
    """A 7-day timestep (issue #15): storages move flow x 7 days and their room is divided by 7,
    the daily inflow CSV is averaged over each week, profiles use each week's first day, an
    annual licence is drawn down by flow x 7 days, and the last week runs past `end`."""
    return {
        "metadata": meta("weekly timestep"),
        "timestepper": {"start": "2020-03-05", "end": "2021-11-20", "timestep": 7},
        "nodes": [
            {"name": "upper_inflow", "type": "catchment",
             "flow": {"type": "dataframe", "url": "storages_inflow.csv", "column": "upper", "index_col": "Date", "parse_dates": True}},
            {"name": "upper_res", "type": "reservoir", "max_volume": 2500, "initial_volume_pc": 0.5,
             "control_curve": 0.6, "above_curve_cost": -1.5},
            {"name": "upper_release", "type": "link", "max_flow": 14, "cost": 0.2},
            {"name": "upper_spill", "type": "link", "cost": 5.3},
            {"name": "river", "type": "link"},
            {"name": "lower_inflow", "type": "catchment",
             "flow": {"type": "dailyprofile", "values": daily_profile(3.0, 2.0, 60)}},
            {"name": "lower_store", "type": "storage", "max_volume": 900, "initial_volume": 300, "min_volume": 20,
             "cost": "lower_cost"},
            {"name": "lower_release", "type": "link", "max_flow": 6, "cost": 0.35},
            {"name": "town", "type": "output", "max_flow": {"type": "monthlyprofile", "values": [4, 4, 5, 6, 8, 10, 11, 10, 7, 5, 4, 4]},
             "cost": "town_cost"},
            {"name": "irrigation", "type": "output", "max_flow": {"type": "monthlyprofile", "values": [0, 0, 2, 5, 8, 9, 9, 8, 5, 2, 0, 0]},
             "cost": -30},
            {"name": "outlet", "type": "output", "cost": -0.05},
            {"name": "irrigation_licence", "type": "annualvirtualstorage", "nodes": ["irrigation"], "max_volume": 900,
             "initial_volume": 600, "reset_day": 1, "reset_month": 4},
        ],
        "edges": [["upper_inflow", "upper_res"], ["upper_res", "upper_release"], ["upper_res", "upper_spill"],
                  ["upper_release", "river"], ["upper_spill", "river"], ["lower_inflow", "lower_store"],
                  ["river", "town"], ["lower_store", "lower_release"], ["lower_release", "town"],
                  ["lower_release", "irrigation"], ["river", "outlet"]],
        "parameters": {
            "lower_cost": {"type": "controlcurveinterpolated", "storage_node": "lower_store",
                           "control_curves": [0.7, 0.3], "values": [-2, -6, -14, -25]},
            "town_cost": {"type": "controlcurve", "storage_node": "lower_store", "control_curves": [0.5, 0.2],
                          "values": [-60, -45, -35]},
        },
        "recorders": {},
    }


def infeasible():
    """The `varying` pond without its spill: when the pond is full in April the forced inflow
    exceeds the release capacity, so both engines must fail on the same day."""
    m = varying()
    m["metadata"] = meta("infeasible when the pond fills")
    m["timestepper"] = {"start": "2019-11-20", "end": "2020-06-30", "timestep": 1}
    m["nodes"] = [n for n in m["nodes"] if n["name"] != "pond_spill"]
    m["edges"] = [e for e in m["edges"] if "pond_spill" not in e]
    return m

def scenarios():
    """Two scenarios (one with ensemble names) and every scenario-aware parameter: a dataframe
    with a column per member, constantscenario, constantscenarioindex, scenariomonthlyprofile,
    scenariodailyprofile, scenarioweeklyprofile, scenariowrapper, arrayindexedscenario (from a
    CSV) and arrayindexedscenariomonthlyfactors; a storage carries each scenario's state."""
    start, days = date(2020, 1, 1), 456
    inflow_csv(os.path.join(HERE, "scenarios_inflow.csv"), start, days,
               [("dry", 4.0, 0), ("mid", 6.0, 0), ("wet", 8.5, 0)], 31)
    rng = random.Random(7)
    with open(os.path.join(HERE, "scenarios_farms.csv"), "w") as f:
        f.write("step,low,high\n")
        for k in range(days):
            seasonal = 1 + 0.6 * math.sin(2 * math.pi * (k - 90) / 365.25)
            f.write(f"{k},{2.0 * seasonal + rng.random():.6f},{3.5 * seasonal + rng.random():.6f}\n")
    monthly_factors = [[round(0.5 + 0.1 * m + 0.2 * c, 4) for m in range(12)] for c in range(3)]
    tributary = [round(1.5 + math.sin(k / 20.0), 6) for k in range(days)]
    return {
        "metadata": meta("scenarios"),
        "timestepper": {"start": start.isoformat(), "end": "2021-03-31", "timestep": 1},
        "scenarios": [
            {"name": "climate", "size": 3, "ensemble_names": ["dry", "mid", "wet"]},
            {"name": "demand", "size": 2},
        ],
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "aggregated", "agg_func": "product", "parameters": [
                {"type": "dataframe", "url": "scenarios_inflow.csv", "scenario": "climate", "index_col": "Date",
                 "parse_dates": True},
                "climate_factor"]}},
            {"name": "tributary", "type": "catchment", "flow": {
                "type": "arrayindexedscenariomonthlyfactors", "scenario": "climate", "values": tributary,
                "factors": monthly_factors}},
            {"name": "spring", "type": "input", "cost": 1.3, "max_flow": {
                "type": "scenariodailyprofile", "scenario": "climate",
                "values": [daily_profile(0.5 + c, 0.4, 40 * c) for c in range(3)]}},
            {"name": "res", "type": "storage", "max_volume": 300, "initial_volume": 150, "cost": "res_cost"},
            {"name": "release", "type": "link", "cost": 0.2, "max_flow": {
                "type": "scenariomonthlyprofile", "scenario": "demand",
                "values": [[9, 9, 10, 11, 13, 14, 14, 13, 11, 10, 9, 9], [7, 7, 8, 9, 10, 12, 12, 11, 9, 8, 7, 7]]}},
            {"name": "spill", "type": "link", "cost": 4.1},
            {"name": "junction", "type": "link"},
            {"name": "town", "type": "output", "cost": -50, "max_flow": {
                "type": "scenarioweeklyprofile", "scenario": "demand",
                "values": [[round(3 + 0.05 * w, 3) for w in range(52)], [round(4 - 0.03 * w, 3) for w in range(52)]]}},
            {"name": "farms", "type": "output", "cost": -20, "max_flow": {
                "type": "arrayindexedscenario", "scenario": "demand", "url": "scenarios_farms.csv", "index_col": 0}},
            {"name": "industry", "type": "output", "cost": -30, "max_flow": {
                "type": "constantscenarioindex", "scenario": "demand", "values": [2, 4]}},
            {"name": "sea", "type": "output", "cost": -0.1},
        ],
        "edges": [["river", "res"], ["tributary", "res"], ["res", "release"], ["res", "spill"],
                  ["release", "junction"], ["spring", "junction"], ["junction", "town"], ["junction", "farms"],
                  ["junction", "industry"], ["spill", "sea"]],
        "parameters": {
            "climate_factor": {"type": "constantscenario", "scenario": "climate", "values": [0.9, 1.0, 1.15]},
            "res_cost": {"type": "scenariowrapper", "scenario": "demand", "parameters": [
                {"type": "controlcurveinterpolated", "storage_node": "res", "control_curves": [0.6, 0.3],
                 "values": [-2, -6, -14, -25]},
                {"type": "constant", "value": -3.5}]},
        },
        "recorders": {},
    }


def scenario_slices(combinations):
    """Sliced scenarios (a stride, a reversed order) or, with `combinations`, the user's
    combinations (a repeat among them), which override the slices."""
    model = {
        "metadata": meta("scenario combinations" if combinations else "scenario slices"),
        "timestepper": {"start": "2022-03-01", "end": "2022-05-09", "timestep": 1},
        "scenarios": [
            {"name": "inflow", "size": 6, "slice": [1, None, 2]},
            {"name": "use", "size": 3, "slice": [None, None, -1], "ensemble_names": ["low", "mid", "high"]},
        ],
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {"type": "aggregated", "agg_func": "product", "parameters": [
                {"type": "monthlyprofile", "values": [3, 3, 4, 6, 8, 9, 9, 8, 6, 4, 3, 3]},
                {"type": "constantscenario", "scenario": "inflow", "values": [0.6, 0.8, 0.95, 1.1, 1.25, 1.4]}]}},
            {"name": "lake", "type": "storage", "max_volume": 90, "initial_volume": 40, "cost": -1.7},
            {"name": "canal", "type": "link", "max_flow": 7.5, "cost": 0.3},
            {"name": "city", "type": "output", "cost": -40, "max_flow": {
                "type": "constantscenario", "scenario": "use", "values": [2.5, 4.0, 6.5]}},
            {"name": "overflow", "type": "link", "cost": 3.3},
            {"name": "outlet", "type": "output", "cost": -0.2},
        ],
        "edges": [["river", "lake"], ["lake", "canal"], ["canal", "city"], ["lake", "overflow"],
                  ["overflow", "outlet"], ["canal", "outlet"]],
        "recorders": {},
    }
    if combinations:
        model["scenario_combinations"] = [[5, 0], [0, 2], [3, 1], [5, 0]]
    return model


def syr_darya(years, csv_name, members=0, units=0):
    """A Syr Darya-like network (illustrative, not calibrated): Mm³/day and Mm³.

    `members` adds an inflow scenario of that many members (a `constantscenario` factor on every
    catchment).

    `units` adds that many tributary units (6 nodes each: a catchment, a reservoir with its
    release and spill links, a river link and an irrigation demand) joining the river below
    Shardara (at `lower_syr`, whose outflow is not capped): the size sweep of docs/performance.md (0, 50, 200, 800 units)."""
    start = date(2000, 1, 1)
    end = date(2000 + years - 1, 12, 31)
    days = (end - start).days + 1
    catchments = [("naryn", 32.0), ("karadarya", 10.0), ("fergana_local", 4.0), ("chirchik", 19.0),
                  ("akhangaran", 3.0), ("keles", 1.5), ("arys", 5.0)]
    catchments += [(f"trib{u}", round(0.5 + (u % 7) * 0.13, 2)) for u in range(units)]
    inflow_csv(csv_name, start, days, [(c, b, 0) for c, b in catchments], 2024)
    url = os.path.basename(csv_name)

    def catch(name):
        flow = {"type": "dataframe", "url": url, "column": name, "index_col": "Date", "parse_dates": True}
        if members:
            # An inflow ensemble: every catchment scaled by the member's factor.
            flow = {"type": "aggregated", "agg_func": "product", "parameters": [flow, "inflow_factor"]}
        return {"name": f"{name}_inflow", "type": "catchment", "flow": flow}

    def monthly(vals):
        return {"type": "monthlyprofile", "values": vals}

    irrigation = [0.1, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0, 0.9, 0.6, 0.3, 0.1, 0.1]

    def demand(name, peak, cost):
        return {"name": name, "type": "output", "max_flow": monthly([round(peak * f, 4) for f in irrigation]), "cost": cost}

    def reservoir(name, vmax, pc, offset, curve):
        return {"name": name, "type": "storage", "max_volume": vmax, "initial_volume_pc": pc,
                "cost": {"type": "controlcurveinterpolated", "storage_node": name,
                         "control_curves": [monthly(curve), 0.25],
                         "values": [-10 + offset, -20 + offset, -40 + offset, -60 + offset]}}

    rule = [0.75, 0.7, 0.6, 0.55, 0.6, 0.7, 0.8, 0.85, 0.85, 0.8, 0.8, 0.78]
    nodes = [
        catch("naryn"), reservoir("toktogul", 19500, 0.6, -3, rule),
        {"name": "toktogul_release", "type": "link", "max_flow": 70, "cost": 0.11},
        {"name": "toktogul_spill", "type": "link", "cost": 5.3},
        {"name": "naryn_river", "type": "link"},
        demand("kg_naryn_irrigation", 3.0, -61),
        catch("karadarya"), reservoir("andijan", 1900, 0.5, -2, rule),
        {"name": "andijan_release", "type": "link", "max_flow": 25, "cost": 0.13},
        {"name": "andijan_spill", "type": "link", "cost": 5.2},
        {"name": "karadarya_river", "type": "link"},
        demand("uz_andijan_irrigation", 12.0, -72),
        catch("fergana_local"),
        {"name": "fergana_confluence", "type": "link"},
        demand("uz_fergana_irrigation", 25.0, -70),
        demand("tj_fergana_irrigation", 6.0, -66),
        reservoir("kairakkum", 4160, 0.55, -1, rule),
        {"name": "kairakkum_release", "type": "link", "max_flow": 60, "cost": 0.17},
        {"name": "kairakkum_spill", "type": "link", "cost": 5.1},
        {"name": "syr_middle", "type": "link"},
        demand("tj_khujand_irrigation", 5.0, -64),
        {"name": "farhad_headworks", "type": "link", "max_flow": 120},
        {"name": "dostyk_canal", "type": "losslink", "loss_factor": 0.1, "max_flow": 20, "cost": 0.23},
        {"name": "dostyk_split", "type": "link"},
        demand("uz_dostyk_offtake", 7.0, -68),
        demand("kz_maktaaral_offtake", 12.0, -74),
        catch("chirchik"),
        {"name": "charvak", "type": "reservoir", "max_volume": 2050, "initial_volume": 1200,
         "control_curve": 0.7, "above_curve_cost": -4.5},
        {"name": "charvak_release", "type": "link", "max_flow": 35, "cost": 0.19},
        {"name": "charvak_spill", "type": "link", "cost": 5.05},
        {"name": "chirchik_river", "type": "link"},
        demand("uz_tashkent_city", 2.5, -95),
        demand("uz_tashkent_irrigation", 14.0, -69),
        catch("akhangaran"),
        {"name": "chinaz", "type": "link"},
        {"name": "border_gauge", "type": "rivergauge", "mrf": monthly([8, 8, 8, 6, 5, 5, 5, 5, 6, 8, 8, 8]),
         "mrf_cost": -150, "cost": 0.07},
        catch("keles"),
        {"name": "kokbulak", "type": "link"},
        catch("arys"),
        {"name": "shardara", "type": "storage", "max_volume": 5200, "min_volume": 500, "initial_volume": 3000,
         "cost": {"type": "controlcurveinterpolated", "storage_node": "shardara",
                  "control_curves": [monthly([0.9, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.45, 0.5, 0.6, 0.75, 0.85]), 0.3],
                  "values": [-9.5, -19.5, -39.5, -59.5]}},
        {"name": "shardara_release", "type": "link", "max_flow": 80, "cost": 0.29},
        {"name": "arnasay_spill", "type": "link", "max_flow": 50, "cost": 4.9},
        {"name": "arnasay", "type": "output", "cost": 0.01},
        {"name": "lower_syr", "type": "losslink", "loss_factor": 0.15, "loss_factor_type": "gross", "cost": 0.31},
        demand("kz_turkestan_irrigation", 9.0, -73),
        demand("kz_kyzylorda_irrigation", 16.0, -71),
        {"name": "aral_gauge", "type": "rivergauge", "mrf": 3.0, "mrf_cost": -120, "cost": 0.03},
        {"name": "aral_sea", "type": "output", "cost": -0.013},
        {"name": "uz_total_cap", "type": "aggregatednode",
         "nodes": ["uz_andijan_irrigation", "uz_fergana_irrigation", "uz_dostyk_offtake", "uz_tashkent_irrigation"],
         "max_flow": monthly([10, 10, 20, 35, 45, 50, 50, 45, 35, 20, 10, 10])},
        {"name": "kz_total_cap", "type": "aggregatednode",
         "nodes": ["kz_maktaaral_offtake", "kz_turkestan_irrigation", "kz_kyzylorda_irrigation"],
         "max_flow": monthly([8, 8, 12, 20, 27, 30, 30, 27, 20, 12, 8, 8])},
        {"name": "kz_dostyk_growing", "type": "seasonalvirtualstorage", "nodes": ["kz_maktaaral_offtake"],
         "max_volume": 922, "initial_volume": 922, "reset_day": 1, "reset_month": 4, "end_day": 1, "end_month": 10},
        {"name": "kz_dostyk_nongrowing", "type": "seasonalvirtualstorage", "nodes": ["kz_maktaaral_offtake"],
         "max_volume": 60, "initial_volume": 30, "reset_day": 1, "reset_month": 10, "end_day": 1, "end_month": 4},
    ]
    edges = [
        ["naryn_inflow", "toktogul"], ["toktogul", "toktogul_release"], ["toktogul", "toktogul_spill"],
        ["toktogul_release", "naryn_river"], ["toktogul_spill", "naryn_river"], ["naryn_river", "kg_naryn_irrigation"],
        ["naryn_river", "fergana_confluence"],
        ["karadarya_inflow", "andijan"], ["andijan", "andijan_release"], ["andijan", "andijan_spill"],
        ["andijan_release", "karadarya_river"], ["andijan_spill", "karadarya_river"],
        ["karadarya_river", "uz_andijan_irrigation"], ["karadarya_river", "fergana_confluence"],
        ["fergana_local_inflow", "fergana_confluence"],
        ["fergana_confluence", "uz_fergana_irrigation"], ["fergana_confluence", "tj_fergana_irrigation"],
        ["fergana_confluence", "kairakkum"],
        ["kairakkum", "kairakkum_release"], ["kairakkum", "kairakkum_spill"],
        ["kairakkum_release", "syr_middle"], ["kairakkum_spill", "syr_middle"],
        ["syr_middle", "tj_khujand_irrigation"], ["syr_middle", "farhad_headworks"],
        ["farhad_headworks", "dostyk_canal"], ["dostyk_canal", "dostyk_split"],
        ["dostyk_split", "uz_dostyk_offtake"], ["dostyk_split", "kz_maktaaral_offtake"],
        ["farhad_headworks", "chinaz"],
        ["chirchik_inflow", "charvak"], ["charvak", "charvak_release"], ["charvak", "charvak_spill"],
        ["charvak_release", "chirchik_river"], ["charvak_spill", "chirchik_river"],
        ["chirchik_river", "uz_tashkent_city"], ["chirchik_river", "uz_tashkent_irrigation"],
        ["chirchik_river", "chinaz"], ["akhangaran_inflow", "chinaz"],
        ["chinaz", "border_gauge"], ["border_gauge", "kokbulak"], ["keles_inflow", "kokbulak"],
        ["kokbulak", "shardara"], ["arys_inflow", "shardara"],
        ["shardara", "shardara_release"], ["shardara", "arnasay_spill"], ["arnasay_spill", "arnasay"],
        ["shardara_release", "lower_syr"], ["shardara_release", "kz_turkestan_irrigation"],
        ["lower_syr", "kz_kyzylorda_irrigation"], ["lower_syr", "aral_gauge"], ["aral_gauge", "aral_sea"],
    ]
    rule_t = [0.7, 0.65, 0.6, 0.55, 0.6, 0.7, 0.75, 0.8, 0.8, 0.75, 0.75, 0.72]
    for u in range(units):
        t = f"trib{u}"
        # Distinct costs (no ties between units): offsets in steps of 1e-4.
        k = (u + 1) * 1e-4
        nodes += [
            catch(t), reservoir(f"{t}_res", 300 + (u % 11) * 20, 0.5, -0.5 - k, rule_t),
            {"name": f"{t}_release", "type": "link", "max_flow": 2.0, "cost": round(0.05 + k, 6)},
            {"name": f"{t}_spill", "type": "link", "cost": round(5.0 + k, 6)},
            {"name": f"{t}_river", "type": "link"},
            demand(f"{t}_irrigation", round(0.4 + (u % 5) * 0.05, 3), round(-50 - k * 10, 6)),
        ]
        edges += [
            [f"{t}_inflow", f"{t}_res"], [f"{t}_res", f"{t}_release"], [f"{t}_res", f"{t}_spill"],
            [f"{t}_release", f"{t}_river"], [f"{t}_spill", f"{t}_river"], [f"{t}_river", f"{t}_irrigation"],
            [f"{t}_river", "lower_syr"],
        ]
    title = f"Syr Darya-like basin ({years} years, illustrative)"
    if units:
        title = f"Syr Darya-like basin with {units} tributary units ({years} years, illustrative)"
    model = {
        "metadata": meta(title),
        "timestepper": {"start": start.isoformat(), "end": end.isoformat(), "timestep": 1},
        "nodes": nodes, "edges": edges, "parameters": {}, "recorders": {},
    }
    if members:
        model["scenarios"] = [{"name": "inflow", "size": members}]
        lo, hi = 0.75, 1.1
        model["parameters"]["inflow_factor"] = {
            "type": "constantscenario", "scenario": "inflow",
            "values": [round(lo + (hi - lo) * i / max(members - 1, 1), 6) for i in range(members)]}
    return model


def splits():
    """River splits (issue #15): a `riversplit` into three named slots with fixed shares (one
    slot outside the ratios, `null`), capacities and costs on its sub-links (pywr sets them on
    the extra slots' sub-links too), and a
    `RiverSplitWithGauge` whose MRF is a monthly profile; what is left of each branch reaches
    outlets valued differently, so every day has one optimum."""
    return {
        "metadata": meta("river splits"),
        "timestepper": {"start": "2021-01-01", "end": "2021-12-31", "timestep": 1},
        "nodes": [
            {"name": "headwater", "type": "catchment",
             "flow": {"type": "dailyprofile", "values": daily_profile(30.0, 18.0, 45)}},
            {"name": "dam_weir", "type": "riversplit", "factors": [2, 1.5, None],
             "slot_names": ["river", "left_canal", "right_canal"],
             "max_flows": [{"type": "monthlyprofile", "values": [40, 40, 38, 35, 30, 28, 28, 30, 34, 38, 40, 40]},
                           None, 7.0],
             "costs": [0.2, 0.1, 0.3]},
            {"name": "left_canal", "type": "link", "max_flow": 11.5},
            {"name": "left_farms", "type": "output",
             "max_flow": {"type": "monthlyprofile", "values": [2, 2, 4, 7, 10, 12, 12, 11, 8, 5, 3, 2]}, "cost": -25},
            {"name": "left_drain", "type": "output", "cost": -0.03},
            {"name": "right_canal", "type": "link", "max_flow": 6.25},
            {"name": "right_town", "type": "output", "max_flow": 5.5, "cost": -40},
            {"name": "tributary", "type": "catchment", "flow": {"type": "monthlyprofile",
             "values": [3, 3, 4, 6, 9, 8, 5, 3, 2.5, 2.5, 3, 3]}},
            {"name": "gauge_split", "type": "RiverSplitWithGauge",
             "mrf": {"type": "monthlyprofile", "values": [8, 8, 8, 10, 12, 12, 10, 9, 8, 8, 8, 8]},
             "mrf_cost": -60, "cost": 0.4, "factors": [3, 1], "slot_names": ["main", "intake"]},
            {"name": "intake_demand", "type": "output", "max_flow": 9, "cost": -15},
            {"name": "delta", "type": "output", "cost": -0.05},
        ],
        "edges": [
            ["headwater", "dam_weir"],
            ["dam_weir", "gauge_split", "river", None],
            ["dam_weir", "left_canal", "left_canal", None],
            ["left_canal", "left_farms"], ["left_canal", "left_drain"],
            ["dam_weir", "right_canal", "right_canal", None],
            ["right_canal", "right_town"],
            ["tributary", "gauge_split"],
            ["gauge_split", "delta", "main", None],
            ["gauge_split", "intake_demand", "intake", None],
        ],
        "parameters": {},
        "recorders": {},
    }


def rolling_licences():
    """Licences that refill on their own schedules (issue #15): a `rollingvirtualstorage` over
    5 days started below full (pywr spreads the missing volume over the window), one over 4
    timesteps started empty, and a `monthlyvirtualstorage` refilled every 2 months, one month
    into its first period, back to its initial volume."""
    return {
        "metadata": meta("rolling and monthly licences"),
        "timestepper": {"start": "2022-01-01", "end": "2022-08-31", "timestep": 1},
        "nodes": [
            {"name": "aquifer", "type": "input", "max_flow": 14, "cost": 1.5},
            {"name": "river", "type": "catchment",
             "flow": {"type": "dailyprofile", "values": daily_profile(6.0, 4.0, 100)}},
            {"name": "well_pump", "type": "link", "max_flow": 12},
            {"name": "river_intake", "type": "link", "max_flow": 9, "cost": 0.5},
            {"name": "city", "type": "output",
             "max_flow": {"type": "monthlyprofile", "values": [9, 9, 10, 11, 12, 13, 13, 13, 12, 10, 9, 9]}, "cost": -30},
            {"name": "farms", "type": "output",
             "max_flow": {"type": "monthlyprofile", "values": [0, 1, 3, 6, 9, 10, 10, 9, 6, 3, 1, 0]}, "cost": -12},
            {"name": "sea", "type": "output", "cost": -0.01},
            {"name": "well_licence", "type": "RollingVirtualStorage", "nodes": ["well_pump"],
             "max_volume": 40, "initial_volume": 25, "days": 5},
            {"name": "intake_licence", "type": "rollingvirtualstorage", "nodes": ["river_intake", "well_pump"],
             "factors": [1.0, 0.25], "max_volume": 30, "timesteps": 4},
            {"name": "farm_licence", "type": "MonthlyVirtualStorage", "nodes": ["farms"], "max_volume": 260,
             "initial_volume": 180, "months": 2, "initial_months": 1, "reset_to_initial_volume": True},
        ],
        "edges": [
            ["aquifer", "well_pump"], ["well_pump", "city"], ["well_pump", "farms"],
            ["river", "river_intake"], ["river_intake", "city"], ["river_intake", "farms"],
            ["river", "sea"],
        ],
        "parameters": {},
        "recorders": {},
    }


def hydropower():
    """Hydropower (issue #15): a reservoir's level as scipy's cubic spline of its volume
    (`interp_kwargs` kind cubic), a turbine released to meet a power target
    (`hydropowertarget`, bounded, zero below a minimum head) and its power and energy
    recorded (`HydroPowerRecorder`, `TotalHydroEnergyRecorder`)."""
    return {
        "metadata": meta("hydropower"),
        "timestepper": {"start": "2023-01-01", "end": "2023-12-31", "timestep": 1},
        "nodes": [
            {"name": "inflow", "type": "catchment", "flow": {"type": "monthlyprofile",
             "values": [40, 45, 80, 160, 220, 180, 120, 80, 55, 45, 40, 40]}},
            {"name": "lake", "type": "storage", "max_volume": 12000, "initial_volume": 5200},
            {"name": "turbine", "type": "link", "max_flow": "turbine_flow", "cost": -3},
            {"name": "spillway", "type": "link", "cost": 20},
            {"name": "river", "type": "link"},
            {"name": "irrigation", "type": "output", "max_flow": {"type": "monthlyprofile",
             "values": [0, 0, 10, 30, 60, 80, 85, 70, 40, 10, 0, 0]}, "cost": -10},
            {"name": "outlet", "type": "output", "cost": -0.5},
        ],
        "edges": [["inflow", "lake"], ["lake", "turbine"], ["lake", "spillway"], ["turbine", "river"],
                  ["spillway", "river"], ["river", "irrigation"], ["river", "outlet"]],
        "parameters": {
            "lake_level": {"type": "interpolatedvolume", "node": "lake",
                           "volumes": [0, 1500, 3500, 6000, 9000, 12000],
                           "values": [310.0, 322.5, 331.0, 337.2, 342.1, 345.9],
                           "interp_kwargs": {"kind": "cubic"}},
            "turbine_flow": {"type": "hydropowertarget", "water_elevation_parameter": "lake_level",
                             "turbine_elevation": 300.0, "efficiency": 0.9, "min_head": 24.0,
                             "flow_unit_conversion": 86400.0, "energy_unit_conversion": 1e-9,
                             "target": {"type": "monthlyprofile",
                                        "values": [3200, 3100, 2900, 2600, 2400, 2500, 2800, 3000, 3300, 3400, 3500, 3500]},
                             "max_flow": {"type": "constant", "value": 160},
                             "min_flow": {"type": "constant", "value": 5}},
        },
        "recorders": {
            "turbine_power": {"type": "HydroPowerRecorder", "node": "turbine",
                              "water_elevation_parameter": "lake_level", "turbine_elevation": 300.0,
                              "efficiency": 0.9, "flow_unit_conversion": 86400.0, "energy_unit_conversion": 1e-9},
            "turbine_energy": {"type": "TotalHydroEnergyRecorder", "node": "turbine",
                               "water_elevation_parameter": "lake_level", "turbine_elevation": 300.0,
                               "efficiency": 0.9, "flow_unit_conversion": 86400.0, "energy_unit_conversion": 1e-9},
            "peak_power": {"type": "hydropowerrecorder", "node": "turbine", "turbine_elevation": 40.0,
                           "temporal_agg_func": "max", "density": 998.0},
            "level": {"type": "numpyarrayparameterrecorder", "parameter": "lake_level"},
        },
    }


def indexed():
    """Index parameters (issue #15): `controlcurveindex` (a monthly curve and a number) selecting
    a town's saving factor through `indexedarray` (a number, a named and an inline parameter),
    and an `indexedarray` written with `parameters` whose index is a `storagethreshold`."""
    return {
        "metadata": meta("index parameters"),
        "timestepper": {"start": "2021-01-01", "end": "2021-12-31", "timestep": 1},
        "nodes": [
            {"name": "inflow", "type": "catchment",
             "flow": {"type": "monthlyprofile", "values": [6, 5.5, 5, 4, 3, 1.5, 0.8, 0.6, 1.2, 2.5, 4.5, 6.5]}},
            {"name": "reservoir", "type": "storage", "max_volume": 300, "initial_volume": 280},
            {"name": "town", "type": "output", "max_flow": "town_demand", "cost": -60},
            {"name": "farms", "type": "output", "max_flow": "farm_demand", "cost": -30},
            {"name": "spill", "type": "output", "cost": 2},
        ],
        "edges": [["inflow", "reservoir"], ["reservoir", "town"], ["reservoir", "farms"], ["reservoir", "spill"]],
        "parameters": {
            "upper_curve": {"type": "monthlyprofile", "values": [0.7, 0.72, 0.75, 0.8, 0.8, 0.78, 0.75, 0.7, 0.65, 0.62, 0.65, 0.68]},
            "zone": {"type": "controlcurveindex", "storage_node": "reservoir",
                     "control_curves": ["upper_curve", 0.35]},
            "mid_saving": {"type": "monthlyprofile", "values": [0.9, 0.9, 0.88, 0.85, 0.8, 0.8, 0.8, 0.8, 0.85, 0.88, 0.9, 0.9]},
            "town_saving": {"type": "indexedarray", "index_parameter": "zone",
                            "params": [1.0, "mid_saving", {"type": "constant", "value": 0.55}]},
            "town_demand": {"type": "aggregated", "agg_func": "product", "parameters": [3.6, "town_saving"]},
            "farm_demand": {"type": "indexedarray",
                            "index_parameter": {"type": "storagethreshold", "storage_node": "reservoir",
                                                "threshold": 150, "predicate": "GT"},
                            "parameters": [0.4, {"type": "monthlyprofile", "values": [1, 1, 1.2, 1.6, 2.2, 2.6, 2.6, 2.2, 1.6, 1.2, 1, 1]}]},
        },
        "recorders": {
            "zone_index": {"type": "numpyarrayindexparameter", "parameter": "zone"},
            "saving": {"type": "numpyarrayparameter", "parameter": "town_saving"},
            "farm_factor": {"type": "numpyarrayparameter", "parameter": "farm_demand"},
        },
    }


def flow_history():
    """Parameters of earlier timesteps' flows and of the year (issue #15), in two-day steps:
    `deficit` (a town's max_flow less its flow, which a tanker makes up the step after),
    `interpolatedflow` (a canal's capacity from the town's previous flow), `rollingmeanflownode`
    (in timesteps, and in days: 9 days are 4 steps) read by a `parameterthreshold`, and
    `discountfactor` shrinking a demand year by year."""
    return {
        "metadata": meta("flow history parameters"),
        "timestepper": {"start": "2020-11-01", "end": "2022-03-31", "timestep": 2},
        "nodes": [
            {"name": "river", "type": "catchment",
             "flow": {"type": "monthlyprofile", "values": [5, 5, 6, 8, 11, 9, 6, 4, 3, 3.5, 4, 4.5]}},
            {"name": "canal", "type": "link", "max_flow": "canal_capacity", "cost": 0.5},
            {"name": "tanker", "type": "input", "max_flow": "town_deficit", "cost": 3},
            {"name": "town", "type": "output", "max_flow": "town_demand", "cost": -50},
            {"name": "farms", "type": "output", "max_flow": "farm_demand", "cost": -20},
            {"name": "sea", "type": "output", "cost": -1},
        ],
        "edges": [["river", "canal"], ["river", "sea"], ["canal", "town"], ["canal", "farms"], ["tanker", "town"]],
        "parameters": {
            "discount": {"type": "DiscountFactorParameter", "rate": 0.05, "base_year": 2020},
            "town_demand": {"type": "aggregated", "agg_func": "product", "parameters": [
                {"type": "monthlyprofile", "values": [4, 4, 4.5, 5, 6, 7, 7.5, 7, 6, 5, 4.5, 4]}, "discount"]},
            "town_deficit": {"type": "deficit", "node": "town"},
            "canal_capacity": {"type": "InterpolatedFlowParameter", "node": "town",
                               "flows": [0, 2, 5, 10], "values": [3, 4.5, 6.2, 6.5],
                               "interp_kwargs": {"kind": "linear"}},
            "sea_mean": {"type": "rollingmeanflownode", "node": "sea", "timesteps": 5},
            "farm_demand": {"type": "parameterthreshold", "parameter": "sea_mean", "threshold": 1.5,
                            "values": [0.8, 2.4], "predicate": "GT"},
            "farm_mean": {"type": "RollingMeanFlowNodeParameter", "node": "farms", "days": 9, "initial_flow": 2},
        },
        "recorders": {
            "deficit_series": {"type": "numpyarrayparameter", "parameter": "town_deficit"},
            "capacity_series": {"type": "numpyarrayparameter", "parameter": "canal_capacity"},
            "sea_mean_series": {"type": "numpyarrayparameter", "parameter": "sea_mean"},
            "farm_mean_series": {"type": "numpyarrayparameter", "parameter": "farm_mean"},
            "discount_series": {"type": "numpyarrayparameter", "parameter": "discount"},
        },
    }


def xlsx(path, sheets):
    """A minimal Excel workbook (standard library only): `sheets` is a list of (name, rows),
    each row a list of cells (str as an inline string, float as a number)."""
    def cell(r, c, v):
        ref = f"{chr(ord('A') + c)}{r + 1}"
        if isinstance(v, str):
            return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'
        return f'<c r="{ref}"><v>{v!r}</v></c>'
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  for i in range(len(sheets))) + "</Types>",
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} xmlns:r="{rel}"><sheets>'
        + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(sheets))
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{i + 1}" Type="{rel}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                  for i in range(len(sheets))) + "</Relationships>",
    }
    for i, (_, rows) in enumerate(sheets):
        body = "".join(f'<row r="{r + 1}">' + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</row>"
                       for r, row in enumerate(rows))
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>{body}</sheetData></worksheet>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def data_files():
    """Data files as pywr reads them (issue #15): a gzip CSV and a bzip2 CSV (`filetype`) in a
    folder beside the model's (`../data/...`), an Excel sheet chosen by name, a `dataframe`
    written inline whose columns (scenario members) are not in sorted order, an `includes` file
    adding a node, an edge and a parameter, a `flowdurationcurvedeviation` whose lower target is
    read from a CSV, and a `CSVRecorder` (gzip-packed) of one scenario combination. Writes the
    data files in tests/data (the include too: every .json here is a model)."""
    start, days = date(2021, 1, 1), 100
    data = os.path.join(HERE, "..", "data")
    rng = random.Random(15)
    dates = [start + timedelta(days=k) for k in range(days)]
    river = "Date,flow,other\n" + "".join(
        f"{d.isoformat()},{8 + 3 * math.sin(k / 9.0) + rng.random():.6f},{rng.random():.3f}\n"
        for k, d in enumerate(dates))
    with open(os.path.join(data, "data_files_river.csv.gz"), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as g:
            g.write(river.encode())
    spring = "day,flow\n" + "".join(f"{d.isoformat()},{1.5 + 0.5 * math.cos(k / 6.0):.6f}\n"
                                     for k, d in enumerate(dates))
    with open(os.path.join(data, "data_files_spring.bz2"), "wb") as f:
        f.write(bz2.compress(spring.encode()))
    xlsx(os.path.join(HERE, "data_files_wells.xlsx"), [
        ("notes", [["wells pumped per day, m3/s"]]),
        ("wells", [["Date", "pumped"]] + [[d.isoformat(), round(0.8 + 0.02 * k, 4)] for k, d in enumerate(dates)]),
    ])
    with open(os.path.join(data, "data_files_fdc.csv"), "w") as f:
        f.write("percentile,wet,dry,mid\n10,8.5,5.6,6.9\n50,9.5,6.2,7.5\n90,10.0,7.0,8.3\n")
    write(os.path.join(data, "data_files_include.json"), {
        "nodes": [{"name": "farms", "type": "output", "max_flow": "farm_demand", "cost": -25}],
        "edges": [["res", "farms"]],
        "parameters": {"farm_demand": {"type": "constant", "value": 3.5}},
    })
    # Inline columns in the order wet, dry, mid: the members of "climate" in that order.
    town = {name: {d.isoformat(): round(base + 0.03 * k, 4) for k, d in enumerate(dates)}
            for name, base in (("wet", 7.5), ("dry", 5.0), ("mid", 6.2))}
    return {
        "metadata": meta("data files"),
        "timestepper": {"start": start.isoformat(), "end": dates[-1].isoformat(), "timestep": 1},
        "scenarios": [{"name": "climate", "size": 3}],
        "includes": ["../data/data_files_include.json"],
        "nodes": [
            {"name": "river", "type": "catchment", "flow": {
                "type": "dataframe", "url": "../data/data_files_river.csv.gz", "index_col": "Date",
                "column": "flow", "parse_dates": True}},
            {"name": "spring", "type": "input", "cost": 1.1, "max_flow": {
                "type": "dataframe", "url": "../data/data_files_spring.bz2", "filetype": "csv",
                "index_col": 0, "parse_dates": True}},
            {"name": "wells", "type": "input", "cost": 2.3, "max_flow": {
                "type": "dataframe", "url": "data_files_wells.xlsx", "sheet_name": "wells",
                "index_col": 0, "parse_dates": True}},
            {"name": "res", "type": "storage", "max_volume": 200, "initial_volume": 100, "cost": -1.7},
            {"name": "town", "type": "output", "cost": -40, "max_flow": {
                "type": "dataframe", "scenario": "climate", "data": town, "parse_dates": True}},
            {"name": "sea", "type": "output", "cost": -0.2},
        ],
        "edges": [["river", "res"], ["res", "town"], ["res", "sea"], ["spring", "town"], ["wells", "town"]],
        "recorders": {
            "town fdc": {"type": "flowdurationcurvedeviation", "node": "town", "percentiles": [10, 50, 90],
                         "lower_target_fdc": {"url": "../data/data_files_fdc.csv", "index_col": 0},
                         "upper_target_fdc": [[9.0, 6.0, 7.2], [9.8, 6.4, 7.9], [10.1, 7.2, 8.6]]},
            "flows": {"type": "CSVRecorder", "url": "data_files_flows.csv.gz", "nodes": ["town", "res", "river"],
                      "scenario_index": 1, "complib": "gzip"},
        },
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--syr-darya-years", type=int, default=None)
    ap.add_argument("--syr-darya-members", type=int, default=0,
                    help="with --syr-darya-years: an inflow scenario of this many members")
    ap.add_argument("--units", type=int, default=0,
                    help="extra tributary units (6 nodes each) in the Syr Darya-like model")
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args()
    if a.syr_darya_years:
        os.makedirs(a.out, exist_ok=True)
        stem = f"syr_darya_{a.syr_darya_years}y" + (f"_{a.units}u" if a.units else "")
        csv = os.path.join(a.out, f"{stem}_inflows.csv")
        suffix = f"_{a.syr_darya_members}m" if a.syr_darya_members else ""
        write(os.path.join(a.out, f"{stem}{suffix}.json"),
              syr_darya(a.syr_darya_years, csv, a.syr_darya_members, a.units))
        return
    write(os.path.join(HERE, "basic.json"), basic())
    write(os.path.join(HERE, "storages.json"), storages())
    write(os.path.join(HERE, "losses.json"), losses())
    write(os.path.join(HERE, "aggregated.json"), aggregated())
    write(os.path.join(HERE, "licences.json"), licences())
    write(os.path.join(HERE, "varying.json"), varying())
    write(os.path.join(HERE, "infeasible.json"), infeasible())
    write(os.path.join(HERE, "coefficients.json"), coefficients())
    write(os.path.join(HERE, "passthrough.json"), passthrough())
    write(os.path.join(HERE, "tables.json"), tables())
    write(os.path.join(HERE, "bands.json"), bands())
    write(os.path.join(HERE, "volumes.json"), volumes())
    write(os.path.join(HERE, "aggregates.json"), aggregates())
    write(os.path.join(HERE, "weekly.json"), weekly())
    write(os.path.join(HERE, "indexed.json"), indexed())
    write(os.path.join(HERE, "flow_history.json"), flow_history())
    write(os.path.join(HERE, "scenarios.json"), scenarios())
    write(os.path.join(HERE, "scenario_slices.json"), scenario_slices(False))
    write(os.path.join(HERE, "scenario_combinations.json"), scenario_slices(True))
    write(os.path.join(HERE, "syr_darya.json"), syr_darya(4, os.path.join(HERE, "syr_darya_inflows.csv")))
    write(os.path.join(HERE, "splits.json"), splits())
    write(os.path.join(HERE, "rolling_licences.json"), rolling_licences())
    write(os.path.join(HERE, "hydropower.json"), hydropower())
    write(os.path.join(HERE, "data_files.json"), data_files())


if __name__ == "__main__":
    main()
