//! The protocol glue: each tool of [`tools`](super::tools) as an MCP tool
//! (its input schema from the argument type, its answer as JSON text and
//! structured content), on stdio or over streamable HTTP (`/mcp` under
//! `renos serve --http`). A tool's refusal is a tool error with a
//! sentence, not a protocol error.

use std::sync::{Arc, Mutex, PoisonError};

use axum::http::request::Parts;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, ErrorData};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler, ServiceExt, tool, tool_handler, tool_router};
use serde::Serialize;

use super::session::{Outcome, Session, ToolError};
use super::tools::{booking, check, customer, invoice, overtime, slots, time, undo};
use crate::engine::remote::{Caller, Remote, Via};

/// Where a call's session comes from.
#[derive(Clone)]
enum Sessions {
    /// One session for the whole connection, one call at a time: the
    /// login running `renos mcp` on stdio.
    One(Arc<Mutex<Session>>),
    /// A session for each call, acting as the caller whose bearer token
    /// the HTTP request carried (`/mcp`).
    PerCall(Arc<Remote>),
}

/// The MCP server: the tools on a session.
#[derive(Clone)]
pub struct Server {
    sessions: Sessions,
    tool_router: ToolRouter<Server>,
}

/// The caller the API's token check put on the HTTP request, come as an
/// assistant.
fn http_caller(ctx: &RequestContext<RoleServer>) -> Option<Caller> {
    let parts = ctx.extensions.get::<Parts>()?;
    let caller = parts.extensions.get::<Caller>()?;
    Some(Caller {
        via: Via::Assistant,
        ..caller.clone()
    })
}

#[tool_router]
impl Server {
    /// The tools on one session (stdio).
    pub fn new(session: Session) -> Server {
        Server {
            sessions: Sessions::One(Arc::new(Mutex::new(session))),
            tool_router: Self::tool_router(),
        }
    }

    /// The tools for callers with a token, each call in a session acting
    /// as the request's caller (`/mcp`).
    pub fn per_caller(remote: Arc<Remote>) -> Server {
        Server {
            sessions: Sessions::PerCall(remote),
            tool_router: Self::tool_router(),
        }
    }

    /// Runs `f` in the call's session off the protocol's task (the store blocks).
    async fn run<T: Serialize + Send + 'static>(
        &self,
        ctx: RequestContext<RoleServer>,
        f: impl FnOnce(&mut Session) -> Outcome<T> + Send + 'static,
    ) -> Result<CallToolResult, ErrorData> {
        let sessions = self.sessions.clone();
        let caller = http_caller(&ctx);
        let out = tokio::task::spawn_blocking(move || match sessions {
            Sessions::One(session) => {
                let mut session = session.lock().unwrap_or_else(PoisonError::into_inner);
                f(&mut session)
            }
            Sessions::PerCall(remote) => {
                let caller = caller.ok_or_else(|| {
                    ToolError("this needs a token: send `Authorization: Bearer TOKEN`".into())
                })?;
                f(&mut Session::open(&remote, caller)?)
            }
        })
        .await
        .map_err(|e| ErrorData::internal_error(format!("the tool stopped: {e}"), None))?;
        Ok(match out {
            Ok(value) => match serde_json::to_value(&value) {
                Ok(v) => CallToolResult::structured(v),
                Err(e) => CallToolResult::error(vec![ContentBlock::text(e.to_string())]),
            },
            Err(e) => CallToolResult::error(vec![ContentBlock::text(e.0)]),
        })
    }

    /// The desk's clock, in the business time zone (fixed by --now or RENOS_NOW when set).
    #[tool(annotations(read_only_hint = true))]
    async fn get_current_time(
        &self,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, time::get_current_time).await
    }

    /// Checks a booking date: does the weekday said match the date, and how sure is it (confidence; below 0.8 a dispatcher must review it)?
    #[tool(annotations(read_only_hint = true))]
    async fn validate_booking_date(
        &self,
        Parameters(a): Parameters<check::ValidateArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| check::validate_booking_date(d, &a))
            .await
    }

    /// The bookings a job in this window would double-book, per cleaner, and who is free.
    #[tool(annotations(read_only_hint = true))]
    async fn check_booking_conflicts(
        &self,
        Parameters(a): Parameters<check::ConflictArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| check::check_booking_conflicts(d, &a))
            .await
    }

    /// What the business knows about a customer: visits, usual day, time and cleaner, how long visits take.
    #[tool(annotations(read_only_hint = true))]
    async fn get_customer_memory(
        &self,
        Parameters(a): Parameters<customer::MemoryArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| customer::get_customer_memory(d, &a))
            .await
    }

    /// How far running jobs are over their estimates (ok, warning, overtime, alert): one booking, minutes given, or every running job.
    #[tool(annotations(read_only_hint = true))]
    async fn track_overtime_risk(
        &self,
        Parameters(a): Parameters<overtime::OvertimeArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| overtime::track_overtime_risk(d, &a))
            .await
    }

    /// Who can take a job, and when: free slots per cleaner, ranked.
    #[tool(annotations(read_only_hint = true))]
    async fn find_slots(
        &self,
        Parameters(a): Parameters<slots::SlotArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| slots::find_slots(d, &a)).await
    }

    /// Books a job. Without confirm: a dry run (the booking as it would be, its clashes and review) and a confirmation token; with the token and the same arguments: books it.
    #[tool(annotations(read_only_hint = false, destructive_hint = false))]
    async fn create_booking(
        &self,
        Parameters(a): Parameters<booking::CreateArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| booking::create_booking(d, &a)).await
    }

    /// Cancels a booking, with a reason. Without confirm: a dry run and a confirmation token; with the token and the same arguments: cancels it.
    #[tool(annotations(read_only_hint = false, destructive_hint = true))]
    async fn cancel_booking(
        &self,
        Parameters(a): Parameters<booking::CancelArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| booking::cancel_booking(d, &a)).await
    }

    /// Takes back the newest booking change made here, within 5 minutes. Without confirm: what it would undo and a confirmation token.
    #[tool(annotations(read_only_hint = false, destructive_hint = true))]
    async fn undo(
        &self,
        Parameters(a): Parameters<undo::UndoArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| undo::undo(d, &a)).await
    }

    /// A draft invoice in Billy for a finished job. Without confirm: the amounts and a confirmation token; with the token: asks for the draft.
    #[tool(annotations(read_only_hint = false, destructive_hint = false))]
    async fn create_invoice(
        &self,
        Parameters(a): Parameters<invoice::InvoiceArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> Result<CallToolResult, ErrorData> {
        self.run(ctx, move |d| invoice::create_invoice(d, &a)).await
    }
}

#[tool_handler(
    router = self.tool_router,
    name = "renos",
    instructions = "RenOS Dispatch: the cleaning company's bookings. Read tools answer at once. \
                    Writes (create_booking, cancel_booking, undo, create_invoice) take two \
                    calls: the first, without confirm, writes nothing and returns what would \
                    happen and a token; call again with the same arguments and confirm=token \
                    to make the change. Give an idempotency_key to make a repeat harmless."
)]
impl ServerHandler for Server {}

/// Serves the tools on stdin and stdout until the client leaves.
pub async fn serve_stdio(session: Session) -> anyhow::Result<()> {
    let service = Server::new(session)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| anyhow::anyhow!("the MCP session did not start: {e}"))?;
    service
        .waiting()
        .await
        .map_err(|e| anyhow::anyhow!("the MCP session ended: {e}"))?;
    Ok(())
}
