//! The stdio transport of the language server: LSP base-protocol frames
//! (`Content-Length: N\r\n\r\n` + JSON) read and written by two threads, handed to the server
//! as an [`lsp_server::Connection`].
//!
//! lsp-server's own reader allocates whatever `Content-Length` says and ends the connection
//! on any malformed frame; this one is bounded and keeps going:
//! - a message longer than [`MAX_MESSAGE`] (16 MiB) is skipped without being held in memory,
//!   and answered with a JSON-RPC error (−32600) that says so;
//! - a frame whose headers are malformed (no or a bad `Content-Length`, a header line over
//!   8 KiB) or whose body is not JSON is answered with a parse error (−32700);
//! - valid JSON that is not a request, response or notification is answered with −32600
//!   (with the request's `id` when it has one).
//!
//! The server then reads the next frame. End of input ends the connection.

use lsp_server::{Connection, Message};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};
use std::thread;

/// The largest message body the server reads (bytes).
pub(crate) const MAX_MESSAGE: usize = 16 * 1024 * 1024;
/// The longest header line the server reads (bytes).
const MAX_HEADER_LINE: usize = 8 * 1024;

/// JSON-RPC: invalid JSON was received.
pub(crate) const PARSE_ERROR: i32 = -32700;
/// JSON-RPC: the JSON is not a valid request object.
pub(crate) const INVALID_REQUEST: i32 = -32600;

/// What one read of the input gave.
#[derive(Debug, PartialEq)]
pub(crate) enum Frame {
    /// A complete body of at most [`MAX_MESSAGE`] bytes.
    Body(Vec<u8>),
    /// A body over the limit, read and dropped.
    TooLarge(u64),
    /// Headers that do not describe a body.
    Malformed(String),
}

/// Read the next frame; `None` at the end of input (also in the middle of a frame).
pub(crate) fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<Result<u64, String>> = None;
    let mut problem: Option<String> = None;
    let mut any_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = r
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if line.last() != Some(&b'\n') {
            if n < MAX_HEADER_LINE {
                return Ok(None); // input ended inside a header line
            }
            // an overlong line: drop the rest of it without keeping it
            skip_line(r)?;
            problem.get_or_insert_with(|| {
                format!("a header line is longer than {MAX_HEADER_LINE} bytes")
            });
            any_header = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !any_header {
                continue; // blank lines between frames
            }
            break;
        }
        any_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("Content-Length") => {
                let value = value.trim();
                length = Some(
                    value
                        .parse::<u64>()
                        .map_err(|_| format!("`Content-Length: {value}` is not a byte count")),
                );
            }
            Some(_) => {} // Content-Type and other headers
            None => {
                problem.get_or_insert_with(|| {
                    let shown: String = text.chars().take(40).collect();
                    format!("`{}` is not a header", shown.escape_debug())
                });
            }
        }
    }
    let length = match (length, problem) {
        (_, Some(p)) => return Ok(Some(Frame::Malformed(p))),
        (None, None) => {
            return Ok(Some(Frame::Malformed(
                "the headers have no Content-Length".into(),
            )));
        }
        (Some(Err(p)), None) => return Ok(Some(Frame::Malformed(p))),
        (Some(Ok(n)), None) => n,
    };
    if length > MAX_MESSAGE as u64 {
        let skipped = io::copy(&mut r.by_ref().take(length), &mut io::sink())?;
        if skipped < length {
            return Ok(None);
        }
        return Ok(Some(Frame::TooLarge(length)));
    }
    // grown as bytes arrive, never allocated from the header's promise alone
    let mut body = Vec::new();
    r.by_ref().take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Ok(None);
    }
    Ok(Some(Frame::Body(body)))
}

fn skip_line(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// What to do with a frame: pass a message on, or answer with an error.
pub(crate) fn decode(frame: Frame) -> Result<Message, Value> {
    let error = |id: Value, code: i32, message: String| json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    match frame {
        Frame::TooLarge(n) => Err(error(
            Value::Null,
            INVALID_REQUEST,
            format!(
                "message of {} skipped: guidepress reads messages of at most {} MiB",
                crate::util::plural(usize::try_from(n).unwrap_or(usize::MAX), "byte"),
                MAX_MESSAGE / (1024 * 1024)
            ),
        )),
        Frame::Malformed(why) => Err(error(
            Value::Null,
            PARSE_ERROR,
            format!("parse error: malformed frame: {why}"),
        )),
        Frame::Body(bytes) => {
            let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
                error(
                    Value::Null,
                    PARSE_ERROR,
                    format!("parse error: the message is not JSON: {e}"),
                )
            })?;
            let id = match value.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
                _ => Value::Null,
            };
            let invalid = |why: String| {
                error(
                    id.clone(),
                    INVALID_REQUEST,
                    format!("invalid request: {why}"),
                )
            };
            // a request or notification has a method; a response, a result or an error
            let shape_ok = value.get("method").is_some_and(Value::is_string)
                || (value.get("id").is_some()
                    && (value.get("result").is_some() || value.get("error").is_some()));
            if !shape_ok {
                return Err(invalid(
                    "not a JSON-RPC request, response or notification".into(),
                ));
            }
            serde_json::from_value::<Message>(value).map_err(|e| invalid(e.to_string()))
        }
    }
}

/// Write one frame with `body` (under the stdout lock, so frames never interleave).
fn write_frame(out: &mut impl Write, body: &[u8]) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body)?;
    out.flush()
}

/// The reader and writer threads.
pub(crate) struct IoThreads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Wait for both threads (after the connection was dropped).
    pub(crate) fn join(self) -> io::Result<()> {
        let _ = self.reader.join();
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

/// A connection over stdin/stdout with the bounded reader described in the module doc.
pub(crate) fn stdio() -> (Connection, IoThreads) {
    let (to_writer, writer_rx) = crossbeam_channel::unbounded::<Message>();
    let (reader_tx, from_reader) = crossbeam_channel::bounded::<Message>(0);
    let writer = thread::Builder::new()
        .name("guidepress-lsp-writer".into())
        .spawn(move || {
            for msg in writer_rx {
                msg.write(&mut io::stdout().lock())?;
            }
            Ok(())
        })
        .expect("spawn the LSP writer thread");
    let reader = thread::Builder::new()
        .name("guidepress-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            while let Ok(Some(frame)) = read_frame(&mut input) {
                match decode(frame) {
                    Ok(msg) => {
                        let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                        if reader_tx.send(msg).is_err() || exit {
                            return;
                        }
                    }
                    Err(answer) => {
                        let body = answer.to_string();
                        if write_frame(&mut io::stdout().lock(), body.as_bytes()).is_err() {
                            return;
                        }
                    }
                }
            }
        })
        .expect("spawn the LSP reader thread");
    (
        Connection {
            sender: to_writer,
            receiver: from_reader,
        },
        IoThreads { reader, writer },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Frame> {
        let mut r = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = read_frame(&mut r).unwrap() {
            out.push(f);
        }
        out
    }

    #[test]
    fn reads_frames_and_keeps_going_after_bad_ones() {
        let input = b"Content-Length: 2\r\n\r\n{}\
Content-Length: nope\r\n\r\n\
garbage line\r\n\r\n\
Content-Length: 99999999999999\r\n\r\n";
        let got = frames(input);
        assert_eq!(got[0], Frame::Body(b"{}".to_vec()));
        assert!(
            matches!(&got[1], Frame::Malformed(m) if m.contains("nope")),
            "{got:?}"
        );
        assert!(
            matches!(&got[2], Frame::Malformed(m) if m.contains("garbage")),
            "{got:?}"
        );
        // the promised body never arrives: end of input, nothing allocated for it
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn an_oversized_body_is_skipped_not_kept() {
        let big = MAX_MESSAGE + 10;
        let mut input = format!("Content-Length: {big}\r\n\r\n").into_bytes();
        input.extend(std::iter::repeat_n(b' ', big));
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n[]");
        let got = frames(&input);
        assert_eq!(
            got,
            [Frame::TooLarge(big as u64), Frame::Body(b"[]".to_vec())]
        );
    }

    #[test]
    fn errors_are_json_rpc_errors() {
        let e = decode(Frame::Body(b"{not json".to_vec())).unwrap_err();
        assert_eq!(e["error"]["code"], PARSE_ERROR);
        assert_eq!(e["id"], Value::Null);
        let e = decode(Frame::Body(br#"{"id": 7, "x": 1}"#.to_vec())).unwrap_err();
        assert_eq!(e["error"]["code"], INVALID_REQUEST);
        assert_eq!(e["id"], 7);
        let e = decode(Frame::TooLarge(1 << 40)).unwrap_err();
        assert!(e["error"]["message"].as_str().unwrap().contains("16 MiB"));
        assert!(
            decode(Frame::Body(
                br#"{"jsonrpc":"2.0","method":"exit"}"#.to_vec()
            ))
            .is_ok()
        );
    }
}
