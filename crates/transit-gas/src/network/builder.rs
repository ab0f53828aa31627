//! Building a network in code: [`NetworkBuilder`] hands out typed ids ([`JunctionId`], …) as
//! `petgraph`'s `add_node` does, so a pipe can only name junctions of its own network.
//!
//! ```
//! use dostyk_transit_gas::network::{Fluid, NetworkBuilder, PipeSpec, SolverOptions, solve};
//!
//! let mut net = NetworkBuilder::new(Fluid::lgas());
//! let beineu = net.add_junction("Beineu");
//! let shymkent = net.add_junction("Shymkent");
//! // 100 km of 1 m pipe with 0.02 mm roughness.
//! let pipe = net.add_pipe("BBSh", beineu, shymkent, PipeSpec::new(100_000.0, 1.0, 2e-5));
//! net.add_ext_grid("grid", beineu, 54.0);
//! net.add_sink("city", shymkent, 120.0);
//! let network = net.build();
//! let solution = solve(&network, &SolverOptions::default())?;
//! assert!(solution.junctions[shymkent.index()].pressure_bar_g.unwrap_or(f64::NAN) < 54.0);
//! assert!(solution.pipes[pipe.index()].mass_flow_kg_per_s.unwrap_or(0.0) > 119.9);
//! # Ok::<(), dostyk_transit_gas::network::NetworkError>(())
//! ```

use super::fluid::Fluid;
use super::friction::FrictionModel;
use super::model::{ElementId, Junction, Load, Network, Pipe, Slack, Valve};

macro_rules! element_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl $name {
            #[doc = concat!("The position of the ", $what, " in its list of the built [`Network`] and of the [`Solution`](super::Solution).")]
            pub fn index(self) -> usize {
                self.0
            }
        }
    };
}

element_id!(
    /// A junction of a [`NetworkBuilder`]'s network.
    JunctionId,
    "junction"
);
element_id!(
    /// A pipe of a [`NetworkBuilder`]'s network.
    PipeId,
    "pipe"
);
element_id!(
    /// A valve of a [`NetworkBuilder`]'s network.
    ValveId,
    "valve"
);
element_id!(
    /// A pressure slack (ext_grid) of a [`NetworkBuilder`]'s network.
    SlackId,
    "slack"
);
element_id!(
    /// A sink or source of a [`NetworkBuilder`]'s network.
    LoadId,
    "load"
);

/// The geometry of a pipe, in SI units (the unit is in each field's name).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PipeSpec {
    /// Length, m.
    pub length_m: f64,
    /// Inner diameter, m.
    pub inner_diameter_m: f64,
    /// Wall roughness, m.
    pub roughness_m: f64,
    /// Minor-loss coefficient ζ (dimensionless), added to λ·L/D; 0 by default.
    pub loss_coefficient: f64,
    /// Number of equal sections the pipe is split into (pandapipes `sections`); 1 by default.
    pub sections: u32,
}

impl PipeSpec {
    /// A pipe of `length_m` metres, `inner_diameter_m` metres inside and `roughness_m` metres
    /// wall roughness, without minor losses, in one section.
    pub fn new(length_m: f64, inner_diameter_m: f64, roughness_m: f64) -> Self {
        Self {
            length_m,
            inner_diameter_m,
            roughness_m,
            loss_coefficient: 0.0,
            sections: 1,
        }
    }
}

/// Builds a [`Network`] in code. Each `add_` method returns the typed id of the new element;
/// [`NetworkBuilder::build`] gives the network to [`solve`](super::solve).
///
/// The default builder has [`Fluid::lgas`], a gas temperature of 288.15 K (15 °C) at every
/// junction and the Nikuradse friction model, as pandapipes' defaults do.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkBuilder {
    network: Network,
    temperature_k: f64,
}

impl Default for NetworkBuilder {
    fn default() -> Self {
        Self::new(Fluid::lgas())
    }
}

impl NetworkBuilder {
    /// An empty network of `fluid`, at 288.15 K, with the Nikuradse friction model.
    pub fn new(fluid: Fluid) -> Self {
        Self {
            network: Network {
                name: None,
                source_name: None,
                fluid,
                friction_model: FrictionModel::default(),
                junctions: Vec::new(),
                pipes: Vec::new(),
                valves: Vec::new(),
                slacks: Vec::new(),
                loads: Vec::new(),
                pumps: Vec::new(),
                compressors: Vec::new(),
                pressure_controls: Vec::new(),
                flow_controls: Vec::new(),
            },
            temperature_k: 288.15,
        }
    }

    /// Names the network.
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.network.name = Some(name.into());
        self
    }

    /// The friction model [`solve`](super::solve) uses unless its options override it.
    #[must_use]
    pub fn friction_model(mut self, model: FrictionModel) -> Self {
        self.network.friction_model = model;
        self
    }

    /// The gas temperature, K, of the junctions added from now on.
    #[must_use]
    pub fn temperature_k(mut self, temperature_k: f64) -> Self {
        self.temperature_k = temperature_k;
        self
    }

    /// Adds a junction at height 0 m, in service.
    pub fn add_junction(&mut self, id: impl Into<String>) -> JunctionId {
        self.add_junction_at(id, 0.0)
    }

    /// Adds a junction `height_m` metres above sea level, in service.
    pub fn add_junction_at(&mut self, id: impl Into<String>, height_m: f64) -> JunctionId {
        self.network.junctions.push(Junction {
            id: ElementId::Key(id.into()),
            name: None,
            height_m,
            temperature_k: self.temperature_k,
            initial_pressure_bar_g: None,
            in_service: true,
        });
        JunctionId(self.network.junctions.len() - 1)
    }

    /// Adds a pipe from `from` to `to` (flows from → to are positive), in service.
    pub fn add_pipe(
        &mut self,
        id: impl Into<String>,
        from: JunctionId,
        to: JunctionId,
        spec: PipeSpec,
    ) -> PipeId {
        self.network.pipes.push(Pipe {
            id: ElementId::Key(id.into()),
            name: None,
            from: from.0,
            to: to.0,
            length_m: spec.length_m,
            inner_diameter_m: spec.inner_diameter_m,
            roughness_m: spec.roughness_m,
            loss_coefficient: spec.loss_coefficient,
            sections: spec.sections,
            in_service: true,
        });
        PipeId(self.network.pipes.len() - 1)
    }

    /// Adds a valve from `from` to `to` with `inner_diameter_m` and loss coefficient
    /// `loss_coefficient` (0 makes an open valve an ideal connector).
    pub fn add_valve(
        &mut self,
        id: impl Into<String>,
        from: JunctionId,
        to: JunctionId,
        inner_diameter_m: f64,
        loss_coefficient: f64,
        open: bool,
    ) -> ValveId {
        self.network.valves.push(Valve {
            id: ElementId::Key(id.into()),
            name: None,
            from: from.0,
            to: to.0,
            inner_diameter_m,
            loss_coefficient,
            open,
        });
        ValveId(self.network.valves.len() - 1)
    }

    /// Adds a pressure slack (pandapipes `ext_grid`) fixing `junction` at `pressure_bar_g`.
    pub fn add_ext_grid(
        &mut self,
        id: impl Into<String>,
        junction: JunctionId,
        pressure_bar_g: f64,
    ) -> SlackId {
        self.network.slacks.push(Slack {
            id: ElementId::Key(id.into()),
            name: None,
            junction: junction.0,
            pressure_bar_g,
        });
        SlackId(self.network.slacks.len() - 1)
    }

    /// Adds a sink withdrawing `mass_flow_kg_per_s` at `junction`.
    pub fn add_sink(
        &mut self,
        id: impl Into<String>,
        junction: JunctionId,
        mass_flow_kg_per_s: f64,
    ) -> LoadId {
        self.add_load(id.into(), junction, mass_flow_kg_per_s)
    }

    /// Adds a source injecting `mass_flow_kg_per_s` at `junction`.
    pub fn add_source(
        &mut self,
        id: impl Into<String>,
        junction: JunctionId,
        mass_flow_kg_per_s: f64,
    ) -> LoadId {
        self.add_load(id.into(), junction, -mass_flow_kg_per_s)
    }

    fn add_load(&mut self, id: String, junction: JunctionId, withdrawal_kg_per_s: f64) -> LoadId {
        self.network.loads.push(Load {
            id: ElementId::Key(id),
            name: None,
            junction: junction.0,
            withdrawal_kg_per_s,
        });
        LoadId(self.network.loads.len() - 1)
    }

    /// The junction `id`, to set its name, temperature, starting pressure or service.
    pub fn junction_mut(&mut self, id: JunctionId) -> &mut Junction {
        &mut self.network.junctions[id.0]
    }

    /// The pipe `id`, to set its name or service.
    pub fn pipe_mut(&mut self, id: PipeId) -> &mut Pipe {
        &mut self.network.pipes[id.0]
    }

    /// The network built so far.
    pub fn build(self) -> Network {
        self.network
    }
}
