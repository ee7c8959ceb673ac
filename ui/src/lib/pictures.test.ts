import { describe, expect, it } from 'vitest';
import { MAX_PICTURE_BYTES, tooBig, withCutBack, withPicture, withoutPicture } from './pictures';

const REF = '![A heron](picture:p1)';

describe('a picture’s line in the text', () => {
  it('goes in on a line of its own, wherever the cursor is', () => {
    expect(withPicture('', 0, REF)).toEqual({ body: `${REF}\n`, cursor: REF.length + 1 });
    expect(withPicture('ab', 1, REF)).toEqual({ body: `a\n${REF}\nb`, cursor: REF.length + 3 });
    expect(withPicture('a\n\nb', 2, REF).body).toBe(`a\n${REF}\nb`);
    expect(withPicture('a', 1, REF).body).toBe(`a\n${REF}\n`);
  });

  it('comes out with its line break, and goes back exactly where it was', () => {
    const body = `Morning.\n${REF}\nEvening.`;
    const { body: without, cut } = withoutPicture(body, 'picture:p1');
    expect(without).toBe('Morning.\nEvening.');
    expect(withCutBack(without, cut!)).toBe(body);
    // Text shortened meanwhile: it goes back at the end.
    expect(withCutBack('M', cut!)).toBe(`M${REF}\n`);
  });

  it('leaves a text that never showed the picture as it is', () => {
    expect(withoutPicture('Just words (picture:p1)', 'picture:p1')).toEqual({ body: 'Just words (picture:p1)', cut: null });
    expect(withoutPicture(`${REF}`, 'picture:p2').cut).toBeNull();
  });
});

describe('the size check', () => {
  it('lets the cap through and names the size above it', () => {
    expect(tooBig(MAX_PICTURE_BYTES)).toBeNull();
    expect(tooBig(25 * 1024 * 1024)).toContain('This picture is 25.0 MB, and a picture can be at most 20 MB.');
  });
});
