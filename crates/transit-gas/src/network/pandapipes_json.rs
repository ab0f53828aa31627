//! Reader for networks saved by `pandapipes.to_json` (pandapipes 0.x, including the old format
//! version 0.2 of the STANET reference cases).
//!
//! The file is a pandapipesNet object whose tables are pandas DataFrames serialised as "split"
//! JSON strings (`{"columns": [...], "index": [...], "data": [[...], ...]}`) and whose fluid is a
//! nested JSON string of property objects. Junctions, pipes, valves, ext_grids, sinks, sources,
//! mass storages, pumps (with their curves from the network's pump std_types), compressors,
//! pressure controls (table `press_control`), flow controls and the fluid are read; any in-service element of another
//! component (heat exchanger, circulation pump, …) makes the import fail with the component
//! named.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use dostyk_core_model::read::json_error;

use super::error::NetworkError;
use super::fluid::{Fluid, Property};
use super::friction::FrictionModel;
use super::model::{
    Compressor, ElementId, FlowControl, Junction, Load, Network, Pipe, PressureControl, Pump,
    PumpCurve, Slack, Valve,
};

/// Tables Dostyk reads or that never change the hydraulics.
const KNOWN_TABLES: &[&str] = &[
    "junction",
    "pipe",
    "valve",
    "sink",
    "source",
    "ext_grid",
    "controller",
    "pump",
    "compressor",
    "press_control",
    "flow_control",
    "mass_storage",
];

/// pandas and Python's json module write the non-standard tokens `NaN`, `Infinity` and
/// `-Infinity`; they are replaced by `null` (outside strings) so that a standard JSON parser reads
/// the file. Line breaks are kept, so error positions still point into the original file.
pub(crate) fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("NaN") && !text.contains("Infinity") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if in_string {
            out.push(ch);
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
            rest = &rest[ch.len_utf8()..];
            continue;
        }
        if ch == '"' {
            in_string = true;
        } else if let Some(token) = ["-Infinity", "Infinity", "NaN"]
            .iter()
            .find(|t| rest.starts_with(**t))
        {
            out.push_str("null");
            rest = &rest[token.len()..];
            continue;
        }
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// True when `root` looks like a pandapipes network.
pub(crate) fn is_pandapipes(root: &Value) -> bool {
    let module = root.get("_module").and_then(Value::as_str).unwrap_or("");
    let class = root.get("_class").and_then(Value::as_str).unwrap_or("");
    module.starts_with("pandapipes") || class == "pandapipesNet"
}

/// A pandas DataFrame in "split" orientation.
struct Frame {
    table: String,
    columns: Vec<String>,
    index: Vec<Value>,
    data: Vec<Vec<Value>>,
}

struct Reader<'a> {
    source: &'a str,
}

impl Reader<'_> {
    fn field_error(
        &self,
        element: impl Into<String>,
        field: &str,
        problem: impl Into<String>,
    ) -> NetworkError {
        super::dostyk_json::invalid(self.source, element.into(), field, problem)
    }

    /// The payload of a `{"_module", "_class", "_object"}` wrapper (parsing it when it is a
    /// JSON string).
    fn unwrap_object(&self, value: &Value, what: &str) -> Result<Value, NetworkError> {
        match value.get("_object") {
            Some(Value::String(text)) => serde_json::from_str(&sanitize(text)).map_err(|e| {
                self.field_error(
                    what,
                    "_object",
                    format!("holds invalid embedded JSON ({e})"),
                )
            }),
            Some(other) => Ok(other.clone()),
            None => Ok(value.clone()),
        }
    }

    fn frame(&self, name: &str, value: &Value) -> Result<Frame, NetworkError> {
        let inner = self.unwrap_object(value, &format!("table {name}"))?;
        let err =
            |field: &str, problem: &str| self.field_error(format!("table {name}"), field, problem);
        let columns = inner
            .get("columns")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                err(
                    "columns",
                    "is missing; expected a pandas DataFrame saved with orient \"split\"",
                )
            })?
            .iter()
            .map(|c| c.as_str().map_or_else(|| c.to_string(), str::to_string))
            .collect::<Vec<_>>();
        let index = inner
            .get("index")
            .and_then(Value::as_array)
            .ok_or_else(|| err("index", "is missing; expected a list of row indices"))?
            .clone();
        let data: Vec<Vec<Value>> = inner
            .get("data")
            .and_then(Value::as_array)
            .ok_or_else(|| err("data", "is missing; expected a list of rows"))?
            .iter()
            .map(|row| row.as_array().cloned().unwrap_or_default())
            .collect();
        if data.len() != index.len() || data.iter().any(|r| r.len() != columns.len()) {
            return Err(err(
                "data",
                "has rows whose length does not match the columns or the index",
            ));
        }
        Ok(Frame {
            table: name.to_string(),
            columns,
            index,
            data,
        })
    }
}

impl Frame {
    fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    fn element(&self, row: usize) -> String {
        format!("pandapipes table {}, index {}", self.table, self.index[row])
    }

    fn index_u64(&self, r: &Reader<'_>, row: usize) -> Result<u64, NetworkError> {
        self.index[row].as_u64().ok_or_else(|| {
            r.field_error(self.element(row), "index", "must be a non-negative integer")
        })
    }

    fn value(&self, row: usize, name: &str) -> Option<&Value> {
        self.col(name).map(|c| &self.data[row][c])
    }

    /// A number; `null` (pandas NaN) and a missing column give `None`.
    fn number(&self, r: &Reader<'_>, row: usize, name: &str) -> Result<Option<f64>, NetworkError> {
        match self.value(row, name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::Bool(b)) => Ok(Some(if *b { 1.0 } else { 0.0 })),
            Some(other) => Err(r.field_error(
                self.element(row),
                name,
                format!("is {other}; expected a number"),
            )),
        }
    }

    fn required(&self, r: &Reader<'_>, row: usize, name: &str) -> Result<f64, NetworkError> {
        match self.number(r, row, name)? {
            Some(v) if v.is_finite() => Ok(v),
            _ => Err(r.field_error(
                self.element(row),
                name,
                "is missing or not a number; expected a finite number",
            )),
        }
    }

    fn boolean(
        &self,
        r: &Reader<'_>,
        row: usize,
        name: &str,
        default: bool,
    ) -> Result<bool, NetworkError> {
        match self.value(row, name) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::Number(n)) => Ok(n.as_f64().is_some_and(|v| v != 0.0)),
            Some(other) => Err(r.field_error(
                self.element(row),
                name,
                format!("is {other}; expected true or false"),
            )),
        }
    }

    fn text(&self, row: usize, name: &str) -> Option<String> {
        match self.value(row, name) {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        }
    }

    fn name_or_index(&self, row: usize) -> String {
        self.text(row, "name")
            .unwrap_or_else(|| format!("index {}", self.index[row]))
    }
}

fn number_list(value: &Value) -> Option<Vec<f64>> {
    let items = match value {
        Value::Array(items) => items.clone(),
        Value::Object(_) => match value.get("_object") {
            Some(Value::Array(items)) => items.clone(),
            Some(Value::String(text)) => {
                serde_json::from_str::<Vec<Value>>(&sanitize(text)).ok()?
            }
            _ => return None,
        },
        _ => return None,
    };
    items
        .iter()
        .map(|item| match item {
            Value::Number(n) => n.as_f64(),
            Value::Object(_) => item.get("_object").and_then(Value::as_f64),
            _ => None,
        })
        .collect()
}

/// Parses the JSON text of a pandapipes network. `source_name` names the input in messages.
pub fn parse(text: &str, source_name: &str) -> Result<Network, NetworkError> {
    let root: Value =
        serde_json::from_str(&sanitize(text)).map_err(|e| json_error(source_name, &e))?;
    from_value(&root, source_name)
}

pub(crate) fn from_value(root: &Value, source_name: &str) -> Result<Network, NetworkError> {
    let r = Reader {
        source: source_name,
    };
    if !is_pandapipes(root) {
        return Err(NetworkError::UnknownFormat {
            source_name: source_name.to_string(),
            detail: "no pandapipesNet object at the top level".to_string(),
        });
    }
    let net = r.unwrap_object(root, "pandapipesNet")?;
    let Some(net) = net.as_object() else {
        return Err(r.field_error("pandapipesNet", "_object", "is not an object of tables"));
    };
    let mut frames: BTreeMap<String, Frame> = BTreeMap::new();
    let mut unsupported = Vec::new();
    for (key, value) in net {
        let is_frame = value.get("_class").and_then(Value::as_str) == Some("DataFrame");
        if !is_frame || key.starts_with("res_") || key.ends_with("_geodata") {
            continue;
        }
        let frame = r.frame(key, value)?;
        if KNOWN_TABLES.contains(&key.as_str()) {
            frames.insert(key.clone(), frame);
            continue;
        }
        let mut active = Vec::new();
        for row in 0..frame.data.len() {
            if frame.boolean(&r, row, "in_service", true)? {
                active.push(frame.name_or_index(row));
            }
        }
        if !active.is_empty() {
            unsupported.push(format!("{key} ({}: {})", active.len(), active.join(", ")));
        }
    }
    if let Some(valves) = frames.get("valve") {
        let mut to_pipe = Vec::new();
        for row in 0..valves.data.len() {
            if valves.text(row, "et").is_some_and(|et| et != "ju") {
                to_pipe.push(valves.name_or_index(row));
            }
        }
        if !to_pipe.is_empty() {
            unsupported.push(format!(
                "valve attached to a pipe, et != \"ju\" ({}: {})",
                to_pipe.len(),
                to_pipe.join(", ")
            ));
        }
    }
    if !unsupported.is_empty() {
        return Err(NetworkError::UnsupportedComponents {
            source_name: source_name.to_string(),
            components: unsupported.join("; "),
        });
    }
    let fluid = read_fluid(&r, net)?;
    let friction_model = match net
        .get("user_pf_options")
        .and_then(|o| o.get("friction_model"))
    {
        Some(Value::String(name)) => FrictionModel::from_name(name).ok_or_else(|| {
            r.field_error(
                "user_pf_options",
                "friction_model",
                format!("is \"{name}\"; expected nikuradse, colebrook or swamee-jain"),
            )
        })?,
        _ => FrictionModel::Nikuradse,
    };

    let empty = Frame {
        table: String::new(),
        columns: Vec::new(),
        index: Vec::new(),
        data: Vec::new(),
    };
    let junction_frame = frames
        .get("junction")
        .ok_or_else(|| r.field_error("pandapipesNet", "junction", "table is missing"))?;
    let mut junctions = Vec::new();
    let mut by_index: BTreeMap<u64, usize> = BTreeMap::new();
    for row in 0..junction_frame.data.len() {
        let f = junction_frame;
        let idx = f.index_u64(&r, row)?;
        let temperature_k = f.required(&r, row, "tfluid_k")?;
        if temperature_k <= 0.0 {
            return Err(r.field_error(f.element(row), "tfluid_k", "must be above 0 K"));
        }
        by_index.insert(idx, junctions.len());
        junctions.push(Junction {
            id: ElementId::Index(idx),
            name: f.text(row, "name"),
            height_m: f
                .number(&r, row, "height_m")?
                .filter(|h| h.is_finite())
                .unwrap_or(0.0),
            temperature_k,
            initial_pressure_bar_g: f.number(&r, row, "pn_bar")?.filter(|p| p.is_finite()),
            in_service: f.boolean(&r, row, "in_service", true)?,
        });
    }
    let junction_ref = |f: &Frame, row: usize, col: &str| -> Result<usize, NetworkError> {
        let v = f.required(&r, row, col)?;
        by_index
            .get(&(v as u64))
            .copied()
            .filter(|_| v >= 0.0 && v.fract() == 0.0)
            .ok_or_else(|| {
                r.field_error(
                    f.element(row),
                    col,
                    format!("refers to junction {v}, which is not in the junction table"),
                )
            })
    };
    let mut pipes = Vec::new();
    let f = frames.get("pipe").unwrap_or(&empty);
    for row in 0..f.data.len() {
        let diameter_m = match f.number(&r, row, "inner_diameter_mm")? {
            Some(d) => d / 1000.0,
            None => f.required(&r, row, "diameter_m")?,
        };
        let length_km = f.required(&r, row, "length_km")?;
        let k_mm = f.required(&r, row, "k_mm")?;
        let sections = f.number(&r, row, "sections")?.unwrap_or(1.0);
        check_positive(&r, f, row, "inner_diameter_mm", diameter_m)?;
        if length_km < 0.0
            || k_mm < 0.0
            || !(1.0..=10_000.0).contains(&sections)
            || sections.fract() != 0.0
        {
            return Err(r.field_error(
                f.element(row),
                "length_km, k_mm or sections",
                "must be non-negative (sections a whole number from 1 to 10000)",
            ));
        }
        pipes.push(Pipe {
            id: ElementId::Index(f.index_u64(&r, row)?),
            name: f.text(row, "name"),
            from: junction_ref(f, row, "from_junction")?,
            to: junction_ref(f, row, "to_junction")?,
            length_m: length_km * 1000.0,
            inner_diameter_m: diameter_m,
            roughness_m: k_mm / 1000.0,
            loss_coefficient: f
                .number(&r, row, "loss_coefficient")?
                .filter(|v| v.is_finite())
                .unwrap_or(0.0),
            sections: sections as u32,
            in_service: f.boolean(&r, row, "in_service", true)?,
        });
    }
    let mut valves = Vec::new();
    let f = frames.get("valve").unwrap_or(&empty);
    for row in 0..f.data.len() {
        let from_col = if f.col("junction").is_some() {
            "junction"
        } else {
            "from_junction"
        };
        let to_col = if f.col("element").is_some() {
            "element"
        } else {
            "to_junction"
        };
        let diameter_m = match f.number(&r, row, "inner_diameter_mm")? {
            Some(d) => d / 1000.0,
            None => f.required(&r, row, "diameter_m")?,
        };
        check_positive(&r, f, row, "inner_diameter_mm", diameter_m)?;
        valves.push(Valve {
            id: ElementId::Index(f.index_u64(&r, row)?),
            name: f.text(row, "name"),
            from: junction_ref(f, row, from_col)?,
            to: junction_ref(f, row, to_col)?,
            inner_diameter_m: diameter_m,
            loss_coefficient: f
                .number(&r, row, "loss_coefficient")?
                .filter(|v| v.is_finite())
                .unwrap_or(0.0),
            open: f.boolean(&r, row, "opened", true)?,
        });
    }
    let mut loads = Vec::new();
    for (table, sign) in [("sink", 1.0), ("source", -1.0), ("mass_storage", 1.0)] {
        let f = frames.get(table).unwrap_or(&empty);
        for row in 0..f.data.len() {
            let mdot = f
                .number(&r, row, "mdot_kg_per_s")?
                .filter(|v| v.is_finite())
                .unwrap_or(0.0);
            let scaling = f
                .number(&r, row, "scaling")?
                .filter(|v| v.is_finite())
                .unwrap_or(1.0);
            if !f.boolean(&r, row, "in_service", true)? {
                continue;
            }
            loads.push(Load {
                id: ElementId::Key(format!("{table}/{}", f.index[row])),
                name: f.text(row, "name"),
                junction: junction_ref(f, row, "junction")?,
                withdrawal_kg_per_s: sign * mdot * scaling,
            });
        }
    }
    let mut slacks = Vec::new();
    let f = frames.get("ext_grid").unwrap_or(&empty);
    for row in 0..f.data.len() {
        let kind = f.text(row, "type").unwrap_or_else(|| "pt".to_string());
        let p_bar = f.number(&r, row, "p_bar")?.filter(|v| v.is_finite());
        let fixes_pressure =
            matches!(kind.as_str(), "p" | "pt") || (kind == "auto" && p_bar.is_some());
        if !fixes_pressure || !f.boolean(&r, row, "in_service", true)? {
            continue;
        }
        let Some(pressure_bar_g) = p_bar else {
            return Err(r.field_error(
                f.element(row),
                "p_bar",
                "is missing for a pressure ext_grid; expected bar gauge",
            ));
        };
        slacks.push(Slack {
            id: ElementId::Index(f.index_u64(&r, row)?),
            name: f.text(row, "name"),
            junction: junction_ref(f, row, "junction")?,
            pressure_bar_g,
        });
    }
    let ends = |f: &Frame, row: usize| -> Result<(usize, usize), NetworkError> {
        Ok((
            junction_ref(f, row, "from_junction")?,
            junction_ref(f, row, "to_junction")?,
        ))
    };
    let curves = read_pump_curves(&r, net)?;
    let mut pumps = Vec::new();
    let f = frames.get("pump").unwrap_or(&empty);
    for row in 0..f.data.len() {
        let (from, to) = ends(f, row)?;
        let in_service = f.boolean(&r, row, "in_service", true)?;
        let name = f.text(row, "std_type").unwrap_or_default();
        let curve = match curves.get(&name) {
            Some(curve) => curve.clone(),
            None if !in_service => PumpCurve {
                name,
                coefficients: Vec::new(),
            },
            None => {
                return Err(r.field_error(
                    f.element(row),
                    "std_type",
                    format!(
                        "is \"{name}\", which is not among the network's pump std_types ({}); \
                         save the network with its std_types",
                        curves.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        };
        pumps.push(Pump {
            id: ElementId::Index(f.index_u64(&r, row)?),
            name: f.text(row, "name"),
            from,
            to,
            curve,
            in_service,
        });
    }
    let mut compressors = Vec::new();
    let f = frames.get("compressor").unwrap_or(&empty);
    for row in 0..f.data.len() {
        let (from, to) = ends(f, row)?;
        compressors.push(Compressor {
            id: ElementId::Index(f.index_u64(&r, row)?),
            name: f.text(row, "name"),
            from,
            to,
            pressure_ratio: f.required(&r, row, "pressure_ratio")?,
            in_service: f.boolean(&r, row, "in_service", true)?,
        });
    }
    let mut pressure_controls = Vec::new();
    let f = frames.get("press_control").unwrap_or(&empty);
    for row in 0..f.data.len() {
        let (from, to) = ends(f, row)?;
        pressure_controls.push(PressureControl {
            id: ElementId::Index(f.index_u64(&r, row)?),
            name: f.text(row, "name"),
            from,
            to,
            controlled_junction: junction_ref(f, row, "controlled_junction")?,
            set_pressure_bar_g: f.required(&r, row, "controlled_p_bar")?,
            control_active: f.boolean(&r, row, "control_active", true)?,
            loss_coefficient: f
                .number(&r, row, "loss_coefficient")?
                .filter(|v| v.is_finite())
                .unwrap_or(0.0),
            in_service: f.boolean(&r, row, "in_service", true)?,
        });
    }
    let mut flow_controls = Vec::new();
    let f = frames.get("flow_control").unwrap_or(&empty);
    for row in 0..f.data.len() {
        let (from, to) = ends(f, row)?;
        flow_controls.push(FlowControl {
            id: ElementId::Index(f.index_u64(&r, row)?),
            name: f.text(row, "name"),
            from,
            to,
            mass_flow_kg_per_s: f.required(&r, row, "controlled_mdot_kg_per_s")?,
            control_active: f.boolean(&r, row, "control_active", true)?,
            in_service: f.boolean(&r, row, "in_service", true)?,
        });
    }
    Ok(Network {
        name: net.get("name").and_then(Value::as_str).map(str::to_string),
        source_name: Some(source_name.to_owned()),
        fluid,
        friction_model,
        junctions,
        pipes,
        valves,
        slacks,
        loads,
        pumps,
        compressors,
        pressure_controls,
        flow_controls,
    })
}

/// The pump curves of the network's std_types (`std_types` in current files, `std_type` in
/// the format 0.2 of the STANET cases): name → `reg_par`, the polynomial pandapipes fitted.
fn read_pump_curves(
    r: &Reader<'_>,
    net: &Map<String, Value>,
) -> Result<BTreeMap<String, PumpCurve>, NetworkError> {
    let mut curves = BTreeMap::new();
    let Some(types) = ["std_types", "std_type"].iter().find_map(|k| net.get(*k)) else {
        return Ok(curves);
    };
    let types = r.unwrap_object(types, "std_types")?;
    let Some(pumps) = types.get("pump").and_then(Value::as_object) else {
        return Ok(curves);
    };
    for (name, raw) in pumps {
        let element = format!("pump std_type \"{name}\"");
        let inner = r.unwrap_object(raw, &element)?;
        let coefficients = inner
            .get("reg_par")
            .and_then(number_list)
            .filter(|c| !c.is_empty() && c.iter().all(|v| v.is_finite()))
            .ok_or_else(|| {
                r.field_error(
                    element.clone(),
                    "reg_par",
                    "is missing or not a list of finite numbers; expected the pump curve's \
                     polynomial coefficients (bar against m³/h, highest power first)",
                )
            })?;
        curves.insert(
            name.clone(),
            PumpCurve {
                name: name.clone(),
                coefficients,
            },
        );
    }
    Ok(curves)
}

fn check_positive(
    r: &Reader<'_>,
    f: &Frame,
    row: usize,
    field: &str,
    v: f64,
) -> Result<(), NetworkError> {
    if v > 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(r.field_error(
            f.element(row),
            field,
            format!("is {v}; expected a positive diameter"),
        ))
    }
}

fn read_fluid(r: &Reader<'_>, net: &Map<String, Value>) -> Result<Fluid, NetworkError> {
    let raw = net.get("fluid").ok_or_else(|| {
        r.field_error(
            "pandapipesNet",
            "fluid",
            "is missing; save the network with its fluid",
        )
    })?;
    let mut fluid = r.unwrap_object(raw, "fluid")?;
    // pandapipes >= 0.9 may store several fluids in a dict keyed by name.
    if fluid.get("all_properties").is_none()
        && let Some(only) = fluid
            .as_object()
            .filter(|o| o.len() == 1)
            .and_then(|o| o.values().next())
    {
        fluid = r.unwrap_object(only, "fluid")?;
    }
    let name = fluid
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("fluid")
        .to_string();
    let is_gas = fluid
        .get("is_gas")
        .and_then(Value::as_bool)
        .unwrap_or_else(|| fluid.get("fluid_type").and_then(Value::as_str) == Some("gas"));
    if !is_gas {
        return Err(r.field_error(
            format!("fluid \"{name}\""),
            "fluid_type",
            "is not a gas; Dostyk solves gas networks only",
        ));
    }
    let props = fluid
        .get("all_properties")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            r.field_error(format!("fluid \"{name}\""), "all_properties", "is missing")
        })?;
    let property = |key: &str| -> Result<Property, NetworkError> {
        let element = format!("fluid \"{name}\"");
        let raw = props
            .get(key)
            .ok_or_else(|| r.field_error(element.clone(), key, "is missing"))?;
        let class = raw.get("_class").and_then(Value::as_str).unwrap_or("");
        let inner = r.unwrap_object(raw, &element)?;
        let num = |k: &str| {
            inner.get(k).and_then(|v| {
                v.as_f64()
                    .or_else(|| v.get("_object").and_then(Value::as_f64))
            })
        };
        let prop = match class {
            "FluidPropertyConstant" => num("value").map(|value| Property::Constant { value }),
            "FluidPropertyLinear" => match (num("slope"), num("offset")) {
                (Some(slope), Some(offset)) => Some(Property::Linear { slope, offset }),
                _ => None,
            },
            "FluidPropertyInterExtra" => {
                match (
                    inner.get("x").and_then(number_list),
                    inner.get("y").and_then(number_list),
                ) {
                    (Some(x), Some(y)) => Some(Property::Table { x, y }),
                    _ => None,
                }
            }
            other => {
                return Err(r.field_error(element, key, format!("has property class \"{other}\", which Dostyk does not read (supported: FluidPropertyConstant, FluidPropertyLinear, FluidPropertyInterExtra)")));
            }
        };
        let prop = prop.ok_or_else(|| {
            r.field_error(
                element.clone(),
                key,
                format!("is a {class} without its values"),
            )
        })?;
        prop.validate(key)
            .map_err(|problem| r.field_error(element, key, problem))?;
        Ok(prop)
    };
    let fluid = Fluid {
        name: name.clone(),
        density_kg_per_m3: property("density")?,
        viscosity_pa_s: property("viscosity")?,
        compressibility: property("compressibility")?,
    };
    let rho_n = fluid.normal_density_kg_per_m3();
    if !(rho_n > 0.0 && rho_n.is_finite()) {
        return Err(r.field_error(
            format!("fluid \"{name}\""),
            "density",
            format!("gives {rho_n} kg/m³ at 273.15 K; expected a positive density"),
        ));
    }
    let eta = fluid.viscosity_pa_s.at(super::NORMAL_TEMPERATURE_K);
    if !(eta > 0.0 && eta.is_finite()) {
        return Err(r.field_error(
            format!("fluid \"{name}\""),
            "viscosity",
            format!("gives {eta} Pa·s; expected a positive viscosity"),
        ));
    }
    Ok(fluid)
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn non_standard_numbers_become_null_outside_strings_only() {
        let text = "{\"a\": NaN, \"b\": [-Infinity, Infinity], \"c\": \"NaN \\\" NaN\"}";
        let clean = sanitize(text);
        assert_eq!(
            clean,
            "{\"a\": null, \"b\": [null, null], \"c\": \"NaN \\\" NaN\"}"
        );
        assert!(serde_json::from_str::<serde_json::Value>(&clean).is_ok());
    }
}
