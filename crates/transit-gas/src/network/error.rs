//! Errors of the gas network reader and solver.

use dostyk_core_model::read::ReadError;

/// What went wrong while reading or solving a gas network. Every message says what to do next.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NetworkError {
    /// The network file could not be read (not a regular file, larger than
    /// [`MAX_NETWORK_FILE_BYTES`](super::MAX_NETWORK_FILE_BYTES), not UTF-8), is not
    /// well-formed JSON, or a field of an element is wrong: the [`ReadError`] names the file,
    /// the line (and column) and the field.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The network has more elements than
    /// [`MAX_NETWORK_ELEMENTS`](super::MAX_NETWORK_ELEMENTS), counted before it is read.
    #[error(
        "{source_name}: the network has {count} JSON objects and arrays (elements), over the \
         limit of {limit}; Dostyk solves networks of up to {limit} elements (a national \
         transmission system has a few thousand): split the network, or leave out what the \
         question does not need"
    )]
    TooManyElements {
        /// File name or description of the input.
        source_name: String,
        /// The objects and arrays counted.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The JSON is neither a Dostyk network nor a pandapipes network.
    #[error(
        "{source_name}: not a gas network Dostyk can read ({detail}); expected a Dostyk network \
         (\"format\": \"dostyk-gas-network/1\", see docs/network.schema.json) or a file written by \
         pandapipes.to_json"
    )]
    UnknownFormat {
        /// File name or description of the input.
        source_name: String,
        /// What was found instead.
        detail: String,
    },
    /// An element of a network built in code refers to something that does not exist, or a
    /// field holds a value outside its domain (a non-finite number, a negative length). Found
    /// by [`solve`](super::solve) before it starts, so a network never makes it panic.
    #[error("{element}: field \"{field}\" {problem}")]
    InvalidElement {
        /// The element, for example `pipe "P01"` or `pipe 3`.
        element: String,
        /// The field.
        field: &'static str,
        /// What is wrong and what is expected.
        problem: String,
    },
    /// The pandapipes network holds components Dostyk does not model; it is refused rather
    /// than solved as a different network.
    #[error(
        "{source_name}: the network contains components Dostyk does not model: {components}; \
         remove them or take them out of service (Dostyk solves junctions, pipes, valves, \
         ext_grids, sinks, sources, mass storages, pumps, compressors, pressure controls and \
         flow controls)"
    )]
    UnsupportedComponents {
        /// File name or description of the input.
        source_name: String,
        /// Each unsupported table with its in-service element names, for example
        /// `heat_exchanger (2: H1, H2)`.
        components: String,
    },
    /// No in-service pressure slack (ext_grid of type "p" or "pt").
    #[error(
        "the network has no in-service pressure slack (ext_grid / slack node); add one with a \
         fixed pressure"
    )]
    NoSlack,
    /// Junctions with a withdrawal or injection are not connected to any pressure slack (the
    /// gas cannot reach them). Unconnected junctions without any load are left out of the
    /// calculation instead, with no pressure, as pandapipes does.
    #[error(
        "{count} junction(s) are not connected to any pressure slack and some carry a sink or \
         source: {junctions}{valves}; connect them, take them out of service, or open the valve"
    )]
    Disconnected {
        /// How many junctions.
        count: usize,
        /// The junctions (id and name), at most the first 20.
        junctions: String,
        /// Closed valves at the boundary of the unconnected part, if any (already formatted).
        valves: String,
    },
    /// Two slacks tie the same (merged) node to different pressures.
    #[error(
        "slacks {first} and {second} fix different pressures at junctions joined by open \
         loss-free valves; give them the same pressure or close a valve"
    )]
    ConflictingSlack {
        /// One slack.
        first: String,
        /// The other slack.
        second: String,
    },
    /// Two slacks fix the pressure of one junction. pandapipes averages them (50 and 10 bar
    /// would solve at 30, a pressure neither gives); Dostyk refuses.
    #[error(
        "slacks {first} ({first_bar_g} bar g) and {second} ({second_bar_g} bar g) both fix the \
         pressure of junction {junction}; a junction has one slack: remove one of them (they \
         would be averaged, a pressure neither gives)"
    )]
    SlackTwice {
        /// The junction.
        junction: String,
        /// The first slack at it.
        first: String,
        /// Its pressure, bar gauge.
        first_bar_g: f64,
        /// The second slack at it.
        second: String,
        /// Its pressure, bar gauge.
        second_bar_g: f64,
    },
    /// A loss-free open valve joins junctions at different heights (the ideal connector would
    /// need a pressure offset that pandapipes computes from the gas density).
    #[error(
        "valve {valve} has no loss coefficient and joins junctions at different heights; give it \
         a loss coefficient or put both junctions at the same height"
    )]
    LossFreeValveHeight {
        /// The valve.
        valve: String,
    },
    /// The solution would need a non-positive absolute pressure: the network cannot carry the
    /// flow at the given slack pressures.
    #[error(
        "infeasible: the flow cannot be carried at these pressures; junction {junction} would \
         fall to {pressure_bar_abs:.4} bar absolute after {iterations} iterations; raise the slack \
         pressure, reduce the withdrawals or enlarge the pipes on the way"
    )]
    NegativePressure {
        /// The junction with the lowest pressure.
        junction: String,
        /// Its absolute pressure, bar.
        pressure_bar_abs: f64,
        /// Newton iterations done.
        iterations: usize,
    },
    /// The fluid's compressibility factor Z is not a positive number at a pressure of the
    /// network: the density `p / Z` would be negative or infinite there (a negative slope made
    /// pressure rise downstream and velocities negative, and still "converged").
    #[error(
        "fluid field \"compressibility\": Z is {z} at {pressure_bar_abs:.4} bar absolute \
         (junction {junction}, {stage}); Z must be positive at every pressure of the network: \
         correct the fluid's compressibility (for the linear law Z = offset + slope_per_bar × p, \
         keep offset + slope_per_bar × p above 0 up to the highest slack pressure)"
    )]
    Compressibility {
        /// The junction (or pipe interior) at that pressure.
        junction: String,
        /// The absolute pressure, bar.
        pressure_bar_abs: f64,
        /// Z there.
        z: f64,
        /// `at the start` (slack and initial pressures) or `in the solution`.
        stage: &'static str,
    },
    /// Newton's method did not reach the tolerance.
    #[error(
        "the solver did not converge in {iterations} iterations (residual {residual:.3e}; \
         furthest from its tolerance: the {equation} of {element}, {worst_residual:.3e}); raise \
         max_iterations or check the network for near-zero diameters and extreme loads"
    )]
    NotConverged {
        /// Iterations done.
        iterations: usize,
        /// Largest residual (bar for branch equations, kg/s for node balances).
        residual: f64,
        /// The element whose equation is furthest outside its tolerance (`pipe "P1"`,
        /// `valve "V"`, a junction or `interior of pipe "P1"`).
        element: String,
        /// That equation: `pressure-drop equation (bar)` or `mass balance (kg/s)`.
        equation: &'static str,
        /// Its residual, in the unit the equation names.
        worst_residual: f64,
    },
    /// The linear system became singular (a part of the network without any resistance path to
    /// a slack, usually).
    #[error(
        "the Newton system is singular at junction {junction}; check that it is connected \
         through pipes with positive length or loss coefficient"
    )]
    Singular {
        /// The junction.
        junction: String,
    },
    /// A pump, compressor, pressure control or flow control cannot do what it is set to, or
    /// the solution would need it to work backwards (a regulator raising the pressure, gas
    /// flowing back through a compressor). pandapipes returns such states without a word
    /// (a compressor with reverse flow is bypassed, a regulator raises the pressure); Dostyk
    /// refuses them.
    #[error("{element}: {problem}")]
    ComponentOutOfRange {
        /// The component, for example `compressor "C1"`.
        element: String,
        /// What it would have to do, and what to change.
        problem: String,
    },
    /// The flow through a component is not determined by the network: it fixes a pressure
    /// that a slack or another component fixes too (a compressor between two slacks, two
    /// compressors in parallel, a pressure control in a loop of pressure controls).
    #[error(
        "the flow through {element} is not determined: it fixes a pressure that a slack or \
         another component fixes as well (a compressor or pressure control between two slacks, \
         or in parallel with another); remove one of them or give the path a pipe"
    )]
    Undetermined {
        /// The component.
        element: String,
    },
    /// A step of a time series ([`solve_series`](super::solve_series)) has no solution.
    #[error("step {step} of the time series: {error}")]
    InStep {
        /// The step, from 0.
        step: usize,
        /// Why.
        error: Box<NetworkError>,
    },
    /// The solver refused or failed on a network read from a file: the file, then why. Use
    /// [`NetworkError::reason`] to match on the reason.
    #[error("{source_name}: {error}")]
    InNetwork {
        /// The file or other input the network was read from ([`Network::source_name`]).
        ///
        /// [`Network::source_name`]: super::Network::source_name
        source_name: String,
        /// The solver's error.
        error: Box<NetworkError>,
    },
    /// Writing the result failed.
    #[error("cannot write {path}: {source}; check that the folder exists and is writable")]
    Write {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl NetworkError {
    /// The error without the input's name: for [`NetworkError::InNetwork`] the solver's error,
    /// otherwise the error itself. Match on this to tell, say, a missing slack from a
    /// disconnected sink whether or not the network came from a file.
    pub fn reason(&self) -> &NetworkError {
        match self {
            NetworkError::InNetwork { error, .. } | NetworkError::InStep { error, .. } => {
                error.reason()
            }
            other => other,
        }
    }
}
