//! The `rinse` binary: parse arguments, dispatch, choose the exit code.
use std::process::ExitCode;

mod cli;

/// mimalloc: the pipeline allocates many small strings and vectors per line; glibc's allocator
/// spent about 8% of a run on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            if cli::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            if e.downcast_ref::<cli::Interrupted>().is_some() {
                eprintln!("rinse: {e}");
                return ExitCode::from(130);
            }
            eprintln!("rinse: {}", cli::describe(&e));
            ExitCode::from(2)
        }
    }
}
