//! `glimmer activities`, `activity` and `plan` end to end, as a careless
//! script would drive them: stdin closed, odd flags. Every refusal is one
//! clear sentence and exit 1, and changes nothing.

use serde_json::Value;

use crate::cli::{failed_with, glimmer, ok_json};

fn len(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

#[test]
fn activities_and_plans_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "a long pass phrase";
    let run = |args: &[&str]| glimmer(&v, p, args, None);
    ok_json(run(&["init", "--json"]));

    let library = ok_json(run(&["activities", "--json"]));
    assert!(len(&library) >= 38);
    let text = String::from_utf8(run(&["activities"]).stdout).unwrap();
    assert!(
        text.contains("Mind, body and spirituality") && text.contains("tiny: "),
        "{text}"
    );

    let duck = ok_json(run(&[
        "activity",
        "add",
        "Feed the ducks",
        "--area",
        "recreation",
        "--tiny",
        "Bring bread, or just look",
        "--minutes",
        "20",
        "--json",
    ]));
    assert_eq!(
        (duck["area"].as_str(), duck["minutes"].as_u64()),
        (Some("recreation"), Some(20))
    );

    // Daily three times from the day before New York's clocks go forward.
    let planned = ok_json(run(&[
        "plan",
        "add",
        "feed the ducks",
        "--at",
        "2030-03-09 02:30",
        "--repeat",
        "FREQ=DAILY;COUNT=3",
        "--tz",
        "America/New_York",
        "--predict",
        "4",
        "--remind",
        "30",
        "--json",
    ]));
    assert_eq!(planned["plan"]["rule"], "FREQ=DAILY;COUNT=3");
    let plan_id = planned["plan"]["id"].as_str().unwrap().to_string();
    assert_eq!(planned["next"]["id"], format!("{plan_id}@2030-03-09"));
    let once = ok_json(run(&[
        "plan",
        "add",
        "Stretch",
        "--on",
        "2030-03-10",
        "--tz",
        "Europe/Berlin",
        "--json",
    ]));
    assert!(once["plan"]["start_time"].is_null());

    let list = ok_json(run(&[
        "plan",
        "list",
        "--from",
        "2030-03-08",
        "--to",
        "2030-03-12",
        "--json",
    ]));
    let shown: Vec<(String, String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["date"].as_str().unwrap().to_string(),
                o["time"].as_str().unwrap_or("sometime").to_string(),
                o["activity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        shown,
        [
            s("2030-03-09", "02:30:00", "Feed the ducks"),
            // Berlin's day starts before New York's 03:30.
            s("2030-03-10", "sometime", "Stretch"),
            s("2030-03-10", "03:30:00", "Feed the ducks"),
            s("2030-03-11", "02:30:00", "Feed the ducks"),
        ]
    );
    let first = list[0]["id"].as_str().unwrap().to_string();
    let second = list[2]["id"].as_str().unwrap().to_string();
    let done = ok_json(run(&[
        "plan",
        "done",
        &first,
        "--enjoyment",
        "7",
        "--mastery",
        "5",
        "--intensity",
        "4",
        "--json",
    ]));
    assert_eq!(
        (done["status"].as_str(), done["enjoyment"].as_u64()),
        (Some("done"), Some(7))
    );
    assert_eq!(done["predicted"], 4);
    let partly = ok_json(run(&[
        "plan",
        "partly",
        &second,
        "--enjoyment",
        "6",
        "--json",
    ]));
    assert_eq!(partly["status"], "partly");
    let skipped = ok_json(run(&[
        "plan",
        "skip",
        list[3]["id"].as_str().unwrap(),
        "--json",
    ]));
    assert_eq!(skipped["status"], "not_today");
    let text = String::from_utf8(
        run(&["plan", "list", "--from", "2030-03-08", "--to", "2030-03-12"]).stdout,
    )
    .unwrap();
    assert!(
        text.contains("[done]") && text.contains("[not today]") && text.contains(&first),
        "{text}"
    );

    let insights = ok_json(run(&["plan", "insights", "--json"]));
    assert_eq!(insights["mean_gap"], 2.5, "(7 − 4 + 6 − 4) / 2");
    assert!(
        insights["gap_sentence"].is_null(),
        "two pairs are too few for the sentence"
    );
    assert_eq!(len(&insights["week"]), 7);
    assert_eq!(len(&insights["intensity"]["after"]), 1);
    let text = String::from_utf8(run(&["plan", "insights"]).stdout).unwrap();
    assert!(
        text.contains(glimmer::activation::GAP_EMPTY) && text.contains("This week:"),
        "{text}"
    );
    assert!(
        text.contains("Noted right after an activity: 4.0 on average (once)."),
        "{text}"
    );
    let svg = dir.path().join("gap.svg");
    let svg_arg = svg.to_str().unwrap();
    let written = ok_json(run(&[
        "plan",
        "insights",
        "--chart",
        "predicted-actual",
        "--out",
        svg_arg,
        "--theme",
        "dark",
        "--json",
    ]));
    assert!(written["message"].as_str().unwrap().contains("gap.svg"));
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(
        drawn.starts_with("<svg") && drawn.contains("after three, the comparison shows here"),
        "{drawn}"
    );
    // A chart needs a file to go to, and a file a chart.
    failed_with(&run(&["plan", "insights", "--chart", "week"]), "--out");
    let later = ok_json(run(&[
        "plan",
        "insights",
        "--since",
        "2030-03-11",
        "--json",
    ]));
    assert!(later["mean_gap"].is_null(), "{later}");

    let ics = dir.path().join("plans.ics");
    let out = run(&["plan", "export", "--ics", ics.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cal = std::fs::read_to_string(&ics).unwrap();
    assert!(
        cal.contains("DTSTART;TZID=America/New_York:20300309T023000\r\n"),
        "{cal}"
    );
    assert!(cal.contains("RRULE:FREQ=DAILY;COUNT=3\r\n"));
    assert!(cal.contains("DTSTART;VALUE=DATE:20300310\r\n"));

    let picked = ok_json(run(&["activity", "pick", "--seed", "3", "--json"]));
    assert_eq!(
        picked,
        ok_json(run(&["activity", "pick", "--seed", "3", "--json"]))
    );
    assert!(!picked["tiny"].as_str().unwrap().is_empty());
}

#[test]
fn careless_plan_commands_are_refused_plainly_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "a long pass phrase";
    let run = |args: &[&str]| glimmer(&v, p, args, None);
    ok_json(run(&["init", "--json"]));
    ok_json(run(&[
        "plan",
        "add",
        "Stretch",
        "--at",
        "2030-01-07 08:00",
        "--tz",
        "UTC",
        "--json",
    ]));
    let plans_before = run(&[
        "plan",
        "list",
        "--from",
        "2030-01-01",
        "--to",
        "2030-02-01",
        "--json",
    ])
    .stdout;
    let library_before = run(&["activities", "--all", "--json"]).stdout;
    let fake = "01900000-0000-7000-8000-0000000000ff@2030-01-07";

    for (args, words) in [
        (
            vec!["plan", "add", "Juggling", "--on", "today"],
            "No activity matches “Juggling”",
        ),
        (vec!["plan", "add", "Stretch"], "Say when"),
        (
            vec!["plan", "add", "Stretch", "--at", "tomorrow 9am"],
            "not a day and time",
        ),
        (
            vec!["plan", "add", "Stretch", "--at", "2030-02-30 09:00"],
            "not a date",
        ),
        (
            vec!["plan", "add", "Stretch", "--at", "2030-01-08 25:00"],
            "not a day and time",
        ),
        (
            vec!["plan", "add", "Stretch", "--on", "someday"],
            "not a date",
        ),
        (
            vec![
                "plan",
                "add",
                "Stretch",
                "--on",
                "2030-01-08",
                "--repeat",
                "FREQ=MONTHLY",
            ],
            "daily or weekly",
        ),
        (
            vec![
                "plan",
                "add",
                "Stretch",
                "--on",
                "2030-01-08",
                "--repeat",
                "FREQ=DAILY;COUNT=0",
            ],
            "whole number",
        ),
        (
            vec![
                "plan",
                "add",
                "Stretch",
                "--on",
                "2030-01-08",
                "--tz",
                "Mars/Base",
            ],
            "not a time zone",
        ),
        (
            vec![
                "plan",
                "add",
                "Stretch",
                "--on",
                "2030-01-08",
                "--predict",
                "11",
            ],
            "0 to 10",
        ),
        (
            vec![
                "plan",
                "add",
                "Stretch",
                "--on",
                "2030-01-08",
                "--remind",
                "10",
            ],
            "needs a time of day",
        ),
        (
            vec![
                "plan",
                "add",
                "Stretch",
                "--on",
                "2030-01-08",
                "--predict",
                "-1",
            ],
            "unexpected argument '-1'",
        ),
        (
            vec![
                "plan",
                "add",
                "Stretch",
                "--at",
                "2030-01-08 09:00",
                "--on",
                "2030-01-08",
            ],
            "cannot be used with",
        ),
        (
            vec!["plan", "done", "not-an-id"],
            "not the id of a planned activity",
        ),
        (
            vec!["plan", "done", fake, "--enjoyment", "5"],
            "`glimmer plan list` shows the plans' ids",
        ),
        (
            vec!["plan", "done", fake, "--enjoyment", "12"],
            "Enjoyment goes from 0 to 10",
        ),
        (vec!["plan", "done"], "required"),
        (
            vec![
                "plan",
                "skip",
                "01900000-0000-7000-8000-0000000000ff@2030-13-01",
            ],
            "not the id",
        ),
        (
            vec!["plan", "list", "--from", "2030-02-01", "--to", "2030-01-01"],
            "before --from",
        ),
        (vec!["plan", "stop", "nope"], "not the id of a plan"),
        (vec!["plan", "export"], "--ics"),
        (vec!["plan", "frobnicate"], "unrecognized subcommand"),
        (vec!["activity", "add", "Swim"], "--area"),
        (
            vec!["activity", "add", "Swim", "--area", "sports"],
            "not a life area",
        ),
        (
            vec!["activity", "add", "stretch", "--area", "mind-body"],
            "already an activity",
        ),
        (
            vec![
                "activity",
                "add",
                "Swim",
                "--area",
                "mind-body",
                "--minutes",
                "0",
            ],
            "Minutes go from 1",
        ),
        (vec!["activity", "edit", "Stretch"], "Nothing to change"),
        (
            vec!["activity", "hide", "Juggling"],
            "`glimmer activities --all` shows them",
        ),
        (vec!["areas", "--set", "hobbies", "Fun"], "not a life area"),
    ] {
        let out = run(&args);
        failed_with(&out, words);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        // Glimmer's own refusals are one line; clap's usage errors add the usage.
        if !err.starts_with("error:") {
            assert_eq!(
                err.trim().lines().count(),
                1,
                "one sentence for {args:?}: {err}"
            );
        }
    }
    let out = run(&[
        "plan",
        "export",
        "--ics",
        dir.path().join("no/such/dir/x.ics").to_str().unwrap(),
    ]);
    failed_with(&out, "could not write");
    assert_eq!(
        run(&[
            "plan",
            "list",
            "--from",
            "2030-01-01",
            "--to",
            "2030-02-01",
            "--json"
        ])
        .stdout,
        plans_before,
        "nothing changed"
    );
    assert_eq!(
        run(&["activities", "--all", "--json"]).stdout,
        library_before
    );
    // With --json, the error is JSON too.
    let out = run(&["plan", "done", fake, "--json"]);
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "not_found");
}

#[test]
fn an_activity_is_found_by_a_part_of_its_name_when_only_one_fits() {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    assert!(glimmer(&v, p, &["init", "--json"], None).status.success());
    let names: Vec<String> = ok_json(glimmer(&v, p, &["activities", "--json"], None))
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_lowercase())
        .collect();
    // A word in exactly one starter name, and one in several.
    let words = ["sun", "walk", "music", "tea", "stretch", "window"];
    let one = words
        .iter()
        .find(|w| names.iter().filter(|n| n.contains(*w)).count() == 1)
        .expect("a word in one name");
    let out = glimmer(
        &v,
        p,
        &["plan", "add", one, "--on", "2030-01-07", "--json"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let many = ["a", "the", "e"]
        .iter()
        .find(|w| names.iter().filter(|n| n.contains(*w)).count() > 1)
        .unwrap();
    failed_with(
        &glimmer(&v, p, &["plan", "add", many, "--on", "2030-01-07"], None),
        "more than one activity",
    );
}
