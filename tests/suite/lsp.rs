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
