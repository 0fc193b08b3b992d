//! Input discovery and output writing: the file-system edge of the library.
mod walk;
mod write;

pub use walk::{Input, InputSource, collect_inputs};
pub use write::write_atomic;
