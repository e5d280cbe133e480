//! Writes the generated stress scenario (50 metrics x 10,000 samples, 100,000 log lines) to the
//! file named on the command line, or to stdout: the input of `misfortune --frame-stats`.
//!
//! `cargo run -p misfortune-core --example stress_scenario -- /tmp/stress.ron`

#[path = "../tests/support/stress.rs"]
mod stress;

fn main() -> std::process::ExitCode {
    let text = stress::stress_scenario();
    match std::env::args_os().nth(1) {
        None => print!("{text}"),
        Some(path) => {
            if let Err(e) = std::fs::write(&path, text) {
                eprintln!("error: {}: {e}", path.to_string_lossy());
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    std::process::ExitCode::SUCCESS
}
