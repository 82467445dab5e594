//! `cargo run -p metadata-server -- --port 8080`: serves until Ctrl-C.

use std::net::IpAddr;
use std::time::Duration;

use clap::Parser;

/// A local Salesforce Metadata API server for offline tests and other-language clients.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on. Plain HTTP: keep it on loopback.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Start with an empty org instead of a few sample components.
    #[arg(long)]
    empty: bool,
    /// Session lifetime in seconds (0: sessions never expire by time).
    #[arg(long, default_value_t = 7200)]
    session_seconds: u64,
    /// PEM public key that JWT bearer assertions must be signed for.
    #[arg(long)]
    jwt_public_key: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("metadata-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let ttl = (args.session_seconds > 0).then(|| Duration::from_secs(args.session_seconds));
    let mut b = metadata_server::Server::builder()
        .host(args.host)
        .port(args.port)
        .sample_data(!args.empty)
        .session_ttl(ttl);
    if let Some(path) = &args.jwt_public_key {
        let pem = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        b = b.jwt_public_key_pem(pem);
    }
    let server = b.start().await?;
    // This is a local test server: printing its (throwaway) credentials is the point.
    println!("url:            {}", server.url());
    println!("metadata url:   {}", server.metadata_url("66.0"));
    println!("access token:   {}", server.access_token());
    println!("client id:      {}", server.client_id());
    println!("client secret:  {}", server.client_secret());
    println!("username:       {}", server.username());
    println!("password:       {}", server.password());
    println!("refresh token:  {}", server.refresh_token());
    println!("serving until Ctrl-C");
    tokio::signal::ctrl_c().await?;
    server.shutdown().await;
    Ok(())
}
