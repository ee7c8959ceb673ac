//! `glimmer timer` end to end: a short real timer rings and is logged, Ctrl+C
//! keeps the time sat, sessions are added by hand, and mistakes get one
//! plain sentence.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use glimmer::mindful::{LIGHT_HEADED, Pace};
use glimmer::{Credential, Secret, Settings, Vault};
use serde_json::Value;

use crate::cli::{glimmer, ok_json};

const PASS: &str = "a slow walk at dusk";

fn refused(out: std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

fn bels(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == 0x07).count()
}

#[test]
fn a_short_timer_rings_completes_and_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let run = |args: &[&str]| glimmer(&v, PASS, args, None);
    ok_json(run(&["init", "--json"]));

    let presets = ok_json(run(&["timer", "presets", "--json"]));
    let ids: Vec<&str> = presets
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 9);
    assert_eq!(ids[0], "senses-minute");

    // 0.05 minutes is 3 s; a bell every 0.01 minutes (0.6 s) rounds to one
    // every second. Bells at 1 s and 2 s, then the end at 3 s rings too:
    // three terminal bells.
    let out = run(&["timer", "run", "--minutes", "0.05", "--bell-every", "0.01"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        bels(&out.stdout),
        3,
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Starting “Timer” (3 seconds)"), "{text}");
    assert_eq!(text.matches("· bell").count(), 2, "{text}");
    assert!(
        text.contains("Done: 0:03 of “Timer”. It's in your log."),
        "{text}"
    );

    // Silent: bells at 0 and 1.2 s, none written.
    let out = run(&[
        "timer",
        "run",
        "--minutes",
        "0.03",
        "--bells",
        "0,0.02",
        "--no-bell",
        "--delay",
        "1",
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(bels(&out.stdout), 0);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Settling in for 1 second.") && text.contains("Begin."),
        "{text}"
    );

    let log = ok_json(run(&["timer", "log", "--json"]));
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2);
    let first = &log[1];
    assert_eq!(first["completed"], true);
    assert_eq!(first["manual"], false);
    assert_eq!(first["actual_seconds"], 3);
    assert_eq!(first["planned_seconds"], 3);
    assert_eq!(first["name"], "Timer");
    assert!(first["preset_id"].is_null());
    let text = String::from_utf8(run(&["timer", "log"]).stdout).unwrap();
    assert!(text.contains("Timer  0:03, finished"), "{text}");
}

/// Starts `glimmer timer run ARGS`, sends SIGINT (Ctrl+C) after about
/// 1.3 s, and returns the first line and the rest of what it printed.
#[cfg(unix)]
fn interrupted(vault: &Path, args: &[&str]) -> (String, String) {
    signalled(vault, args, "-INT")
}

/// The same with another signal, e.g. "-TERM".
#[cfg(unix)]
fn signalled(vault: &Path, args: &[&str], signal: &str) -> (String, String) {
    let mut child = spawn(vault, args);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    // Printed once Ctrl+C is Glimmer's to handle.
    stdout.read_line(&mut first).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1_300));
    let kill = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    let mut stderr = child.stderr.take().unwrap();
    stderr.read_to_string(&mut err).unwrap();
    assert!(status.success(), "{status:?}: {err}");
    (first, rest)
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_timer_and_keeps_the_time_sat() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    ok_json(glimmer(&v, PASS, &["init", "--json"], None));
    let (first, rest) = interrupted(
        &v,
        &["timer", "run", "--minutes", "1", "--bell-every", "0.5"],
    );
    assert!(first.starts_with("Starting “Timer” (1 minute)"), "{first}");
    // About 1.3 s sat; a busy machine may take a moment longer to deliver the signal.
    let sat = log_seconds(&rest);
    assert!((1..=3).contains(&sat), "{rest}");
    assert!(
        rest.contains(&format!(
            "Stopped at 0:0{sat}. That time counts, and it's in your log."
        )),
        "{rest}"
    );
    assert_eq!(bels(rest.as_bytes()), 0, "no bell when stopped before any");

    let log = ok_json(glimmer(&v, PASS, &["timer", "log", "--json"], None));
    let s = &log[0];
    assert_eq!(s["completed"], false, "stopped early");
    assert_eq!(s["actual_seconds"], sat);
    assert_eq!(s["planned_seconds"], 60);
    let text = String::from_utf8(glimmer(&v, PASS, &["timer", "log"], None).stdout).unwrap();
    assert!(
        text.contains(&format!("0:0{sat} of 1:00, stopped early")),
        "{text}"
    );

    // Open-ended: stopping is its end, so it is logged as finished.
    let (first, rest) = interrupted(&v, &["timer", "run", "--open"]);
    assert!(
        first.starts_with("Starting “Timer” (open-ended)"),
        "{first}"
    );
    assert!(rest.contains("Done: 0:0"), "{rest}");
    let log = ok_json(glimmer(&v, PASS, &["timer", "log", "--json"], None));
    assert_eq!(log[0]["completed"], true);
    assert!(log[0]["planned_seconds"].is_null());
}

/// A breathing guide says once, before it starts, that light-headedness
/// means stop; its pace comes from `--pace`, or else from the settings.
#[cfg(unix)]
#[tokio::test]
async fn a_breathing_guide_says_first_to_stop_if_light_headed_and_keeps_the_pace() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    ok_json(glimmer(&v, PASS, &["init", "--json"], None));
    let (first, rest) = interrupted(&v, &["timer", "run", "4-7-8 breathing", "--pace", "slower"]);
    assert!(
        first.starts_with("Starting “4-7-8 breathing” (4 breaths, 1 minute 35 seconds)"),
        "{first}"
    );
    assert_eq!(rest.matches(LIGHT_HEADED).count(), 1, "{rest}");
    let settling = rest
        .find("Settling in for 5 seconds.")
        .expect("settling in");
    assert!(rest.find(LIGHT_HEADED).unwrap() < settling, "{rest}");

    // The pace chosen on the Breathe page, without --pace.
    let vault = Vault::unlock(&v, &Credential::Passphrase(Secret::new(PASS)))
        .await
        .unwrap();
    let faster = Settings {
        breath_pace: Pace::Faster,
        ..Settings::default()
    };
    vault.settings().save(&faster).await.unwrap();
    vault.lock().await;
    let (first, _) = interrupted(&v, &["timer", "run", "breathing-478"]);
    assert!(first.contains("(4 breaths, 57 seconds)"), "{first}");
}

/// A polite kill (SIGTERM) or a closed terminal (SIGHUP) stops the timer
/// as Ctrl+C does: the time sat is logged as stopped early.
#[cfg(unix)]
#[test]
fn sigterm_and_sighup_stop_the_timer_and_keep_the_time_sat() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    ok_json(glimmer(&v, PASS, &["init", "--json"], None));
    for signal in ["-TERM", "-HUP"] {
        let (first, rest) = signalled(&v, &["timer", "run", "--minutes", "5"], signal);
        assert!(first.starts_with("Starting “Timer” (5 minutes)"), "{first}");
        let sat = log_seconds(&rest);
        assert!((1..=3).contains(&sat), "{signal}: {rest}");
        let log = ok_json(glimmer(&v, PASS, &["timer", "log", "--json"], None));
        let s = &log[0];
        assert_eq!(s["completed"], false, "{signal}: stopped early");
        assert_eq!(s["actual_seconds"], sat, "{signal}");
        assert_eq!(s["planned_seconds"], 300, "{signal}");
    }
    let log = ok_json(glimmer(&v, PASS, &["timer", "log", "--json"], None));
    assert_eq!(log.as_array().unwrap().len(), 2);
}

/// The seconds in "Stopped at 0:0N".
fn log_seconds(text: &str) -> u64 {
    let at = text.find("Stopped at 0:0").expect("a stop line") + "Stopped at 0:0".len();
    text[at..at + 1].parse().unwrap()
}

fn spawn(vault: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_glimmer"))
        .args(args)
        .env("GLIMMER_VAULT", vault)
        .env("GLIMMER_PASSWORD", PASS)
        .env_remove("GLIMMER_PASSWORD_FILE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn sessions_added_by_hand_count_in_the_weekly_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let run = |args: &[&str]| glimmer(&v, PASS, args, None);
    ok_json(run(&["init", "--json"]));
    let added = ok_json(run(&[
        "timer",
        "add",
        "--minutes",
        "15",
        "--at",
        "2025-03-12 07:30",
        "--name",
        "Sitting by the window",
        "--before",
        "2",
        "--after",
        "4",
        "--json",
    ]));
    assert_eq!(added["manual"], true);
    assert_eq!(added["actual_seconds"], 900);
    ok_json(run(&[
        "timer",
        "add",
        "--minutes",
        "2.5",
        "--at",
        "2025-03-16 21:00",
        "--json",
    ]));

    let i = ok_json(run(&[
        "timer",
        "insights",
        "--since",
        "2025-03-01",
        "--json",
    ]));
    let weeks = i["weeks"].as_array().unwrap();
    assert_eq!(weeks[0]["week_start"], "2025-03-10");
    assert_eq!(weeks[0]["minutes"], 17.5);
    assert_eq!(weeks[0]["sessions"], 2);
    assert!(weeks.iter().skip(1).all(|w| w["sessions"] == 0));
    assert_eq!(i["pairs"], 1);
    assert_eq!(i["intensity_after"], 4.0);

    let svg = dir.path().join("weeks.svg");
    let said = ok_json(run(&[
        "timer",
        "insights",
        "--chart",
        "minutes-per-week",
        "--out",
        svg.to_str().unwrap(),
        "--json",
    ]));
    assert!(
        said["message"]
            .as_str()
            .unwrap()
            .starts_with("Chart written")
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("Minutes of practice each week"), "{svg}");
}

#[test]
fn mistakes_get_one_plain_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let run = |args: &[&str]| glimmer(&v, PASS, args, None);
    ok_json(run(&["init", "--json"]));
    let cases: [(&[&str], &str); 6] = [
        (
            &["timer", "run", "--minutes", "ten"],
            "--minutes takes minutes, like 10 or 0.5; “ten” is not a number.",
        ),
        (
            &["timer", "run", "--minutes", "10", "--bell-every", "12"],
            "A bell every 12 minutes is longer than the whole timer (10 minutes); choose a shorter interval.",
        ),
        (
            &["timer", "run", "--minutes", "10", "--bells", "2,11"],
            "A bell at 11 minutes comes after the timer ends (10 minutes); bells go from 0 to the end.",
        ),
        (
            &["timer", "run", "--minutes", "5", "--delay", "300"],
            "The time to settle in goes from 0 to 120 seconds; 300 is outside that.",
        ),
        (
            &["timer", "run", "evening sit"],
            "No timer matches “evening sit”. `glimmer timer presets` lists the timers; `glimmer timer log` the sessions.",
        ),
        (
            &["timer", "add", "--minutes", "5", "--at", "2025-13-01 07:00"],
            "“2025-13-01” is not a date like 2026-03-14. Nothing was changed.",
        ),
    ];
    for (args, words) in cases {
        let err = refused(run(args));
        assert!(err.contains(words), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    let log: Value = ok_json(run(&["timer", "log", "--json"]));
    assert!(log.as_array().unwrap().is_empty(), "nothing was logged");
}
