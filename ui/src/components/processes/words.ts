// How a process's steps and deadlines read: the order pages' words, shared by the process
// page, «Mis tareas» and a subscription's processes.

import { formatDateTime } from '../../lib/format';
import { i18n, tr } from '../../lib/i18n.svelte';

/** «Vence el 04/12/2026 16:00», «Vence pronto: …» or «Vencido desde el …»; empty
 * without a deadline. */
export function deadlineText(deadline: string | null, lateness: string | null): string {
  if (!deadline) return '';
  const when = formatDateTime(deadline, i18n.lang);
  if (lateness === 'overdue') return i18n.t.overdueSince(when);
  return lateness === 'near_deadline' ? i18n.t.dueSoon(when) : i18n.t.dueOn(when);
}

/** A step's state on the timeline, in words. */
export function stepStateLabel(state: string): string {
  const t = i18n.t;
  const words: Record<string, string> = {
    done: t.stepDone,
    current: tr('en espera', 'waiting'),
    pending: t.stepPending,
    not_applicable: t.stepNotApplicable,
    cancelled: tr('cancelado', 'cancelled'),
  };
  return words[state] ?? state;
}
