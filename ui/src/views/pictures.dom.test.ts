// Pictures in the editor: chosen or dropped, described, added where the
// cursor was; a clear sentence for a file too big or not a picture; removed
// with Undo, which puts the picture and its line back.
import { invoke } from '@tauri-apps/api/core';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Toast from '../components/Toast.svelte';
import type { Entry } from '../lib/bindings/Entry';
import type { Picture } from '../lib/bindings/Picture';
import type { PictureOwner } from '../lib/bindings/PictureOwner';
import { MAX_PICTURE_BYTES } from '../lib/pictures';
import { openEditor } from '../lib/session.svelte';
import { answer, callsOf, markCalls, refuse } from '../test/ipc';
import { withOpenSession } from '../test/session';
import Editor from './Editor.svelte';

withOpenSession();
/** Where this test's calls begin, for the arguments `callsOf` leaves out (the headers). */
let start = 0;
beforeEach(() => {
  markCalls();
  start = vi.mocked(invoke).mock.calls.length;
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function picture(id: string, owner: PictureOwner, description = ''): Picture {
  return {
    id,
    owner,
    media_type: 'image/png',
    size: PNG.length,
    sha256: 'ab'.repeat(32),
    description,
    url: `picture:${id}`,
    markdown: `![${description || 'Picture'}](picture:${id})`,
    created_at: '2025-05-01T09:00:00Z',
    deleted_at: null,
  };
}

function entry(body: string): Entry {
  return {
    id: 'e1',
    kind: 'entry',
    title: '',
    body,
    tags: [],
    intensity: null,
    created_at: '2025-05-01T09:00:00Z',
    updated_at: '2025-05-01T09:00:00Z',
    tz: 'UTC',
    deleted_at: null,
  };
}

/** What `add_picture` was sent: the bytes and the headers beside them. */
function addCalls() {
  return vi
    .mocked(invoke)
    .mock.calls.slice(start)
    .filter(([cmd]) => cmd === 'add_picture')
    .map(([, bytes, options]) => ({ bytes: bytes as Uint8Array, headers: (options as { headers: Record<string, string> }).headers }));
}

const body = async () => (await screen.findByTestId('entry-body')) as HTMLTextAreaElement;

describe('adding a picture', () => {
  it('asks for a description, keeps a new entry’s picture with its draft, and puts it where the cursor was', async () => {
    openEditor({ kind: 'new' });
    answer({
      tags: [],
      render_markdown: '',
      save_draft: { id: 'd1', entry_id: null, kind: 'entry', title: '', body: '', tags: [], intensity: null, updated_at: '2025-05-01T09:00:00Z' },
      add_picture: () => picture('p1', { kind: 'draft', id: 'd1' }, 'Héron gris'),
    });
    render(Editor);
    const text = await body();
    await fireEvent.input(text, { target: { value: 'Before. After.' } });
    text.setSelectionRange(7, 7);
    await fireEvent.click(text);

    const file = new File([PNG], 'heron.png', { type: 'image/png' });
    await fireEvent.change(screen.getByTestId('picture-file'), { target: { files: [file] } });
    const describe = screen.getByTestId('picture-description');
    expect(document.activeElement).toBe(describe);
    expect(screen.getByText('Adding “heron.png”.')).toBeTruthy();
    await fireEvent.input(describe, { target: { value: 'Héron gris' } });
    await fireEvent.click(screen.getByTestId('picture-confirm'));

    await waitFor(() => expect(text.value).toBe('Before.\n![Héron gris](picture:p1)\n After.'));
    const [sent] = addCalls();
    expect([...sent.bytes]).toEqual([...PNG]);
    expect(sent.headers).toEqual({ 'picture-owner': '{"kind":"draft","id":"d1"}', 'picture-description': 'H%C3%A9ron%20gris' });
    expect(callsOf('save_draft').length).toBeGreaterThan(0);
    const shown = screen.getByRole('img', { name: 'Héron gris' }) as HTMLImageElement;
    expect(shown.src).toBe('glimmer-picture://localhost/p1');
    expect(screen.getByRole('button', { name: 'Remove picture: Héron gris' })).toBeTruthy();
    expect(screen.queryByTestId('picture-description')).toBeNull();
    expect(document.activeElement).toBe(text);
  });

  it('takes a picture dropped on the editor', async () => {
    openEditor({ kind: 'entry', id: 'e1' });
    answer({ tags: [], get_entry: entry('Words'), list_drafts: [], list_pictures: [], render_markdown: '', add_picture: () => picture('p2', { kind: 'entry', id: 'e1' }) });
    render(Editor);
    await body();
    const file = new File([PNG], 'sea.png', { type: 'image/png' });
    const editor = screen.getByTestId('editor');
    const dataTransfer = { types: ['Files'], files: [file], dropEffect: 'none' };
    await fireEvent.dragOver(editor, { dataTransfer });
    expect(editor.classList.contains('dropping')).toBe(true);
    await fireEvent.drop(editor, { dataTransfer });
    expect(editor.classList.contains('dropping')).toBe(false);
    await fireEvent.click(screen.getByTestId('picture-confirm'));
    await waitFor(() => expect((screen.getByTestId('entry-body') as HTMLTextAreaElement).value).toBe('Words\n![Picture](picture:p2)\n'));
    expect(addCalls()[0].headers['picture-owner']).toBe('{"kind":"entry","id":"e1"}');
  });

  it('says plainly when a file is too big, before reading it', async () => {
    openEditor({ kind: 'entry', id: 'e1' });
    answer({ tags: [], get_entry: entry('Words'), list_drafts: [], list_pictures: [], render_markdown: '' });
    render(Editor);
    await body();
    const file = new File([PNG], 'huge.jpg', { type: 'image/jpeg' });
    Object.defineProperty(file, 'size', { value: MAX_PICTURE_BYTES + 1 });
    const read = vi.spyOn(FileReader.prototype, 'readAsArrayBuffer');
    await fireEvent.change(screen.getByTestId('picture-file'), { target: { files: [file] } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This picture is 20.1 MB, and a picture can be at most 20 MB. A smaller copy of it will fit; most photo apps can save one.',
    );
    expect(screen.queryByTestId('picture-description')).toBeNull();
    expect(read).not.toHaveBeenCalled();
    expect(addCalls()).toEqual([]);
  });

  it('shows the core’s sentence for a file that is not a picture, and leaves the text alone', async () => {
    const NOT = "This file doesn't look like a picture Glimmer can keep. It takes PNG, JPEG, GIF, WebP and HEIC pictures.";
    openEditor({ kind: 'entry', id: 'e1' });
    answer({ tags: [], get_entry: entry('Words'), list_drafts: [], list_pictures: [], render_markdown: '', add_picture: refuse('invalid', NOT) });
    render(Editor);
    const text = await body();
    await fireEvent.change(screen.getByTestId('picture-file'), { target: { files: [new File(['hello'], 'notes.txt')] } });
    await fireEvent.click(screen.getByTestId('picture-confirm'));
    expect((await screen.findByTestId('picture-error')).textContent).toBe(`The picture isn't added yet; you can try again. ${NOT}`);
    expect(text.value).toBe('Words');
    // The description stays open, to try again or cancel with Escape.
    const describe = screen.getByTestId('picture-description');
    await fireEvent.keyDown(describe, { key: 'Escape' });
    expect(screen.queryByTestId('picture-description')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('add-picture'));
  });
});

describe('removing a picture', () => {
  it('takes its line out of the text, and Undo brings both back where they were', async () => {
    const owner: PictureOwner = { kind: 'entry', id: 'e1' };
    const kept = picture('p1', owner, 'River');
    const start = 'Morning.\n![River](picture:p1)\nEvening.';
    let listed = [kept];
    openEditor({ kind: 'entry', id: 'e1' });
    answer({
      tags: [],
      get_entry: entry(start),
      list_drafts: [],
      list_pictures: () => listed,
      render_markdown: '',
      remove_picture: () => {
        listed = [];
        return { ...kept, deleted_at: '2025-05-02T09:00:00Z' };
      },
      restore_picture: () => {
        listed = [kept];
        return kept;
      },
    });
    render(Editor);
    render(Toast);
    const text = await body();
    await fireEvent.click(await screen.findByRole('button', { name: 'Remove picture: River' }));

    await waitFor(() => expect(text.value).toBe('Morning.\nEvening.'));
    expect(callsOf('remove_picture')).toEqual([{ id: 'p1' }]);
    expect(screen.queryByRole('img', { name: 'River' })).toBeNull();
    expect((await screen.findByTestId('toast')).textContent).toContain('Picture removed.');

    await fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() => expect(text.value).toBe(start));
    expect(callsOf('restore_picture')).toEqual([{ id: 'p1' }]);
    expect(await screen.findByRole('img', { name: 'River' })).toBeTruthy();
  });
});
