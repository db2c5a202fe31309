//! A loopback gate in front of a server that has no "offline" of its own
//! (Radicale): it passes connections through while open; closed, its port
//! refuses connections and the ones it carried are cut, as when the server
//! is down. Reopened, it listens on the same port again.

use std::net::SocketAddr;
use std::sync::Mutex;

use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

pub struct Gate {
    addr: SocketAddr,
    target: SocketAddr,
    task: Mutex<Option<JoinHandle<()>>>,
}

/// Accepts on `listener` and carries each connection to `target`; the
/// connections end with the task (their set is dropped with it).
fn pass(listener: TcpListener, target: SocketAddr) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut carried = JoinSet::new();
        while let Ok((mut inside, _)) = listener.accept().await {
            carried.spawn(async move {
                if let Ok(mut server) = TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inside, &mut server).await;
                }
            });
            // Finished connections are let go as new ones come.
            while carried.try_join_next().is_some() {}
        }
    })
}

impl Gate {
    /// An open gate to `target` on a free loopback port.
    pub async fn open(target: SocketAddr) -> Gate {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        Gate {
            addr,
            target,
            task: Mutex::new(Some(pass(listener, target))),
        }
    }

    /// The gate's port, where clients connect.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Refuses new connections and cuts the open ones.
    pub async fn close(&self) {
        let task = self.task.lock().unwrap().take();
        if let Some(task) = task {
            task.abort();
            let _ = task.await;
        }
    }

    /// Passes connections again, on the same port.
    pub async fn reopen(&self) {
        if self.task.lock().unwrap().is_some() {
            return;
        }
        let listener = TcpListener::bind(self.addr).await.expect("the same port");
        *self.task.lock().unwrap() = Some(pass(listener, self.target));
    }
}

impl Drop for Gate {
    fn drop(&mut self) {
        if let Some(task) = self.task.get_mut().unwrap().take() {
            task.abort();
        }
    }
}
