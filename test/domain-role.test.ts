import { describe, expect, it } from 'vitest';
import { roleAfterName } from '../src/domain/statement.js';

describe('roleAfterName', () => {
  it('writes a title-cased job title in lowercase, as news style does after a name', () => {
    expect(roleAfterName('National Security Adviser')).toBe('national security adviser');
    expect(roleAfterName('President')).toBe('president');
    // "Staff" is not a title word here, so the role is kept as written rather than guessed.
    expect(roleAfterName('Deputy Chief of Staff')).toBe('Deputy Chief of Staff');
    expect(roleAfterName('Foreign Minister')).toBe('foreign minister');
  });

  it('keeps a role with a name, an acronym or lowercase already as written', () => {
    expect(roleAfterName('White House Press Secretary')).toBe('White House Press Secretary');
    expect(roleAfterName('US Ambassador')).toBe('US Ambassador');
    expect(roleAfterName('harbourmaster')).toBe('harbourmaster');
    expect(roleAfterName('Israeli ambassador to the United States')).toBe('Israeli ambassador to the United States');
    expect(roleAfterName(null)).toBeNull();
  });
});
