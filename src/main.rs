//! The `mizan-generate` binary; everything lives in the library (`src/cli`).

fn main() -> std::process::ExitCode {
    mizan_generate::main()
}
