//! A corridor network of cities, border crossing points and ports, and the fastest or cheapest
//! route between two of them, with the time split into moving and border time.
//!
//! Edges carry a mode (road or rail), a distance, a speed and a cost (money is written as a decimal
//! string, `"80.00"`, so it stays exact). Every field is checked on reading, and an error names
//! the file, the line of the node or edge and the field (`border[0].hours`). Border crossing points
//! carry a delay and a cost per mode, either stated in the network file or taken from CPMM
//! crossing records ([`Network::apply_cpmm`]: the median TFI1 and median TFI2 of the crossings at
//! that BCP by that mode, both directions together). Routes are found with Dijkstra's algorithm
//! on a binary heap, O((V + E) log V); ties on the chosen criterion are broken by the other one
//! (cost for the fastest route, time for the cheapest), then by node order, so the answer is
//! deterministic.
//!
//! Time of a leg: `distance_km / speed_kmh`; entering a border crossing point adds its delay for
//! the leg's mode; cost of a leg: its cost plus the border cost. No transhipment time or cost is
//! added where a route changes mode at a node.
//!
//! ```
//! use dostyk_transit_gas::corridor::{Criterion, Network};
//!
//! let json = r#"{
//!   "nodes": [
//!     {"id": "a", "name": "A", "kind": "city"},
//!     {"id": "b", "name": "B-C border", "kind": "border_crossing",
//!      "border": [{"mode": "road", "hours": 2.0, "cost_usd": "30.00"}]},
//!     {"id": "c", "name": "C", "kind": "city"}
//!   ],
//!   "edges": [
//!     {"from": "a", "to": "b", "mode": "road", "distance_km": 120, "speed_kmh": 60, "cost_usd": "50.00"},
//!     {"from": "b", "to": "c", "mode": "road", "distance_km": 30, "speed_kmh": 60, "cost_usd": "10.00"}
//!   ]
//! }"#;
//! let net = Network::from_json(json, "net.json")?;
//! let route = net.route("a", "c", Criterion::Time, None)?;
//! assert_eq!(route.moving_hours, 2.5);
//! assert_eq!(route.border_hours, 2.0);
//! assert_eq!(route.cost.amount.to_string(), "90.00");
//! # Ok::<(), dostyk_transit_gas::Error>(())
//! ```

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::path::Path;

use dostyk_core_model::money::{Currency, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cpmm::{Crossing, MAX_USD, Mode};
use dostyk_core_model::read::{
    Location, MAX_TEXT_FILE_BYTES, ReadError, json_value, read_text, record_lines,
};

use crate::error::Error;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A city or freight terminal.
    City,
    /// A border crossing point (both countries' posts as one node).
    BorderCrossing,
    /// A sea or dry port.
    Port,
    /// A rail station or junction.
    Station,
}

/// Delay and cost of crossing a border point by one mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BorderDelay {
    /// The mode.
    pub mode: Mode,
    /// Hours to cross (TFI1 sense: entry to exit of both sides).
    pub hours: f64,
    /// Cost of crossing, USD (TFI2 sense).
    pub cost_usd: Decimal,
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The distribution of crossing times, when the delay comes from CPMM records.
    #[serde(default, skip_serializing_if = "Option::is_none", skip_deserializing)]
    pub distribution: Option<DelayDistribution>,
}

/// Which statistic of the CPMM crossing times and costs a border takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BorderStatistic {
    /// The median (default; robust to the long waits that skew CPMM samples).
    #[default]
    Median,
    /// The arithmetic mean.
    Mean,
}

impl std::str::FromStr for BorderStatistic {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "median" => Ok(BorderStatistic::Median),
            "mean" => Ok(BorderStatistic::Mean),
            _ => Err(format!(
                "\"{s}\" is not a statistic; expected median or mean"
            )),
        }
    }
}

/// The distribution of border-crossing times (TFI1) of one BCP and mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelayDistribution {
    /// Number of crossings.
    pub count: usize,
    /// Shortest, hours.
    pub min_hours: f64,
    /// Median, hours (mean of the two middle values for an even count).
    pub median_hours: f64,
    /// Mean, hours.
    pub mean_hours: f64,
    /// Longest, hours.
    pub max_hours: f64,
    /// Every crossing time, ascending, hours.
    pub samples_hours: Vec<f64>,
}

impl DelayDistribution {
    fn of(hours: &[f64]) -> Self {
        let mut samples = hours.to_vec();
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        Self {
            count: n,
            min_hours: samples.first().copied().unwrap_or(0.0),
            median_hours: if n == 0 {
                0.0
            } else {
                crate::cpmm::median_f64(&samples)
            },
            mean_hours: if n == 0 {
                0.0
            } else {
                samples.iter().sum::<f64>() / n as f64
            },
            max_hours: samples.last().copied().unwrap_or(0.0),
            samples_hours: samples,
        }
    }
}

/// A node of the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: NodeKind,
    /// Country code(s), free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// The BCP name used in CPMM crossing records, for border crossings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bcp: Option<String>,
    /// Border delay and cost per mode.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub border: Vec<BorderDelay>,
}

fn yes() -> bool {
    true
}

/// An edge of the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    /// Start node id.
    pub from: String,
    /// End node id.
    pub to: String,
    /// Mode.
    pub mode: Mode,
    /// Length, km.
    pub distance_km: f64,
    /// Average moving speed, km/h.
    pub speed_kmh: f64,
    /// Cost of travelling the edge, USD.
    pub cost_usd: Decimal,
    /// Whether the edge can be used both ways (default true).
    #[serde(default = "yes")]
    pub two_way: bool,
}

/// The network file after its fields are checked.
#[derive(Debug)]
struct NetworkFile {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

/// A corridor network ready for routing.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    index: HashMap<String, usize>,
    /// For each node, the (edge index, other node) pairs leaving it.
    adjacency: Vec<Vec<(usize, usize)>>,
}

/// What a route minimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Total hours, moving and border.
    Time,
    /// Total cost, edges and borders.
    Cost,
}

impl std::str::FromStr for Criterion {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "time" => Ok(Criterion::Time),
            "cost" => Ok(Criterion::Cost),
            _ => Err(format!("\"{s}\" is not a criterion; expected time or cost")),
        }
    }
}

/// One leg of a route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leg {
    /// Start node id.
    pub from: String,
    /// End node id.
    pub to: String,
    /// Mode.
    pub mode: Mode,
    /// Length, km.
    pub distance_km: f64,
    /// Hours in motion.
    pub moving_hours: f64,
    /// Cost of the leg, USD.
    pub cost_usd: Decimal,
}

/// A border crossed on a route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BorderStop {
    /// Node id.
    pub node: String,
    /// Node name.
    pub name: String,
    /// Mode of crossing.
    pub mode: Mode,
    /// Hours at the border.
    pub hours: f64,
    /// Cost at the border, USD.
    pub cost_usd: Decimal,
    /// Source of the figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A route and its totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    /// Start node id.
    pub from: String,
    /// End node id.
    pub to: String,
    /// What was minimised.
    pub by: Criterion,
    /// The mode restriction, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// The legs in order.
    pub legs: Vec<Leg>,
    /// The borders crossed in order.
    pub borders: Vec<BorderStop>,
    /// Total distance, km.
    pub distance_km: f64,
    /// Hours in motion.
    pub moving_hours: f64,
    /// Hours at borders.
    pub border_hours: f64,
    /// moving + border hours.
    pub total_hours: f64,
    /// Total cost.
    pub cost: Money,
}

#[derive(Debug, Clone, Copy)]
struct Label {
    hours: f64,
    cost: Decimal,
}

fn compare(a: Label, b: Label, by: Criterion) -> Ordering {
    match by {
        Criterion::Time => a.hours.total_cmp(&b.hours).then(a.cost.cmp(&b.cost)),
        Criterion::Cost => a.cost.cmp(&b.cost).then(a.hours.total_cmp(&b.hours)),
    }
}

struct HeapItem {
    label: Label,
    node: usize,
    by: Criterion,
}

impl PartialEq for HeapItem {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for HeapItem {}
impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for HeapItem {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we want the smallest label first.
        compare(other.label, self.label, self.by).then(other.node.cmp(&self.node))
    }
}

/// The JSON type a network field must have.
#[derive(Clone, Copy)]
enum FieldType {
    Text,
    Number,
    Flag,
    /// Money: a decimal string such as "80.00".
    Amount,
    Choice(&'static [&'static str]),
    BorderList,
}

const NODE_FIELDS: &[(&str, FieldType, bool)] = &[
    ("id", FieldType::Text, true),
    ("name", FieldType::Text, true),
    (
        "kind",
        FieldType::Choice(&["city", "border_crossing", "port", "station"]),
        true,
    ),
    ("country", FieldType::Text, false),
    ("bcp", FieldType::Text, false),
    ("border", FieldType::BorderList, false),
];

const BORDER_FIELDS: &[(&str, FieldType, bool)] = &[
    ("mode", FieldType::Choice(&["road", "rail"]), true),
    ("hours", FieldType::Number, true),
    ("cost_usd", FieldType::Amount, true),
    ("source", FieldType::Text, false),
];

const EDGE_FIELDS: &[(&str, FieldType, bool)] = &[
    ("from", FieldType::Text, true),
    ("to", FieldType::Text, true),
    ("mode", FieldType::Choice(&["road", "rail"]), true),
    ("distance_km", FieldType::Number, true),
    ("speed_kmh", FieldType::Number, true),
    ("cost_usd", FieldType::Amount, true),
    ("two_way", FieldType::Flag, false),
];

/// Checks one JSON object against a field list; on a fault, the field's name (with `prefix`)
/// and what is wrong.
fn check_fields(
    value: &serde_json::Value,
    fields: &[(&str, FieldType, bool)],
    prefix: &str,
) -> Result<(), (String, String)> {
    use serde_json::Value;
    let Value::Object(map) = value else {
        return Err((
            prefix.trim_end_matches('.').to_owned(),
            "expected an object { … }".to_owned(),
        ));
    };
    let names = || fields.iter().map(|f| f.0).collect::<Vec<_>>().join(", ");
    for key in map.keys() {
        if !fields.iter().any(|f| f.0 == key) {
            return Err((
                format!("{prefix}{key}"),
                format!("not a field here; expected {}", names()),
            ));
        }
    }
    for &(name, kind, required) in fields {
        let field = format!("{prefix}{name}");
        let Some(v) = map.get(name).filter(|v| !v.is_null()) else {
            if required {
                return Err((field, "missing".to_owned()));
            }
            continue;
        };
        let found = || match v {
            Value::String(s) => format!("\"{s}\""),
            other => other.to_string(),
        };
        match kind {
            FieldType::Text if !v.is_string() => {
                return Err((field, format!("{} is not text; expected a string", found())));
            }
            FieldType::Number if !v.as_f64().is_some_and(f64::is_finite) => {
                return Err((field, format!("{} is not a number", found())));
            }
            FieldType::Flag if !v.is_boolean() => {
                return Err((field, format!("{} is not true or false", found())));
            }
            FieldType::Amount => {
                let ok = v
                    .as_str()
                    .is_some_and(|s| s.trim().parse::<Decimal>().is_ok());
                if !ok {
                    return Err((
                        field,
                        format!(
                            "{} is not an amount; write it as a decimal string such as \"80.00\" (money is exact)",
                            found()
                        ),
                    ));
                }
            }
            FieldType::Choice(options) if !v.as_str().is_some_and(|s| options.contains(&s)) => {
                return Err((
                    field,
                    format!("{} is not one of {}", found(), options.join(", ")),
                ));
            }
            FieldType::BorderList => {
                let Value::Array(items) = v else {
                    return Err((
                        field,
                        format!("{} is not a list of border entries", found()),
                    ));
                };
                for (i, item) in items.iter().enumerate() {
                    check_fields(item, BORDER_FIELDS, &format!("{field}[{i}]."))?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks every node and edge field by field (so an error names the field), then builds the
/// typed network file.
fn typed_network(value: &serde_json::Value, text: &str, path: &Path) -> Result<NetworkFile, Error> {
    let lines = record_lines(text);
    let syntax = |problem: &str| -> Error {
        ReadError::invalid(Location::file(path).line(1), problem).into()
    };
    let serde_json::Value::Object(top) = value else {
        return Err(syntax(
            "expected an object {\"nodes\": [...], \"edges\": [...]}",
        ));
    };
    if let Some(key) = top.keys().find(|k| *k != "nodes" && *k != "edges") {
        return Err(syntax(&format!(
            "\"{key}\" is not a key of a network; expected nodes and edges"
        )));
    }
    let mut file = NetworkFile {
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    for (key, fields) in [("nodes", NODE_FIELDS), ("edges", EDGE_FIELDS)] {
        let Some(serde_json::Value::Array(items)) = top.get(key) else {
            return Err(syntax(&format!("\"{key}\" is missing or not a list")));
        };
        for (i, item) in items.iter().enumerate() {
            let line = lines.get(key).and_then(|l| l.get(i)).copied().unwrap_or(0);
            let record = |field: String, problem: String| -> Error {
                ReadError::invalid(Location::file(path).line(line).field(field), problem).into()
            };
            check_fields(item, fields, "").map_err(|(field, problem)| record(field, problem))?;
            let built = if key == "nodes" {
                serde_json::from_value::<Node>(item.clone()).map(|n| file.nodes.push(n))
            } else {
                serde_json::from_value::<Edge>(item.clone()).map(|e| file.edges.push(e))
            };
            built.map_err(|e| record(key.to_owned(), e.to_string()))?;
        }
    }
    Ok(file)
}

/// The shape of a corridor network file, as errors describe it.
const NETWORK_SHAPE: &str = "{\"nodes\": [{\"id\", \"name\", \"kind\", …}], \"edges\": [{\"from\", \"to\", \"mode\", \"distance_km\", \"speed_kmh\", \"cost_usd\"}]}";

impl Network {
    /// Reads a network from JSON text `{"nodes": [...], "edges": [...]}` and checks it: unique
    /// node ids, edges between known nodes, positive distances and speeds, non-negative costs
    /// and border delays, and no key given twice in an object. Errors name the file, line and
    /// field.
    pub fn from_json(text: &str, path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let value = json_value(path, text).map_err(|e| match e {
            ReadError::Syntax { at, problem } => ReadError::Syntax {
                at,
                problem: format!("{problem}; expected {NETWORK_SHAPE}"),
            },
            other => other,
        })?;
        let file = typed_network(&value, text, path)?;
        let lines = record_lines(text);
        let line_of =
            |key: &str, i: usize| lines.get(key).and_then(|l| l.get(i)).copied().unwrap_or(0);
        let err = |key: &str, i: usize, field: &str, problem: String| -> Error {
            ReadError::invalid(
                Location::file(path).line(line_of(key, i)).field(field),
                problem,
            )
            .into()
        };
        let mut index = HashMap::new();
        for (i, n) in file.nodes.iter().enumerate() {
            if n.id.trim().is_empty() {
                return Err(err(
                    "nodes",
                    i,
                    "id",
                    "empty; expected a unique node id".to_owned(),
                ));
            }
            if index.insert(n.id.clone(), i).is_some() {
                return Err(err(
                    "nodes",
                    i,
                    "id",
                    format!(
                        "\"{}\" is used by an earlier node; ids must be unique",
                        n.id
                    ),
                ));
            }
            for b in &n.border {
                if b.cost_usd > MAX_USD {
                    return Err(err(
                        "nodes",
                        i,
                        "border",
                        format!(
                            "cost_usd {} is out of range: the largest amount accepted is 10^15 US \
                             dollars ({MAX_USD}); check the unit and the decimal point",
                            b.cost_usd
                        ),
                    ));
                }
                if !(b.hours.is_finite() && b.hours >= 0.0) || b.cost_usd.is_sign_negative() {
                    return Err(err(
                        "nodes",
                        i,
                        "border",
                        format!(
                            "{} h / {} USD: expected non-negative hours and cost",
                            b.hours, b.cost_usd
                        ),
                    ));
                }
            }
        }
        let mut adjacency = vec![Vec::new(); file.nodes.len()];
        for (i, e) in file.edges.iter().enumerate() {
            let from = *index.get(&e.from).ok_or_else(|| {
                err(
                    "edges",
                    i,
                    "from",
                    format!("\"{}\" is not a node id of this network", e.from),
                )
            })?;
            let to = *index.get(&e.to).ok_or_else(|| {
                err(
                    "edges",
                    i,
                    "to",
                    format!("\"{}\" is not a node id of this network", e.to),
                )
            })?;
            if !(e.distance_km.is_finite() && e.distance_km > 0.0) {
                return Err(err(
                    "edges",
                    i,
                    "distance_km",
                    format!("{}: expected a positive number of km", e.distance_km),
                ));
            }
            if !(e.speed_kmh.is_finite() && e.speed_kmh > 0.0) {
                return Err(err(
                    "edges",
                    i,
                    "speed_kmh",
                    format!("{}: expected a positive speed in km/h", e.speed_kmh),
                ));
            }
            if e.cost_usd > MAX_USD {
                return Err(err(
                    "edges",
                    i,
                    "cost_usd",
                    format!(
                        "{} is out of range: the largest amount accepted is 10^15 US dollars \
                         ({MAX_USD}); check the unit and the decimal point",
                        e.cost_usd
                    ),
                ));
            }
            if e.cost_usd.is_sign_negative() {
                return Err(err(
                    "edges",
                    i,
                    "cost_usd",
                    format!("{}: expected a non-negative amount", e.cost_usd),
                ));
            }
            adjacency[from].push((i, to));
            if e.two_way {
                adjacency[to].push((i, from));
            }
        }
        Ok(Network {
            nodes: file.nodes,
            edges: file.edges,
            index,
            adjacency,
        })
    }

    /// Reads a network from a JSON file.
    pub fn read(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = read_text(path, MAX_TEXT_FILE_BYTES)?;
        Self::from_json(&text, path)
    }

    /// The nodes.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Sets the border delay and cost of each BCP node named in CPMM crossing records, by mode,
    /// from the distribution of its crossings (both directions): the median (or mean) TFI1 and
    /// TFI2, replacing the network file's figures for that mode. The distribution of crossing
    /// times is kept on the node ([`BorderDelay::distribution`]).
    ///
    /// # Errors
    ///
    /// [`Error::Value`] naming a crossing whose TFI2 cannot be computed ([`Crossing::tfi2_usd`];
    /// never for crossings read from a file).
    pub fn apply_cpmm(
        &mut self,
        crossings: &[Crossing],
        statistic: BorderStatistic,
    ) -> Result<(), Error> {
        // Per (BCP, mode): crossing hours and crossing costs.
        type Samples = (Vec<f64>, Vec<Decimal>);
        let mut groups: BTreeMap<(&str, Mode), Samples> = BTreeMap::new();
        for c in crossings {
            let g = groups.entry((c.bcp.as_str(), c.mode)).or_default();
            g.0.push(c.tfi1_hours());
            g.1.push(c.tfi2_usd()?);
        }
        for node in &mut self.nodes {
            let Some(bcp) = node.bcp.clone() else {
                continue;
            };
            for ((name, mode), (hours, costs)) in &groups {
                if *name != bcp {
                    continue;
                }
                let distribution = DelayDistribution::of(hours);
                let (h, c, label) = match statistic {
                    BorderStatistic::Median => (
                        distribution.median_hours,
                        crate::cpmm::median_usd(costs),
                        "median",
                    ),
                    BorderStatistic::Mean => (
                        distribution.mean_hours,
                        crate::cpmm::mean_usd(costs),
                        "mean",
                    ),
                };
                node.border.retain(|b| b.mode != *mode);
                node.border.push(BorderDelay {
                    mode: *mode,
                    hours: h,
                    cost_usd: c,
                    source: Some(format!("CPMM {label} of {} crossing(s)", hours.len())),
                    distribution: Some(distribution),
                });
            }
        }
        Ok(())
    }

    fn border(&self, node: usize, mode: Mode) -> Result<Option<&BorderDelay>, Error> {
        let n = &self.nodes[node];
        if n.kind != NodeKind::BorderCrossing {
            return Ok(None);
        }
        n.border
            .iter()
            .find(|b| b.mode == mode)
            .map(Some)
            .ok_or_else(|| {
                Error::Value(format!(
                    "border crossing \"{}\" has no {mode} delay: give it a border entry for {mode} in the network file, or CPMM crossing records for \"{}\"",
                    n.id,
                    n.bcp.as_deref().unwrap_or(&n.name)
                ))
            })
    }

    /// The best route from `from` to `to` by `by`, using only edges of `mode` when given.
    pub fn route(
        &self,
        from: &str,
        to: &str,
        by: Criterion,
        mode: Option<Mode>,
    ) -> Result<Route, Error> {
        let node = |id: &str| {
            self.index
                .get(id)
                .copied()
                .ok_or_else(|| Error::UnknownNode { id: id.to_owned() })
        };
        let (start, goal) = (node(from)?, node(to)?);
        let n = self.nodes.len();
        let mut best: Vec<Option<Label>> = vec![None; n];
        let mut prev: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut done = vec![false; n];
        let mut heap = BinaryHeap::new();
        let zero = Label {
            hours: 0.0,
            cost: Decimal::ZERO,
        };
        best[start] = Some(zero);
        heap.push(HeapItem {
            label: zero,
            node: start,
            by,
        });
        while let Some(HeapItem { label, node: u, .. }) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            if u == goal {
                break;
            }
            for &(e, v) in &self.adjacency[u] {
                let edge = &self.edges[e];
                if mode.is_some_and(|m| m != edge.mode) || done[v] {
                    continue;
                }
                let mut hours = label.hours + edge.distance_km / edge.speed_kmh;
                let mut cost = add_cost(label.cost, edge.cost_usd, from, to, edge)?;
                if let Some(b) = self.border(v, edge.mode)? {
                    hours += b.hours;
                    cost = add_cost(cost, b.cost_usd, from, to, edge)?;
                }
                let candidate = Label { hours, cost };
                if best[v].is_none_or(|old| compare(candidate, old, by) == Ordering::Less) {
                    best[v] = Some(candidate);
                    prev[v] = Some((u, e));
                    heap.push(HeapItem {
                        label: candidate,
                        node: v,
                        by,
                    });
                }
            }
        }
        if !done[goal] {
            return Err(Error::NoRoute {
                from: from.to_owned(),
                to: to.to_owned(),
                mode: mode.map(|m| format!(" by {m}")).unwrap_or_default(),
            });
        }
        let mut steps = Vec::new();
        let mut at = goal;
        while let Some((p, e)) = prev[at] {
            steps.push((p, e, at));
            at = p;
        }
        steps.reverse();
        let mut legs = Vec::new();
        let mut borders = Vec::new();
        for (u, e, v) in steps {
            let edge = &self.edges[e];
            legs.push(Leg {
                from: self.nodes[u].id.clone(),
                to: self.nodes[v].id.clone(),
                mode: edge.mode,
                distance_km: edge.distance_km,
                moving_hours: edge.distance_km / edge.speed_kmh,
                cost_usd: edge.cost_usd,
            });
            if let Some(b) = self.border(v, edge.mode)? {
                borders.push(BorderStop {
                    node: self.nodes[v].id.clone(),
                    name: self.nodes[v].name.clone(),
                    mode: edge.mode,
                    hours: b.hours,
                    cost_usd: b.cost_usd,
                    source: b.source.clone(),
                });
            }
        }
        let moving_hours: f64 = legs.iter().map(|l| l.moving_hours).sum();
        let border_hours: f64 = borders.iter().map(|b| b.hours).sum();
        // The same sum as the search's label of the goal, which did not overflow.
        let cost = best[goal].map_or(Decimal::ZERO, |l| l.cost);
        Ok(Route {
            from: from.to_owned(),
            to: to.to_owned(),
            by,
            mode,
            distance_km: legs.iter().map(|l| l.distance_km).sum(),
            moving_hours,
            border_hours,
            total_hours: moving_hours + border_hours,
            cost: Money::new(cost, Currency::from_code("USD")?),
            legs,
            borders,
        })
    }
}

/// `cost + more` on the way from `from` to `to`, or an error naming the route and the edge
/// where the sum leaves `Decimal` (the reader's [`MAX_USD`] per edge and border makes that
/// impossible for networks read from files; CPMM medians and means stay within twice it).
fn add_cost(
    cost: Decimal,
    more: Decimal,
    from: &str,
    to: &str,
    edge: &Edge,
) -> Result<Decimal, Error> {
    cost.checked_add(more).ok_or_else(|| {
        Error::Value(format!(
            "route from {from} to {to}: the cost {cost} USD plus {more} USD at edge {} -> {} is \
             beyond the largest amount that can be computed; give edge and border costs of at most \
             {MAX_USD} USD",
            edge.from, edge.to
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(edges: &str) -> Result<Network, Error> {
        Network::from_json(
            &format!(
                "{{\"nodes\": [\n{{\"id\": \"a\", \"name\": \"A\", \"kind\": \"city\"}},\n{{\"id\": \"b\", \"name\": \"B\", \"kind\": \"city\"}}\n],\n\"edges\": [\n{edges}\n]}}"
            ),
            Path::new("n.json"),
        )
    }

    #[test]
    fn bad_edges_name_line_and_field() {
        let e = net("{\"from\": \"a\", \"to\": \"z\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": \"1\"}").unwrap_err();
        assert!(
            e.to_string().contains("n.json, line 6, field \"to\""),
            "{e}"
        );
        let e = net("{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": 0, \"speed_kmh\": 1, \"cost_usd\": \"1\"}").unwrap_err();
        assert!(e.to_string().contains("field \"distance_km\""), "{e}");
        let e = net("{\"from\": \"a\", \"to\": \"b\", \"mode\": \"boat\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": \"1\"}").unwrap_err();
        assert!(
            e.to_string().contains("n.json, line 6, field \"mode\""),
            "{e}"
        );
        let e = net("{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": \"fast\", \"cost_usd\": \"1\"}").unwrap_err();
        assert!(
            e.to_string()
                .contains("n.json, line 6, field \"speed_kmh\""),
            "{e}"
        );
        let e = net("{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": 1.5}").unwrap_err();
        assert!(e.to_string().contains("field \"cost_usd\""), "{e}");
        assert!(e.to_string().contains("decimal string"), "{e}");
        let e = net("{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": \"1\", \"lanes\": 2}").unwrap_err();
        assert!(e.to_string().contains("field \"lanes\""), "{e}");
        let e = net("{\"from\": \"a\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": \"1\"}").unwrap_err();
        assert!(e.to_string().contains("field \"to\": missing"), "{e}");
        let e = Network::from_json(
            "{\"nodes\": [\n{\"id\": \"a\", \"name\": \"A\", \"kind\": \"border_crossing\", \"border\": [{\"mode\": \"road\", \"hours\": \"x\", \"cost_usd\": \"1\"}]}\n], \"edges\": []}",
            Path::new("b.json"),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("b.json, line 2, field \"border[0].hours\""),
            "{e}"
        );
    }

    #[test]
    fn one_way_edges_and_no_route() {
        let n = net("{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": 10, \"speed_kmh\": 10, \"cost_usd\": \"1\", \"two_way\": false}").unwrap();
        assert!(n.route("a", "b", Criterion::Time, None).is_ok());
        assert!(matches!(
            n.route("b", "a", Criterion::Time, None),
            Err(Error::NoRoute { .. })
        ));
        assert!(matches!(
            n.route("a", "b", Criterion::Time, Some(Mode::Rail)),
            Err(Error::NoRoute { .. })
        ));
        assert!(matches!(
            n.route("a", "q", Criterion::Time, None),
            Err(Error::UnknownNode { .. })
        ));
    }

    #[test]
    fn costs_beyond_the_limit_are_refused_and_sums_beyond_decimal_name_the_route() {
        let e = net("{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": \"50000000000000000000000000000\"}").unwrap_err().to_string();
        assert!(
            e.starts_with(
                "n.json, line 6, field \"cost_usd\": 50000000000000000000000000000 is out of range"
            ),
            "{e}"
        );
        let e = Network::from_json(
            "{\"nodes\": [\n{\"id\": \"a\", \"name\": \"A\", \"kind\": \"border_crossing\", \"border\": [{\"mode\": \"road\", \"hours\": 1, \"cost_usd\": \"1e16\"}]}\n], \"edges\": []}",
            Path::new("b.json"),
        );
        assert!(e.is_err());
        // A border cost from CPMM crossings built in code at Decimal::MAX: the route's sum
        // leaves Decimal and is an error naming the route and the edge, not a panic.
        let mut n = Network::from_json(
            "{\"nodes\": [\n{\"id\": \"a\", \"name\": \"A\", \"kind\": \"city\"},\n{\"id\": \"b\", \"name\": \"B\", \"kind\": \"border_crossing\", \"bcp\": \"Kazygurt\"}\n], \"edges\": [\n{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": \"1\"}\n]}",
            Path::new("n.json"),
        )
        .unwrap();
        let t = chrono::DateTime::parse_from_rfc3339("2025-03-01T08:00:00+05:00").unwrap();
        let crossing = Crossing {
            crossing_id: "c1".to_owned(),
            trip_id: "t1".to_owned(),
            mode: Mode::Road,
            direction: crate::cpmm::CrossingDirection::Outbound,
            bcp: "Kazygurt".to_owned(),
            arrive: t,
            depart: t,
            official_usd: Decimal::MAX,
            informal_usd: Decimal::ZERO,
            line: 2,
        };
        n.apply_cpmm(std::slice::from_ref(&crossing), BorderStatistic::Mean)
            .unwrap();
        let e = n
            .route("a", "b", Criterion::Cost, None)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("route from a to b: the cost 1 USD plus 79228162514264337593543950335 USD at edge a -> b"), "{e}");
        let mut twice = crossing;
        twice.informal_usd = Decimal::ONE;
        let e = n
            .apply_cpmm(&[twice], BorderStatistic::Median)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("crossing \"c1\" (line 2): official_usd"),
            "{e}"
        );
    }

    fn extreme_cost() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Decimal::MAX),
            Just(Decimal::ZERO),
            Just(Decimal::NEGATIVE_ONE),
            Just(MAX_USD),
            any::<i64>().prop_map(Decimal::from),
        ]
    }

    proptest::proptest! {
        #[test]
        fn reader_never_panics(text in "(?s).{0,300}") {
            let _ = Network::from_json(&text, Path::new("p.json"));
        }

        #[test]
        fn routes_over_extreme_costs_are_found_or_refused_never_panic(
            a in extreme_cost(),
            b in extreme_cost(),
            km in proptest::prop_oneof![proptest::strategy::Just(1e308), proptest::strategy::Just(0.0), proptest::strategy::Just(-1.0), proptest::strategy::Just(1.0)],
        ) {
            let text = format!(
                "{{\"nodes\": [{{\"id\": \"a\", \"name\": \"A\", \"kind\": \"city\"}}, {{\"id\": \"b\", \"name\": \"B\", \"kind\": \"city\"}}, {{\"id\": \"c\", \"name\": \"C\", \"kind\": \"city\"}}], \"edges\": [{{\"from\": \"a\", \"to\": \"b\", \"mode\": \"road\", \"distance_km\": {km}, \"speed_kmh\": 1, \"cost_usd\": \"{a}\"}}, {{\"from\": \"b\", \"to\": \"c\", \"mode\": \"road\", \"distance_km\": 1, \"speed_kmh\": 1, \"cost_usd\": \"{b}\"}}]}}"
            );
            if let Ok(n) = Network::from_json(&text, Path::new("p.json")) {
                let r = n.route("a", "c", Criterion::Cost, None).unwrap();
                proptest::prop_assert_eq!(r.cost.amount, a + b);
            }
        }
    }
}
