// End-to-end harness: drives the real Glimmer binary through tauri-driver
// (which wraps WebKitWebDriver) with WebdriverIO's standalone API.
// Run it via scripts/e2e.sh, which provides Xvfb and builds the app.
//
// Each launch() gets its own tauri-driver, ports, D-Bus session bus, vault and
// HOME/XDG dirs, so nothing (window state, single-instance lock) leaks between
// tests. The app inherits tauri-driver's environment through WebKitWebDriver.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote } from 'webdriverio';
import axe from 'axe-core';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const APP_BIN = process.env.GLIMMER_APP_BIN ?? join(REPO, 'target/debug/glimmer-app');
const TAURI_DRIVER = process.env.TAURI_DRIVER ?? findTauriDriver();
const NATIVE_DRIVER = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
const ARTIFACTS = process.env.GLIMMER_E2E_ARTIFACTS ?? join(REPO, 'target/e2e');
const KEEP = process.env.GLIMMER_E2E_KEEP === '1';

function findTauriDriver() {
  const cargoBin = join(homedir(), '.cargo/bin/tauri-driver');
  const which = spawnSync('sh', ['-c', 'command -v tauri-driver'], { encoding: 'utf8' });
  return which.stdout.trim() || cargoBin;
}

// Temp dirs we made are removed when the test process exits (GLIMMER_E2E_KEEP=1 keeps them).
const madeDirs = new Set();
process.on('exit', () => {
  if (!KEEP) for (const d of madeDirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.add(d);
  return d;
}

/** A port that was free a moment ago (the kernel picks it). */
function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/**
 * A private D-Bus session bus: the single-instance plugin claims a bus name on
 * it, so a leftover app from another test can never swallow this launch.
 * --nofork keeps it in our process group, which e2e.sh sweeps on exit.
 */
function startDbus(env) {
  const p = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'], // only fd-limit warnings in containers
  });
  return new Promise((ok, fail) => {
    let out = '';
    p.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) ok({ address: out.split('\n')[0], pid: p.pid });
    });
    p.once('error', fail);
    p.once('exit', (code) => fail(new Error(`dbus-daemon exited with ${code}`)));
  });
}

/** App processes (not WebKit helpers) whose environment has our unique vault dir. */
export function appPids(vaultDir) {
  const want = `GLIMMER_VAULT=${vaultDir}`;
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // readlink gives "…/glimmer-app (deleted)" if the binary was rebuilt meanwhile.
      if (!readlinkSync(`/proc/${name}/exe`).startsWith(resolve(APP_BIN))) continue;
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(want)) pids.push(Number(name));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return pids;
}

// A timer for Promise.race that doesn't keep the test process alive once it's moot.
const deadline = (ms) => sleep(ms, undefined, { ref: false });

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitGone(pids, ms) {
  const end = Date.now() + ms;
  while (pids.some(alive) && Date.now() < end) await sleep(50);
  return pids.filter(alive);
}

/** SIGTERM, then SIGKILL whatever is still there after `graceMs`. */
async function stop(pids, graceMs = 3000) {
  for (const p of pids) try { process.kill(p, 'SIGTERM'); } catch {}
  for (const p of await waitGone(pids, graceMs)) try { process.kill(p, 'SIGKILL'); } catch {}
  await waitGone(pids, 2000);
}

async function waitForDriver(port, driver, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
    try {
      // Bounded: a driver that accepts but never answers once held a run for 300 s.
      const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2000) });
      if (res.ok && (await res.json()).value?.ready !== false) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`tauri-driver on port ${port} did not become ready in ${ms} ms`);
}

/**
 * Starts the app in isolation and returns a WebdriverIO browser for it.
 * Pass the same `vaultDir` (and `home`) again to relaunch over existing data;
 * `env` adds variables for the app (e.g. a short idle lock).
 */
export async function launch({ vaultDir, home, env: extraEnv = {} } = {}) {
  if (!existsSync(APP_BIN)) throw new Error(`no app binary at ${APP_BIN} (build it, or set GLIMMER_APP_BIN)`);
  vaultDir = resolve(vaultDir ?? tempDir('glimmer-vault-'));
  home = resolve(home ?? tempDir('glimmer-home-'));
  const xdg = {
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(home, 'run'),
  };
  for (const d of Object.values(xdg)) mkdirSync(d, { recursive: true, mode: 0o700 });

  const env = {
    // Mesa's software GL, as Xvfb has no GPU.
    LIBGL_ALWAYS_SOFTWARE: '1',
    GDK_BACKEND: 'x11',
    ...process.env,
    HOME: home,
    ...xdg,
    GLIMMER_VAULT: vaultDir,
    ...extraEnv,
  };
  const dbus = await startDbus(env);
  env.DBUS_SESSION_BUS_ADDRESS = dbus.address;

  const port = await freePort();
  const nativePort = await freePort();
  const log = createWriteStream(join(home, 'tauri-driver.log'));
  const driver = spawn(
    TAURI_DRIVER,
    ['--port', String(port), '--native-port', String(nativePort), '--native-driver', NATIVE_DRIVER],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  driver.stdout.pipe(log);
  driver.stderr.pipe(log);
  const driverExited = new Promise((ok) => driver.once('exit', ok));

  let browser;
  let stopped = false;
  const teardown = async ({ crash }) => {
    if (stopped) return;
    stopped = true;
    let missing;
    if (crash) {
      const pids = appPids(vaultDir);
      missing = pids.length === 0;
      for (const p of pids) process.kill(p, 'SIGKILL');
      await waitGone(pids, 5000);
    } else if (browser) {
      // WebKitWebDriver ends the app process when the session is deleted.
      await Promise.race([browser.deleteSession().catch(() => {}), deadline(5000)]);
    }
    await stop(appPids(vaultDir)); // stragglers only
    // tauri-driver SIGKILLs WebKitWebDriver on SIGTERM.
    if (driver.exitCode === null) driver.kill('SIGTERM');
    await Promise.race([driverExited, deadline(5000)]);
    if (driver.exitCode === null && driver.signalCode === null) driver.kill('SIGKILL');
    await stop([dbus.pid], 1000);
    log.end();
    if (missing) throw new Error(`kill(): no glimmer-app process found for ${vaultDir}`);
  };

  try {
    await waitForDriver(port, driver);
    browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: process.env.WDIO_LOG_LEVEL ?? 'error',
      connectionRetryTimeout: 60000,
      connectionRetryCount: 0,
      capabilities: {
        'tauri:options': { application: APP_BIN },
        // tauri-driver only proxies plain HTTP; keep WebdriverIO off BiDi (WebSockets).
        'wdio:enforceWebDriverClassic': true,
      },
    });
    await browser.waitUntil(() => browser.execute(() => document.readyState === 'complete'), {
      timeout: 20000,
      timeoutMsg: 'document did not finish loading',
    });
  } catch (err) {
    await teardown({ crash: false }).catch(() => {});
    err.message += `\n(tauri-driver log: ${join(home, 'tauri-driver.log')}, kept with GLIMMER_E2E_KEEP=1)`;
    throw err;
  }

  return {
    browser,
    vaultDir,
    home,
    /** This launch's private D-Bus session bus, e.g. to send it a screen-lock signal. */
    busAddress: dbus.address,
    /**
     * Ends the session (WebKitWebDriver then ends the app, abruptly: the app
     * has no exit hook, so e.g. window state is not saved) and stops the drivers.
     */
    close: () => teardown({ crash: false }),
    /** SIGKILLs the app, as in a crash, then stops the drivers. */
    kill: () => teardown({ crash: true }),
  };
}

/**
 * Runs axe-core in the page. Returns { violations, blocking, report }; throws
 * with the report if any violation's impact is in `failOn`.
 *
 * axe's source is sent as the WebDriver script body itself: WebKit evaluates
 * that natively, so the page's CSP (script-src 'self', no unsafe-eval) does not
 * apply. Passing the source as an argument and eval()-ing it in-page would be blocked.
 */
export async function axeCheck(browser, label, { failOn = ['serious', 'critical'], options = {} } = {}) {
  const loaded = await browser.execute(`if (!window.axe) { ${axe.source}\n } return typeof window.axe?.run;`);
  if (loaded !== 'function') throw new Error(`axeCheck(${label}): axe-core did not load (${loaded})`);
  const result = await browser.execute(
    (opts) =>
      window.axe.run(document, { resultTypes: ['violations'], ...opts }).then((r) =>
        r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
        })),
      ),
    options,
  );
  // Guard against a driver that doesn't await the promise: that must not read as "no violations".
  if (!Array.isArray(result)) throw new Error(`axeCheck(${label}): unexpected axe result ${JSON.stringify(result)}`);
  const violations = result;
  const blocking = violations.filter((v) => failOn.includes(v.impact));
  const report = violations.length
    ? `axe (${label}): ${violations.length} violation(s)\n` +
      violations
        .map(
          (v) =>
            `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
            v.nodes.map((n) => `      ${n.target}\n        ${n.summary?.replace(/\n/g, '\n        ')}`).join('\n'),
        )
        .join('\n')
    : `axe (${label}): no violations`;
  if (blocking.length) throw new Error(report);
  return { violations, blocking, report };
}

export const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);

/** Saves a PNG; relative paths go under target/e2e (GLIMMER_E2E_ARTIFACTS). */
export async function screenshot(browser, file) {
  const path = resolve(ARTIFACTS, file);
  mkdirSync(dirname(path), { recursive: true });
  // Let pending DOM changes paint first, or the shot can predate them.
  await browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // Glimmer paints without accelerated compositing (`calm_webview` in
  // src-tauri/src/lib.rs), and then WebKitGTK's WebDriver screenshot takes
  // seconds or never answers (with a modal dialog open). The X server's copy
  // of the window is what the person sees anyway.
  const { x, y, width, height } = await browser.getWindowRect();
  execFileSync('import', ['-window', 'root', '-crop', `${width}x${height}+${x}+${y}`, '+repage', path]);
  return path;
}
