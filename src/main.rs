//! The `rinse` binary: parse arguments, dispatch, choose the exit code.
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            if cli::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("rinse: {e:#}");
            ExitCode::from(2)
        }
    }
}
