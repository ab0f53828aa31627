//! pywr's scenarios: the model's `scenarios` (each a name and a number of members, optionally
//! named and sliced) and `scenario_combinations`, and the combinations a run simulates.
//!
//! As pywr 1.31's `ScenarioCollection.get_combinations`: without scenarios a model is one run;
//! with user combinations those are run, in their order (a scenario's `slice` is then
//! ignored); otherwise every combination of the scenarios' members (each restricted to its
//! `slice`, Python's `range(size)[slice(*slice)]`), the last scenario varying fastest.

use serde_json::Value as Json;

use super::fields::Fields;
use super::{Ctx, SchemaError};

/// The most scenario combinations a model may ask for: 100,000. Each combination is a whole
/// run of the model; beyond this the request is almost certainly a mistake (a size typed with
/// extra zeros), and the list of combinations alone would take memory without bound.
pub const MAX_SCENARIO_COMBINATIONS: usize = 100_000;

/// The largest `size` of a scenario: 2^31 − 1, pywr's `int` (a slice may pick a few members
/// of a large ensemble).
pub const MAX_SCENARIO_SIZE: usize = i32::MAX as usize;

/// One entry of the model's `scenarios`: a dimension along which scenario-aware parameters
/// vary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The name parameters refer to with `"scenario": name`.
    pub name: String,
    /// The number of members (ensembles), at least 1.
    pub size: usize,
    /// A name for each member (`size` of them), used in the results' scenario labels.
    pub ensemble_names: Option<Vec<String>>,
    /// The members to run, Python's `slice(start, stop, step)` of `0..size`.
    pub slice: Option<ScenarioSlice>,
}

/// Python's `slice(start, stop, step)`: any part may be absent (`null`), negative positions
/// count from the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScenarioSlice {
    /// First position (default 0, or the end for a negative step).
    pub start: Option<i64>,
    /// Position to stop before (default the end, or before the start for a negative step).
    pub stop: Option<i64>,
    /// Stride (default 1; never 0).
    pub step: Option<i64>,
}

impl ScenarioSlice {
    /// The member indices `range(size)[slice]` selects, in order; `None` when `step` is 0.
    /// Computes the count first, so a huge `size` costs nothing beyond the members selected.
    pub fn members(&self, size: usize) -> Option<impl Iterator<Item = usize>> {
        let len = i64::try_from(size).ok()?;
        let step = self.step.unwrap_or(1);
        if step == 0 {
            return None;
        }
        let (lower, upper) = if step > 0 { (0, len) } else { (-1, len - 1) };
        let clamp = |v: i64| {
            if v < 0 {
                (v.saturating_add(len)).max(lower)
            } else {
                v.min(upper)
            }
        };
        let start = self
            .start
            .map_or(if step > 0 { lower } else { upper }, clamp);
        let stop = self
            .stop
            .map_or(if step > 0 { upper } else { lower }, clamp);
        let count = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Some((0..count).map(move |k| usize::try_from(start + k * step).unwrap_or(0)))
    }
}

impl Scenario {
    /// The member indices a run without user combinations simulates (the slice's, or all).
    pub(crate) fn selected(&self) -> Vec<usize> {
        match &self.slice {
            None => (0..self.size).collect(),
            Some(s) => s
                .members(self.size)
                .map(Iterator::collect)
                .unwrap_or_default(),
        }
    }

    /// The number of members [`Scenario::selected`] returns, without listing them.
    fn selected_count(&self) -> usize {
        match &self.slice {
            None => self.size,
            Some(s) => s.members(self.size).map_or(0, Iterator::count),
        }
    }

    /// The label of member `i` in the results: `name=ensemble name`, or `name=i`.
    pub fn member_label(&self, i: usize) -> String {
        match self.ensemble_names.as_ref().and_then(|n| n.get(i)) {
            Some(member) => format!("{}={member}", self.name),
            None => format!("{}={i}", self.name),
        }
    }
}

/// The combinations a run simulates (see the module documentation), each a member index per
/// scenario; a model without scenarios is one combination with no indices. `None` with the
/// reason when there are none or more than [`MAX_SCENARIO_COMBINATIONS`].
pub(crate) fn combinations(
    scenarios: &[Scenario],
    user: Option<&[Vec<usize>]>,
) -> Result<Vec<Vec<usize>>, String> {
    if scenarios.is_empty() {
        return Ok(vec![Vec::new()]);
    }
    if let Some(user) = user {
        if user.is_empty() {
            return Err("no scenario combination is listed; give at least one".to_owned());
        }
        if user.len() > MAX_SCENARIO_COMBINATIONS {
            return Err(format!(
                "{} combinations; at most {MAX_SCENARIO_COMBINATIONS} can be run",
                user.len()
            ));
        }
        return Ok(user.to_vec());
    }
    let mut count: usize = 1;
    for s in scenarios {
        count = count
            .checked_mul(s.selected_count())
            .filter(|&c| c <= MAX_SCENARIO_COMBINATIONS)
            .ok_or_else(|| {
                format!(
                    "the scenarios' sizes ({}) make more than {MAX_SCENARIO_COMBINATIONS} combinations; run fewer members (a \"slice\") or list the combinations to run in \"scenario_combinations\"",
                    scenarios
                        .iter()
                        .map(|s| s.selected_count().to_string())
                        .collect::<Vec<_>>()
                        .join(" x ")
                )
            })?;
    }
    if count == 0 {
        return Err("the scenarios' slices select no member; no scenario would run".to_owned());
    }
    let members: Vec<Vec<usize>> = scenarios.iter().map(Scenario::selected).collect();
    let mut out = Vec::with_capacity(count);
    let mut idx = vec![0usize; members.len()];
    loop {
        out.push(idx.iter().zip(&members).map(|(&k, m)| m[k]).collect());
        // Odometer: the last scenario varies fastest, as itertools.product.
        let mut d = members.len();
        loop {
            if d == 0 {
                return Ok(out);
            }
            d -= 1;
            idx[d] += 1;
            if idx[d] < members[d].len() {
                break;
            }
            idx[d] = 0;
        }
    }
}

/// Parses the model's `scenarios` list.
pub(crate) fn parse_scenarios(v: &Json, ctx: &Ctx) -> Result<Vec<Scenario>, SchemaError> {
    let list = v
        .as_array()
        .ok_or_else(|| ctx.invalid("scenarios", "a list of {name, size} objects"))?;
    let mut out = Vec::with_capacity(list.len());
    for (i, s) in list.iter().enumerate() {
        let location = format!("scenarios[{i}]");
        let mut f = Fields::new(s, &location, ctx)?;
        let _ = f.take("comment");
        let name = f.string("name")?;
        let size = match f.take("size") {
            None => 1,
            Some(Json::Number(n)) => n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .filter(|n| (1..=MAX_SCENARIO_SIZE).contains(n))
                .ok_or_else(|| {
                    ctx.invalid(
                        &format!("{location}.size"),
                        &format!("an integer from 1 to {MAX_SCENARIO_SIZE}, found {n}"),
                    )
                })?,
            Some(other) => {
                return Err(ctx.invalid(
                    &format!("{location}.size"),
                    &format!("an integer from 1 to {MAX_SCENARIO_SIZE}, found {other}"),
                ));
            }
        };
        let ensemble_names = match f.take("ensemble_names") {
            None | Some(Json::Null) => None,
            Some(Json::Array(items)) => Some(
                items
                    .iter()
                    .map(|x| match x {
                        Json::String(s) => Some(s.clone()),
                        Json::Number(n) => Some(n.to_string()),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| {
                        ctx.invalid(&format!("{location}.ensemble_names"), "a list of names")
                    })?,
            ),
            Some(_) => {
                return Err(ctx.invalid(&format!("{location}.ensemble_names"), "a list of names"));
            }
        };
        let slice = match f.take("slice") {
            None | Some(Json::Null) => None,
            Some(Json::Array(items)) if items.is_empty() => None,
            Some(Json::Array(items)) if items.len() <= 3 => {
                let part = |x: &Json| match x {
                    Json::Null => Some(None),
                    Json::Number(n) => n.as_i64().map(Some),
                    _ => None,
                };
                let parts = items.iter().map(part).collect::<Option<Vec<_>>>();
                let expected = "[stop], [start, stop] or [start, stop, step]: integers or null, step not 0 (Python's slice)";
                let parts =
                    parts.ok_or_else(|| ctx.invalid(&format!("{location}.slice"), expected))?;
                let slice = match parts[..] {
                    [stop] => ScenarioSlice {
                        start: None,
                        stop,
                        step: None,
                    },
                    [start, stop] => ScenarioSlice {
                        start,
                        stop,
                        step: None,
                    },
                    [start, stop, step] => ScenarioSlice { start, stop, step },
                    _ => return Err(ctx.invalid(&format!("{location}.slice"), expected)),
                };
                if slice.step == Some(0) {
                    return Err(ctx.invalid(&format!("{location}.slice"), expected));
                }
                Some(slice)
            }
            Some(_) => {
                return Err(ctx.invalid(
                    &format!("{location}.slice"),
                    "[stop], [start, stop] or [start, stop, step]: integers or null (Python's slice)",
                ));
            }
        };
        f.finish()?;
        out.push(Scenario {
            name,
            size,
            ensemble_names,
            slice,
        });
    }
    Ok(out)
}

/// Parses `scenario_combinations`: a list of lists of member indices, one per scenario.
pub(crate) fn parse_combinations(v: &Json, ctx: &Ctx) -> Result<Vec<Vec<usize>>, SchemaError> {
    let expected = "a list of combinations, each a list of member indices (one per scenario)";
    let list = v
        .as_array()
        .ok_or_else(|| ctx.invalid("scenario_combinations", expected))?;
    list.iter()
        .enumerate()
        .map(|(i, c)| {
            let at = format!("scenario_combinations[{i}]");
            c.as_array()
                .ok_or_else(|| ctx.invalid(&at, expected))?
                .iter()
                .map(|x| {
                    x.as_u64()
                        .and_then(|n| usize::try_from(n).ok())
                        .ok_or_else(|| ctx.invalid(&at, "member indices from 0 (integers)"))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Vec<usize> {
        ScenarioSlice { start, stop, step }
            .members(10)
            .unwrap()
            .collect()
    }

    #[test]
    fn slices_select_as_python_range_slicing() {
        assert_eq!(slice(Some(0), None, Some(2)), vec![0, 2, 4, 6, 8]);
        assert_eq!(slice(None, Some(3), None), vec![0, 1, 2]);
        assert_eq!(slice(Some(-3), None, None), vec![7, 8, 9]);
        assert_eq!(slice(None, None, Some(-3)), vec![9, 6, 3, 0]);
        assert_eq!(slice(Some(8), Some(2), Some(-2)), vec![8, 6, 4]);
        assert_eq!(slice(Some(20), Some(30), None), Vec::<usize>::new());
        assert_eq!(slice(Some(-20), Some(2), None), vec![0, 1]);
        assert!(
            ScenarioSlice {
                start: None,
                stop: None,
                step: Some(0)
            }
            .members(3)
            .is_none()
        );
        // A huge ensemble sliced to a few members costs nothing.
        let few: Vec<usize> = ScenarioSlice {
            start: Some(5),
            stop: Some(8),
            step: None,
        }
        .members(MAX_SCENARIO_SIZE)
        .unwrap()
        .collect();
        assert_eq!(few, vec![5, 6, 7]);
    }

    fn scenario(name: &str, size: usize, slice: Option<ScenarioSlice>) -> Scenario {
        Scenario {
            name: name.to_owned(),
            size,
            ensemble_names: None,
            slice,
        }
    }

    #[test]
    fn combinations_are_the_product_with_the_last_scenario_fastest() {
        let s = [scenario("a", 2, None), scenario("b", 3, None)];
        let c = combinations(&s, None).unwrap();
        assert_eq!(c.len(), 6);
        assert_eq!(c[0], vec![0, 0]);
        assert_eq!(c[1], vec![0, 1]);
        assert_eq!(c[3], vec![1, 0]);
        let sliced = [
            scenario(
                "a",
                10,
                Some(ScenarioSlice {
                    start: Some(0),
                    stop: None,
                    step: Some(2),
                }),
            ),
            scenario(
                "b",
                2,
                Some(ScenarioSlice {
                    start: Some(0),
                    stop: Some(1),
                    step: Some(1),
                }),
            ),
        ];
        assert_eq!(
            combinations(&sliced, None).unwrap(),
            vec![vec![0, 0], vec![2, 0], vec![4, 0], vec![6, 0], vec![8, 0]]
        );
        // User combinations win over slices, in their order, repeats kept.
        let user = vec![vec![0, 0], vec![5, 1], vec![0, 0]];
        assert_eq!(combinations(&sliced, Some(&user)).unwrap(), user);
        assert_eq!(combinations(&[], None).unwrap(), vec![Vec::<usize>::new()]);
    }

    #[test]
    fn absurd_products_are_refused_before_any_list_is_made() {
        let s = [
            scenario("a", MAX_SCENARIO_SIZE, None),
            scenario("b", MAX_SCENARIO_SIZE, None),
            scenario("c", MAX_SCENARIO_SIZE, None),
        ];
        let err = combinations(&s, None).unwrap_err();
        assert!(err.contains("more than 100000 combinations"), "{err}");
        let empty = [scenario(
            "a",
            3,
            Some(ScenarioSlice {
                start: Some(5),
                stop: None,
                step: None,
            }),
        )];
        assert!(
            combinations(&empty, None)
                .unwrap_err()
                .contains("no member")
        );
    }
}
