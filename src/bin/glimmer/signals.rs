//! The signals that would end Glimmer half-way through: Ctrl+C (SIGINT), a
//! polite kill (SIGTERM) and a closed terminal (SIGHUP). While they are
//! caught, Glimmer finishes what it is doing instead: keeps the time a timer
//! ran, or reads back and wipes the editor's file.
//!
//! Tokio catches them with a handler, not by ignoring them, so a program
//! Glimmer starts (the editor) still gets the default reaction: a handler
//! does not survive `exec`, an ignored signal would.

use std::io;

pub struct Caught {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hangup: tokio::signal::unix::Signal,
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Caught {
    /// From here on these signals no longer end Glimmer. Needs the runtime.
    pub fn catch() -> io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
                hangup: signal(SignalKind::hangup())?,
            })
        }
        #[cfg(windows)]
        {
            Ok(Self {
                ctrl_c: tokio::signal::windows::ctrl_c()?,
            })
        }
    }

    /// Waits for the next of them.
    pub async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
            _ = self.hangup.recv() => {}
        }
        #[cfg(windows)]
        self.ctrl_c.recv().await;
    }
}
