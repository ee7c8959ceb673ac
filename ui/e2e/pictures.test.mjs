// A picture in an entry, in the real app: chosen with the file field, shown in
// the preview through the glimmer-picture scheme (so the CSP admits it), still
// there after locking and unlocking, removed and brought back with Undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { launch, screenshot } from './harness.mjs';
import { a11y, el, nav, setUp, shown, unlock, waitText } from './steps.mjs';

/** A small real PNG made here: a pale sun over a grey sea. */
function seaPicture(width = 240, height = 160) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const sun = (x - 170) ** 2 + (y - 45) ** 2 < 22 ** 2;
      const sea = y > height * 0.55;
      const [r, g, b] = sun ? [250, 226, 160] : sea ? [96, 112, 124 + ((x + y) % 12)] : [196, 210, 222 - y / 4];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The pictures the preview shows, with whether each one loaded. */
const previewPictures = (b) =>
  b.execute(() =>
    [...document.querySelectorAll('[data-testid="preview"] img')].map((i) => ({ src: i.src, alt: i.alt, width: i.complete ? i.naturalWidth : 0 })),
  );

async function waitForLoadedPicture(b, alt, why) {
  await b.waitUntil(async () => (await previewPictures(b)).some((p) => p.alt === alt && p.width > 0), {
    timeout: 10000,
    timeoutMsg: `the preview never showed the picture ${why}`,
  });
}

test('a picture added to an entry is shown, kept through lock and unlock, and removed with Undo', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'glimmer-picture-'));
  const file = join(dir, 'grey-sea.png');
  writeFileSync(file, seaPicture());
  const app = await launch();
  try {
    const b = app.browser;
    await setUp(b);
    await nav(b, 'Write');
    await (await shown(b, 'entry-title')).setValue('The sea today');
    await (await shown(b, 'entry-body')).setValue('Grey water, and one bright spot.');

    // What choosing a file in the dialog does: the file field gets the file.
    await (await el(b, 'picture-file')).addValue(file);
    await (await shown(b, 'picture-description')).setValue('A pale sun over a grey sea');
    await (await el(b, 'picture-confirm')).click();
    await waitText(b, 'editor-status', 'Picture added');
    await waitForLoadedPicture(b, 'A pale sun over a grey sea', 'after adding it');
    const [shownPicture] = await previewPictures(b);
    assert.match(shownPicture.src, /^glimmer-picture:\/\/localhost\/[0-9a-f-]{36}$/);
    assert.equal(shownPicture.width, 240, 'the whole picture arrived');
    assert.match(await (await el(b, 'entry-body')).getValue(), /!\[A pale sun over a grey sea\]\(picture:[0-9a-f-]{36}\)/);

    await b.keys(['Control', 's']);
    await waitText(b, 'editor-status', 'Saved');
    await a11y(b, 'editor with a picture');
    await screenshot(b, 'entry-with-picture.png');

    // Locked: the page is gone, and so is every picture with it.
    await b.keys(['Control', 'l']);
    await shown(b, 'unlock-passphrase');
    await unlock(b);
    await (await (await shown(b, 'entry-card')).$('button.entry-open')).click();
    await waitForLoadedPicture(b, 'A pale sun over a grey sea', 'after unlocking');
    assert.equal((await b.$$('[data-testid="picture-item"]')).length, 1);
    await screenshot(b, 'entry-with-picture-after-unlock.png');

    await (await el(b, 'remove-picture')).click();
    await waitText(b, 'toast', 'Picture removed');
    await b.waitUntil(async () => (await previewPictures(b)).length === 0, { timeoutMsg: 'the picture stayed in the preview' });
    await (await el(b, 'undo')).click();
    await waitForLoadedPicture(b, 'A pale sun over a grey sea', 'after Undo');
    assert.equal((await b.$$('[data-testid="picture-item"]')).length, 1);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
