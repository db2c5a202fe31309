//! The listener and its connections: each connection can be killed from a
//! handler (a dropped answer) or all at once (going offline).

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use futures::task::AtomicWaker;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Default)]
struct ConnState {
    killed: AtomicBool,
    waker: AtomicWaker,
}

/// One connection, as handlers see it (through `ConnectInfo`).
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnHandle(Arc<ConnState>);

impl ConnHandle {
    /// Breaks the connection: reads and writes fail from now on, so the
    /// server closes it without writing anything more.
    pub(crate) fn kill(&self) {
        self.0.killed.store(true, Ordering::SeqCst);
        self.0.waker.wake();
    }

    fn killed(&self) -> bool {
        self.0.killed.load(Ordering::SeqCst)
    }
}

/// Every live connection.
#[derive(Debug, Default)]
pub(crate) struct Conns {
    live: Mutex<Vec<Weak<ConnState>>>,
}

impl Conns {
    fn add(&self) -> ConnHandle {
        let handle = ConnHandle::default();
        let mut live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        live.retain(|w| w.strong_count() > 0);
        live.push(Arc::downgrade(&handle.0));
        handle
    }

    pub(crate) fn kill_all(&self) {
        let live = std::mem::take(&mut *self.live.lock().unwrap_or_else(|e| e.into_inner()));
        for state in live.iter().filter_map(Weak::upgrade) {
            ConnHandle(state).kill();
        }
    }
}

/// A TCP stream that can be broken from outside.
pub(crate) struct Conn {
    inner: TcpStream,
    handle: ConnHandle,
}

fn broken() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "sandbox dropped the connection",
    )
}

impl AsyncRead for Conn {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.handle.0.waker.register(cx.waker());
        if self.handle.killed() {
            return Poll::Ready(Err(broken()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.handle.killed() {
            return Poll::Ready(Err(broken()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.handle.killed() {
            return Poll::Ready(Err(broken()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.handle.killed() {
            return Poll::Ready(Err(broken()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// What the server knows of a connection's peer: its kill switch.
#[derive(Debug, Clone)]
pub(crate) struct Peer {
    handle: ConnHandle,
}

pub(crate) struct SandboxListener {
    tcp: TcpListener,
    conns: Arc<Conns>,
}

impl Listener for SandboxListener {
    type Io = Conn;
    type Addr = Peer;

    async fn accept(&mut self) -> (Conn, Peer) {
        loop {
            match self.tcp.accept().await {
                Ok((stream, addr)) => {
                    tracing::trace!(%addr, "sandbox connection");
                    let _ = stream.set_nodelay(true);
                    let handle = self.conns.add();
                    let conn = Conn {
                        inner: stream,
                        handle: handle.clone(),
                    };
                    return (conn, Peer { handle });
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::debug!("sandbox accept: {e}");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Peer> {
        self.tcp.local_addr()?;
        Ok(Peer {
            handle: ConnHandle::default(),
        })
    }
}

impl Connected<IncomingStream<'_, SandboxListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, SandboxListener>) -> Self {
        stream.remote_addr().handle.clone()
    }
}

/// Serves `app` on `listener` from the sandbox runtime.
pub(crate) fn spawn_server(
    runtime: &tokio::runtime::Handle,
    listener: std::net::TcpListener,
    app: Router,
    conns: Arc<Conns>,
) -> io::Result<tokio::task::JoinHandle<()>> {
    listener.set_nonblocking(true)?;
    let _entered = runtime.enter();
    let tcp = TcpListener::from_std(listener)?;
    let listener = SandboxListener { tcp, conns };
    let make = app.into_make_service_with_connect_info::<ConnHandle>();
    Ok(runtime.spawn(async move {
        if let Err(e) = axum::serve(listener, make).await {
            tracing::warn!("sandbox server stopped: {e}");
        }
    }))
}
