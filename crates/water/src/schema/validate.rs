//! [`Model::validate`]: the checks [`Model::load`] applies, for a model built or edited in
//! code.
//!
//! Reading JSON already refuses much of what is checked here (a number that is not finite, a
//! list of the wrong length, an out-of-range day); a model changed through
//! [`Model::node_mut`] or its public fields has not been read, so the same rules are applied
//! again to the values themselves. Names are checked first (unique nodes, edges and members
//! naming existing nodes, parameter references), then every value.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{
    Ctx, LossFactorType, Model, Node, NodeKind, Parameter, ParameterKind, ParameterValue,
    RecorderKind, ThresholdOn,
};
use super::{
    MAX_MODEL_MAGNITUDE, RiverSplitSpec, RollingWindow, SchemaError, Slot, StorageSpec,
    VirtualStorageSpec,
};

impl Model {
    /// Checks the model as [`Model::load`] does: unique node names; edges, members and
    /// parameter references naming what exists; every number finite; constant minima not
    /// above maxima; list lengths, loss factors, days and months in range.
    ///
    /// [`crate::engine::Engine::new`] calls it, so an edited model that breaks a rule is refused
    /// with an error naming the node or parameter and the field, never run.
    ///
    /// ```
    /// use dostyk_water::prelude::*;
    ///
    /// let mut model = Model::from_json_str(
    ///     r#"{"timestepper": {"start": "2024-01-01", "end": "2024-01-02"},
    ///         "nodes": [{"name": "in", "type": "input", "max_flow": 5},
    ///                   {"name": "out", "type": "output", "cost": -1}],
    ///         "edges": [["in", "out"]]}"#,
    ///     std::path::Path::new("m.json"),
    /// )?;
    /// if let Some(max_flow) = model.node_mut("in").and_then(Node::max_flow_mut) {
    ///     *max_flow = Some(ParameterValue::Constant(f64::NAN));
    /// }
    /// let err = model.validate().unwrap_err().to_string();
    /// assert!(err.contains(r#"node "in".max_flow"#), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<(), SchemaError> {
        let ctx = Ctx {
            path: self.path.clone(),
            base_dir: PathBuf::new(),
            tables: std::collections::BTreeMap::new(),
            data_orders: Vec::new(),
        };
        self.check_scenarios(&ctx)?;
        self.check_references(&ctx)?;
        if self.timestepper.end < self.timestepper.start {
            return Err(ctx.invalid("timestepper.end", "a date on or after timestepper.start"));
        }
        for n in &self.nodes {
            check_node(&ctx, n)?;
        }
        Ok(())
    }

    /// The scenarios: unique names, sizes from 1, as many ensemble names as members; user
    /// combinations with a member index per scenario within its size; at least one and at
    /// most [`super::MAX_SCENARIO_COMBINATIONS`] combinations.
    fn check_scenarios(&self, ctx: &Ctx) -> Result<(), SchemaError> {
        for (i, s) in self.scenarios.iter().enumerate() {
            let at = format!("scenarios[{i}] \"{}\"", s.name);
            if self.scenarios[..i].iter().any(|o| o.name == s.name) {
                return Err(ctx.invalid(&at, "a scenario name used only once"));
            }
            if !(1..=super::MAX_SCENARIO_SIZE).contains(&s.size) {
                return Err(ctx.invalid(
                    &format!("{at}.size"),
                    &format!("an integer from 1 to {}", super::MAX_SCENARIO_SIZE),
                ));
            }
            if let Some(names) = &s.ensemble_names
                && names.len() != s.size
            {
                return Err(ctx.invalid(
                    &format!("{at}.ensemble_names"),
                    &format!("{} names (the size), found {}", s.size, names.len()),
                ));
            }
            if s.slice.is_some_and(|sl| sl.step == Some(0)) {
                return Err(ctx.invalid(&format!("{at}.slice"), "a step other than 0"));
            }
        }
        if let Some(user) = &self.scenario_combinations {
            if self.scenarios.is_empty() && !user.is_empty() {
                return Err(ctx.invalid(
                    "scenario_combinations",
                    "no combinations, or \"scenarios\" for them to index",
                ));
            }
            for (i, c) in user.iter().enumerate() {
                let at = format!("scenario_combinations[{i}]");
                if c.len() != self.scenarios.len() {
                    return Err(ctx.invalid(
                        &at,
                        &format!(
                            "one member index per scenario ({}), found {}",
                            self.scenarios.len(),
                            c.len()
                        ),
                    ));
                }
                if let Some((k, s)) = c.iter().zip(&self.scenarios).find(|(k, s)| **k >= s.size) {
                    return Err(ctx.invalid(
                        &at,
                        &format!(
                            "member indices within each scenario's size; {k} is beyond \"{}\" of size {}",
                            s.name, s.size
                        ),
                    ));
                }
            }
        }
        if !self.scenarios.is_empty() {
            self.combinations()?;
        }
        Ok(())
    }

    /// Checks that names refer to existing nodes and parameters, and that names are unique.
    fn check_references(&self, ctx: &Ctx) -> Result<(), SchemaError> {
        // Looked up by name once per edge, member and storage reference: a map keeps the
        // check linear in the size of the model (a linear search made a 10,000-node model
        // take seconds).
        let mut by_name: BTreeMap<&str, &Node> = BTreeMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if by_name.insert(n.name.as_str(), n).is_some() {
                return Err(ctx.invalid(
                    &format!("nodes[{i}] \"{}\"", n.name),
                    "a node name used only once",
                ));
            }
        }
        let node = |name: &str| by_name.get(name).copied();
        for (i, e) in self.edges.iter().enumerate() {
            for (end, name) in [("from", &e.from), ("to", &e.to)] {
                let Some(node) = node(name) else {
                    return Err(ctx.invalid(
                        &format!("edges[{i}] {end}"),
                        &format!("the name of a node in \"nodes\", found \"{name}\""),
                    ));
                };
                if !node.kind.is_connectable() {
                    return Err(ctx.invalid(
                        &format!("edges[{i}] {end}"),
                        &format!("a network node; \"{name}\" is an aggregated or virtual node and takes no edges"),
                    ));
                }
            }
            if let Some(node) = node(&e.from) {
                check_slot(ctx, node, e.from_slot.as_ref(), i, true)?;
            }
            if let Some(node) = node(&e.to) {
                check_slot(ctx, node, e.to_slot.as_ref(), i, false)?;
            }
        }
        for n in &self.nodes {
            for member in n.kind.member_names() {
                match node(member) {
                    None => {
                        return Err(ctx.invalid(
                            &format!("node \"{}\".nodes", n.name),
                            &format!("names of nodes in \"nodes\", found \"{member}\""),
                        ));
                    }
                    Some(m)
                        if matches!(n.kind, NodeKind::AggregatedStorage { .. })
                            && !matches!(
                                m.kind,
                                NodeKind::Storage(_) | NodeKind::Reservoir { .. }
                            ) =>
                    {
                        return Err(ctx.invalid(
                            &format!("node \"{}\".storage_nodes", n.name),
                            &format!(
                                "names of storage or reservoir nodes (\"{member}\" is not one)"
                            ),
                        ));
                    }
                    // pywr's annual and seasonal virtual storages refuse compound members.
                    Some(m)
                        if m.kind.is_loss_link()
                            && !matches!(n.kind, NodeKind::Aggregated { .. }) =>
                    {
                        return Err(ctx.invalid(
                            &format!("node \"{}\".nodes", n.name),
                            &format!("no losslink members (\"{member}\" is one; list the node it delivers to instead)"),
                        ));
                    }
                    // Nor a piecewise link: pywr fails on the empty licence row ("a constraint
                    // row with zero entries") since its routes pass the link's halves only.
                    Some(m)
                        if matches!(
                            m.kind,
                            NodeKind::PiecewiseLink { .. } | NodeKind::RiverSplit(_)
                        ) && !matches!(n.kind, NodeKind::Aggregated { .. }) =>
                    {
                        return Err(ctx.invalid(
                            &format!("node \"{}\".nodes", n.name),
                            &format!("no piecewiselink or riversplit members (\"{member}\" is one; list a link next to it instead, as pywr cannot run it)"),
                        ));
                    }
                    Some(_) => {}
                }
            }
            for (attr, v) in n.kind.values() {
                self.check_value(ctx, &format!("node \"{}\".{attr}", n.name), v, &node)?;
            }
        }
        for (name, p) in &self.parameters {
            self.check_parameter(ctx, &format!("parameters \"{name}\""), p, &node)?;
        }
        if let Some(b) = &self.bisection
            && !self.parameters.contains_key(&b.parameter)
        {
            return Err(ctx.invalid(
                "bisection.parameter",
                &format!(
                    "the name of a parameter in \"parameters\", found \"{}\"",
                    b.parameter
                ),
            ));
        }
        self.check_recorders(ctx, &node)
    }

    /// Recorders name existing nodes of the right kind, parameters and other recorders
    /// (without a cycle of aggregated recorders); names are unique.
    fn check_recorders<'m>(
        &self,
        ctx: &Ctx,
        node: &impl Fn(&str) -> Option<&'m Node>,
    ) -> Result<(), SchemaError> {
        fn visit(
            i: usize,
            recorders: &[super::Recorder],
            names: &BTreeMap<&str, usize>,
            state: &mut [u8],
        ) -> Option<usize> {
            match state[i] {
                1 => return Some(i),
                2 => return None,
                _ => {}
            }
            state[i] = 1;
            if let RecorderKind::Aggregated {
                recorders: members, ..
            } = &recorders[i].kind
            {
                for m in members {
                    if let Some(&j) = names.get(m.as_str())
                        && let Some(c) = visit(j, recorders, names, state)
                    {
                        return Some(c);
                    }
                }
            }
            state[i] = 2;
            None
        }
        let mut names = BTreeMap::new();
        for (i, r) in self.recorders.iter().enumerate() {
            let location = format!("recorders \"{}\"", r.name);
            if names.insert(r.name.as_str(), i).is_some() {
                return Err(ctx.invalid(&location, "a recorder name used only once"));
            }
            if self.parameters.contains_key(&r.name) {
                return Err(ctx.invalid(
                    &location,
                    "a name no parameter has (pywr keeps parameters and recorders in one namespace and refuses the second)",
                ));
            }
            let storage_kind = matches!(
                r.kind,
                RecorderKind::StorageSeries { .. }
                    | RecorderKind::MinimumVolume { .. }
                    | RecorderKind::MinimumThresholdVolume { .. }
                    | RecorderKind::DurationCurve { storage: true, .. }
            );
            for name in r.kind.nodes() {
                match node(name) {
                    None => {
                        return Err(ctx.invalid(
                            &format!("{location}.node"),
                            &format!("the name of a node in \"nodes\", found \"{name}\""),
                        ));
                    }
                    // A CSVRecorder writes a storage's volume and any other node's flow.
                    Some(_) if matches!(r.kind, RecorderKind::CsvFile { .. }) => {}
                    Some(n) if n.kind.is_storage() != storage_kind => {
                        return Err(ctx.invalid(
                            &format!("{location}.node"),
                            &format!(
                                "{} (\"{name}\" is {}); a {} recorder reads a {}",
                                if storage_kind {
                                    "a storage node"
                                } else {
                                    "a node with a flow"
                                },
                                if n.kind.is_storage() {
                                    "a storage"
                                } else {
                                    "not a storage"
                                },
                                r.type_name,
                                if storage_kind {
                                    "storage's volume"
                                } else {
                                    "node's flow"
                                },
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
            if let Some(p) = r.kind.parameter() {
                self.check_value(ctx, &format!("{location}.parameter"), p, node)?;
            }
            for (j, q) in r.kind.numbers().iter().enumerate() {
                finite(ctx, &format!("{location}[{j}]"), *q)?;
            }
        }
        for r in &self.recorders {
            if let RecorderKind::Aggregated { recorders, .. } = &r.kind {
                for m in recorders {
                    if !names.contains_key(m.as_str()) {
                        return Err(ctx.invalid(
                            &format!("recorders \"{}\".recorders", r.name),
                            &format!("the name of a recorder in \"recorders\", found \"{m}\""),
                        ));
                    }
                }
            }
        }
        // Aggregated recorders form no cycle: depth-first from each, at most one pass each.
        let mut state = vec![0u8; self.recorders.len()];
        for i in 0..self.recorders.len() {
            if let Some(c) = visit(i, &self.recorders, &names, &mut state) {
                return Err(ctx.invalid(
                    &format!("recorders \"{}\".recorders", self.recorders[c].name),
                    "recorders that do not include this one, directly or through others (a cycle)",
                ));
            }
        }
        Ok(())
    }

    fn check_value<'m>(
        &self,
        ctx: &Ctx,
        location: &str,
        v: &ParameterValue,
        node: &impl Fn(&str) -> Option<&'m Node>,
    ) -> Result<(), SchemaError> {
        match v {
            ParameterValue::Constant(c) => finite(ctx, location, *c),
            ParameterValue::Named(name) => {
                if self.parameters.contains_key(name) {
                    Ok(())
                } else {
                    Err(ctx.invalid(location, &format!("a number, an inline parameter or the name of a parameter in \"parameters\", found \"{name}\"")))
                }
            }
            ParameterValue::Inline(p) => self.check_parameter(ctx, location, p, node),
        }
    }

    fn check_parameter<'m>(
        &self,
        ctx: &Ctx,
        location: &str,
        p: &Parameter,
        node: &impl Fn(&str) -> Option<&'m Node>,
    ) -> Result<(), SchemaError> {
        if let Some(storage) = p.kind.storage_node() {
            match node(storage) {
                Some(n) if n.kind.is_storage() => {}
                _ => {
                    return Err(ctx.invalid(
                        &format!("{location}.storage_node"),
                        &format!("the name of a storage, reservoir or virtual storage node, found \"{storage}\""),
                    ));
                }
            }
        }
        if let Some((name, members)) = p.kind.scenario() {
            match self.scenarios.iter().find(|s| s.name == name) {
                None => {
                    return Err(ctx.invalid(
                        &format!("{location}.scenario"),
                        &format!("the name of an entry of \"scenarios\", found \"{name}\""),
                    ));
                }
                Some(s) if s.size != members => {
                    return Err(ctx.invalid(
                        &format!("{location}.values"),
                        &format!(
                            "one value per member of scenario \"{name}\" ({}), found {members}",
                            s.size
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        check_parameter_numbers(ctx, location, &p.kind)?;
        if let ParameterKind::Flow { node: n, .. }
        | ParameterKind::InterpolatedFlow { node: n, .. }
        | ParameterKind::RollingMeanFlowNode { node: n, .. } = &p.kind
            && node(n).is_none_or(|m| m.kind.is_storage())
        {
            return Err(ctx.invalid(
                &format!("{location}.node"),
                &format!("the name of a node with a flow, found \"{n}\""),
            ));
        }
        if let ParameterKind::Deficit { node: n } = &p.kind
            && !node(n).is_some_and(|m| {
                matches!(
                    m.kind,
                    NodeKind::Input { .. }
                        | NodeKind::Output { .. }
                        | NodeKind::Link { .. }
                        | NodeKind::Catchment { .. }
                )
            })
        {
            return Err(ctx.invalid(
                &format!("{location}.node"),
                &format!(
                    "the name of an input, output, link or catchment node (a deficit is its max_flow less its flow), found \"{n}\""
                ),
            ));
        }
        if let ParameterKind::IndexedArray {
            index_parameter, ..
        } = &p.kind
        {
            let kind = match index_parameter {
                ParameterValue::Named(n) => self.parameters.get(n).map(|q| &q.kind),
                ParameterValue::Inline(q) => Some(&q.kind),
                ParameterValue::Constant(_) => None,
            };
            if !kind.is_none_or(ParameterKind::is_index) {
                return Err(ctx.invalid(
                    &format!("{location}.index_parameter"),
                    "an index parameter (controlcurveindex, constantscenarioindex or a threshold parameter), as pywr requires",
                ));
            }
        }
        if let ParameterKind::Threshold { on, .. } = &p.kind {
            match on {
                ThresholdOn::Recorder { recorder, .. } => {
                    match self.recorders.iter().find(|r| &r.name == recorder) {
                        Some(r) if r.kind.has_series() => {}
                        Some(r) => {
                            return Err(ctx.invalid(
                                &format!("{location}.recorder"),
                                &format!(
                                    "a recorder with a value each timestep (numpyarray…, rollingmeanflownode, rollingwindowparameter); \"{recorder}\" is a {} (pywr reads its `data`, which it has not)",
                                    r.type_name
                                ),
                            ));
                        }
                        None => {
                            return Err(ctx.invalid(
                                &format!("{location}.recorder"),
                                &format!(
                                    "the name of a recorder in \"recorders\", found \"{recorder}\""
                                ),
                            ));
                        }
                    }
                }
                ThresholdOn::Node(n) => match node(n) {
                    Some(m) if !m.kind.is_storage() => {}
                    _ => {
                        return Err(ctx.invalid(
                            &format!("{location}.node"),
                            &format!("the name of a node with a flow, found \"{n}\""),
                        ));
                    }
                },
                _ => {}
            }
        }
        for (i, v) in p.kind.children().into_iter().enumerate() {
            self.check_value(ctx, &format!("{location}[{i}]"), v, node)?;
        }
        Ok(())
    }
}

/// `Ok` when `v` is a finite number of magnitude at most [`MAX_MODEL_MAGNITUDE`].
fn finite(ctx: &Ctx, location: &str, v: f64) -> Result<(), SchemaError> {
    if !v.is_finite() {
        Err(ctx.invalid(location, &format!("a finite number, found {}", short(v))))
    } else if v.abs() > MAX_MODEL_MAGNITUDE {
        Err(ctx.invalid(
            location,
            &format!(
                "a number from -1e15 to 1e15 (the engine's limit), found {}; use the model's units \
                 (Mm3 rather than m3, say) or, for \"no limit\", leave the field out",
                short(v)
            ),
        ))
    } else {
        Ok(())
    }
}

/// `Ok` when every number of `vs` is finite.
fn all_finite(ctx: &Ctx, location: &str, vs: &[f64]) -> Result<(), SchemaError> {
    for (i, v) in vs.iter().enumerate() {
        finite(ctx, &format!("{location}[{i}]"), *v)?;
    }
    Ok(())
}

/// The numbers held in a parameter itself (its children are checked as values).
fn check_parameter_numbers(
    ctx: &Ctx,
    location: &str,
    kind: &ParameterKind,
) -> Result<(), SchemaError> {
    match kind {
        ParameterKind::Constant { value } => finite(ctx, &format!("{location}.value"), *value),
        ParameterKind::MonthlyProfile { values } => {
            all_finite(ctx, &format!("{location}.values"), values)
        }
        ParameterKind::DailyProfile { values } => {
            if values.len() != 366 {
                return Err(ctx.invalid(
                    &format!("{location}.values"),
                    "exactly 366 numbers (29 February at index 59)",
                ));
            }
            all_finite(ctx, &format!("{location}.values"), values)
        }
        ParameterKind::DataFrame { dates, values, .. } => {
            if dates.len() != values.len() {
                return Err(ctx.invalid(
                    &format!("{location}.values"),
                    &format!(
                        "one value per date ({} dates, {} values)",
                        dates.len(),
                        values.len()
                    ),
                ));
            }
            if let Some([before, after]) = dates.windows(2).find(|w| w[1] <= w[0]) {
                return Err(ctx.invalid(
                    &format!("{location}.dates"),
                    &format!("increasing dates; {after} follows {before}"),
                ));
            }
            all_finite(ctx, &format!("{location}.values"), values)
        }
        ParameterKind::ControlCurve {
            control_curves,
            values,
            ..
        }
        | ParameterKind::ControlCurveInterpolated {
            control_curves,
            values,
            ..
        } => {
            let extra = if matches!(kind, ParameterKind::ControlCurve { .. }) {
                1
            } else {
                2
            };
            if control_curves.is_empty() {
                return Err(ctx.invalid(
                    &format!("{location}.control_curves"),
                    "at least one control curve",
                ));
            }
            if values.len() != control_curves.len() + extra {
                return Err(ctx.invalid(
                    &format!("{location}.values"),
                    &format!(
                        "{} values ({} control curves + {extra})",
                        control_curves.len() + extra,
                        control_curves.len()
                    ),
                ));
            }
            Ok(())
        }
        ParameterKind::Storage { .. }
        | ParameterKind::ControlCurveIndex { .. }
        | ParameterKind::IndexedArray { .. }
        | ParameterKind::Deficit { .. } => Ok(()),
        ParameterKind::InterpolatedVolume {
            volumes,
            values,
            kind,
            ..
        } => {
            all_finite(ctx, &format!("{location}.volumes"), volumes)?;
            kind.check_points(ctx, location, volumes, values)?;
            all_finite(ctx, &format!("{location}.values"), values)
        }
        ParameterKind::HydropowerTarget(h) => {
            finite(ctx, &format!("{location}.min_head"), h.min_head)?;
            all_finite(ctx, location, &h.turbine.numbers())
        }
        ParameterKind::UniformDrawdownProfile { residual_days, .. } => {
            finite(ctx, &format!("{location}.residual_days"), *residual_days)
        }
        ParameterKind::ConstantScenario { values, .. } => {
            all_finite(ctx, &format!("{location}.values"), values)
        }
        ParameterKind::ConstantScenarioIndex { .. } | ParameterKind::ScenarioWrapper { .. } => {
            Ok(())
        }
        ParameterKind::ScenarioMonthlyProfile { values, .. } => {
            for (i, row) in values.iter().enumerate() {
                all_finite(ctx, &format!("{location}.values[{i}]"), row)?;
            }
            Ok(())
        }
        ParameterKind::ScenarioDailyProfile { values, .. }
        | ParameterKind::ScenarioWeeklyProfile { values, .. }
        | ParameterKind::ArrayIndexedScenario { values, .. } => {
            let len = match kind {
                ParameterKind::ScenarioDailyProfile { .. } => Some(366),
                ParameterKind::ScenarioWeeklyProfile { .. } => Some(52),
                _ => values.first().map(Vec::len),
            };
            for (i, row) in values.iter().enumerate() {
                if Some(row.len()) != len {
                    return Err(ctx.invalid(
                        &format!("{location}.values[{i}]"),
                        &format!("{} numbers", len.unwrap_or(0)),
                    ));
                }
                all_finite(ctx, &format!("{location}.values[{i}]"), row)?;
            }
            Ok(())
        }
        ParameterKind::ArrayIndexedScenarioMonthlyFactors {
            values, factors, ..
        } => {
            all_finite(ctx, &format!("{location}.values"), values)?;
            for (i, row) in factors.iter().enumerate() {
                all_finite(ctx, &format!("{location}.factors[{i}]"), row)?;
            }
            Ok(())
        }
        ParameterKind::ScenarioDataFrame { dates, columns, .. } => {
            if let Some([before, after]) = dates.windows(2).find(|w| w[1] <= w[0]) {
                return Err(ctx.invalid(
                    &format!("{location}.dates"),
                    &format!("increasing dates; {after} follows {before}"),
                ));
            }
            for (i, c) in columns.iter().enumerate() {
                if c.len() != dates.len() {
                    return Err(ctx.invalid(
                        &format!("{location}.columns[{i}]"),
                        &format!(
                            "one value per date ({} dates, {} values)",
                            dates.len(),
                            c.len()
                        ),
                    ));
                }
                all_finite(ctx, &format!("{location}.columns[{i}]"), c)?;
            }
            Ok(())
        }
        ParameterKind::Flow { initial_value, .. } => {
            finite(ctx, &format!("{location}.initial_value"), *initial_value)
        }
        ParameterKind::RollingMeanFlowNode { initial_flow, .. } => {
            finite(ctx, &format!("{location}.initial_flow"), *initial_flow)
        }
        ParameterKind::InterpolatedFlow { flows, values, .. } => {
            all_finite(ctx, &format!("{location}.flows"), flows)?;
            all_finite(ctx, &format!("{location}.values"), values)
        }
        ParameterKind::DiscountFactor { rate, .. } => {
            finite(ctx, &format!("{location}.rate"), *rate)?;
            if *rate <= -1.0 {
                return Err(ctx.invalid(
                    &format!("{location}.rate"),
                    "a rate above -1 (1 + rate is raised to a power)",
                ));
            }
            Ok(())
        }
        ParameterKind::Threshold { values, .. } => {
            if let Some(v) = values {
                if v.len() < 2 {
                    return Err(ctx.invalid(
                        &format!("{location}.values"),
                        "two values: for index 0 and index 1",
                    ));
                }
                all_finite(ctx, &format!("{location}.values"), v)?;
            }
            Ok(())
        }
        ParameterKind::Aggregated { parameters, .. } => {
            if parameters.is_empty() {
                Err(ctx.invalid(
                    &format!("{location}.parameters"),
                    "a non-empty list of parameters",
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// The rules of each node kind on its own values.
fn check_node(ctx: &Ctx, n: &Node) -> Result<(), SchemaError> {
    let at = |attr: &str| format!("node \"{}\".{attr}", n.name);
    match &n.kind {
        NodeKind::Input {
            min_flow, max_flow, ..
        }
        | NodeKind::Output {
            min_flow, max_flow, ..
        }
        | NodeKind::Link {
            min_flow, max_flow, ..
        } => min_not_above_max(ctx, &at("min_flow"), min_flow.as_ref(), max_flow.as_ref()),
        NodeKind::Catchment { .. }
        | NodeKind::RiverGauge { .. }
        | NodeKind::PiecewiseLink { .. }
        | NodeKind::AggregatedStorage { .. } => Ok(()),
        NodeKind::Storage(spec) => check_storage(ctx, n, spec),
        NodeKind::Reservoir {
            storage,
            control_curve,
            above_curve_cost,
        } => {
            if let Some(c) = control_curve {
                finite(ctx, &at("control_curve"), *c)?;
            }
            if let Some(c) = above_curve_cost {
                finite(ctx, &at("above_curve_cost"), *c)?;
                if storage.cost != ParameterValue::Constant(0.0) {
                    return Err(ctx.invalid(
                        &at("cost"),
                        "no cost when above_curve_cost is given (the cost below the curve is 0; \
                         use a controlcurve parameter as cost for other values)",
                    ));
                }
            }
            check_storage(ctx, n, storage)
        }
        NodeKind::LossLink {
            loss_factor,
            loss_factor_type,
            min_flow,
            max_flow,
            ..
        } => {
            match (loss_factor, loss_factor_type) {
                (ParameterValue::Constant(l), _) if !(0.0..=1.0).contains(l) => {
                    return Err(ctx.invalid(&at("loss_factor"), "a number from 0 to 1"));
                }
                (ParameterValue::Constant(l), LossFactorType::Net) if *l >= 1.0 => {
                    return Err(ctx.invalid(&at("loss_factor"), "a net loss factor below 1"));
                }
                (ParameterValue::Constant(_), _) | (_, LossFactorType::Net) => {}
                (_, LossFactorType::Gross) => {
                    return Err(ctx.invalid(
                        &at("loss_factor"),
                        "a number with loss_factor_type \"gross\" (pywr 1.x rule); use \"net\" for a parameter",
                    ));
                }
            }
            min_not_above_max(ctx, &at("min_flow"), min_flow.as_ref(), max_flow.as_ref())
        }
        NodeKind::Aggregated {
            nodes,
            min_flow,
            max_flow,
            factors,
            flow_weights,
        } => {
            if nodes.is_empty() {
                return Err(ctx.invalid(&at("nodes"), "a non-empty list of node names"));
            }
            let lengths = [
                ("factors", factors.as_ref().map(Vec::len)),
                ("flow_weights", flow_weights.as_ref().map(Vec::len)),
            ];
            for (attr, len) in lengths {
                if len.is_some_and(|len| len != nodes.len()) {
                    return Err(ctx.invalid(&at(attr), "one number per member node"));
                }
            }
            if let Some(fs) = factors
                && fs.contains(&ParameterValue::Constant(0.0))
            {
                return Err(ctx.invalid(&at("factors"), "non-zero factors"));
            }
            // The factors become the coefficients of ratio rows: a ratio beyond 10^12
            // (2 against 1e-300, say) leaves the simplex dividing by rounding error.
            if let Some(fs) = factors {
                let sizes: Vec<f64> = fs
                    .iter()
                    .filter_map(|f| match f {
                        ParameterValue::Constant(c) => Some(c.abs()),
                        _ => None,
                    })
                    .collect();
                let (lo, hi) = sizes.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &v| {
                    (lo.min(v), hi.max(v))
                });
                if hi > 1e12 * lo {
                    return Err(ctx.invalid(
                        &at("factors"),
                        &format!(
                            "factors within a ratio of 1e12 of each other, found {} and {}",
                            short(lo),
                            short(hi)
                        ),
                    ));
                }
            }
            if let Some(ws) = flow_weights {
                all_finite(ctx, &at("flow_weights"), ws)?;
            }
            min_not_above_max(ctx, &at("min_flow"), min_flow.as_ref(), max_flow.as_ref())
        }
        NodeKind::AnnualVirtualStorage(spec) => {
            if spec.end.is_some() {
                return Err(ctx.invalid(
                    &at("end"),
                    "no end day for an annualvirtualstorage (make it a seasonalvirtualstorage)",
                ));
            }
            check_virtual(ctx, n, spec)
        }
        NodeKind::SeasonalVirtualStorage(spec) => check_virtual(ctx, n, spec),
        NodeKind::MonthlyVirtualStorage { spec, months, .. } => {
            if *months == 0 {
                return Err(ctx.invalid(&at("months"), "a whole number of months above 0"));
            }
            check_virtual(ctx, n, spec)
        }
        NodeKind::RollingVirtualStorage { spec, window } => {
            let (attr, length) = match window {
                RollingWindow::Timesteps(t) => ("timesteps", *t),
                RollingWindow::Days(d) => ("days", *d),
            };
            if length < 2 {
                return Err(ctx.invalid(
                    &at(attr),
                    "a rolling window of at least 2 timesteps (pywr rule)",
                ));
            }
            check_virtual(ctx, n, spec)
        }
        NodeKind::RiverSplit(spec) => check_river_split(ctx, n, spec),
    }
}

/// A river split's lists agree in length, its factors are finite and non-zero and its slot
/// names distinct.
fn check_river_split(ctx: &Ctx, n: &Node, spec: &RiverSplitSpec) -> Result<(), SchemaError> {
    let at = |attr: &str| format!("node \"{}\".{attr}", n.name);
    if spec.factors.len() < 2 {
        return Err(ctx.invalid(&at("factors"), "at least two factors, one per slot"));
    }
    for (k, f) in spec.factors.iter().enumerate() {
        if f.is_some_and(|f| !f.is_finite() || f <= 0.0) {
            return Err(ctx.invalid(
                &at(&format!("factors[{k}]")),
                "a positive number (a share of the flow) or null",
            ));
        }
    }
    // As an aggregated node's: the factors become the coefficients of ratio rows, and a ratio
    // beyond 10^12 leaves the simplex dividing by rounding error.
    let given: Vec<f64> = spec.factors.iter().flatten().copied().collect();
    let (lo, hi) = given.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    if hi > 1e12 * lo {
        return Err(ctx.invalid(
            &at("factors"),
            &format!("factors within a ratio of 1e12 of each other, found {lo:e} and {hi:e}"),
        ));
    }
    super::splits::check_slot_names(
        ctx,
        &format!("node \"{}\"", n.name),
        &spec.slot_names,
        spec.factors.len(),
    )?;
    let extra = spec.factors.len() - 1;
    if spec.costs.len() <= extra || spec.costs.len() != spec.max_flows.len() {
        return Err(ctx.invalid(
            &at("costs"),
            &format!(
                "one cost and one max_flows entry per sub-link: at least one band and {extra} extra"
            ),
        ));
    }
    if spec.with_gauge && spec.bands() != 2 {
        return Err(ctx.invalid(
            &at("costs"),
            "two bands for a riversplitwithgauge: [mrf_cost, cost]",
        ));
    }
    Ok(())
}

/// A constant `min` above a constant `max` leaves no allowed value.
fn min_not_above_max(
    ctx: &Ctx,
    location: &str,
    min: Option<&ParameterValue>,
    max: Option<&ParameterValue>,
) -> Result<(), SchemaError> {
    if let (Some(ParameterValue::Constant(lo)), Some(ParameterValue::Constant(hi))) = (min, max)
        && lo > hi
    {
        let field = location.rsplit_once('.').map_or("maximum", |(_, f)| f);
        let other = if field.starts_with("min_") {
            field.replacen("min_", "max_", 1)
        } else {
            "maximum".to_owned()
        };
        return Err(ctx.invalid(
            location,
            &format!(
                "at most {other} ({}), found {}; lower {field} or raise {other}",
                short(*hi),
                short(*lo)
            ),
        ));
    }
    Ok(())
}

/// `v` for a message: scientific notation when it is very large or very small.
fn short(v: f64) -> String {
    if v != 0.0 && !(1e-6..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Initial volume given and finite; constant volumes not negative, `min_volume` not above
/// `max_volume`, `initial_volume_pc` a proportion, and the initial volume between the bounds.
fn check_initial(
    ctx: &Ctx,
    n: &Node,
    initial_volume: Option<f64>,
    initial_volume_pc: Option<f64>,
    (min_volume, max_volume): (&ParameterValue, &ParameterValue),
) -> Result<(), SchemaError> {
    let at = |attr: &str| format!("node \"{}\".{attr}", n.name);
    if initial_volume.is_none() && initial_volume_pc.is_none() {
        return Err(ctx.invalid(
            &format!("node \"{}\"", n.name),
            "initial_volume or initial_volume_pc",
        ));
    }
    if let Some(v) = initial_volume {
        finite(ctx, &at("initial_volume"), v)?;
    }
    if let Some(v) = initial_volume_pc {
        finite(ctx, &at("initial_volume_pc"), v)?;
    }
    let constant = |v: &ParameterValue| match v {
        ParameterValue::Constant(c) => Some(*c),
        _ => None,
    };
    // pywr refuses a store outside its bounds; a simulation from there reports volumes
    // the store cannot hold (issue #21: max_volume 10 with initial_volume 20 reported 20).
    for (attr, v) in [
        ("min_volume", constant(min_volume)),
        ("max_volume", constant(max_volume)),
    ] {
        if let Some(v) = v
            && v < 0.0
        {
            return Err(ctx.invalid(
                &at(attr),
                &format!("a volume of 0 or more, found {}", short(v)),
            ));
        }
    }
    min_not_above_max(ctx, &at("min_volume"), Some(min_volume), Some(max_volume))?;
    if let Some(v) = initial_volume_pc
        && !(0.0..=1.0).contains(&v)
    {
        return Err(ctx.invalid(
            &at("initial_volume_pc"),
            &format!(
                "a proportion of max_volume from 0 to 1, found {}; write 0.5 for half full",
                short(v)
            ),
        ));
    }
    let (lo, hi) = (constant(min_volume).unwrap_or(0.0), constant(max_volume));
    let initial = initial_volume
        .map(|v| ("initial_volume", v))
        .or_else(|| Some(("initial_volume_pc", initial_volume_pc? * hi?)));
    if let Some((attr, v)) = initial {
        let above = hi.filter(|&hi| v > hi);
        if v < 0.0 || v < lo || above.is_some() {
            return Err(ctx.invalid(
                &at(attr),
                &format!(
                    "an initial volume from min_volume ({}) to max_volume ({}), found {}; \
                     the store cannot start outside its bounds",
                    short(lo),
                    hi.map_or_else(|| "a parameter".to_owned(), short),
                    short(v)
                ),
            ));
        }
    }
    Ok(())
}

fn check_storage(ctx: &Ctx, n: &Node, spec: &StorageSpec) -> Result<(), SchemaError> {
    let at = |attr: &str| format!("node \"{}\".{attr}", n.name);
    check_initial(
        ctx,
        n,
        spec.initial_volume,
        spec.initial_volume_pc,
        (&spec.min_volume, &spec.max_volume),
    )?;
    if !(1..=64).contains(&spec.inputs) {
        return Err(ctx.invalid(&at("inputs"), "an integer from 1 to 64"));
    }
    if spec.outputs > 64 {
        return Err(ctx.invalid(&at("outputs"), "an integer from 0 to 64"));
    }
    Ok(())
}

fn check_virtual(ctx: &Ctx, n: &Node, spec: &VirtualStorageSpec) -> Result<(), SchemaError> {
    let at = |attr: &str| format!("node \"{}\".{attr}", n.name);
    if spec.nodes.is_empty() {
        return Err(ctx.invalid(&at("nodes"), "a non-empty list of node names"));
    }
    if spec.factors.len() != spec.nodes.len() {
        return Err(ctx.invalid(&at("factors"), "one number per member node"));
    }
    all_finite(ctx, &at("factors"), &spec.factors)?;
    check_initial(
        ctx,
        n,
        spec.initial_volume,
        spec.initial_volume_pc,
        (&spec.min_volume, &spec.max_volume),
    )?;
    let days = [
        ("reset_day", Some(spec.reset_day), 31),
        ("reset_month", Some(spec.reset_month), 12),
        ("end_day", spec.end.map(|e| e.0), 31),
        ("end_month", spec.end.map(|e| e.1), 12),
    ];
    for (attr, value, hi) in days {
        if value.is_some_and(|v| !(1..=hi).contains(&v)) {
            return Err(ctx.invalid(&at(attr), &format!("an integer from 1 to {hi}")));
        }
    }
    Ok(())
}

fn check_slot(
    ctx: &Ctx,
    node: &Node,
    slot: Option<&Slot>,
    edge: usize,
    from: bool,
) -> Result<(), SchemaError> {
    let location = format!("edges[{edge}] {} slot", if from { "from" } else { "to" });
    match &node.kind {
        NodeKind::Storage(s) | NodeKind::Reservoir { storage: s, .. } => {
            let count = if from { s.inputs } else { s.outputs };
            match slot {
                None => Ok(()),
                Some(Slot::Index(k)) if usize::try_from(*k).is_ok_and(|k| k < count) => Ok(()),
                Some(_) => Err(ctx.invalid(
                    &location,
                    &format!("a slot below {count} for storage \"{}\"", node.name),
                )),
            }
        }
        NodeKind::RiverSplit(spec) if from => match slot {
            Some(slot) if spec.slot_index(slot).is_some() => Ok(()),
            _ => {
                let names: Vec<String> = spec.slot_names.iter().map(ToString::to_string).collect();
                Err(ctx.invalid(
                    &location,
                    &format!(
                        "one of the slot names of river split \"{}\": {} (pywr needs a slot on each edge leaving it)",
                        node.name,
                        names.join(", ")
                    ),
                ))
            }
        },
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const MODEL: &str = r#"{
        "timestepper": {"start": "2024-01-01", "end": "2024-01-03"},
        "parameters": {"demand": {"type": "monthlyprofile", "values": [1,2,3,4,5,6,7,8,9,10,11,12]}},
        "nodes": [
            {"name": "in", "type": "input", "max_flow": 10, "cost": 1},
            {"name": "s", "type": "storage", "max_volume": 20, "initial_volume": 5},
            {"name": "out", "type": "output", "max_flow": "demand", "cost": -5},
            {"name": "lic", "type": "annualvirtualstorage", "nodes": ["out"], "max_volume": 30, "initial_volume": 30}
        ],
        "edges": [["in", "s"], ["s", "out"]]
    }"#;

    fn model() -> Model {
        Model::from_json_str(MODEL, Path::new("m.json")).unwrap()
    }

    fn error(m: &Model) -> String {
        m.validate().unwrap_err().to_string()
    }

    #[test]
    fn a_loaded_model_is_valid() {
        model().validate().unwrap();
    }

    #[test]
    fn a_nan_or_infinite_constant_is_named_by_node_and_field() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut m = model();
            *m.node_mut("in").and_then(Node::max_flow_mut).unwrap() =
                Some(ParameterValue::Constant(bad));
            let err = error(&m);
            assert!(err.contains(r#"node "in".max_flow"#), "{err}");
            assert!(err.contains("a finite number"), "{err}");
        }
    }

    #[test]
    fn a_nan_inside_a_parameter_is_named_with_its_index() {
        let mut m = model();
        let Some(Parameter {
            kind: ParameterKind::MonthlyProfile { values },
            ..
        }) = m.parameter_mut("demand")
        else {
            panic!("demand is a monthly profile");
        };
        values[3] = f64::NAN;
        let err = error(&m);
        assert!(err.contains(r#"parameters "demand".values[3]"#), "{err}");
    }

    #[test]
    fn minimum_above_maximum_is_refused() {
        let mut m = model();
        *m.node_mut("in").and_then(Node::min_flow_mut).unwrap() =
            Some(ParameterValue::Constant(11.0));
        let err = error(&m);
        assert!(err.contains(r#"node "in".min_flow"#), "{err}");
        assert!(err.contains("max_flow"), "{err}");

        let mut m = model();
        if let Some(NodeKind::Storage(spec)) = m.node_mut("s").map(|n| &mut n.kind) {
            spec.min_volume = ParameterValue::Constant(25.0);
        }
        assert!(error(&m).contains(r#"node "s".min_volume"#));
    }

    #[test]
    fn broken_names_are_refused() {
        let mut m = model();
        m.edges[1].to = "nowhere".to_owned();
        assert!(error(&m).contains(r#"found "nowhere""#));

        let mut m = model();
        m.node_mut("s").unwrap().name = "in".to_owned();
        assert!(error(&m).contains("used only once"));

        let mut m = model();
        *m.node_mut("out").and_then(Node::max_flow_mut).unwrap() =
            Some(ParameterValue::Named("missing".to_owned()));
        assert!(error(&m).contains(r#"found "missing""#));
    }

    #[test]
    fn lengths_days_and_dates_are_checked() {
        let mut m = model();
        if let Some(NodeKind::AnnualVirtualStorage(spec)) = m.node_mut("lic").map(|n| &mut n.kind) {
            spec.factors.push(1.0);
        }
        assert!(error(&m).contains(r#"node "lic".factors"#));

        let mut m = model();
        if let Some(NodeKind::AnnualVirtualStorage(spec)) = m.node_mut("lic").map(|n| &mut n.kind) {
            spec.reset_month = 13;
        }
        assert!(error(&m).contains(r#"node "lic".reset_month"#));

        let mut m = model();
        m.timestepper.end = m.timestepper.start.pred_opt().unwrap();
        assert!(error(&m).contains("timestepper.end"));
    }

    fn storage(m: &mut Model, edit: impl FnOnce(&mut StorageSpec)) {
        if let Some(NodeKind::Storage(spec)) = m.node_mut("s").map(|n| &mut n.kind) {
            edit(spec);
        }
    }

    #[test]
    fn a_store_outside_its_bounds_is_refused_naming_node_and_field() {
        type Case = (fn(&mut StorageSpec), &'static str, &'static str);
        let cases: [Case; 6] = [
            (
                |s| s.initial_volume = Some(25.0),
                r#"node "s".initial_volume"#,
                "from min_volume (0) to max_volume (20), found 25",
            ),
            (
                |s| s.min_volume = ParameterValue::Constant(-5.0),
                r#"node "s".min_volume"#,
                "a volume of 0 or more, found -5",
            ),
            (
                |s| s.max_volume = ParameterValue::Constant(-1.0),
                r#"node "s".max_volume"#,
                "a volume of 0 or more",
            ),
            (
                |s| s.min_volume = ParameterValue::Constant(8.0),
                r#"node "s".initial_volume"#,
                "from min_volume (8) to max_volume (20), found 5",
            ),
            (
                |s| {
                    s.initial_volume = None;
                    s.initial_volume_pc = Some(1.5);
                },
                r#"node "s".initial_volume_pc"#,
                "a proportion of max_volume from 0 to 1, found 1.5",
            ),
            (
                |s| s.initial_volume = Some(-1.0),
                r#"node "s".initial_volume"#,
                "found -1",
            ),
        ];
        for (edit, location, expected) in cases {
            let mut m = model();
            storage(&mut m, edit);
            let err = error(&m);
            assert!(err.contains(location), "{err}");
            assert!(err.contains(expected), "{err}");
        }
        // A virtual storage (licence) starting above its volume.
        let mut m = model();
        if let Some(NodeKind::AnnualVirtualStorage(spec)) = m.node_mut("lic").map(|n| &mut n.kind) {
            spec.initial_volume = Some(31.0);
        }
        assert!(error(&m).contains(r#"node "lic".initial_volume"#));
        // On the bounds is fine.
        let mut m = model();
        storage(&mut m, |s| s.initial_volume = Some(20.0));
        m.validate().unwrap();
    }

    #[test]
    fn aggregated_factors_too_far_apart_are_refused() {
        let mut m = Model::from_json_str(
            r#"{"timestepper": {"start": "2024-01-01", "end": "2024-01-02"},
                "nodes": [{"name": "in", "type": "input", "max_flow": 5},
                          {"name": "a", "type": "output", "cost": -1},
                          {"name": "b", "type": "output", "cost": -1},
                          {"name": "share", "type": "aggregatednode", "nodes": ["a", "b"], "factors": [2, 1]}],
                "edges": [["in", "a"], ["in", "b"]]}"#,
            Path::new("m.json"),
        )
        .unwrap();
        m.validate().unwrap();
        if let Some(NodeKind::Aggregated {
            factors: Some(fs), ..
        }) = m.node_mut("share").map(|n| &mut n.kind)
        {
            fs[1] = ParameterValue::Constant(1e-300);
        }
        let err = error(&m);
        assert!(err.contains(r#"node "share".factors"#), "{err}");
        assert!(err.contains("within a ratio of 1e12"), "{err}");
    }

    #[test]
    fn a_number_beyond_the_limit_is_refused() {
        for bad in [1e308, -1e308, 1.5e15, -2e15] {
            let mut m = model();
            *m.node_mut("in").and_then(Node::max_flow_mut).unwrap() =
                Some(ParameterValue::Constant(bad));
            let err = error(&m);
            assert!(err.contains(r#"node "in".max_flow"#), "{err}");
            assert!(err.contains("a number from -1e15 to 1e15"), "{err}");
        }
        let mut m = model();
        *m.node_mut("in").and_then(Node::max_flow_mut).unwrap() =
            Some(ParameterValue::Constant(MAX_MODEL_MAGNITUDE));
        m.validate().unwrap();
        let mut m = model();
        *m.node_mut("out").and_then(Node::cost_mut).unwrap() =
            Some(ParameterValue::Constant(-1e300));
        assert!(error(&m).contains(r#"node "out".cost"#));
    }
}
