// The one door from the UI to the core: the generated commands, with their errors turned
// into exceptions that carry the core's `code`, so screens branch on codes, never on text.

import { commands, type ErrorPayload } from './bindings';

export { commands };

/** A refusal or failure reported by the core. */
export class ApiError extends Error {
  readonly code: string;
  readonly fields: { field: string; message: string }[];

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.fields = payload.fields;
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
