"""Writes a deterministic ENTSOG-format operational-data CSV for benchmarks (constructed values).

Usage: python make_entsog.py OUT.csv [POINTS] [DAYS]
Each point has four indicators (Nomination, Allocation, Physical Flow, Firm Technical) per gas day,
in kWh/d, with the ENTSOG field names of gas.md 5.2 plus the Dostyk extension columns.
"""
import csv
import datetime as dt
import sys

COLS = ("id, dataSet, indicator, periodType, periodFrom, periodTo, operatorKey, tsoEicCode, operatorLabel, "
        "pointKey, pointLabel, tsoItemIdentifier, directionKey, unit, itemRemarks, generalRemarks, value, "
        "lastUpdateDateTime, isUnlimited, flowStatus, interruptionType, restorationInformation, capacityType, "
        "capacityBookingStatus, isCamRelevant, isNA, originalPeriodFrom, isCmpRelevant, bookingPlatformKey, "
        "bookingPlatformLabel, bookingPlatformURL, interruptionCalculationRemark, pointType, idPointType, "
        "isArchived").split(", ") + ["referenceConditions", "countryKey", "adjacentCountryKey"]


def main():
    out = sys.argv[1]
    points = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    days = int(sys.argv[3]) if len(sys.argv) > 3 else 365
    tz = dt.timezone(dt.timedelta(hours=5))
    start = dt.datetime(2025, 1, 1, 6, 0, tzinfo=tz)
    with open(out, "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLS)
        for p in range(points):
            op = "KZ-TSO-0001" if p % 2 == 0 else "UZ-TSO-0001"
            pk = f"IP-{p:05d}"
            direction = "exit" if p % 4 < 2 else "entry"
            cap = 1_000_000_000 + 10_000_000 * p
            for d in range(days):
                f = start + dt.timedelta(days=d)
                t = f + dt.timedelta(days=1)
                base = cap * (0.6 + 0.3 * ((d * 7 + p * 13) % 100) / 100)
                values = {
                    "Nomination": round(base),
                    "Allocation": round(base * 0.995),
                    "Physical Flow": round(base * 0.99),
                    "Firm Technical": cap,
                }
                for ind, val in values.items():
                    row = dict.fromkeys(COLS, "")
                    row.update({
                        "id": f"1{ind}day{f.date()}{t.date()}{op}{pk}{direction}kWh/d", "dataSet": "1",
                        "indicator": ind, "periodType": "day", "periodFrom": f.isoformat(),
                        "periodTo": t.isoformat(), "operatorKey": op, "operatorLabel": "bench operator",
                        "pointKey": pk, "pointLabel": f"bench point {p}", "directionKey": direction,
                        "unit": "kWh/d", "value": str(val),
                        "lastUpdateDateTime": (t + dt.timedelta(hours=2)).isoformat(),
                        "flowStatus": "Confirmed" if ind == "Physical Flow" else "",
                        "isNA": "false", "pointType": "Cross-Border Transmission IP (bench)",
                        "isArchived": "false",
                    })
                    w.writerow([row[c] for c in COLS])


if __name__ == "__main__":
    main()
