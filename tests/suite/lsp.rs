//! The language server as an editor uses it: spawn `guidepress lsp`, speak JSON-RPC over its
//! stdin/stdout (initialize → didOpen → publishDiagnostics → codeAction → hover →
//! executeCommand → didChange → shutdown/exit), and check what comes back.

use crate::common;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
    /// Notifications seen while waiting for something else.
    backlog: Vec<Value>,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_guidepress"))
            .args(["lsp", "--debounce-ms", "50"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length header")];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.recv();
            if msg["id"] == id && msg.get("method").is_none() {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                return msg["result"].clone();
            }
            self.backlog.push(msg);
        }
    }

    fn recv(&mut self) -> Value {
        self.messages
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers within 30 s")
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.backlog.iter().position(|m| is_diagnostics_for(m, uri)) {
            let m = self.backlog.remove(i);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.recv();
            if is_diagnostics_for(&m, uri) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.backlog.push(m);
        }
    }
}

fn is_diagnostics_for(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

fn codes(diags: &[Value]) -> Vec<String> {
    let mut c: Vec<String> = diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c
}

const GUIDE: &str = "# yaml-language-server: $schema=../schema/guide.schema.json
id: editor-test
title: Editor Test
language: en-US
version: 1.0.0
authors:
  - name: Test Author
sections:
  - id: care
    title: Aftercare
    blocks:
      - paragraph: Keep the the skin clean with the Zorblax cleanser.
";

/// Apply LSP text edits (UTF-16 positions; this text is ASCII) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let ch = p["character"].as_u64().unwrap() as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + ch
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn language_server_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join(".guidepress.yaml"),
        "rules:\n  repeated-word: error\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("content")).unwrap();
    let guide = root.join("content/editor-test.yaml");
    std::fs::write(&guide, GUIDE).unwrap();
    let uri = url::Url::from_file_path(&guide).unwrap().to_string();
    let root_uri = url::Url::from_file_path(&root).unwrap().to_string();

    let mut c = Client::start(&root);
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "guidepress");
    c.notify("initialized", json!({}));

    // didOpen → the CLI's findings, with its codes
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": GUIDE}}),
    );
    let diags = c.diagnostics(&uri);
    assert_eq!(codes(&diags), ["repeated-word", "spelling"], "{diags:#?}");
    let cli = common::run_in(&root, &["check", "--format", "json", "content"]);
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    for (lsp, cli) in diags.iter().zip(cli["diagnostics"].as_array().unwrap()) {
        assert_eq!(lsp["code"], cli["code"]);
        assert!(
            lsp["message"]
                .as_str()
                .unwrap()
                .starts_with(cli["message"].as_str().unwrap())
        );
        // LSP lines and characters are 0-based; the CLI's 1-based
        assert_eq!(
            lsp["range"]["start"]["line"].as_u64().unwrap() + 1,
            cli["location"]["line"].as_u64().unwrap()
        );
    }
    let repeated = diags.iter().find(|d| d["code"] == "repeated-word").unwrap();
    assert_eq!(repeated["severity"], 1, "error, from the project's config");

    // codeAction on the repeated word → the fix `--fix` would make, as an edit
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": repeated["range"], "context": {"diagnostics": [repeated]}}),
    );
    let actions = actions.as_array().unwrap();
    let quickfix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["edit"].is_object())
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edits = quickfix["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply(GUIDE, edits);
    assert!(fixed.contains("Keep the skin clean"), "{fixed}");
    assert_eq!(fixed.len(), GUIDE.len() - "the ".len());
    // nothing touched the file on disk
    assert_eq!(std::fs::read_to_string(&guide).unwrap(), GUIDE);

    // "fix all" over the whole buffer gives the same text as `lint --fix`
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.guidepress")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let all = apply(GUIDE, fix_all["edit"]["changes"][&uri].as_array().unwrap());
    let copy = root.join("copy.yaml");
    std::fs::write(&copy, GUIDE).unwrap();
    common::run_in(&root, &["lint", "--fix", "copy.yaml"]);
    assert_eq!(all, std::fs::read_to_string(&copy).unwrap());
    std::fs::remove_file(&copy).unwrap();

    // hover on the finding shows its code's help
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": repeated["range"]["start"]}),
    );
    let help = hover["contents"]["value"].as_str().unwrap();
    assert!(
        help.contains("repeated-word") && help.contains("guidepress-disable"),
        "{help}"
    );

    // "add to vocabulary" on the unknown word: an explicit command that writes the file
    let spelling = diags.iter().find(|d| d["code"] == "spelling").unwrap();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": spelling["range"], "context": {"diagnostics": [spelling]}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["command"]["command"] == "guidepress.addToVocabulary")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert!(!root.join("content/vocabulary.txt").exists());
    c.request(
        "workspace/executeCommand",
        json!({"command": "guidepress.addToVocabulary", "arguments": add["command"]["arguments"]}),
    );
    let vocab = std::fs::read_to_string(root.join("content/vocabulary.txt")).unwrap();
    assert!(vocab.lines().any(|l| l == "Zorblax"), "{vocab}");
    // the open guide is re-checked with the new word
    let diags = c.diagnostics(&uri);
    assert_eq!(codes(&diags), ["repeated-word"]);

    // didChange → checked again after the pause: the edited text is clean
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diags = c.diagnostics(&uri);
    assert!(diags.is_empty(), "{diags:#?}");

    // a YAML syntax error is a located finding too
    let broken = GUIDE.replace("title: Aftercare", "title: [Aftercare");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": broken}]}),
    );
    let diags = c.diagnostics(&uri);
    assert_eq!(codes(&diags), ["yaml-syntax"], "{diags:#?}");

    // a YAML file outside any guide project is left alone
    let other = tempfile::tempdir().unwrap();
    let compose = other.path().canonicalize().unwrap().join("compose.yaml");
    let compose_uri = url::Url::from_file_path(&compose).unwrap().to_string();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": compose_uri, "languageId": "yaml", "version": 1, "text": "services: {}\n"}}),
    );
    assert!(c.diagnostics(&compose_uri).is_empty());

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(
        std::fs::read_to_string(&guide).unwrap(),
        GUIDE,
        "the server never wrote the guide"
    );
}

impl Client {
    /// Send a request and return the whole response (result or error).
    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response_to(json!(id))
    }

    fn response_to(&mut self, id: Value) -> Value {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|m| m["id"] == id && m.get("method").is_none())
        {
            return self.backlog.remove(i);
        }
        loop {
            let msg = self.recv();
            if msg["id"] == id && msg.get("method").is_none() {
                return msg;
            }
            self.backlog.push(msg);
        }
    }

    fn send_bytes(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn initialize(&mut self, root: &Path) {
        let root_uri = url::Url::from_file_path(root).unwrap().to_string();
        self.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = url::Url::from_file_path(path).unwrap().to_string();
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        uri
    }

    /// `shutdown` + `exit`, and the exit code.
    fn finish(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code()
    }
}

/// A project as `guidepress init` lays it out, with one guide.
fn init_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let o = common::run_in(&root, &["init"]);
    common::assert_code(&o, 0);
    (dir, root)
}

#[test]
fn vocabulary_words_the_cli_rejects_are_rejected_by_the_server_too() {
    let (_dir, root) = init_project();
    let guide = root.join("content/g.yaml");
    std::fs::write(&guide, GUIDE).unwrap();
    let vocab = root.join("content/vocabulary.txt");
    let before = std::fs::read(&vocab).ok();
    let mut c = Client::start(&root);
    c.initialize(&root);
    for word in ["#comment", "a\u{0}b", "evil\u{202e}txt", "two words", ""] {
        // (a NUL cannot even be passed as a command-line argument)
        if !word.contains('\0') {
            let cli = common::run_in(&root, &["vocab", "add", word]);
            assert_eq!(cli.status.code(), Some(2), "the CLI rejects {word:?}");
        }
        let r = c.request_raw(
            "workspace/executeCommand",
            json!({"command": "guidepress.addToVocabulary", "arguments": [word, guide.to_str().unwrap()]}),
        );
        assert!(r.get("error").is_some(), "{word:?}: {r}");
        assert_eq!(
            std::fs::read(&vocab).ok(),
            before,
            "{word:?}: the vocabulary is unchanged"
        );
    }
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut c = Client::start(&root);
    c.initialize(&root);
    c.notify("exit", Value::Null);
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
    // and with shutdown first: 0
    let c = Client::start(&root);
    let mut c = c;
    c.initialize(&root);
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn malformed_and_oversized_messages_get_errors_and_the_server_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut c = Client::start(&root);
    // a body that is not JSON
    c.send_bytes(b"Content-Length: 9\r\n\r\n{not json");
    let e = c.recv();
    assert_eq!(e["error"]["code"], -32700, "{e}");
    assert_eq!(e["id"], Value::Null);
    // headers without a byte count
    c.send_bytes(b"Content-Length: lots\r\n\r\n");
    let e = c.recv();
    assert_eq!(e["error"]["code"], -32700, "{e}");
    // JSON that is no request
    c.send_bytes(b"Content-Length: 8\r\n\r\n{\"id\":5}");
    let e = c.recv();
    assert_eq!(
        (e["error"]["code"].clone(), e["id"].clone()),
        (json!(-32600), json!(5)),
        "{e}"
    );
    // a message over the 16 MiB cap: skipped (not kept) and answered
    let big = 16 * 1024 * 1024 + 1;
    let mut frame = format!("Content-Length: {big}\r\n\r\n").into_bytes();
    frame.extend(std::iter::repeat_n(b' ', big));
    c.send_bytes(&frame);
    let e = c.recv();
    assert_eq!(e["error"]["code"], -32600, "{e}");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("16 MiB"),
        "{e}"
    );
    // still serving
    c.initialize(&root);
    assert_eq!(c.finish(), Some(0));
}

/// A header promising gigabytes is not allocated: the server's peak memory stays small
/// while it waits for the body (Linux: VmPeak from /proc).
#[cfg(target_os = "linux")]
#[test]
fn a_huge_content_length_is_not_allocated() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut c = Client::start(&root);
    c.send_bytes(b"Content-Length: 3000000000\r\n\r\n{\"jsonrpc\":\"2.0\",");
    // give the reader time to act on the header (a bounded wait; the check is on memory)
    std::thread::sleep(Duration::from_millis(500));
    let status = std::fs::read_to_string(format!("/proc/{}/status", c.child.id())).unwrap();
    let peak_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmPeak:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    assert!(
        peak_kb < 2_000_000,
        "VmPeak {peak_kb} kB after a 3 GB header"
    );
    drop(c.stdin);
    // the input ended without `exit`: code 1
    assert_eq!(c.child.wait().unwrap().code(), Some(1));
}

#[test]
fn only_guides_are_checked_not_the_ci_workflow_init_wrote() {
    let (_dir, root) = init_project();
    let workflow = root.join(".github/workflows/guides.yml");
    let text = std::fs::read_to_string(&workflow).expect("init writes the CI workflow");
    let mut c = Client::start(&root);
    c.initialize(&root);
    let uri = c.open(&workflow, &text);
    assert!(
        c.diagnostics(&uri).is_empty(),
        "the workflow is not a guide"
    );
    // another YAML beside the guides' folder, without the modeline: left alone
    let other = root.join("mkdocs.yml");
    let uri = c.open(&other, "site_name: Guides\nnav: [index.md]\n");
    assert!(c.diagnostics(&uri).is_empty());
    // the same text with the guide modeline, anywhere: checked
    let marked = root.join("drafts/draft.yaml");
    let uri = c.open(
        &marked,
        "# yaml-language-server: $schema=../schema/guide.schema.json\nid: draft\n",
    );
    assert!(!c.diagnostics(&uri).is_empty(), "a guide by its modeline");
    // a guide under content/ without the modeline: checked
    let guide = root.join("content/plain.yaml");
    let uri = c.open(&guide, "id: plain\n");
    assert!(!c.diagnostics(&uri).is_empty(), "a guide by its folder");
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn spelling_quick_fixes_offer_the_suggested_words() {
    let (_dir, root) = init_project();
    let guide = root.join("content/sun.yaml");
    let text = GUIDE.replace("Zorblax cleanser", "Sunbloq cream");
    std::fs::write(&guide, &text).unwrap();
    let mut c = Client::start(&root);
    c.initialize(&root);
    let uri = c.open(&guide, &text);
    let diags = c.diagnostics(&uri);
    let spelling = diags
        .iter()
        .find(|d| d["code"] == "spelling")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": spelling["range"], "context": {"diagnostics": [spelling]}}),
    );
    let actions = actions.as_array().unwrap();
    let change = actions
        .iter()
        .find(|a| a["title"] == "Change `Sunbloq` to `Sunblock`")
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(change["kind"], "quickfix");
    assert_eq!(change["isPreferred"], true);
    let fixed = apply(&text, change["edit"]["changes"][&uri].as_array().unwrap());
    assert_eq!(fixed, text.replace("Sunbloq", "Sunblock"));
    // add-to-vocabulary is still offered
    assert!(
        actions
            .iter()
            .any(|a| a["command"]["command"] == "guidepress.addToVocabulary")
    );
    assert_eq!(c.finish(), Some(0));
}
