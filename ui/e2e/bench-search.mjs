// Benchmark, not a test: search latency in the real app through Tauri's IPC,
// and keystroke-to-results (what a person feels, including the UI's 30 ms
// debounce). Run by scripts/bench-desktop.sh with GLIMMER_BENCH_VAULT set.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './harness.mjs';
import { shown, el, nav } from './steps.mjs';

const source = process.env.GLIMMER_BENCH_VAULT;
if (!source) throw new Error('set GLIMMER_BENCH_VAULT to a vault made by `glimmer bench --dir`');
// Work on a copy: the app purges old trash and may checkpoint on open.
const vaultDir = join(mkdtempSync(join(tmpdir(), 'glimmer-bench-')), 'vault');
cpSync(source, vaultDir, { recursive: true });

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.round((xs.length - 1) * p)];
const app = await launch({ vaultDir });
try {
  const b = app.browser;
  await (await shown(b, 'unlock-passphrase', 30000)).setValue('benchmark passphrase, not a secret');
  await (await el(b, 'unlock')).click();
  await shown(b, 'glimmer-text', 30000);
  await nav(b, 'Search');
  await shown(b, 'search-input');

  const terms = ['today', 'numb*', 'small thing', 'river', 'tea', 'walk', 'light', 'felt', 'quiet', 'sleep'];
  const ipc = await b.execute(async (terms) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const out = [];
    for (let round = 0; round < 5; round++) {
      for (const text of terms) {
        const t = performance.now();
        await invoke('search', { query: { text, limit: 30 } });
        out.push(performance.now() - t);
      }
    }
    return out;
  }, terms);

  // Type each query as a person would (one input event per character) and time
  // from the last keystroke until the result list changes.
  const typed = await b.execute(async (terms) => {
    const input = document.querySelector('[data-testid="search-input"]');
    const list = document.querySelector('[data-testid="search-results"]');
    const out = [];
    for (const text of terms) {
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 300));
      const changed = new Promise((r) => new MutationObserver((_, o) => (o.disconnect(), r())).observe(list, { childList: true, subtree: true, characterData: true }));
      let t = 0;
      for (const ch of text) {
        input.value += ch;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        t = performance.now();
        await new Promise((r) => setTimeout(r, 40));
      }
      await changed;
      out.push(performance.now() - t);
    }
    return out;
  }, terms);

  console.log(`| search through IPC (top 30 with snippets) | ${ipc.length} runs | p50 ${pct(ipc, 0.5).toFixed(1)} ms | p95 ${pct(ipc, 0.95).toFixed(1)} ms |`);
  console.log(`| last keystroke to results painted (includes the 30 ms pause) | ${typed.length} runs | p50 ${pct(typed, 0.5).toFixed(1)} ms | p95 ${pct(typed, 0.95).toFixed(1)} ms |`);
} finally {
  await app.close();
}
