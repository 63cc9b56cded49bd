// The one door from the UI to the core: the generated commands, with their errors turned
// into exceptions that carry the core's `code`, so screens branch on codes, never on text.
// Codes are the generated `ErrorCode` union: a misspelt or retired code does not compile.

import { commands, type ErrorCode, type ErrorPayload } from './bindings';

export { commands };
export type { ErrorCode };

/** A refusal or failure reported by the core. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: { field: string; message: string }[];

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.fields = payload.fields;
  }

  /** Whether the core refused with one of these codes. */
  is(...codes: ErrorCode[]): boolean {
    return codes.includes(this.code);
  }

  /** The message of one field, for a form. */
  fieldMessage(key: string): string | undefined {
    return this.fields.find((f) => f.field === key)?.message;
  }
}

type Outcome<T> = { status: 'ok'; data: T } | { status: 'error'; error: ErrorPayload };

/** Awaits a command and returns its data, or throws an ApiError. */
export async function call<T>(outcome: Promise<Outcome<T>>): Promise<T> {
  const result = await outcome;
  if (result.status === 'error') throw new ApiError(result.error);
  return result.data;
}

/** The message to show for anything thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
