#!/usr/bin/env python3
"""Writes tests/core/fixtures/rrule.json: repeating plans expanded by an
independent implementation (python-dateutil's rrule on zoneinfo), for the Rust
test that compares Glimmer's own expansion with it.

Each case is a start (date, wall time or none, IANA zone) and an RFC 5545 rule
of the subset Glimmer offers, drawn at random with a fixed seed and weighted
towards the days around DST changes in America/New_York and Europe/Berlin.
Its expected occurrences are local times with their UTC offset: dateutil keeps
the wall time, and a wall time that does not exist (the spring-forward hour)
is read with the offset before the gap and one that happens twice means the
first, as RFC 5545 section 3.3.5 says (Python's fold=0 does both).

Run from the repository root: python3 scripts/gen-rrule-fixtures.py
"""

import json
import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import dateutil
from dateutil import rrule

SEED = 5545
CASES = 400
# Rules that never end are compared on their first occurrences only.
LIMIT = 40
ZONES = ["America/New_York", "Europe/Berlin"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY = {name: getattr(rrule, name) for name in DAYS}


def dst_changes(zone, years):
    """The local dates on which the zone's UTC offset changes."""
    tz = ZoneInfo(zone)
    out = []
    for year in years:
        t = datetime(year, 1, 1, 12, tzinfo=timezone.utc)
        prev = t.astimezone(tz).utcoffset()
        while t.year == year:
            t += timedelta(hours=1)
            off = t.astimezone(tz).utcoffset()
            if off != prev:
                out.append(t.astimezone(tz).date())
                prev = off
    return out


def start_time(rng):
    """Mostly the small hours, where the DST changes are, and some ordinary times."""
    if rng.random() < 0.5:
        return time(rng.choice([0, 1, 2, 3]), rng.choice([0, 15, 30, 45, rng.randrange(60)]))
    return time(rng.randrange(24), rng.randrange(60))


def case(rng, changes):
    zone = rng.choice(ZONES)
    tz = ZoneInfo(zone)
    r = rng.random()
    if r < 0.35:
        # On the change or a whole number of days or weeks before it, inside
        # the hour that is skipped or repeated, so the rule lands in it.
        start = rng.choice(changes[zone]) - timedelta(days=rng.choice([0, 0, 1, 2, 3, 7, 14]))
        wall = time(rng.choice([1, 2]), rng.randrange(60))
    elif r < 0.85:
        start = rng.choice(changes[zone]) + timedelta(days=rng.randrange(-21, 6))
        wall = start_time(rng)
    else:
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        wall = start_time(rng)
    timed = rng.random() < 0.9
    if not timed:
        wall = None

    freq = rng.choice(["DAILY", "WEEKLY"])
    interval = 1 if rng.random() < 0.5 else rng.randrange(2, 5)
    r = rng.random()
    if r < 0.4:
        byday = []
    elif r < 0.55:
        byday = DAYS[:5]
    else:
        byday = sorted(rng.sample(DAYS, rng.randrange(1, 5)), key=DAYS.index)
    wkst = "MO" if rng.random() < 0.7 else rng.choice(DAYS)

    if timed:
        dtstart = datetime.combine(start, wall, tzinfo=tz)
    else:
        dtstart = datetime.combine(start, time(0, 0))
    kwargs = dict(dtstart=dtstart, interval=interval, wkst=WEEKDAY[wkst])
    if byday:
        kwargs["byweekday"] = [WEEKDAY[d] for d in byday]

    parts = [f"FREQ={freq}"]
    if interval != 1 or rng.random() < 0.2:
        parts.append(f"INTERVAL={interval}")
    if byday:
        parts.append("BYDAY=" + ",".join(byday))
    if wkst != "MO" or rng.random() < 0.1:
        parts.append(f"WKST={wkst}")

    end = rng.random()
    if end < 0.35:
        count = rng.randrange(1, LIMIT + 1)
        kwargs["count"] = count
        parts.append(f"COUNT={count}")
    elif end < 0.7:
        if timed:
            # Any instant up to ~4 months on, to the minute, in UTC as RFC 5545 asks.
            first = dtstart.astimezone(timezone.utc)
            until = (first + timedelta(minutes=rng.randrange(-60, 120 * 24 * 60))).replace(second=0)
            kwargs["until"] = until
            parts.append(until.strftime("UNTIL=%Y%m%dT%H%M%SZ"))
        else:
            until = start + timedelta(days=rng.randrange(0, 120))
            kwargs["until"] = datetime.combine(until, time(0, 0))
            parts.append(until.strftime("UNTIL=%Y%m%d"))
    rng.shuffle(parts)  # RFC 5545 allows the parts in any order

    freq_const = rrule.DAILY if freq == "DAILY" else rrule.WEEKLY
    occurrences = []
    complete = True
    for i, dt in enumerate(rrule.rrule(freq_const, **kwargs)):
        if i == LIMIT:
            complete = False
            break
        if timed:
            # fold=0: a gap is read with the offset before it, a fold means its first time.
            resolved = dt.replace(fold=0).astimezone(timezone.utc).astimezone(tz)
            occurrences.append(resolved.isoformat())
        else:
            occurrences.append(dt.date().isoformat())
    return {
        "tz": zone,
        "start": start.isoformat(),
        "time": wall.strftime("%H:%M") if timed else None,
        "rule": ";".join(parts),
        "complete": complete,
        "occurrences": occurrences,
    }


def main():
    rng = random.Random(SEED)
    changes = {z: dst_changes(z, range(2024, 2028)) for z in ZONES}
    cases = [case(rng, changes) for _ in range(CASES)]
    out = Path(__file__).resolve().parent.parent / "tests/core/fixtures/rrule.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "generated_by": f"scripts/gen-rrule-fixtures.py with python-dateutil {dateutil.__version__}, seed {SEED}",
        "cases": cases,
    }
    # One case a line: small, and a regenerated file diffs case by case.
    lines = ",\n".join(json.dumps(c) for c in cases)
    out.write_text(f'{{"generated_by": {json.dumps(doc["generated_by"])},\n"cases": [\n{lines}\n]}}\n')
    print(f"{len(cases)} cases written to {out}")


if __name__ == "__main__":
    main()
