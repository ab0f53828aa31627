//! Reader throughput on an in-memory Comtrade API CSV (`cargo bench -p dostyk-trade`). The
//! side-by-side comparison with polars on a 5-million-row file is `bench/trade/compare.py`.

// criterion_group! and criterion_main! generate undocumented items.
#![allow(missing_docs)]

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dostyk_trade::aggregate::Aggregator;
use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::{ComtradeReader, ReadOptions};

const HEADER: &str = "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate\n";

/// 100,000 rows: 10 reporters × 10 partners × 2 flows × 500 HS6 codes, quoted descriptions.
fn input() -> Vec<u8> {
    let mut s = String::from(HEADER);
    let reporters = [398u16, 860, 417, 762, 795, 643, 156, 792, 276, 410];
    for r in reporters {
        for p in reporters {
            for (flow, desc) in [("M", "Import"), ("X", "Export")] {
                for k in 0..500u32 {
                    let code = format!("{:02}{:04}", 1 + k % 97, k * 7 % 10_000);
                    let v = 1000 + u64::from(k) * 37;
                    let _ = writeln!(
                        s,
                        "C,A,20230101,2023,52,2023,{r},XXX,\"Name, with comma\",{flow},{desc},{p},YYY,\"Partner, name\",0,W00,World,H6,HS,True,{code},\"Goods, of {code}\",6,True,C00,TOTAL CPC,0,0,TOTAL MOT,8,kg,{v}.0,False,-1,N/A,,False,{v}.0,False,,False,{v}.0,,{v}.0,0,True,False"
                    );
                }
            }
        }
    }
    s.into_bytes()
}

fn bench(c: &mut Criterion) {
    let data = input();
    let mut g = c.benchmark_group("comtrade_read");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.sample_size(20);
    g.bench_function("all_rows_aggregated", |b| {
        b.iter(|| {
            let reader = ComtradeReader::from_reader(
                "bench.csv",
                std::io::Cursor::new(data.clone()),
                ReadOptions::default(),
            )
            .expect("the generated header is valid");
            let mut agg = Aggregator::new();
            agg.add_all(reader).expect("the generated rows are valid");
            black_box(agg.totals().0.len())
        });
    });
    g.bench_function("one_pair_filtered", |b| {
        let options = ReadOptions {
            reporters: vec![M49Area::from_m49(398)],
            partners: vec![M49Area::from_m49(860)],
            ..ReadOptions::default()
        };
        b.iter(|| {
            let reader = ComtradeReader::from_reader(
                "bench.csv",
                std::io::Cursor::new(data.clone()),
                options.clone(),
            )
            .expect("the generated header is valid");
            let mut agg = Aggregator::new();
            agg.add_all(reader).expect("the generated rows are valid");
            black_box(agg.totals().0.len())
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
