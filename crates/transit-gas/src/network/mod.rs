//! Steady-state gas network solver (isothermal, the pandapipes formulation).
//!
//! Given junctions, pipes, valves, pumps, compressors, pressure and flow controls, slack nodes
//! with a fixed pressure (external grids) and fixed withdrawals or injections, [`solve`] finds the pressure at every junction and the mass flow in
//! every pipe. The equations are those of pandapipes 0.16 (`pandapipes.pf`), so a pandapipes
//! network gives the same pressures; see `docs/methodology.md`, section "Gas network solver".
//!
//! # Model
//!
//! For a pipe from junction i to j, with absolute pressures pᵢ, pⱼ in bar,
//!
//! ```text
//! pᵢ − pⱼ + ρ·g·Δh/10⁵ − pₙ·Tₘ·Z(pₘ)·ṁ|ṁ|·(λ·L/D + ζ) / (Tₙ·10⁵·ρₙ·A²·(pᵢ + pⱼ)) = 0
//! ```
//!
//! which is the textbook p_i² − p_j² = λ(L/D)·pₙ·T·Z·ṁ|ṁ|/(Tₙ·ρₙ·A²) for a level pipe; pₙ =
//! 1.01325 bar, Tₙ = 273.15 K, pₘ = ⅔(pᵢ³ − pⱼ³)/(pᵢ² − pⱼ²), Z = offset + slope·pₘ, λ from
//! Nikuradse (with the laminar 64/Re term, the default), Colebrook–White or Swamee–Jain
//! ([`FrictionModel`]). Every junction balances its mass flows. Pressures are reported in bar
//! gauge relative to the ambient pressure at the junction's height.
//!
//! Newton–Raphson solves pressures and flows together; the flows are eliminated from each linear
//! step, leaving a sparse system in the pressures that is factorised once symbolically and then
//! numerically at every iteration. A backtracking line search on the residual keeps the
//! iteration converging from a flat start on large meshed networks. When there is no solution the
//! error names the part at fault: junctions not connected to a slack (with the closed valves
//! that cut them off), the junction whose pressure would fall below zero, or the residual left
//! after the last iteration.
//!
//! # Inputs
//!
//! [`read_network`] takes either format, detected from the content:
//!
//! - **Dostyk network JSON** ([`dostyk_json`], JSON Schema in `docs/network.schema.json`):
//!
//!   ```json
//!   {
//!     "format": "dostyk-gas-network/1",
//!     "name": "two pipes",
//!     "fluid": { "name": "lgas", "normal_density_kg_per_m3": 0.799495,
//!                "dynamic_viscosity_pa_s": 1.16859e-5,
//!                "compressibility": { "slope_per_bar": -0.0022, "offset": 1.0 } },
//!     "friction_model": "nikuradse",
//!     "temperature_k": 288.15,
//!     "junctions": [ { "id": "A", "height_m": 0 }, { "id": "B" }, { "id": "C" } ],
//!     "pipes": [ { "id": "AB", "from": "A", "to": "B", "length_km": 100,
//!                  "inner_diameter_mm": 1000, "roughness_mm": 0.02 },
//!                { "id": "BC", "from": "B", "to": "C", "length_km": 50,
//!                  "inner_diameter_mm": 700, "roughness_mm": 0.02 } ],
//!     "valves": [],
//!     "slack_nodes": [ { "junction": "A", "pressure_bar_g": 54 } ],
//!     "sinks": [ { "junction": "B", "mass_flow_kg_per_s": 20 },
//!                { "junction": "C", "normal_volume_flow_m3_per_h": 100000 } ],
//!     "sources": []
//!   }
//!   ```
//!
//!   Junction fields: `id`, optional `name`, `height_m` (default 0), `temperature_k` (default the
//!   network's), `initial_pressure_bar_g`, `in_service`. Pipes: `id`, `from`, `to`, `length_km`,
//!   `inner_diameter_mm`, `roughness_mm`, optional `loss_coefficient`, `sections`, `in_service`.
//!   Valves: `id`, `from`, `to`, `inner_diameter_mm`, `loss_coefficient` (0 = ideal connector),
//!   `open`. Sinks, sources and `mass_storages` give `mass_flow_kg_per_s` or
//!   `normal_volume_flow_m3_per_h` (converted with the normal density). Components: `pumps`
//!   (`std_type` P1–P3, `curve_coefficients` or `curve_points`), `compressors`
//!   (`pressure_ratio`), `pressure_controls` (`set_pressure_bar_g`, `controlled_junction`,
//!   `control_active`, `loss_coefficient`) and `flow_controls` (`mass_flow_kg_per_s`,
//!   `control_active`), each with `id`, `from`, `to` and `in_service`.
//! - **pandapipes networks** saved by `pandapipes.to_json` ([`pandapipes_json`]): junction,
//!   pipe, valve, ext_grid (types p, pt and t), sink, source, mass_storage, pump (with the
//!   network's pump std_types), compressor, press_control and flow_control tables and the fluid
//!   (constant, linear or tabulated properties). In-service heat exchangers, circulation pumps
//!   and other components make the import fail with their names; Dostyk does not solve a
//!   different network than the one saved. Junction, pipe and component ids are the pandapipes
//!   indices.
//!
//! # Components
//!
//! Pumps, compressors, pressure controls and flow controls follow pandapipes 0.16's equations
//! (`docs/methodology.md`). A component that would have to work backwards in the solution (gas
//! against a compressor or pump, a regulator or flow control raising the pressure) is
//! [`NetworkError::ComponentOutOfRange`] naming it; pandapipes returns such states without a
//! word.
//!
//! # Building a network in code
//!
//! [`NetworkBuilder`] adds junctions, pipes, valves, ext_grids, sinks and sources and hands out
//! typed ids ([`JunctionId`], [`PipeId`], …), so a pipe names junctions of its own network;
//! [`Fluid::lgas`], [`Fluid::hgas`] and [`Fluid::methane`] are pandapipes' gases. [`solve`]
//! checks any network before it starts, so one changed by hand with a reference past the end or a
//! NaN is refused with [`NetworkError::InvalidElement`] naming the element and field, never a
//! panic. The example
//! `examples/network_in_code.rs` builds and solves a small line.
//!
//! # Example
//!
//! ```
//! use dostyk_transit_gas::network::{parse_network, solve, ElementId, SolverOptions};
//!
//! let text = r#"{
//!   "format": "dostyk-gas-network/1",
//!   "fluid": { "name": "lgas", "normal_density_kg_per_m3": 0.799495,
//!              "dynamic_viscosity_pa_s": 1.16859e-5,
//!              "compressibility": { "slope_per_bar": -0.0022 } },
//!   "temperature_k": 288.15,
//!   "junctions": [ { "id": "J0" }, { "id": "J1" } ],
//!   "pipes": [ { "id": "P01", "from": "J0", "to": "J1", "length_km": 100,
//!                "inner_diameter_mm": 1000, "roughness_mm": 0.02 } ],
//!   "slack_nodes": [ { "junction": "J0", "pressure_bar_g": 54 } ],
//!   "sinks": [ { "junction": "J1", "mass_flow_kg_per_s": 120 } ]
//! }"#;
//! let network = parse_network(text, "example")?;
//! let solution = solve(&network, &SolverOptions::default())?;
//! let p1 = solution.pressure_bar_g(&ElementId::Key("J1".into())).unwrap_or(f64::NAN);
//! // pandapipes 0.16.0 gives 51.69897 bar(g) for this pipe (docs/methodology.md).
//! assert!((p1 - 51.69897).abs() < 1e-4);
//! # Ok::<(), dostyk_transit_gas::network::NetworkError>(())
//! ```

mod builder;
pub mod dostyk_json;
mod error;
mod fluid;
mod friction;
mod model;
pub mod pandapipes_json;
pub mod pump_curve;
mod result;
pub mod series;
mod solver;
mod sparse_lu;
mod validate;

use std::path::Path;

use dostyk_core_model::read::{json_error, read_text};

pub use builder::{JunctionId, LoadId, NetworkBuilder, PipeId, PipeSpec, SlackId, ValveId};
pub use error::NetworkError;
pub use fluid::{Fluid, Property};
pub use friction::FrictionModel;
pub use model::{
    Compressor, ElementId, FlowControl, Junction, Load, Network, Pipe, PressureControl, Pump,
    PumpCurve, Slack, Valve,
};
pub use result::{ComponentResult, JunctionResult, PipeResult, Solution, ValveResult};
pub use series::{LoadSeries, read_load_series};
pub use solver::{SolverOptions, ambient_pressure_bar, solve, solve_series};

/// Normal pressure pₙ, bar (`pandapipes.constants.NORMAL_PRESSURE`).
pub const NORMAL_PRESSURE_BAR: f64 = 1.01325;
/// Normal temperature Tₙ, K (`pandapipes.constants.NORMAL_TEMPERATURE`).
pub const NORMAL_TEMPERATURE_K: f64 = 273.15;
/// Pa per bar (`pandapipes.constants.P_CONVERSION`).
pub const PA_PER_BAR: f64 = 1e5;
/// Gravitational acceleration, m/s² (`pandapipes.constants.GRAVITATION_CONSTANT`).
pub const GRAVITY_M_PER_S2: f64 = 9.81;

/// The largest compressor pressure ratio accepted: a transmission compressor station raises the
/// pressure by a factor of 1.2 to 2, a multi-stage machine by at most some tens.
pub const MAX_PRESSURE_RATIO: f64 = 100.0;

/// Which format a network file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkFormat {
    /// Dostyk's own JSON.
    Dostyk,
    /// A file written by `pandapipes.to_json`.
    Pandapipes,
}

/// Parses a network in either format (detected from the content); `source_name` names the input
/// in error messages.
pub fn parse_network(text: &str, source_name: &str) -> Result<Network, NetworkError> {
    parse_network_with_format(text, source_name).map(|(network, _)| network)
}

/// Like [`parse_network`], also saying which format was found.
pub fn parse_network_with_format(
    text: &str,
    source_name: &str,
) -> Result<(Network, NetworkFormat), NetworkError> {
    check_element_count(text, source_name, MAX_NETWORK_ELEMENTS)?;
    let root: serde_json::Value = serde_json::from_str(&pandapipes_json::sanitize(text))
        .map_err(|e| json_error(source_name, &e))?;
    if pandapipes_json::is_pandapipes(&root) {
        return Ok((
            pandapipes_json::from_value(&root, source_name)?,
            NetworkFormat::Pandapipes,
        ));
    }
    match root.get("format").and_then(serde_json::Value::as_str) {
        Some(tag) if tag.starts_with("dostyk-gas-network") => Ok((
            dostyk_json::parse(text, source_name)?,
            NetworkFormat::Dostyk,
        )),
        Some(tag) => Err(NetworkError::UnknownFormat {
            source_name: source_name.to_string(),
            detail: format!("\"format\" is \"{tag}\""),
        }),
        None => Err(NetworkError::UnknownFormat {
            source_name: source_name.to_string(),
            detail: "neither a \"format\" field nor a pandapipesNet object".to_string(),
        }),
    }
}

/// The largest network file [`read_network`] reads, 64 MiB (the limit of the dataset loader
/// too). A network is read whole and held as a JSON tree, several times the file's size, before
/// it is built; 64 MiB holds some hundred thousand pipes in either format, far beyond a national
/// transmission system, while a wrong or runaway file (a database dump, a generated network of
/// millions of junctions) is refused with a message instead of exhausting memory.
pub const MAX_NETWORK_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most elements a network may have, counted before it is read: 250,000 JSON objects and
/// arrays (each element of a Dostyk network is an object, each row of a pandapipes table an
/// array). A national transmission system has a few thousand; reading holds the JSON tree and
/// the model, about 1 KB per element (4 million bare junctions, a 63 MB file, took 4.1 GB), so
/// the limit keeps a network within about 250 MB.
pub const MAX_NETWORK_ELEMENTS: usize = 250_000;

/// Refuses `text` when it has more than `limit` JSON objects and arrays, before any is built:
/// every `{` and `[` is counted, in strings too (pandapipes keeps its tables as JSON in
/// strings), so the count is an upper bound on the elements of either format.
fn check_element_count(text: &str, source_name: &str, limit: usize) -> Result<(), NetworkError> {
    let count = text.bytes().filter(|b| matches!(b, b'{' | b'[')).count();
    if count > limit {
        return Err(NetworkError::TooManyElements {
            source_name: source_name.to_owned(),
            count,
            limit,
        });
    }
    Ok(())
}

/// Reads a network file in either format; the network keeps the path as its
/// [`Network::source_name`], so [`solve`]'s errors name the file.
///
/// # Errors
///
/// The file is not a regular file (a folder, a named pipe, a device), cannot be read, is larger
/// than [`MAX_NETWORK_FILE_BYTES`], or is not a network Dostyk can read (see
/// [`parse_network`]).
pub fn read_network(path: impl AsRef<Path>) -> Result<(Network, NetworkFormat), NetworkError> {
    read_network_limited(path.as_ref(), MAX_NETWORK_FILE_BYTES)
}

/// [`read_network`] with `limit` bytes as the largest file read.
fn read_network_limited(path: &Path, limit: u64) -> Result<(Network, NetworkFormat), NetworkError> {
    let text = read_text(path, limit)?;
    parse_network_with_format(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dostyk_core_model::read::ReadError;

    #[test]
    fn a_network_of_too_many_elements_is_refused_before_it_is_read() {
        let junctions = "{\"id\": \"J\"},".repeat(11);
        let text =
            format!("{{\"format\": \"dostyk-gas-network/1\", \"junctions\": [{junctions}]}}");
        let e = check_element_count(&text, "big.json", 12).unwrap_err();
        assert_eq!(
            e.to_string(),
            "big.json: the network has 13 JSON objects and arrays (elements), over the limit of 12; \
             Dostyk solves networks of up to 12 elements (a national transmission system has a few \
             thousand): split the network, or leave out what the question does not need"
        );
        assert!(check_element_count(&text, "big.json", 13).is_ok());
        // The committed STANET cases are far below the limit.
        let e = parse_network(
            &format!(
                "{{\"format\": \"dostyk-gas-network/1\", \"junctions\": [{}]}}",
                "{}".repeat(MAX_NETWORK_ELEMENTS)
            ),
            "huge.json",
        )
        .unwrap_err();
        assert!(matches!(e, NetworkError::TooManyElements { .. }), "{e}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_name() {
        let dir = std::env::temp_dir().join(format!("dostyk-network-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.json");
        // 2 000 bytes of a (valid) JSON array: over a 1 000-byte limit.
        std::fs::write(&path, format!("[{}0]", "0,".repeat(999))).unwrap();
        let e = read_network_limited(&path, 1_000).unwrap_err();
        let m = e.to_string();
        assert!(
            matches!(
                e,
                NetworkError::Read(ReadError::TooLarge {
                    bytes: 2_001,
                    limit: 1_000,
                    ..
                })
            ),
            "{m}"
        );
        assert!(
            m.starts_with(&format!(
                "{}: the file is 2001 bytes, over the limit of 1000 bytes",
                path.display()
            )),
            "{m}"
        );
        // Under the limit the same file is read, and refused as not being a network.
        let e = read_network_limited(&path, 4_000).unwrap_err();
        assert!(matches!(e, NetworkError::UnknownFormat { .. }), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A named pipe given as a network would block a reader that opens it; it is refused
    /// unopened.
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = std::env::temp_dir().join(format!("dostyk-network-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("network.json");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read_network(&path).unwrap_err();
            assert!(
                matches!(e, NetworkError::Read(ReadError::NotAFile { .. })),
                "{e}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
