//! `guidepress lsp`: a language server over stdio (lsp-server + lsp-types, the crates
//! rust-analyzer uses). It runs the library pipeline (`Project::check_text`) on the editor's
//! buffer, so the editor shows the same codes, messages and related places as
//! `guidepress check`, with each guide's own `.guidepress.yaml`.
//!
//! - Diagnostics on open, and on change after a short pause (debounced).
//! - Code actions: every fix `lint --fix` would make (applied with the same re-parse proof,
//!   `Project::apply_fix`), "fix all" (the path `lint --fix` takes for each guide,
//!   `Project::fix_guide`), and "add to vocabulary" for unknown words.
//! - Hover on a finding shows its code's help.
//!
//! The server never writes a file except through the explicit "add to vocabulary" command.
//! A YAML buffer is checked only when it is a guide: the guide schema in its modeline, or
//! inside the project's guide folder (`content/` beside the nearest `.guidepress.yaml`, or
//! the project folder itself when it has no `content/`) outside hidden folders such as
//! `.github/`. Other YAML is left alone.
//!
//! Messages are read by a bounded framing reader (`transport`): at most
//! `transport::MAX_MESSAGE` bytes, malformed frames answered with a JSON-RPC error.

mod convert;
mod transport;

pub(crate) use convert::{Lines, minimal_edit, path_of};

use crate::diag::{Code, Diagnostic};
use crate::project::{Project, Report, Stage};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The command behind "add to vocabulary": arguments `[word, guide path]`.
pub(crate) const ADD_TO_VOCABULARY: &str = "guidepress.addToVocabulary";
/// The code action kind of "fix all".
pub(crate) const FIX_ALL: &str = "source.fixAll.guidepress";

/// Server settings.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Pause after the last change before a buffer is checked again.
    pub debounce: Duration,
}

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `shutdown`, then `exit`: the process exits with 0.
    Clean,
    /// `exit` without `shutdown`, or the input ended: the protocol asks for exit code 1.
    WithoutShutdown,
}

/// Serve one client on stdin/stdout until it exits.
pub fn run_stdio(options: Options) -> Result<End, Failure> {
    let (connection, io_threads) = transport::stdio();
    let end = serve(&connection, options)?;
    drop(connection);
    io_threads.join()?;
    Ok(end)
}

/// The capabilities this server offers.
pub fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::from(FIX_ALL),
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: vec![ADD_TO_VOCABULARY.to_string()],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The `initialize` handshake: requests before it are refused, the server's capabilities
/// answer it, and the workspace folder becomes the working directory. `false` when `exit`
/// or the end of input came first.
fn initialize(connection: &Connection) -> bool {
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "guidepress", "version": env!("CARGO_PKG_VERSION")},
    });
    // initialize (by hand rather than lsp-server's helpers, so that `exit` or the end of
    // input at any point ends the session with the protocol's exit code, not an error)
    let (id, params) = loop {
        match connection.receiver.recv() {
            Ok(Message::Request(req)) if req.method == lsp::request::Initialize::METHOD => {
                break (req.id, req.params);
            }
            Ok(Message::Request(req)) => {
                let response = Response::new_err(
                    req.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet: send `initialize` first".into(),
                );
                let _ = connection.sender.send(response.into());
            }
            Ok(Message::Notification(n)) if n.method == lsp::notification::Exit::METHOD => {
                return false;
            }
            Ok(_) => {}
            Err(_) => return false,
        }
    };
    let _ = connection.sender.send(Response::new_ok(id, init).into());
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    #[allow(deprecated)] // root_uri: older clients send only this
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone())
        .and_then(|u| path_of(&u));
    if let Some(root) = root.filter(|r| r.is_dir()) {
        // the project config is found from the workspace, as `guidepress check` run there
        let _ = std::env::set_current_dir(root);
    }
    true
}

/// Run the protocol on `connection`: initialize, then messages until `exit`.
pub fn serve(connection: &Connection, options: Options) -> Result<End, Failure> {
    if !initialize(connection) {
        return Ok(End::WithoutShutdown);
    }
    let mut server = Server::new(connection, options);
    let mut shut_down = false;
    loop {
        let timeout = server.next_due().map_or(Duration::from_secs(3600), |due| {
            due.saturating_duration_since(Instant::now())
        });
        match connection.receiver.recv_timeout(timeout) {
            Ok(Message::Request(req)) => {
                if req.method == lsp::request::Shutdown::METHOD {
                    shut_down = true;
                    server.respond(req.id, Ok(serde_json::Value::Null));
                } else if shut_down {
                    let response = Response::new_err(
                        req.id,
                        ErrorCode::InvalidRequest as i32,
                        "the server is shutting down: only `exit` is accepted".into(),
                    );
                    let _ = connection.sender.send(response.into());
                } else {
                    server.request(req);
                }
            }
            Ok(Message::Notification(n)) => {
                if n.method == lsp::notification::Exit::METHOD {
                    return Ok(if shut_down {
                        End::Clean
                    } else {
                        End::WithoutShutdown
                    });
                }
                if !shut_down {
                    server.notification(n);
                }
            }
            Ok(Message::Response(_)) => {}
            Err(crossbeam_timeout) if crossbeam_timeout.is_timeout() => {}
            Err(_) => return Ok(End::WithoutShutdown),
        }
        if !shut_down {
            server.run_due();
        }
    }
}

/// One open buffer.
struct Doc {
    uri: lsp::Uri,
    path: PathBuf,
    text: String,
    /// When the buffer changed and waits for its check.
    due: Option<Instant>,
    /// The last check of this buffer (of `text` when `due` is `None`).
    last: Option<Report>,
}

impl Doc {
    fn name(&self) -> String {
        self.path.display().to_string()
    }
}

struct Server<'a> {
    connection: &'a Connection,
    options: Options,
    docs: HashMap<String, Doc>,
    project: Project,
    /// Why the project's own config could not be used (shown on every guide).
    config_error: Option<Diagnostic>,
    /// Config and vocabulary files read, with their modification times.
    inputs: Vec<(PathBuf, Option<SystemTime>)>,
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

impl<'a> Server<'a> {
    fn new(connection: &'a Connection, options: Options) -> Server<'a> {
        let (project, config_error) = open_project();
        Server {
            connection,
            options,
            docs: HashMap::new(),
            project,
            config_error,
            inputs: Vec::new(),
        }
    }

    /// Re-read the configuration when a file it came from changed (or when `force`).
    fn refresh(&mut self, force: bool) {
        let stale = self.inputs.iter().any(|(p, t)| mtime(p) != *t);
        if force || stale {
            (self.project, self.config_error) = open_project();
            self.inputs.clear();
        }
    }

    fn remember_inputs(&mut self) {
        self.inputs = self
            .project
            .scopes()
            .inputs()
            .into_iter()
            .map(|p| {
                let t = mtime(&p);
                (p, t)
            })
            .collect();
    }

    fn next_due(&self) -> Option<Instant> {
        self.docs.values().filter_map(|d| d.due).min()
    }

    fn run_due(&mut self) {
        let now = Instant::now();
        let due: Vec<String> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        for key in due {
            self.check(&key);
        }
    }

    /// Whether a buffer is a guide (see the module doc).
    fn is_guide(&self, doc: &Doc) -> bool {
        let yaml = matches!(
            doc.path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        let hidden = doc
            .path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !yaml || hidden {
            return false;
        }
        let guide = has_guide_modeline(&doc.text) || self.in_guide_folder(&doc.path);
        let ignored = self
            .project
            .scopes()
            .for_file(&doc.path)
            .is_ok_and(|s| s.settings.ignores(&doc.path));
        guide && !ignored
    }

    /// Whether `path` lies in the guide folder of its project: `content/` beside the nearest
    /// `.guidepress.yaml` (the config's own folder when it has no `content/`), or the
    /// workspace's `content/` without a config; never inside a hidden folder (`.github/`).
    fn in_guide_folder(&self, path: &Path) -> bool {
        let full = std::fs::canonicalize(path)
            .or_else(|_| std::path::absolute(path))
            .unwrap_or_else(|_| path.to_path_buf());
        let folder = match self.project.scopes().config_of(path) {
            // a project's guides: its `content/`, else the folder of its config
            Some(config) => {
                let root = crate::util::folder_of(&config).to_path_buf();
                let content = root.join("content");
                if content.is_dir() { content } else { root }
            }
            // no config: the workspace's `content/`, if it has one
            None => match std::env::current_dir().and_then(std::fs::canonicalize) {
                Ok(cwd) if cwd.join("content").is_dir() => cwd.join("content"),
                _ => return false,
            },
        };
        let Ok(inside) = full.strip_prefix(&folder) else {
            return false;
        };
        !inside.parent().is_some_and(|p| {
            p.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
    }

    /// Check one buffer now and publish its diagnostics.
    fn check(&mut self, key: &str) {
        self.refresh(false);
        let Some(doc) = self.docs.get(key) else {
            return;
        };
        let guide = self.is_guide(doc);
        let name = doc.name();
        let report = guide.then(|| self.project.check_text(&name, &doc.text, Stage::Check));
        if guide {
            self.remember_inputs();
        }
        let Some(doc) = self.docs.get_mut(key) else {
            return;
        };
        doc.due = None;
        let mut diagnostics = Vec::new();
        if let Some(report) = &report {
            let (text, bom) = report
                .sources
                .get(&name)
                .map_or((doc.text.as_str(), false), |s| (s.text.as_str(), s.had_bom));
            let lines = Lines::new(text, bom);
            diagnostics.extend(
                self.config_error
                    .iter()
                    .map(|d| convert::diagnostic(d, &lines, &name, &report.sources)),
            );
            diagnostics.extend(
                report
                    .diagnostics
                    .iter()
                    .map(|d| convert::diagnostic(&d, &lines, &name, &report.sources)),
            );
        }
        doc.last = report;
        let params = lsp::PublishDiagnosticsParams::new(doc.uri.clone(), diagnostics, None);
        self.notify::<lsp::notification::PublishDiagnostics>(params);
    }

    fn notify<N: lsp::notification::Notification>(&self, params: N::Params) {
        let _ = self
            .connection
            .sender
            .send(Notification::new(N::METHOD.to_string(), params).into());
    }

    fn respond(&self, id: RequestId, result: Result<serde_json::Value, String>) {
        let response = match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => Response::new_err(id, ErrorCode::RequestFailed as i32, e),
        };
        let _ = self.connection.sender.send(response.into());
    }

    fn notification(&mut self, n: Notification) {
        use lsp::notification as n_;
        match n.method.as_str() {
            n_::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = path_of(&p.text_document.uri) else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                self.docs.insert(
                    key.clone(),
                    Doc {
                        uri: p.text_document.uri,
                        path,
                        text: p.text_document.text,
                        due: None,
                        last: None,
                    },
                );
                self.check(&key);
            }
            n_::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let due = Instant::now() + self.options.debounce;
                if let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str())
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    doc.text = change.text;
                    doc.due = Some(due);
                }
            }
            n_::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(n.params)
                else {
                    return;
                };
                // a saved config or vocabulary changes the findings of every guide
                let shared = path_of(&p.text_document.uri).is_some_and(|p| {
                    p.file_name().is_some_and(|n| {
                        n == crate::config::FILE_NAME || n == crate::settings::VOCABULARY_FILE
                    })
                });
                if shared {
                    self.recheck_all();
                }
            }
            n_::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                if let Some(doc) = self.docs.remove(p.text_document.uri.as_str()) {
                    self.notify::<n_::PublishDiagnostics>(lsp::PublishDiagnosticsParams::new(
                        doc.uri,
                        Vec::new(),
                        None,
                    ));
                }
            }
            _ => {}
        }
    }

    fn recheck_all(&mut self) {
        self.refresh(true);
        let keys: Vec<String> = self.docs.keys().cloned().collect();
        for key in keys {
            self.check(&key);
        }
    }

    fn request(&mut self, req: Request) {
        use lsp::request as r_;
        let id = req.id.clone();
        let result = match req.method.as_str() {
            r_::CodeActionRequest::METHOD => serde_json::from_value(req.params)
                .map_err(|e| e.to_string())
                .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            r_::HoverRequest::METHOD => serde_json::from_value(req.params)
                .map_err(|e| e.to_string())
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            r_::ExecuteCommand::METHOD => serde_json::from_value(req.params)
                .map_err(|e| e.to_string())
                .and_then(|p| self.execute(&p)),
            _ => {
                let response = Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("guidepress does not handle {}", req.method),
                );
                let _ = self.connection.sender.send(response.into());
                return;
            }
        };
        self.respond(id, result);
    }

    /// The buffer's up-to-date report (checking it now if a change is pending).
    fn current(&mut self, uri: &lsp::Uri) -> Option<&Doc> {
        let key = uri.as_str().to_string();
        if self
            .docs
            .get(&key)
            .is_some_and(|d| d.due.is_some() || d.last.is_none())
        {
            self.check(&key);
        }
        self.docs.get(&key)
    }

    fn code_actions(&mut self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let project_scope = |path: &Path| self.project.scopes().for_file(path).ok();
        let scope = self
            .docs
            .get(p.text_document.uri.as_str())
            .and_then(|d| project_scope(&d.path));
        // the buffer checked now if a change is pending, then read beside the project
        if self.current(&p.text_document.uri).is_none() {
            return Vec::new();
        }
        let Some(doc) = self.docs.get(p.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let (Some(report), Some(scope)) = (&doc.last, scope) else {
            return Vec::new();
        };
        let name = doc.name();
        let (Some(src), Some(document)) = (report.sources.get(&name), report.documents.first())
        else {
            return Vec::new();
        };
        let lines = Lines::new(&src.text, src.had_bom);
        let (from, to) = (lines.offset(p.range.start), lines.offset(p.range.end));
        // lsp-types keys WorkspaceEdit by Uri, whose parser caches positions in Cells; the
        // map is built and serialised at once, never mutated through a key
        #[allow(clippy::mutable_key_type)]
        let edit_to = |new: &str| {
            let (s, e, t) = minimal_edit(&src.text, new);
            let mut changes = HashMap::new();
            changes.insert(
                doc.uri.clone(),
                vec![lsp::TextEdit::new(lines.range(s, e), t)],
            );
            lsp::WorkspaceEdit::new(changes)
        };
        let mut actions = Vec::new();
        let mut any_fix = false;
        for d in report.diagnostics.iter().filter(|d| d.file == name) {
            let d = &d;
            any_fix |= d.fix.is_some();
            let Some(loc) = d.location else { continue };
            // findings that touch the requested range (or contain the cursor)
            if loc.end < from || loc.start > to {
                continue;
            }
            let shown = convert::diagnostic(d, &lines, &name, &report.sources);
            if let Some(fix) = &d.fix
                && let Some(new) = Project::apply_fix(document, fix)
            {
                let old = src
                    .text
                    .get(fix.location.start..fix.location.end)
                    .unwrap_or("");
                let title = if fix.replacement.is_empty() {
                    format!("Remove `{}`", old.trim())
                } else {
                    format!("Replace `{old}` with `{}`", fix.replacement)
                };
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit_to(&new)),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
            if matches!(d.code, Code::Spelling | Code::Misspelling) {
                let target = scope.settings.vocabulary_target();
                actions.extend(spelling_actions(document, d, &shown, target, &edit_to));
            }
        }
        if any_fix {
            actions.extend(fix_all(&self.project, src, &edit_to));
        }
        actions
    }

    fn hover(&mut self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let uri = &p.text_document_position_params.text_document.uri;
        let doc = self.current(uri)?;
        let report = doc.last.as_ref()?;
        let name = doc.name();
        let src = report.sources.get(&name)?;
        let lines = Lines::new(&src.text, src.had_bom);
        let at = lines.offset(p.text_document_position_params.position);
        let found: Vec<Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| {
                d.file == name
                    && d.location
                        .is_some_and(|l| l.start <= at && at <= l.end.max(l.start + 1))
            })
            .collect();
        let first = found.first()?;
        let mut text = String::new();
        for d in &found {
            text.push_str(&format!("`{}`: {}\n\n", d.code.id(), d.message));
        }
        text.push_str(&first.code.help_markdown());
        let loc = first.location?;
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: text,
            }),
            range: Some(lines.range(loc.start, loc.end)),
        })
    }

    fn execute(&mut self, p: &lsp::ExecuteCommandParams) -> Result<serde_json::Value, String> {
        if p.command != ADD_TO_VOCABULARY {
            return Err(format!("unknown command {}", p.command));
        }
        let [word, file] = &p.arguments[..] else {
            return Err(format!("{ADD_TO_VOCABULARY} takes [word, guide path]"));
        };
        let (Some(word), Some(file)) = (word.as_str(), file.as_str()) else {
            return Err(format!("{ADD_TO_VOCABULARY} takes two strings"));
        };
        // the same rule as `guidepress vocab add`
        if let Some(why) = crate::config::word_problem(word) {
            return Err(why);
        }
        let scope = self
            .project
            .scopes()
            .for_file(Path::new(file))
            .map_err(|d| d.message.clone())?;
        // confined to the project folder (see `Settings::add_vocabulary`)
        scope
            .settings
            .add_vocabulary(&[word.to_string()])
            .map_err(|e| e.to_string())?;
        self.recheck_all();
        Ok(serde_json::Value::Null)
    }
}

/// "Fix all" for the buffer `src` when any fix applies: the path `lint --fix` takes for
/// each guide (`Project::fix_guide`), as one edit of the buffer.
fn fix_all(
    project: &Project,
    src: &std::sync::Arc<crate::load::SourceFile>,
    edit_to: &dyn Fn(&str) -> lsp::WorkspaceEdit,
) -> Option<lsp::CodeActionOrCommand> {
    let fixed = project.fix_guide(src.clone());
    fixed.changed().then(|| {
        lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: format!(
                "Fix all guidepress findings with a safe fix ({})",
                crate::util::plural(fixed.applied, "fix")
            ),
            kind: Some(lsp::CodeActionKind::from(FIX_ALL)),
            edit: Some(edit_to(&fixed.fixed.text)),
            ..Default::default()
        })
    })
}

/// The quick fixes of a spelling finding `d` (shown to the editor as `shown`): its top
/// suggestions as edits, each proven like a fix (`Project::apply_fix`; the single sure
/// correction is the finding's own fix, offered apart), and "add to the vocabulary"
/// (`target`, the word list in effect).
fn spelling_actions(
    document: &crate::validate::Document,
    d: &Diagnostic,
    shown: &lsp::Diagnostic,
    target: &Path,
    edit_to: &dyn Fn(&str) -> lsp::WorkspaceEdit,
) -> Vec<lsp::CodeActionOrCommand> {
    let mut actions = Vec::new();
    let Some(loc) = d.location else {
        return actions;
    };
    let (src, name) = (&*document.source, document.source.name.clone());
    let word = src.text.get(loc.start..loc.end).unwrap_or("").to_string();
    if word.is_empty() {
        return actions;
    }
    // the top suggestions as edits (the single sure correction is the fix above),
    // each proven like a fix
    let shown_fix = d.fix.as_ref().map(|f| f.replacement.as_str());
    for (rank, s) in d
        .suggestions
        .iter()
        .filter(|s| Some(s.as_str()) != shown_fix)
        .take(SUGGESTIONS)
        .enumerate()
    {
        let Some(fix) = suggestion_fix(document, src, d, s) else {
            continue;
        };
        let Some(new) = Project::apply_fix(document, &fix) else {
            continue;
        };
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: format!("Change `{word}` to `{s}`"),
            kind: Some(lsp::CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![shown.clone()]),
            edit: Some(edit_to(&new)),
            is_preferred: Some(rank == 0 && shown_fix.is_none()),
            ..Default::default()
        }));
    }
    let target = target.display().to_string();
    actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: format!("Add `{word}` to the vocabulary ({target})"),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![shown.clone()]),
        command: Some(lsp::Command::new(
            format!("Add `{word}` to the vocabulary"),
            ADD_TO_VOCABULARY.to_string(),
            Some(vec![
                serde_json::Value::String(word),
                serde_json::Value::String(name),
            ]),
        )),
        ..Default::default()
    }));
    actions
}

/// How many spelling suggestions are offered as quick fixes.
const SUGGESTIONS: usize = 3;

/// A fix replacing the word `d` points at with `suggestion`, placed in its string the way
/// the spelling rule places its own fixes (only where the source bytes are the value's).
fn suggestion_fix(
    document: &crate::validate::Document,
    src: &crate::load::SourceFile,
    d: &Diagnostic,
    suggestion: &str,
) -> Option<crate::diag::Fix> {
    let loc = d.location?;
    let pointer = d.pointer.as_deref()?;
    let word = src.text.get(loc.start..loc.end)?;
    let units = crate::lint::text::units(&document.guide, &document.root);
    let unit = units.iter().find(|u| u.id.pointer() == pointer)?;
    let (start, _) = unit.text.match_indices(word).find(|(i, _)| {
        unit.locate(src, *i, i + word.len()).start == loc.start
            && unit.verbatim(src, *i, i + word.len())
    })?;
    Some(crate::diag::Fix {
        location: loc,
        replacement: suggestion.to_string(),
        target: Some(crate::diag::FixTarget {
            pointer: pointer.to_string(),
            start,
            end: start + word.len(),
        }),
    })
}

/// True when the first lines of `text` hold the guide schema modeline
/// (`# yaml-language-server: $schema=…guide.schema.json`) that `guidepress new` writes.
pub(crate) fn has_guide_modeline(text: &str) -> bool {
    text.lines().take(10).any(|l| {
        let l = l.trim_start();
        l.starts_with('#')
            && l.contains("yaml-language-server:")
            && l.contains("$schema=")
            && l.trim_end().ends_with("guide.schema.json")
    })
}

/// The project for the working directory (the workspace), as `guidepress check` run there
/// sees it (so `content/vocabulary.txt` counts without a config); a broken config falls
/// back to the defaults and is reported on every guide.
fn open_project() -> (Project, Option<Diagnostic>) {
    let content = PathBuf::from("content");
    let paths = if content.is_dir() {
        vec![content]
    } else {
        Vec::new()
    };
    match Project::open(&paths, None) {
        Ok(p) => (p, None),
        Err(crate::project::Error::Config(c)) => {
            (Project::per_file_defaults(), Some(*c.diagnostic))
        }
        Err(e) => (
            Project::per_file_defaults(),
            Some(Diagnostic::error(Code::Config, ".", e.to_string())),
        ),
    }
}
