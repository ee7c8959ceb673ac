import { describe, expect, it } from 'vitest';
import { ApiError, newEntry, toApiError } from './api';

describe('api errors', () => {
  it('keeps the code and message of a core error report', () => {
    const e = toApiError({ code: 'wrong_passphrase', message: "That passphrase doesn't open this vault." });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('wrong_passphrase');
    expect(e.message).toMatch(/passphrase/);
  });

  it('wraps anything else as internal with a plain message', () => {
    expect(toApiError('invalid args').code).toBe('internal');
    expect(toApiError('invalid args').message).toBe('invalid args');
    expect(toApiError(42).message).toMatch(/Something went wrong/);
  });

  it('fills a new entry with safe defaults', () => {
    expect(newEntry({ body: 'x' })).toEqual({
      kind: 'entry', title: '', body: 'x', tags: [], intensity: null, id: null, created_at: null, tz: null,
    });
  });
});
