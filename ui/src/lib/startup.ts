// Tells the shell, once, that the first usable screen is on show: the startup benchmark
// (`nimbo-desktop --exit-when-ready`) measures up to this moment.

import { commands } from './bindings';

let told = false;

/** The first screen is drawn with its data: say so once, after the browser has painted it. */
export function firstScreenShown(): void {
  if (told) return;
  told = true;
  // A frame callback runs before that frame's paint; the timeout after it runs once painted.
  requestAnimationFrame(() => setTimeout(() => void commands.firstScreenShown(), 0));
}
