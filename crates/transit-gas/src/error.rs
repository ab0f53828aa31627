//! The errors of the gas ledger and transit modules.
//!
//! Reading errors are [`Error::Read`], the one [`ReadError`] of the reading layer, so every
//! reader of the crate states its place as `file, line 4, field "unit"`.

use dostyk_core_model::read::ReadError;

/// What went wrong reading, converting or computing gas and transit figures.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A gas volume without reference conditions was to be converted or combined.
    #[error(
        "the volume {what} has no reference conditions: state them (gost = 20 °C, iso = 15 °C, normal = 0 °C); \
         guessing is refused because 20 °C and 0 °C differ by about 7 %"
    )]
    MissingConditions {
        /// The volume as given.
        what: String,
    },
    /// Text that is not one of the reference-condition codes.
    #[error(
        "\"{text}\" is not a reference condition: expected gost (20 °C), iso (15 °C) or normal (0 °C)"
    )]
    UnknownConditions {
        /// The text that was given.
        text: String,
    },
    /// Text that is not a unit of the expected kind.
    #[error("\"{text}\" is not understood: expected {expected}")]
    UnknownUnit {
        /// The text that was given.
        text: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A calorific value without its full basis.
    #[error(
        "\"{text}\" is not a calorific value: expected VALUE UNIT COMBUSTION/METERING such as \
         \"10.303 kWh/m3 25/20\" (metering 20, 15 or 0 °C)"
    )]
    BadGcv {
        /// The text that was given.
        text: String,
    },
    /// A file could not be read, or a record, header or value in it is wrong: the
    /// [`ReadError`] names the file, the line and the field, what was found and what was
    /// expected (see [`dostyk_core_model::read`]).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A route between two nodes of a corridor network that does not exist.
    #[error("no route from {from} to {to}{mode}: check the network's edges and modes")]
    NoRoute {
        /// Start node.
        from: String,
        /// End node.
        to: String,
        /// The mode restriction, if any, as text (" by rail").
        mode: String,
    },
    /// A node id that is not in the network.
    #[error("node \"{id}\" is not in the network: use one of the node ids of the network file")]
    UnknownNode {
        /// The id that was given.
        id: String,
    },
    /// An amount of money could not be computed.
    #[error("money: {0}")]
    Money(#[from] dostyk_core_model::money::MoneyError),
    /// A value that does not fit the computation (e.g. a non-finite volume for a revenue).
    #[error("{0}")]
    Value(String),
}
