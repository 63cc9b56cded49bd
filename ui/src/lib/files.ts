// Files chosen in the window travel to the core as their name and bytes.

import type { PictureInput } from './bindings';

/** A chosen file as the core's `PictureInput`. */
export async function pictureOf(file: File): Promise<PictureInput> {
  return { name: file.name, bytes: Array.from(new Uint8Array(await file.arrayBuffer())) };
}
