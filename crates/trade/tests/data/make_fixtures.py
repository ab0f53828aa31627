#!/usr/bin/env python3
"""Writes the small Comtrade-format fixtures of crates/trade/tests/data.

Run once from this folder (`python3 make_fixtures.py`); the outputs are committed and the Rust
tests read them without Python. README.md says which values are published figures and which
are constructed test rows.
"""
import csv
import gzip
import io

API_COLUMNS = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,"
    "flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,"
    "classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,"
    "isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,"
    "isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,"
    "grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,"
    "isAggregate"
).split(",")
assert len(API_COLUMNS) == 47

BULK_COLUMNS = (
    "datasetCode,typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,flowCode,"
    "partnerCode,partner2Code,classificationSearchCode,classificationCode,isOriginalClassification,"
    "cmdCode,customsCode,mosCode,motCode,qtyUnitCode,qty,isQtyEstimated,altQtyUnitCode,altQty,"
    "isAltQtyEstimated,netWgt,isnetWgtEstimated,grossWgt,isgrossWgtEstimated,cifValue,fobValue,"
    "primaryValue,legacyEstimationFlag,isReported,isAggregate"
).split(",")

COUNTRY = {398: ("KAZ", "Kazakhstan"), 860: ("UZB", "Uzbekistan"), 0: ("W00", "World"),
           417: ("KGZ", "Kyrgyzstan")}
FLOW = {"X": "Export", "M": "Import", "RX": "Re-export", "RM": "Re-import"}
CMD = {
    "TOTAL": "All Commodities",
    "10": "Cereals",
    "11": "Products of the milling industry; malt, starches, inulin, wheat gluten",
    "27": "Mineral fuels, mineral oils and products of their distillation; bituminous substances; mineral waxes",
    "72": "Iron and steel",
    "100199": "Wheat and meslin: other than durum wheat, other than seed",
}
MOT = {0: "TOTAL MOT", 3100: "Railway", 3200: "Road"}


def api_row(reporter, flow, partner, year, cmd, value, month=52, mot=0, customs="C00",
            partner2=0, net_wgt=""):
    period = str(year) if month == 52 else f"{year}{month:02d}"
    ref_id = f"{year}0101" if month == 52 else f"{year}{month:02d}01"
    aggr = 0 if cmd == "TOTAL" else len(cmd)
    cif = value if flow in ("M", "RM") else ""
    fob = value if flow in ("X", "RX") else ""
    r = dict.fromkeys(API_COLUMNS, "")
    r.update(
        typeCode="C", freqCode="A" if month == 52 else "M", refPeriodId=ref_id, refYear=year,
        refMonth=month, period=period, reporterCode=reporter, reporterISO=COUNTRY[reporter][0],
        reporterDesc=COUNTRY[reporter][1], flowCode=flow, flowDesc=FLOW[flow],
        partnerCode=partner, partnerISO=COUNTRY[partner][0], partnerDesc=COUNTRY[partner][1],
        partner2Code=partner2, partner2ISO=COUNTRY[partner2][0], partner2Desc=COUNTRY[partner2][1],
        classificationCode="H6", classificationSearchCode="HS", isOriginalClassification="True",
        cmdCode=cmd, cmdDesc=CMD[cmd], aggrLevel=aggr, isLeaf="True" if aggr == 6 else "False",
        customsCode=customs, customsDesc="TOTAL CPC" if customs == "C00" else "Clearance for home use",
        mosCode="0", motCode=mot, motDesc=MOT[mot], qtyUnitCode=-1 if aggr != 6 else 8,
        qtyUnitAbbr="N/A" if aggr != 6 else "kg", qty="" if aggr != 6 else net_wgt,
        isQtyEstimated="False", altQtyUnitCode=-1, altQtyUnitAbbr="N/A", altQty="",
        isAltQtyEstimated="False", netWgt=net_wgt, isNetWgtEstimated="False", grossWgt="",
        isGrossWgtEstimated="False", cifvalue=f"{cif}.0" if cif != "" else "",
        fobvalue=f"{fob}.0" if fob != "" else "", primaryValue=f"{value}.0",
        legacyEstimationFlag=0, isReported="True", isAggregate="False",
    )
    return [r[c] for c in API_COLUMNS]


def write_csv(path, header, rows, delimiter=",", quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n", quoting=quoting)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


# --- API CSV: annual KAZ/UZB totals 2022-2023 and the double-counting cases -------------------
api = [
    api_row(398, "X", 860, 2022, "TOTAL", 3700000000),
    api_row(398, "M", 860, 2022, "TOTAL", 1300000000),
    api_row(860, "M", 398, 2022, "TOTAL", 3700000000),
    api_row(860, "X", 398, 2022, "TOTAL", 1300000000),
    api_row(398, "X", 860, 2023, "TOTAL", 3100000000),
    api_row(398, "M", 860, 2023, "TOTAL", 1300000000),
    api_row(860, "M", 398, 2023, "TOTAL", 3100000000),
    api_row(860, "X", 398, 2023, "TOTAL", 1250000000),
    # HS rows beside the TOTAL of the same flow: never added to it.
    api_row(398, "X", 860, 2023, "10", 900000000),
    api_row(398, "X", 860, 2023, "27", 400000000),
    api_row(398, "X", 860, 2023, "72", 350000000),
    api_row(398, "X", 860, 2023, "11", 150000000),
    api_row(398, "X", 860, 2023, "100199", 850000000, net_wgt="3400000000.0"),
    # Breakdown rows: mode of transport, customs procedure, second partner.
    api_row(398, "X", 860, 2023, "TOTAL", 2000000000, mot=3100),
    api_row(398, "X", 860, 2023, "TOTAL", 800000000, mot=3200),
    api_row(398, "X", 860, 2023, "TOTAL", 2900000000, customs="C01"),
    api_row(398, "X", 860, 2023, "TOTAL", 120000000, partner2=417),
    # Re-exports are part of exports.
    api_row(398, "RX", 860, 2023, "TOTAL", 50000000),
    # Partner World: its own partner, never added to UZB.
    api_row(398, "X", 0, 2023, "TOTAL", 78000000000),
]
with open("comtrade_api_kaz_uzb.csv", "w", newline="") as f:
    f.write(write_csv("comtrade_api_kaz_uzb.csv", API_COLUMNS, api))


def bulk_row(reporter, flow, partner, year, month, value):
    r = dict.fromkeys(BULK_COLUMNS, "")
    r.update(
        datasetCode=f"{year}{month:02d}{reporter}", typeCode="C", freqCode="M",
        refPeriodId=f"{year}{month:02d}01", refYear=year, refMonth=month,
        period=f"{year}{month:02d}", reporterCode=reporter, flowCode=flow, partnerCode=partner,
        partner2Code=0, classificationSearchCode="HS", classificationCode="H6",
        isOriginalClassification="1", cmdCode="TOTAL", customsCode="C00", mosCode="0", motCode=0,
        qtyUnitCode=-1, qty="0", isQtyEstimated="0", altQtyUnitCode=-1, altQty="0",
        isAltQtyEstimated="0", netWgt="0", isnetWgtEstimated="0", grossWgt="0",
        isgrossWgtEstimated="0", cifValue=value if flow == "M" else "",
        fobValue=value if flow == "X" else "", primaryValue=value, legacyEstimationFlag=0,
        isReported="1", isAggregate="0",
    )
    return [r[c] for c in BULK_COLUMNS]


# --- Bulk TSV (plain): KAZ monthly totals with UZB, 2022-01..2022-12 and 2023-01..2023-11 -----
kz_x_2022 = [240, 255, 290, 300, 310, 305, 320, 330, 325, 335, 340, 350]
kz_m_2022 = [90, 95, 100, 105, 110, 108, 112, 115, 110, 118, 117, 120]
# Q1 2023 sums to the published Finprom figures (exports 821.3m, imports 248.9m).
kz_x_2023 = [250, 270, 301.3, 260, 255, 250, 245, 240, 235, 230, 225]
kz_m_2023 = [75, 80, 93.9, 100, 102, 104, 106, 108, 110, 112, 114]
bulk = []
for year, xs, ms in ((2022, kz_x_2022, kz_m_2022), (2023, kz_x_2023, kz_m_2023)):
    for i, (x, m) in enumerate(zip(xs, ms)):
        bulk.append(bulk_row(398, "X", 860, year, i + 1, round(x * 1_000_000)))
        bulk.append(bulk_row(398, "M", 860, year, i + 1, round(m * 1_000_000)))
with open("comtrade_bulk_kaz_monthly.tsv", "w", newline="") as f:
    f.write(write_csv(None, BULK_COLUMNS, bulk, delimiter="\t", quoting=csv.QUOTE_NONE))

# --- Bulk TSV (gzip): UZB monthly totals with KAZ, 2023-01..2023-06 -----------------------------
# Jan-Apr sums to the published UZ figures (imports 1,080m, exports 426.8m) and Jan-Jun to
# imports 1,496.2m and exports 699.3m.
uz_m_2023 = [250, 260, 270, 300, 200, 216.2]
uz_x_2023 = [95, 100, 110, 121.8, 130, 142.5]
gz = []
for i, (m, x) in enumerate(zip(uz_m_2023, uz_x_2023)):
    gz.append(bulk_row(860, "M", 398, 2023, i + 1, round(m * 1_000_000)))
    gz.append(bulk_row(860, "X", 398, 2023, i + 1, round(x * 1_000_000)))
text = write_csv(None, BULK_COLUMNS, gz, delimiter="\t", quoting=csv.QUOTE_NONE)
with open("comtrade_bulk_uzb_2023h1.txt.gz", "wb") as f:
    # mtime=0 keeps the file byte-identical between runs.
    with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
        g.write(text.encode())

# --- Legacy CSV, human headings: KAZ 2017 (published: exports 1.3bn, imports 735.2m) -----------
HUMAN = ("Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,"
         "Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,"
         "2nd Partner Code,2nd Partner,2nd Partner ISO,Customs Proc. Code,Customs,"
         "Mode of Transport Code,Mode of Transport,Commodity Code,Commodity,Qty Unit Code,Qty Unit,"
         "Qty,Alt Qty Unit Code,Alt Qty Unit,Alt Qty,Netweight (kg),Gross weight (kg),"
         "Trade Value (US$),CIF Trade Value (US$),FOB Trade Value (US$),Flag").split(",")
assert len(HUMAN) == 35


def legacy_row(rg, rt, pt, year, cmd, value, cmd_desc):
    rg_desc = {1: "Import", 2: "Export", 3: "Re-Export", 4: "Re-Import"}[rg]
    pt_iso = "WLD" if pt == 0 else COUNTRY[pt][0]
    agg = 0 if cmd == "TOTAL" else len(cmd)
    return ["H5", year, year, year, agg, 0, rg, rg_desc, rt, COUNTRY[rt][1], COUNTRY[rt][0], pt,
            COUNTRY[pt][1], pt_iso, "", "", "", "", "", "", "", cmd, cmd_desc, 1, "No Quantity",
            "", "", "", "", "", "", value, "", "", 0]


legacy_h = [
    legacy_row(2, 398, 860, 2017, "TOTAL", 1300000000, "All Commodities"),
    legacy_row(1, 398, 860, 2017, "TOTAL", 735200000, "All Commodities"),
    legacy_row(2, 398, 0, 2017, "TOTAL", 48300000000, "All Commodities"),
]
with open("comtrade_legacy_human_kaz_2017.csv", "w", newline="") as f:
    f.write(write_csv(None, HUMAN, legacy_h))

MACHINE = ("pfCode,yr,period,periodDesc,aggrLevel,IsLeaf,rgCode,rgDesc,rtCode,rtTitle,rt3ISO,"
           "ptCode,ptTitle,pt3ISO,ptCode2,ptTitle2,pt3ISO2,cstCode,cstDesc,motCode,motDesc,cmdCode,"
           "cmdDescE,qtCode,qtDesc,qtAltCode,qtAltDesc,TradeQuantity,AltQuantity,NetWeight,"
           "GrossWeight,TradeValue,CIFValue,FOBValue,estCode").split(",")
assert len(MACHINE) == 35
legacy_m = [
    legacy_row(1, 860, 398, 2017, "TOTAL", 1250000000, "All Commodities"),
    legacy_row(2, 860, 398, 2017, "TOTAL", 700000000, "All Commodities"),
    legacy_row(4, 860, 398, 2017, "TOTAL", 4934172, "All Commodities"),
]
with open("comtrade_legacy_machine_uzb_2017.csv", "w", newline="") as f:
    f.write(write_csv(None, MACHINE, legacy_m))

# --- Bad files ------------------------------------------------------------------------------
bad = [api_row(398, "X", 860, 2022, "TOTAL", 3700000000), api_row(398, "M", 860, 2022, "TOTAL", 1)]
bad[1][API_COLUMNS.index("primaryValue")] = "12,5"
with open("bad_decimal_comma.csv", "w", newline="") as f:
    f.write(write_csv(None, API_COLUMNS, bad))

missing = [c for c in API_COLUMNS if c not in ("partnerCode", "primaryValue")]
rows = [[v for c, v in zip(API_COLUMNS, api_row(398, "X", 860, 2022, "TOTAL", 1)) if c in missing]]
with open("bad_missing_columns.csv", "w", newline="") as f:
    f.write(write_csv(None, missing, rows))

bad = [api_row(398, "X", 860, 2022, "TOTAL", 3700000000)]
bad[0][API_COLUMNS.index("flowCode")] = "Q"
with open("bad_flow_code.csv", "w", newline="") as f:
    f.write(write_csv(None, API_COLUMNS, bad))

conflict = [api_row(398, "X", 860, 2022, "TOTAL", 3650000000)]
with open("conflict_kaz_2022.csv", "w", newline="") as f:
    f.write(write_csv(None, API_COLUMNS, conflict))
