//! An HTTPS server on loopback with a freshly made self-signed certificate: the default
//! transport (rustls, system/webpki roots) must refuse it; trusting its certificate by PEM
//! or opting out with `danger_accept_invalid_certs` (by name) makes the same call succeed,
//! which shows the refusal was the certificate check.

use std::sync::Arc;

use runtime::error::TransportErrorKind;
use runtime::transport::{HttpRequest, Method, ReqwestTransport, Transport, TransportBuilder, Url};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types};

/// Starts the server; returns its port and the certificate's PEM.
async fn https_server() -> (u16, String) {
    let ck = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let pem = ck.cert.pem();
    let key = pki_types::PrivateKeyDer::Pkcs8(ck.signing_key.serialize_der().into());
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![ck.cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A refused handshake ends here; that is the point of the test.
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = [0u8; 4096];
                let _ = tls.read(&mut buf).await;
                let _ = tls
                    .write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                    )
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (port, pem)
}

async fn get(t: TransportBuilder, port: u16) -> Result<Vec<u8>, runtime::Error> {
    let transport = t.no_proxy().build()?;
    let url = Url::parse(&format!("https://localhost:{port}/")).unwrap();
    transport
        .send(HttpRequest::new(Method::GET, url))
        .await
        .map(|r| r.body)
}

pub fn default_rejects_a_self_signed_certificate() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (port, pem) = https_server().await;
        let e = get(ReqwestTransport::builder(), port).await.unwrap_err();
        assert!(
            matches!(
                e,
                runtime::Error::Transport {
                    kind: TransportErrorKind::Connect,
                    ..
                }
            ),
            "{e:?}"
        );
        let text = e.to_string().to_lowercase();
        assert!(
            text.contains("certificate") || text.contains("issuer"),
            "{text}"
        );
        let trusted = ReqwestTransport::builder().add_root_certificates_pem(pem.into_bytes());
        assert_eq!(get(trusted, port).await.unwrap(), b"ok");
        let opted_out = ReqwestTransport::builder().danger_accept_invalid_certs();
        assert_eq!(get(opted_out, port).await.unwrap(), b"ok");
    });
}
