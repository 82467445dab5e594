//! [`Blocking`]: runs the async clients from programs without an async runtime.

use std::future::Future;

use crate::error::Error;

/// Owns a single-threaded tokio runtime and runs futures to completion on it.
///
/// Keep one `Blocking` for the life of the program (or of the clients used with it): the
/// transport's pooled connections belong to the runtime they were opened on.
///
/// ```no_run
/// # fn demo(md: runtime::client::SoapClient) -> Result<(), runtime::error::Error> {
/// let rt = runtime::client::Blocking::new()?;
/// let token = rt.block_on(md.credential().token())??;
/// # let _ = token; Ok(()) }
/// ```
#[derive(Debug)]
pub struct Blocking {
    rt: tokio::runtime::Runtime,
}

impl Blocking {
    /// Starts the runtime.
    pub fn new() -> Result<Self, Error> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::config(format!("cannot start a tokio runtime: {e}")))?;
        Ok(Self { rt })
    }

    /// Runs `future` to completion. Called from inside an async runtime (where blocking
    /// would stall it) this is an [`Error::Config`] instead of tokio's panic.
    pub fn block_on<F: Future>(&self, future: F) -> Result<F::Output, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::config(
                "Blocking::block_on called from inside an async runtime: await the call instead",
            ));
        }
        Ok(self.rt.block_on(future))
    }
}
