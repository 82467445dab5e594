//! `cargo run -p metadata --example decode -- [--roundtrip|--reencode] FILE.xml`
//!
//! Decodes a captured SOAP envelope (request or response, or a fault) of any Metadata API
//! operation into the generated types and prints it with `{:#?}`. The logic lives in
//! `metadata::decode` so that tests and other programs share it.

use std::process::ExitCode;

use metadata::decode::{Command, UsageError};

fn main() -> ExitCode {
    let command = match Command::parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(UsageError::Help) => {
            println!("{}", metadata::decode::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match command.run() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
