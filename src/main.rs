//! The `mizan-generate` binary; everything lives in `mizan_generate::cli`.

fn main() -> std::process::ExitCode {
    mizan_generate::cli::main()
}
