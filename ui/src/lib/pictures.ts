// Pictures in an entry, on the page's side: what the file chooser offers, the
// early size check, and keeping the text's reference in step when a picture
// is added, removed, or brought back with Undo. The reference itself
// (`picture.markdown`, `picture.url`) comes from the core.

/**
 * The core's cap (glimmer::journal::MAX_PICTURE_BYTES; the shell's tests keep
 * the two equal). The core decides; this check only spares reading a huge file into memory.
 */
export const MAX_PICTURE_BYTES = 20 * 1024 * 1024;

/** What the file chooser offers; the core goes by the file's first bytes, not its name. */
export const PICTURE_TYPES = 'image/png,image/jpeg,image/gif,image/webp,image/heic,image/heif,.heic,.heif';

/** The core's sentence for a picture over the cap, or null when it fits. */
export function tooBig(size: number): string | null {
  if (size <= MAX_PICTURE_BYTES) return null;
  // Rounded up, as the core does, so a file just over never reads as "20.0 MB".
  const mb = (Math.ceil((size * 10) / (1024 * 1024)) / 10).toFixed(1);
  return `This picture is ${mb} MB, and a picture can be at most ${MAX_PICTURE_BYTES / (1024 * 1024)} MB. A smaller copy of it will fit; most photo apps can save one.`;
}

/** The text with a picture's line put in at `at`, on a line of its own; `cursor` is just after it. */
export function withPicture(body: string, at: number, markdown: string): { body: string; cursor: number } {
  const before = body.slice(0, at);
  const after = body.slice(at);
  const inserted = (before === '' || before.endsWith('\n') ? '' : '\n') + markdown + (after.startsWith('\n') ? '' : '\n');
  return { body: before + inserted + after, cursor: before.length + inserted.length };
}

/** What removing a picture took out of the text, to put back on Undo. */
export type Cut = { at: number; text: string };

/** The text without the first `![…](url)` (and its line break); `cut` is null when the text never showed it. */
export function withoutPicture(body: string, url: string): { body: string; cut: Cut | null } {
  const end = body.indexOf(`](${url})`);
  const start = end < 0 ? -1 : body.lastIndexOf('![', end);
  if (start < 0) return { body, cut: null };
  let stop = end + url.length + 3;
  if (body[stop] === '\n') stop += 1;
  return { body: body.slice(0, start) + body.slice(stop), cut: { at: start, text: body.slice(start, stop) } };
}

/** The text with a cut put back where it was (or at the end, if the text got shorter since). */
export function withCutBack(body: string, cut: Cut): string {
  const at = Math.min(cut.at, body.length);
  return body.slice(0, at) + cut.text + body.slice(at);
}

/** A file's bytes, read in the page; they go to the shell as they are and are never written anywhere else. */
export function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((done, fail) => {
    const reader = new FileReader();
    reader.onload = () => done(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => fail(reader.error);
    reader.readAsArrayBuffer(file);
  });
}
