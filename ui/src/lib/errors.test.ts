import { describe, expect, it } from 'vitest';
import { ApiError, SOMETHING_WENT_WRONG } from './api';
import { isCode, messageOf } from './errors';

describe('messageOf', () => {
  const busy = new ApiError({ code: 'vault_busy', message: 'The vault is busy; try again in a moment.' });

  it('shows the core’s sentence as it is, after what it means here', () => {
    expect(messageOf(busy)).toBe('The vault is busy; try again in a moment.');
    expect(messageOf(busy, "This change isn't saved yet.")).toBe(
      "This change isn't saved yet. The vault is busy; try again in a moment.",
    );
  });

  it('never shows the app’s own slips, which mean nothing to the person', () => {
    expect(messageOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(SOMETHING_WENT_WRONG);
    expect(messageOf(undefined)).toBe(SOMETHING_WENT_WRONG);
    expect(messageOf(new ApiError({ code: 'internal', message: '' }))).toBe(SOMETHING_WENT_WRONG);
  });

  it('keeps user-facing words free of blame', () => {
    expect(SOMETHING_WENT_WRONG).not.toMatch(/fail|miss|overdue|streak|broke|you should|your fault/i);
  });

  it('tells codes apart', () => {
    expect(isCode(busy, 'vault_busy')).toBe(true);
    expect(isCode(busy, 'wrong_passphrase')).toBe(false);
    expect(isCode({ code: 'vault_busy', message: '' }, 'vault_busy')).toBe(false);
  });
});
