#!/usr/bin/env python3
"""Timer accuracy on the real clock, for docs/benchmarks.md (never pass/fail).

Runs `glimmer timer run --minutes M --bell-every B` in a pipe on a throwaway
vault and times each terminal bell (BEL) from the "Starting" line, against
the exact schedule: drift = when it rang - when it was due. Also reports the
CPU the process used between the start and the end (it sleeps between
events; nothing busy-waits).

    scripts/bench-timer.py [GLIMMER_BIN] [MINUTES=2] [BELL_EVERY=0.5]
"""
import os
import subprocess
import sys
import tempfile
import time

glimmer = sys.argv[1] if len(sys.argv) > 1 else "target/release/glimmer"
minutes = sys.argv[2] if len(sys.argv) > 2 else "2"
every = sys.argv[3] if len(sys.argv) > 3 else "0.5"

vault = tempfile.mkdtemp()
env = dict(os.environ, GLIMMER_VAULT=os.path.join(vault, "v"), GLIMMER_PASSWORD="bench timer drift")
subprocess.run([glimmer, "init", "--json"], env=env, check=True, stdout=subprocess.DEVNULL)

ticks = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


p = subprocess.Popen(
    [glimmer, "timer", "run", "--minutes", minutes, "--bell-every", every],
    env=env, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
)
start = cpu_start = None
bells, seen = [], b""
while True:
    chunk = os.read(p.stdout.fileno(), 4096)
    now = time.monotonic_ns()
    if not chunk:
        break
    for byte in chunk:
        seen += bytes([byte])
        if start is None and seen.endswith(b"\n") and b"Starting" in seen:
            start, cpu_start = now, cpu_ms(p.pid)
        if byte == 7:
            bells.append((now - start) / 1e6)
            cpu_end = cpu_ms(p.pid)
p.wait()

total = round(float(minutes) * 60) * 1000
step = round(float(every) * 60) * 1000
due = list(range(step, total, step)) + [total]
print("| bell | due | rang | drift |")
print("|---|---|---|---|")
for i, (rang, at) in enumerate(zip(bells, due)):
    name = "end" if at == total else str(i + 1)
    print(f"| {name} | {at} ms | {rang:.1f} ms | {rang - at:+.1f} ms |")
print(f"\nCPU between start and end: {cpu_end - cpu_start:.0f} ms "
      f"(clock resolution {1000 / ticks:.0f} ms)")
