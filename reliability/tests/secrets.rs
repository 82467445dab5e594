//! Secrets: tokens, refresh tokens, client secrets and passwords never appear in Debug,
//! Display, errors, logs at any level, or panic messages; a dropped `Secret` leaves no copy
//! of its value in memory; TLS certificates are checked unless a caller opts out by name.

mod tls;

use std::io::{Read, Seek, SeekFrom};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use metadata::{AnyMetadata, ApexClass, CreateMetadata, MetadataClient, ReadMetadata};
use metadata_server::{Injection, RunningServer, Server};
use runtime::auth::{Credential, PasswordGrant, RefreshTokenGrant, Secret};
use runtime::client::{RetryPolicy, SoapClient};
use runtime::{AccessToken, Error};

/// Every secret the server and the client share, plus the tokens seen during the test.
struct Secrets(Vec<String>);

impl Secrets {
    fn of(s: &RunningServer) -> Self {
        Self(vec![
            s.refresh_token().to_owned(),
            s.client_secret().to_owned(),
            s.password().to_owned(),
        ])
    }
    async fn add_current(&mut self, c: &Credential) {
        if let Ok(t) = c.token().await {
            self.0.push(t.token.secret.expose().to_owned());
        }
    }
    /// Which secret `text` contains, if any.
    fn leaked_in(&self, text: &str) -> Option<&str> {
        self.0
            .iter()
            .map(String::as_str)
            .find(|s| !s.is_empty() && text.contains(s))
    }
}

/// A `Write` into a shared buffer, for the log capture.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn class(name: &str) -> AnyMetadata {
    AnyMetadata::ApexClass(Box::new(ApexClass {
        full_name: Some(name.into()),
        api_version: 66.0,
        content: Some(b"public class X {}".to_vec()),
        ..ApexClass::default()
    }))
}

fn refresh_credential(s: &RunningServer) -> Credential {
    let grant = RefreshTokenGrant::new(&s.url(), s.client_id(), Secret::new(s.refresh_token()))
        .unwrap()
        .client_secret(Secret::new(s.client_secret()));
    Credential::builder(grant).build().unwrap()
}

/// Calls that succeed, refresh, fail to refresh, fail over HTTP, and a password grant,
/// with every log level captured: no secret anywhere in logs, errors or Debug output.
#[test]
fn no_secret_in_logs_errors_or_debug_output() {
    let logs = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer({
            let l = logs.clone();
            move || l.clone()
        })
        .with_ansi(false)
        .finish();
    // The current-thread runtime keeps every task (server, client, connections) on the
    // thread the subscriber is set for.
    let _guard = tracing::subscriber::set_default(subscriber);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut shown = Vec::new();
    let secrets = rt.block_on(async {
        let s = Server::builder().start().await.unwrap();
        let mut secrets = Secrets::of(&s);
        let cred = refresh_credential(&s);
        let retry = RetryPolicy {
            max_retries: 1,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(5),
        };
        let c = MetadataClient::new(SoapClient::builder(cred.clone()).retry(retry).build());
        let create = CreateMetadata {
            metadata: vec![class("Logged")],
        };
        c.create_metadata(&create).await.unwrap();
        secrets.add_current(&cred).await;
        s.expire_all_sessions();
        let read = ReadMetadata {
            r#type: "ApexClass".into(),
            full_names: vec!["Logged".into()],
        };
        c.read_metadata(&read).await.expect("healed by one refresh");
        secrets.add_current(&cred).await;
        s.inject(Injection::status(503).times(5));
        shown.push(c.read_metadata(&read).await.unwrap_err());
        s.clear_injections();
        s.expire_all_sessions();
        s.set_refresh_token_revoked(true);
        shown.push(c.read_metadata(&read).await.unwrap_err());
        let pw = PasswordGrant::new(
            &s.url(),
            s.client_id(),
            s.username(),
            Secret::new("wrong-password-123"),
        )
        .unwrap();
        secrets.0.push("wrong-password-123".into());
        let bad = MetadataClient::new(Credential::builder(pw).build().unwrap().into());
        shown.push(bad.read_metadata(&read).await.unwrap_err());
        let debug = format!("{c:?} {cred:?} {:?} {bad:?}", cred.token().await.ok());
        (secrets, debug)
    });
    let (secrets, debug) = secrets;
    let logs = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(
        logs.contains("TRACE") && logs.contains("SOAP"),
        "logs were captured: {logs:.400}"
    );
    assert_eq!(
        secrets.0.len(),
        6,
        "three shared secrets, two tokens, one password"
    );
    assert!(matches!(shown[1], Error::Auth { .. }), "{:?}", shown[1]);
    for (what, text) in [
        ("logs", logs.as_str()),
        ("Debug of clients and credentials", &debug),
    ] {
        assert_eq!(
            secrets.leaked_in(text),
            None,
            "a secret leaked into the {what}"
        );
    }
    for e in &shown {
        let text = format!("{e} {e:?}");
        assert_eq!(secrets.leaked_in(&text), None, "in the error {text}");
    }
}

/// Runs `f`, which must panic, and returns the panic message as the default hook would
/// print it.
fn panic_message(f: impl FnOnce()) -> String {
    static HOOK: Mutex<()> = Mutex::new(());
    let _one_at_a_time = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let seen = Arc::new(Mutex::new(String::new()));
    let s = seen.clone();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| *s.lock().unwrap() = info.to_string()));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    assert!(r.is_err(), "did not panic");
    seen.lock().unwrap().clone()
}

/// A call with `cred` that fails (nothing listens on port 9 of loopback).
fn failed_call(cred: &Credential) -> Result<metadata::ReadMetadataResponse, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let soap = SoapClient::builder(cred.clone())
        .endpoint_url("http://127.0.0.1:9/services/Soap/m/66.0?sid=also-not-shown")?
        .retry(RetryPolicy::never())
        .build();
    let read = ReadMetadata {
        r#type: "ApexClass".into(),
        full_names: vec!["A".into()],
    };
    rt.block_on(MetadataClient::new(soap).read_metadata(&read))
}

#[test]
fn panics_with_credentials_in_scope_do_not_show_them() {
    const TOKEN: &str = "00Dpanic!TOKEN-VALUE-1234567890";
    let token = AccessToken::new(TOKEN, "https://example.my.salesforce.com");
    let cred = Credential::from_token(token.clone()).unwrap();
    let msgs = [
        panic_message(|| panic!("token: {token:?}")),
        panic_message(|| panic!("credential: {cred:?} / {}", token.secret)),
        panic_message(|| assert_eq!(Secret::new(TOKEN), Secret::new("other-secret-value"))),
        panic_message(|| {
            failed_call(&cred).unwrap();
        }),
        panic_message(|| {
            let client = SoapClient::new(cred.clone());
            failed_call(&cred).unwrap_or_else(|e| panic!("{e:?} with {client:?}"));
        }),
    ];
    for m in &msgs {
        assert!(
            !m.contains(TOKEN)
                && !m.contains("other-secret-value")
                && !m.contains("also-not-shown"),
            "{m}"
        );
        assert!(!m.is_empty());
    }
    assert!(msgs[2].contains("Secret(***)"), "{}", msgs[2]);
}

/// Reads the bytes a value lived in after it was dropped, through `/proc/self/mem` (no
/// unsafe code). Right after a free the block sits in this thread's allocator cache, so
/// nothing else has written over it yet.
fn bytes_after_drop(make: fn(String) -> Box<dyn std::any::Any>, value: &str) -> Vec<u8> {
    let s = value.to_owned();
    let (addr, len) = (s.as_ptr() as u64, s.len());
    let held = make(s);
    drop(held);
    let mut mem = std::fs::File::open("/proc/self/mem").unwrap();
    mem.seek(SeekFrom::Start(addr)).unwrap();
    let mut out = vec![0u8; len];
    mem.read_exact(&mut out).unwrap();
    out
}

#[test]
fn a_dropped_secret_leaves_no_copy_in_memory() {
    let value: String = (0..200)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    // The allocator may reuse the first 16 bytes of a freed block for its own pointers;
    // compare what lies beyond.
    let tail = |b: &[u8]| b[32..].to_vec();
    let plain = bytes_after_drop(|s| Box::new(s), &value);
    assert_eq!(
        tail(&plain),
        tail(value.as_bytes()),
        "control: a plain String stays in memory"
    );
    let secret = bytes_after_drop(|s| Box::new(Secret::new(s)), &value);
    assert!(
        tail(&secret).iter().all(|&b| b == 0),
        "Secret zeroed on drop: {secret:?}"
    );
    let token = bytes_after_drop(|s| Box::new(AccessToken::new(s, "https://x")), &value);
    assert!(
        tail(&token).iter().all(|&b| b == 0),
        "AccessToken's secret zeroed on drop"
    );
}

#[test]
fn tls_certificates_are_checked_unless_a_caller_opts_out_by_name() {
    tls::default_rejects_a_self_signed_certificate();
}
