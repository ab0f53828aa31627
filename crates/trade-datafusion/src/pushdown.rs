//! The filters the provider uses while reading: reporter and partner go into the reader, which
//! passes over the rows of other pairs right after their two code cells, before the rest of the
//! row is parsed; period, year, flow and commodity level are checked on each parsed row before
//! it is put into a batch. All are reported to DataFusion as `Inexact`, so the engine applies
//! the filter again on what comes out (a reporter filter keeps every code of the partner, e.g.
//! 840 and Comtrade's 842 for the USA).

use datafusion::common::{Column, ScalarValue};
use datafusion::logical_expr::{Between, BinaryExpr, Expr, Operator, expr::InList};
use dostyk_trade::area::M49Area;
use serde::{Deserialize, Serialize};

use crate::batch::date32;

/// An inclusive range of integers (`None`: unbounded on that side).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// The smallest value kept.
    pub min: Option<i64>,
    /// The largest value kept.
    pub max: Option<i64>,
}

impl Range {
    fn narrow(&mut self, other: Range) {
        self.min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// Whether `v` is inside.
    pub fn contains(&self, v: i64) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v <= m)
    }

    fn is_all(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// What the filters of one scan let the provider skip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pushdown {
    /// Only these reporters (M49 codes; every code of the same partner is matched).
    pub reporters: Option<Vec<u16>>,
    /// Only these partners.
    pub partners: Option<Vec<u16>>,
    /// Only these flow codes (upper case, as the `flow_code` column).
    pub flows: Option<Vec<String>>,
    /// `ref_year` range.
    pub years: Range,
    /// `period` range, in days since 1970-01-01.
    pub period_days: Range,
    /// `aggr_level` range (rows outside HS, whose level is null, are dropped when set).
    pub levels: Range,
}

/// One filter the provider understands.
#[derive(Debug, Clone, PartialEq)]
enum Constraint {
    Reporters(Vec<u16>),
    Partners(Vec<u16>),
    Flows(Vec<String>),
    Years(Range),
    Period(Range),
    Levels(Range),
}

impl Pushdown {
    /// Whether the provider can use `filter` (then it is reported `Inexact`).
    pub fn understands(filter: &Expr) -> bool {
        constraint(filter).is_some()
    }

    /// The pushdown of the filters the provider understands (the others are ignored here and
    /// applied by the engine).
    pub fn from_filters(filters: &[Expr]) -> Self {
        let mut p = Pushdown::default();
        for f in filters {
            match constraint(f) {
                Some(Constraint::Reporters(c)) => p.reporters = Some(intersect(p.reporters, c)),
                Some(Constraint::Partners(c)) => p.partners = Some(intersect(p.partners, c)),
                Some(Constraint::Flows(c)) => {
                    p.flows = Some(match p.flows {
                        Some(old) => old.into_iter().filter(|f| c.contains(f)).collect(),
                        None => c,
                    });
                }
                Some(Constraint::Years(r)) => p.years.narrow(r),
                Some(Constraint::Period(r)) => p.period_days.narrow(r),
                Some(Constraint::Levels(r)) => p.levels.narrow(r),
                None => {}
            }
        }
        p
    }

    /// Whether the row checks (after parsing) have anything to do.
    pub(crate) fn checks_rows(&self) -> bool {
        self.flows.is_some()
            || !self.years.is_all()
            || !self.period_days.is_all()
            || !self.levels.is_all()
    }

    /// Whether a parsed row passes the period, year, flow and level filters.
    pub(crate) fn keeps(&self, flow: &dostyk_trade::flow::TradeFlow) -> bool {
        if let Some(flows) = &self.flows
            && !flows.iter().any(|f| f == flow.flow.code())
        {
            return false;
        }
        if !self.years.contains(i64::from(flow.period.calendar_year())) {
            return false;
        }
        if !self
            .period_days
            .contains(i64::from(date32(flow.period.first_day())))
        {
            return false;
        }
        if !self.levels.is_all() {
            let level = flow.commodity.level().map(|l| match l {
                dostyk_trade::flow::Level::Total => 0,
                dostyk_trade::flow::Level::Hs2 => 2,
                dostyk_trade::flow::Level::Hs4 => 4,
                dostyk_trade::flow::Level::Hs6 => 6,
            });
            return level.is_some_and(|l| self.levels.contains(l));
        }
        true
    }
}

fn intersect(old: Option<Vec<u16>>, new: Vec<u16>) -> Vec<u16> {
    match old {
        Some(old) => old.into_iter().filter(|c| new.contains(c)).collect(),
        None => new,
    }
}

/// The column under casts, if the expression is one.
fn column(e: &Expr) -> Option<&Column> {
    match e {
        Expr::Column(c) => Some(c),
        Expr::Cast(c) => column(&c.expr),
        Expr::TryCast(c) => column(&c.expr),
        _ => None,
    }
}

fn literal(e: &Expr) -> Option<&ScalarValue> {
    match e {
        Expr::Literal(v, _) => Some(match v {
            ScalarValue::Dictionary(_, inner) => inner,
            other => other,
        }),
        _ => None,
    }
}

fn text(v: &ScalarValue) -> Option<&str> {
    match v {
        ScalarValue::Utf8(Some(s))
        | ScalarValue::LargeUtf8(Some(s))
        | ScalarValue::Utf8View(Some(s)) => Some(s),
        _ => None,
    }
}

fn integer(v: &ScalarValue) -> Option<i64> {
    match v {
        ScalarValue::Int8(Some(x)) => Some(i64::from(*x)),
        ScalarValue::Int16(Some(x)) => Some(i64::from(*x)),
        ScalarValue::Int32(Some(x)) | ScalarValue::Date32(Some(x)) => Some(i64::from(*x)),
        ScalarValue::Int64(Some(x)) => Some(*x),
        ScalarValue::UInt8(Some(x)) => Some(i64::from(*x)),
        ScalarValue::UInt16(Some(x)) => Some(i64::from(*x)),
        ScalarValue::UInt32(Some(x)) => Some(i64::from(*x)),
        ScalarValue::UInt64(Some(x)) => i64::try_from(*x).ok(),
        _ => None,
    }
}

/// Every M49 code of the area a literal names (an ISO code, `W00`, or an M49 number).
fn area_codes(name: &str, v: &ScalarValue) -> Option<Vec<u16>> {
    let area = if name.ends_with("_iso") {
        M49Area::from_code(text(v)?).ok()?
    } else {
        M49Area::from_m49(u16::try_from(integer(v)?).ok()?)
    };
    Some(area.codes())
}

/// The values of `col = v` or `col IN (v, …)`, each mapped by `f`.
fn set<T>(
    name: &str,
    values: &[&ScalarValue],
    f: impl Fn(&str, &ScalarValue) -> Option<Vec<T>>,
) -> Option<Vec<T>> {
    let mut out = Vec::new();
    for v in values {
        out.extend(f(name, v)?);
    }
    Some(out)
}

fn constraint_of_set(name: &str, values: &[&ScalarValue]) -> Option<Constraint> {
    match name {
        "reporter_iso" | "reporter_code" => {
            set(name, values, area_codes).map(Constraint::Reporters)
        }
        "partner_iso" | "partner_code" => set(name, values, area_codes).map(Constraint::Partners),
        "flow_code" => set(name, values, |_, v| {
            text(v).map(|t| vec![t.trim().to_ascii_uppercase()])
        })
        .map(Constraint::Flows),
        "ref_year" | "period" | "aggr_level" if values.len() == 1 => {
            let v = integer(values[0])?;
            range_constraint(
                name,
                Range {
                    min: Some(v),
                    max: Some(v),
                },
            )
        }
        _ => None,
    }
}

fn range_constraint(name: &str, r: Range) -> Option<Constraint> {
    match name {
        "ref_year" => Some(Constraint::Years(r)),
        "period" => Some(Constraint::Period(r)),
        "aggr_level" => Some(Constraint::Levels(r)),
        _ => None,
    }
}

fn flip(op: Operator) -> Option<Operator> {
    Some(match op {
        Operator::Eq => Operator::Eq,
        Operator::Lt => Operator::Gt,
        Operator::LtEq => Operator::GtEq,
        Operator::Gt => Operator::Lt,
        Operator::GtEq => Operator::LtEq,
        _ => return None,
    })
}

fn constraint(e: &Expr) -> Option<Constraint> {
    match e {
        Expr::BinaryExpr(BinaryExpr { left, op, right }) => {
            let (column_ref, value, op) =
                match (column(left), literal(right), column(right), literal(left)) {
                    (Some(found), Some(lit), _, _) => (found, lit, *op),
                    (_, _, Some(found), Some(lit)) => (found, lit, flip(*op)?),
                    _ => return None,
                };
            let name = column_ref.name.as_str();
            if op == Operator::Eq {
                return constraint_of_set(name, &[value]);
            }
            let x = integer(value)?;
            let r = match op {
                Operator::Lt => Range {
                    min: None,
                    max: Some(x - 1),
                },
                Operator::LtEq => Range {
                    min: None,
                    max: Some(x),
                },
                Operator::Gt => Range {
                    min: Some(x + 1),
                    max: None,
                },
                Operator::GtEq => Range {
                    min: Some(x),
                    max: None,
                },
                _ => return None,
            };
            range_constraint(name, r)
        }
        Expr::InList(InList {
            expr,
            list,
            negated: false,
        }) => {
            let c = column(expr)?;
            let values: Option<Vec<&ScalarValue>> = list.iter().map(literal).collect();
            let values = values?;
            if matches!(c.name.as_str(), "ref_year" | "period" | "aggr_level") {
                let xs: Option<Vec<i64>> = values.iter().map(|v| integer(v)).collect();
                let xs = xs?;
                return range_constraint(
                    &c.name,
                    Range {
                        min: xs.iter().min().copied(),
                        max: xs.iter().max().copied(),
                    },
                );
            }
            constraint_of_set(&c.name, &values)
        }
        Expr::Between(Between {
            expr,
            negated: false,
            low,
            high,
        }) => {
            let c = column(expr)?;
            range_constraint(
                &c.name,
                Range {
                    min: Some(integer(literal(low)?)?),
                    max: Some(integer(literal(high)?)?),
                },
            )
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::prelude::{col, lit};

    #[test]
    fn reporter_and_partner_filters_name_every_code_of_the_area() {
        let p = Pushdown::from_filters(&[
            col("reporter_iso").eq(lit("USA")),
            lit(398u16).eq(col("partner_code")),
        ]);
        let r = p.reporters.unwrap();
        assert!(r.contains(&840) && r.contains(&842), "{r:?}");
        assert_eq!(p.partners.unwrap(), vec![398]);
    }

    #[test]
    fn ranges_narrow_and_unknown_filters_are_left_to_the_engine() {
        let p = Pushdown::from_filters(&[
            col("ref_year").gt_eq(lit(2020)),
            col("ref_year").lt(lit(2023)),
            col("flow_code").in_list(vec![lit("x"), lit("M")], false),
            col("cmd_code").eq(lit("TOTAL")),
        ]);
        assert_eq!(
            p.years,
            Range {
                min: Some(2020),
                max: Some(2022)
            }
        );
        assert_eq!(p.flows.unwrap(), vec!["X".to_owned(), "M".to_owned()]);
        assert!(!Pushdown::understands(&col("cmd_code").eq(lit("TOTAL"))));
        assert!(!Pushdown::understands(
            &col("reporter_iso").eq(lit("no such place"))
        ));
    }
}
