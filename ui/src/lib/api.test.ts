import { describe, expect, it } from 'vitest';
import { ApiError, call, messageOf } from './api';

describe('an error from the core', () => {
  const payload = {
    code: 'sync_wrong_credentials' as const,
    message: 'Usuario o contraseña incorrectos: revíselos e intente de nuevo.',
    fields: [{ field: 'password', message: 'Revise la contraseña.' }],
  };

  it('is thrown with its typed code, message and fields', async () => {
    const thrown = await call(Promise.resolve({ status: 'error' as const, error: payload })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiError);
    const e = thrown as ApiError;
    expect(e.code).toBe('sync_wrong_credentials');
    expect(messageOf(e)).toBe(payload.message);
    expect(e.fieldMessage('password')).toBe('Revise la contraseña.');
    expect(e.fieldMessage('username')).toBeUndefined();
  });

  it('is told apart by its codes', () => {
    const e = new ApiError(payload);
    expect(e.is('sync_wrong_credentials')).toBe(true);
    expect(e.is('sync_bad_server_url', 'sync_unreachable')).toBe(false);
    expect(new ApiError({ ...payload, code: 'sync_unreachable' }).is('sync_bad_server_url', 'sync_unreachable')).toBe(true);
  });

  it('cannot be asked about a code the core does not have', () => {
    const e = new ApiError(payload);
    // @ts-expect-error — the server says bad_credentials; no layer sends this one.
    expect(e.is('wrong_credentials')).toBe(false);
  });
});
