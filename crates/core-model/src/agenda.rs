//! (being written)
pub mod progress {
    //! (being written)
}
