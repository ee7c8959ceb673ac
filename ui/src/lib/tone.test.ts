// Tone guard: words that can land as blame on someone who is already low
// ("you missed", "streak", "failed") stay out of everything Glimmer says.
// It reads what a person could see: text and strings in the UI's Svelte and
// TypeScript, and string literals in the Rust core. Comments, attributes,
// identifiers and test code are not checked.
import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Whole words, any case. "broken" too: "I feel broken" is the register this guards against. */
const SHAME = /\b(failed|missed|overdue|streaks?|broke|broken|you\s+should)\b/i;

/** "Emotional blunting" mostly names a medicine's side effect; Glimmer says numbness (and, where useful, anhedonia). */
const MISNAMED = /\bblunting\b/i;

/**
 * A practice's guidance invites; it never presses. "You don't have to" is
 * welcome, "you have to" is not.
 */
const PRESSURE = /\b(must|should|properly|correctly)\b|(?<!(?:n't|not) )\bhave to\b/i;

/**
 * Sentences about the software, not the person: fine as they are.
 * `phrase` is part of the flagged string; an entry that no longer matches
 * anything fails the test, so the list can't outlive its reasons.
 */
const ALLOWED: { file: string; phrase: string; why: string }[] = [
  {
    file: 'src/keys.rs',
    phrase: 'KDF failed',
    why: 'Shown inside "The vault\'s key file vault.json is damaged (…)": the key derivation, not the person.',
  },
];

type Found = { file: string; line: number; text: string };

const UI = fileURLToPath(new URL('..', import.meta.url));
const CORE = fileURLToPath(new URL('../../../src/', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** The desktop shell: notifications and tray menus speak too. */
const SHELL = fileURLToPath(new URL('../../../src-tauri/src/', import.meta.url));

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter(keep)
    .sort()
    .map((p) => dir + p);
}

const lineAt = (src: string, offset: number) => src.slice(0, offset).split('\n').length;

/** String literals and template text in TypeScript. */
function tsStrings(src: string, name = 'x.ts'): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const sf = ts.createSourceFile(name, src, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
      out.push({ text: node.text, line: lineAt(src, node.getStart(sf)) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Text, attribute values and string literals in a Svelte component; not comments or styles. */
function svelteStrings(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const n = node as Record<string, unknown> & { start?: number };
    const at = (text: string) => out.push({ text, line: lineAt(src, n.start ?? 0) });
    if (n.type === 'Comment') return;
    if (n.type === 'Text' && typeof n.data === 'string') at(n.data);
    if (n.type === 'Literal' && typeof n.value === 'string') at(n.value);
    if (n.type === 'TemplateElement') at((n.value as { cooked: string }).cooked ?? '');
    for (const [key, value] of Object.entries(n)) if (key !== 'css' && key !== 'comments' && key !== 'metadata') visit(value);
  };
  visit(parse(src, { modern: true }));
  // The walk meets the markup before the script; report in reading order.
  return out.sort((a, b) => a.line - b.line);
}

type Token = { kind: 'str' | 'word' | 'punct'; text: string; start: number };

/** A small Rust lexer: enough to tell strings from comments, chars, lifetimes and raw strings. */
function* rustTokens(src: string): Generator<Token> {
  let i = 0;
  const at = (k: number) => src[i + k] ?? '';
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && at(1) === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && at(1) === '*') {
      // Rust block comments nest.
      let depth = 0;
      do {
        if (src.startsWith('/*', i)) depth++;
        else if (src.startsWith('*/', i)) depth--;
        i += src.startsWith('/*', i) || src.startsWith('*/', i) ? 2 : 1;
      } while (depth > 0 && i < src.length);
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (/\w/.test(at(0))) i++;
      const word = src.slice(start, i);
      // Raw strings: r"…", r#"…"#, br"…", cr"…".
      const raw = /^(r|br|cr)$/.exec(word);
      if (raw && (at(0) === '"' || at(0) === '#')) {
        let hashes = 0;
        for (; at(0) === '#'; i++) hashes++;
        if (at(0) !== '"') continue;
        const close = '"' + '#'.repeat(hashes);
        const end = src.indexOf(close, i + 1);
        yield { kind: 'str', text: src.slice(i + 1, end), start };
        i = end + close.length;
      } else if ((word === 'b' || word === 'c') && (at(0) === '"' || at(0) === "'")) {
        continue; // the literal itself is read next time round
      } else {
        yield { kind: 'word', text: word, start };
      }
    } else if (c === '"') {
      const start = i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      // Escapes become spaces, so "\nfailed" still shows a whole word.
      yield { kind: 'str', text: src.slice(start + 1, i).replace(/\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)/gs, ' '), start };
      i++;
    } else if (c === "'") {
      // A char literal ('a', '\n', '✓') or a lifetime ('a, 'static).
      const end = at(1) === '\\' ? src.indexOf("'", i + 3) : [2, 3].map((k) => i + k).find((k) => src[k] === "'");
      if (end !== undefined && end > i) i = end + 1;
      else {
        i++;
        while (/\w/.test(at(0))) i++;
      }
    } else {
      yield { kind: 'punct', text: c, start: i };
      i++;
    }
  }
}

/** String literals in Rust source, outside comments, attributes and test code. */
function rustStrings(src: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const tokens = [...rustTokens(src)];
  const skipItem = (from: number): number => {
    // An item ends at its first `;` outside brackets, or with the `}` closing its body.
    let depth = 0;
    for (let k = from; k < tokens.length; k++) {
      const t = tokens[k].text;
      if (tokens[k].kind !== 'punct') continue;
      if ('([{'.includes(t)) depth++;
      else if (')]}'.includes(t)) {
        depth--;
        if (depth === 0 && t === '}') return k + 1;
      } else if (t === ';' && depth === 0) return k + 1;
    }
    return tokens.length;
  };
  for (let k = 0; k < tokens.length; ) {
    const t = tokens[k];
    if (t.text === '#' && t.kind === 'punct') {
      // An attribute: #[…] or #![…]. Its strings are not checked.
      let j = k + 1;
      if (tokens[j]?.text === '!') j++;
      if (tokens[j]?.text !== '[') {
        k++;
        continue;
      }
      let depth = 0;
      const open = j;
      for (; j < tokens.length; j++) {
        if (tokens[j].kind !== 'punct') continue;
        if ('([{'.includes(tokens[j].text)) depth++;
        else if (')]}'.includes(tokens[j].text) && --depth === 0) break;
      }
      const words = tokens
        .slice(open + 1, j)
        .map((x) => x.text)
        .join('');
      k = words === 'cfg(test)' || words === 'test' ? skipItem(j + 1) : j + 1;
      continue;
    }
    if (t.kind === 'str') out.push({ text: t.text, line: lineAt(src, t.start) });
    k++;
  }
  return out;
}

function found(file: string, strings: { text: string; line: number }[], words = SHAME): Found[] {
  return strings.filter((s) => words.test(s.text)).map((s) => ({ file, line: s.line, text: s.text.replace(/\s+/g, ' ').trim() }));
}

// The UI's own code (not its tests, test helpers or the generated bindings), and the core outside its tests.
const UI_FILES = files(UI, (p) => /\.(svelte|ts)$/.test(p) && !p.endsWith('.test.ts') && !p.startsWith('lib/bindings/') && !p.startsWith('test/'));
const rustSource = (p: string) => p.endsWith('.rs') && !/(^|\/)tests(\/|\.rs$)/.test(p);
const CORE_FILES = [...files(CORE, rustSource), ...files(SHELL, rustSource)];

/** Everything a person could read in one file. */
function stringsOf(f: string): { text: string; line: number }[] {
  const src = readFileSync(f, 'utf8');
  if (f.endsWith('.rs')) return rustStrings(src);
  return f.endsWith('.svelte') ? svelteStrings(src) : tsStrings(src, f);
}

function scan(words = SHAME): Found[] {
  return [...UI_FILES, ...CORE_FILES].flatMap((f) => found(relative(REPO, f), stringsOf(f), words));
}

/** The guided practices: their prompts, openings and cautions. */
const PRACTICES = CORE + 'mindful/presets.rs';


const allowed = (h: Found) => ALLOWED.some((a) => h.file.endsWith(a.file) && h.text.includes(a.phrase));

describe('tone guard', () => {
  const hits = scan();

  it('finds no shame words in anything Glimmer says', () => {
    const report = hits.filter((h) => !allowed(h)).map((h) => `${h.file}:${h.line}: “${h.text}”`);
    expect(report, `shame words (${SHAME.source}); reword, or allow-list a sentence about the software`).toEqual([]);
  });

  it('keeps no allow-list entry that matches nothing', () => {
    const stale = ALLOWED.filter((a) => !hits.some((h) => h.file.endsWith(a.file) && h.text.includes(a.phrase)));
    expect(stale).toEqual([]);
  });

  it('says numbness, not "blunting", in everything Glimmer says and in the README', () => {
    expect(scan(MISNAMED)).toEqual([]);
    expect(readFileSync(REPO + 'README.md', 'utf8')).not.toMatch(MISNAMED);
  });

  it('guides the practices without pressure', () => {
    expect(found('src/mindful/presets.rs', stringsOf(PRACTICES), PRESSURE)).toEqual([]);
  });

  it('reads the gentler texts: the breathing caution, the body scan opening, the scan outside the body, "just okay", and help beside the hardest thoughts', () => {
    const practices = stringsOf(PRACTICES).map((s) => s.text);
    for (const words of ['If you feel light-headed, stop and breathe normally.', 'your eyes can stay open', 'Stopping is always fine', 'stays outside the body', 'what holds you', 'just okay']) {
      expect(practices.some((t) => t.includes(words)), words).toBe(true);
    }
    const numbness = stringsOf(UI_FILES.find((f) => f.endsWith('views/Numbness.svelte')) ?? '').map((s) => s.text);
    for (const words of ['thoughts of not wanting to be here', 'Need help now', 'anhedonia']) {
      expect(numbness.some((t) => t.includes(words)), words).toBe(true);
    }
  });

  it('reads the UI and the core', () => {
    const checkIn = UI_FILES.find((f) => f.endsWith('views/CheckIn.svelte')) ?? '';
    expect(svelteStrings(readFileSync(checkIn, 'utf8')).some((s) => s.text.includes("I can't tell"))).toBe(true);
    expect(UI_FILES.some((f) => f.includes('lib/bindings/') || f.endsWith('.test.ts'))).toBe(false);
    expect(CORE_FILES.some((f) => f.endsWith('src/checkin.rs'))).toBe(true);
    expect(CORE_FILES.some((f) => f.endsWith('src-tauri/src/notify.rs'))).toBe(true);
  });

  it('reads the crisis card and the crisis table, further lines and check month included', () => {
    const card = UI_FILES.find((f) => f.endsWith('components/CrisisCard.svelte')) ?? '';
    const cardText = svelteStrings(readFileSync(card, 'utf8')).map((s) => s.text);
    expect(cardText.some((t) => t.includes('Checked'))).toBe(true);
    const table = CORE_FILES.find((f) => f.endsWith('src/crisis/lines.rs')) ?? '';
    const tableText = rustStrings(readFileSync(table, 'utf8')).map((s) => s.text);
    // The words a further line starts with, and the names of the lines, are said to the person.
    for (const said of ['In French', 'Second number', 'Centre de Prévention du Suicide', 'SADAG Suicide Crisis Helpline']) {
      expect(tableText, said).toContain(said);
    }
    // Source comments are not read: they quote pages, not Glimmer.
    expect(tableText.some((t) => t.includes('https://'))).toBe(false);
  });
});

describe('what the guard reads', () => {
  it('reads Svelte text, attributes and strings, not comments or styles', () => {
    const src = `<script lang="ts">
  // you should not see this comment
  const a = 'one failed';
</script>
<!-- missed in a comment -->
<p title="you should title">Text overdue {a ? \`tpl streak \${a}\` : "broken"}</p>
<style>.missed { color: red; }</style>`;
    expect(found('x.svelte', svelteStrings(src)).map((h) => [h.line, h.text])).toEqual([
      [3, 'one failed'],
      [6, 'you should title'],
      [6, 'Text overdue'],
      [6, 'tpl streak'],
      [6, 'broken'],
    ]);
  });

  it('tells pressure from permission', () => {
    const hits = ['You have to breathe deeply.', "You don't have to.", 'Sit properly.', 'Notice it.'].filter((t) => PRESSURE.test(t));
    expect(hits).toEqual(['You have to breathe deeply.', 'Sit properly.']);
  });

  it('reads TypeScript strings and template text, not comments or names', () => {
    const src = `// failed\nconst missed = 1;\nconst s = \`you should \${missed} go\`; /* streak */ const t = 'broke';`;
    expect(found('x.ts', tsStrings(src)).map((h) => h.text)).toEqual(['you should', 'broke']);
  });

  it('reads Rust string literals, not comments, attributes, chars, lifetimes or test code', () => {
    const src = `//! failed at the top
/// you should document
#[error("the generator failed")]
fn a<'a>(x: &'a str) -> char {
    let q = '"'; let e = '\\''; /* missed /* nested */ streak */
    let r = r#"raw "broken" text"#;
    println!("{}\\nfailed", "fine");
    q
}
#[cfg(test)]
mod tests {
    #[test]
    fn t() { assert_eq!("failed", "overdue"); }
}
#[test]
fn loose() { let _ = "missed"; }
fn after() -> &'static str { "you should see this" }`;
    expect(found('x.rs', rustStrings(src)).map((h) => [h.line, h.text])).toEqual([
      [6, 'raw "broken" text'],
      [7, '{} failed'],
      [17, 'you should see this'],
    ]);
  });
});
