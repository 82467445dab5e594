//! A hostile HTTP/1.1 server on loopback, written on raw TCP so it can do what a
//! well-behaved server library never would: lie about lengths, stream a gigabyte without
//! holding it, reset a connection mid-body, stall, or answer with garbage.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A response body, either held or generated while it is sent.
#[derive(Debug, Clone)]
pub enum Body {
    /// These bytes.
    Bytes(Vec<u8>),
    /// `prefix`, then `chunk` repeated `times`, then `suffix`: produced as it is written, so
    /// a gigabyte costs the server one chunk of memory.
    Stream {
        /// Written first.
        prefix: Vec<u8>,
        /// Written `times` times.
        chunk: Vec<u8>,
        /// How often `chunk` is written.
        times: u64,
        /// Written last.
        suffix: Vec<u8>,
    },
}

impl Body {
    /// The body's length in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Self::Bytes(b) => b.len() as u64,
            Self::Stream {
                prefix,
                chunk,
                times,
                suffix,
            } => prefix.len() as u64 + chunk.len() as u64 * times + suffix.len() as u64,
        }
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How the body's end is signalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `Content-Length` with the true length.
    Length,
    /// `Content-Length: n` with `n` larger than what is sent; the connection then closes.
    LieLength(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// `Transfer-Encoding: chunked` without the final zero-length chunk; then close.
    ChunkedUnterminated,
    /// No length at all: the body ends when the connection closes (HTTP/1.0 style).
    Close,
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Action {
    /// Answers with a status line, headers and a body.
    Reply {
        /// The status code.
        status: u16,
        /// Headers besides the framing ones.
        headers: Vec<(String, String)>,
        /// The body.
        body: Body,
        /// How its end is signalled.
        framing: Framing,
        /// Wait between chunks of 8 KiB (a slow sender).
        pace: Duration,
    },
    /// Writes these bytes as they are (not HTTP, a broken status line...), then closes.
    Raw(Vec<u8>),
    /// Writes `bytes`, then resets the connection (TCP RST).
    ResetAfter(Vec<u8>),
    /// Reads the request and never answers, holding the connection open.
    Stall,
    /// Closes the connection without answering.
    Close,
    /// Writes headers forever (one header line at a time).
    EndlessHeaders,
}

impl Action {
    /// A reply with `Content-Type` and a true `Content-Length`.
    pub fn reply(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: Body::Bytes(body.into()),
            framing: Framing::Length,
            pace: Duration::ZERO,
        }
    }

    /// A `text/xml` reply.
    pub fn xml(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::reply(status, "text/xml; charset=utf-8", body)
    }

    /// Sets the framing of a [`Action::Reply`].
    pub fn framed(mut self, f: Framing) -> Self {
        if let Self::Reply { framing, .. } = &mut self {
            *framing = f;
        }
        self
    }

    /// Adds a header to a [`Action::Reply`].
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let Self::Reply { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// Replaces the body of a [`Action::Reply`].
    pub fn body(mut self, b: Body) -> Self {
        if let Self::Reply { body, .. } = &mut self {
            *body = b;
        }
        self
    }

    /// Sets the pace of a [`Action::Reply`].
    pub fn paced(mut self, d: Duration) -> Self {
        if let Self::Reply { pace, .. } = &mut self {
            *pace = d;
        }
        self
    }
}

/// Chooses the action for the n-th request (0-based) given its body.
pub type Script = Arc<dyn Fn(usize, &[u8]) -> Action + Send + Sync>;

/// A hostile server on 127.0.0.1 with a random port; stops when dropped.
#[derive(Debug)]
pub struct WireServer {
    /// `http://127.0.0.1:port`.
    pub url: String,
    /// The address it listens on.
    pub addr: SocketAddr,
    hits: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for WireServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl WireServer {
    /// Starts a server answering every request with `action`.
    pub async fn always(action: Action) -> std::io::Result<Self> {
        Self::start(Arc::new(move |_, _| action.clone())).await
    }

    /// Starts a server run by `script`.
    pub async fn start(script: Script) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let hits = Arc::new(AtomicUsize::new(0));
        let counter = hits.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (script, counter) = (script.clone(), counter.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, script, counter).await;
                });
            }
        });
        Ok(Self {
            url: format!("http://{addr}"),
            addr,
            hits,
            task,
        })
    }

    /// How many requests arrived.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

async fn serve(
    mut stream: TcpStream,
    script: Script,
    hits: Arc<AtomicUsize>,
) -> std::io::Result<()> {
    // One request per connection: the reply says `Connection: close`.
    let Some(body) = read_request(&mut stream).await? else {
        return Ok(());
    };
    let n = hits.fetch_add(1, Ordering::SeqCst);
    match script(n, &body) {
        Action::Reply {
            status,
            headers,
            body,
            framing,
            pace,
        } => write_reply(&mut stream, status, &headers, &body, framing, pace).await,
        Action::Raw(bytes) => {
            stream.write_all(&bytes).await?;
            stream.shutdown().await
        }
        Action::ResetAfter(bytes) => {
            stream.write_all(&bytes).await?;
            stream.flush().await?;
            // SO_LINGER 0: closing sends RST instead of FIN.
            stream.set_zero_linger()?;
            drop(stream);
            Ok(())
        }
        Action::Stall => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(())
        }
        Action::Close => Ok(()),
        Action::EndlessHeaders => endless_headers(&mut stream).await,
    }
}

async fn endless_headers(stream: &mut TcpStream) -> std::io::Result<()> {
    stream
        .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n")
        .await?;
    let line = format!("X-Filler: {}\r\n", "f".repeat(1000));
    loop {
        // Ends when the client gives up and the write fails.
        stream.write_all(line.as_bytes()).await?;
    }
}

async fn write_reply(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &Body,
    framing: Framing,
    pace: Duration,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} Status\r\nConnection: close\r\n");
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    match framing {
        Framing::Length => head.push_str(&format!("Content-Length: {}\r\n", body.len())),
        Framing::LieLength(n) => head.push_str(&format!("Content-Length: {n}\r\n")),
        Framing::Chunked | Framing::ChunkedUnterminated => {
            head.push_str("Transfer-Encoding: chunked\r\n");
        }
        Framing::Close => {}
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    let chunked = matches!(framing, Framing::Chunked | Framing::ChunkedUnterminated);
    let mut out = Sender {
        stream,
        chunked,
        pace,
    };
    match body {
        Body::Bytes(b) => out.send(b).await?,
        Body::Stream {
            prefix,
            chunk,
            times,
            suffix,
        } => {
            out.send(prefix).await?;
            for _ in 0..*times {
                out.send(chunk).await?;
            }
            out.send(suffix).await?;
        }
    }
    if framing == Framing::Chunked {
        stream.write_all(b"0\r\n\r\n").await?;
    }
    stream.shutdown().await
}

/// Writes body pieces in pieces of at most 8 KiB, chunk-framed when asked, with a pause
/// between pieces when paced.
struct Sender<'a> {
    stream: &'a mut TcpStream,
    chunked: bool,
    pace: Duration,
}

impl Sender<'_> {
    async fn send(&mut self, data: &[u8]) -> std::io::Result<()> {
        for piece in data.chunks(8 * 1024) {
            if self.chunked {
                let size = format!("{:x}\r\n", piece.len());
                self.stream.write_all(size.as_bytes()).await?;
                self.stream.write_all(piece).await?;
                self.stream.write_all(b"\r\n").await?;
            } else {
                self.stream.write_all(piece).await?;
            }
            if !self.pace.is_zero() {
                self.stream.flush().await?;
                tokio::time::sleep(self.pace).await;
            }
        }
        Ok(())
    }
}

/// Reads one request (head and `Content-Length` body); `None` when the peer closed first.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 || buf.len() > 1 << 20 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = buf.split_off(head_end);
    while body.len() < len {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let gzipped = head.contains("content-encoding: gzip");
    Ok(Some(if gzipped { crate::gunzip(&body) } else { body }))
}
