import { describe, expect, it } from 'vitest';

import { createKeyring, fingerprintKey } from '../../src/auth/keyring.js';

const keyring = createKeyring([
  { role: 'client', key: 'client-key-0123456789abcdef' },
  { role: 'internal', key: 'internal-key-0123456789abcdef' },
]);

describe('keyring', () => {
  it('authenticates a bearer key with its role', () => {
    expect(keyring.authenticate('Bearer client-key-0123456789abcdef')).toEqual({
      role: 'client',
      ownerId: fingerprintKey('client-key-0123456789abcdef'),
    });
    expect(keyring.authenticate('bearer internal-key-0123456789abcdef')?.role).toBe('internal');
  });

  it('rejects missing, unknown and malformed keys', () => {
    expect(keyring.authenticate(undefined)).toBeNull();
    expect(keyring.authenticate('')).toBeNull();
    expect(keyring.authenticate('Bearer client-key-0123456789abcdeX')).toBeNull();
    expect(keyring.authenticate('client-key-0123456789abcdef')).toBeNull();
    expect(keyring.authenticate('Basic Y2xpZW50OnBhc3M=')).toBeNull();
  });

  it('derives a fingerprint that does not contain the key', () => {
    const fingerprint = fingerprintKey('client-key-0123456789abcdef');
    expect(fingerprint).toMatch(/^key_[0-9a-f]{16}$/);
    expect(fingerprint).not.toContain('client-key');
  });
});
