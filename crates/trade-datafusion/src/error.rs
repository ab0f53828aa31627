//! The crate's errors: the reader's (file, line, field) kept as they are, and the engine's.

use std::path::PathBuf;

use dostyk_core_model::read::ReadError;
use dostyk_trade::error::TradeError;

/// What can go wrong reading, querying or converting Comtrade files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A Comtrade file the reader refused: the message names the file, line and field.
    #[error(transparent)]
    Trade(#[from] TradeError),
    /// A value the table cannot hold exactly, or an input that cannot be read (named by file,
    /// line and field).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The query: SQL that does not parse or plan, a column that does not exist, an engine
    /// failure.
    #[error("query: {0}")]
    Query(Box<datafusion::error::DataFusionError>),
    /// Building an Arrow batch.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    /// Writing or reading Parquet.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// A file or folder that cannot be written or listed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// An argument that cannot be used (no input, an output folder that is a file, a Parquet
    /// folder of another schema).
    #[error("{0}")]
    Usage(String),
}

/// The crate's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<datafusion::error::DataFusionError> for Error {
    /// Errors of the reader that went through the engine come back as they were, so a bad
    /// cell is still named by file, line and field.
    fn from(e: datafusion::error::DataFusionError) -> Self {
        use datafusion::error::DataFusionError as D;
        match e {
            D::External(inner) => match inner.downcast::<Error>() {
                Ok(own) => *own,
                Err(other) => match other.downcast::<TradeError>() {
                    Ok(t) => Error::Trade(*t),
                    Err(other) => Error::Query(Box::new(D::External(other))),
                },
            },
            D::ArrowError(inner, _) => match *inner {
                arrow::error::ArrowError::ExternalError(ext) => Error::from(D::External(ext)),
                other => Error::Arrow(other),
            },
            D::Context(_, inner) => Error::from(*inner),
            D::Shared(shared) => match std::sync::Arc::try_unwrap(shared) {
                Ok(inner) => Error::from(inner),
                Err(shared) => Error::Query(Box::new(D::Shared(shared))),
            },
            other => Error::Query(Box::new(other)),
        }
    }
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Into the engine's error type, so the original comes back through [`From`].
    pub(crate) fn into_datafusion(self) -> datafusion::error::DataFusionError {
        datafusion::error::DataFusionError::External(Box::new(self))
    }
}
