//! The `ada-stand-in` binary as scripts use it: the one announcement line on stdout, the
//! per-request log on stderr (without tokens or queries), `--help`, flag errors, and a clean
//! exit on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BINARY: &str = env!("CARGO_BIN_EXE_ada-stand-in");
const TOKEN: &str = "cli-secret-token";

fn run(arguments: &[&str]) -> Output {
    Command::new(BINARY)
        .args(arguments)
        .output()
        .expect("run the binary")
}

/// The announced address, read from the first stdout line within a deadline.
fn announced_address(child: &mut Child) -> (String, BufReader<std::process::ChildStdout>) {
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        sender.send((line, stdout)).unwrap();
    });
    let (line, stdout) = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("the announcement line");
    let address = line
        .strip_suffix('\n')
        .and_then(|line| line.strip_prefix("ada-stand-in listening on http://"))
        .unwrap_or_else(|| panic!("unexpected announcement: {line:?}"))
        .to_owned();
    (address, stdout)
}

fn http_get(address: &str, path_and_query: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path_and_query} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {TOKEN}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

fn wait_for_exit(child: &mut Child, deadline: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(started.elapsed() < deadline, "the stand-in did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_on_a_free_port_logs_requests_and_stops_on_sigterm() {
    let mut child = Command::new(BINARY)
        .args([
            "--port",
            "0",
            "--token",
            TOKEN,
            "--seed-webhooks",
            "3",
            "--no-rate-limit",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (address, mut stdout) = announced_address(&mut child);
    let (host, port) = address.rsplit_once(':').unwrap();
    assert_eq!(host, "127.0.0.1");
    assert_ne!(port.parse::<u16>().unwrap(), 0);

    let response = http_get(&address, "/api/v2/webhooks/?limit=2");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.contains(&format!(
        "\"next_page_url\":\"http://{address}/api/v2/webhooks/?cursor=ep_"
    )));

    let terminated = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    assert!(wait_for_exit(&mut child, Duration::from_secs(15)).success());

    let mut rest_of_stdout = String::new();
    stdout.read_to_string(&mut rest_of_stdout).unwrap();
    assert_eq!(rest_of_stdout, "", "exactly one line on stdout");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let line = stderr
        .lines()
        .find(|line| line.starts_with("GET /api/v2/webhooks/ 200 "))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.ends_with("ms"), "{line}");
    assert!(
        !stderr.contains(TOKEN) && !stderr.contains("limit=2"),
        "{stderr}"
    );
}

#[test]
fn help_documents_every_flag() {
    let output = run(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for flag in [
        "--host",
        "--port",
        "--token",
        "--seed-webhooks",
        "--no-rate-limit",
        "--rate-limit-per-second",
        "--rate-limit-per-minute",
        "--cors-origin",
        "--public-url",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
}

#[test]
fn bad_flags_are_refused() {
    for arguments in [
        &["--port", "0"][..],
        &["--token", "t", "--cors-origin", "http://localhost:8080/"],
        &["--token", "t", "--cors-origin", "localhost:8080"],
        &["--token", "t", "--public-url", "demo.example"],
        &["--token", "t", "--rate-limit-per-second", "0"],
    ] {
        let output = run(arguments);
        assert!(!output.status.success(), "{arguments:?}");
        assert!(output.stdout.is_empty(), "{arguments:?}");
        assert!(!output.stderr.is_empty(), "{arguments:?}");
    }
}
