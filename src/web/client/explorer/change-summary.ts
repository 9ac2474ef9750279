import { relationLabel } from './kinds';

/** What a reviewer reads of a pending change: one line, and the quotes it cites. */
export interface ChangeSummary {
  title: string;
  quotes: { source: string; quote: string }[];
}

interface Payload {
  operation?: string;
  edge?: { type?: string; subject?: string; object?: string; evidence?: { source?: string; quote?: string }[] };
  node?: { id?: string; kind?: string; name?: string };
  id?: string;
  keep?: string;
  merge?: string;
  subject?: string;
  type?: string;
  object?: string;
  source?: string;
  quote?: string;
}

/** "operation ASSERT_RELATIONSHIP" → "assert relationship". */
const words = (operation: string) => operation.toLowerCase().replace(/_/g, ' ');

/**
 * Reads a change's `payload` (the validated input, JSON) into a line a reviewer can judge: the
 * statement `subject — relation → object` for a proposed statement, the entity for the other operations.
 */
export function summarizeChange(operation: string, payloadJson: string): ChangeSummary {
  let payload: Payload;
  try {
    payload = JSON.parse(payloadJson) as Payload;
  } catch {
    return { title: words(operation), quotes: [] };
  }
  const { edge } = payload;
  if (operation === 'ASSERT_RELATIONSHIP' && edge) {
    const negated = edge.type?.startsWith('NOT_') ?? false;
    const relation = relationLabel((edge.type ?? '').replace(/^NOT_/, ''));
    return {
      title: `${edge.subject ?? '?'} — ${negated ? `NOT ${relation}` : relation} → ${edge.object ?? '?'}`,
      quotes: (edge.evidence ?? []).map((item) => ({ source: item.source ?? '?', quote: item.quote ?? '' })),
    };
  }
  if (payload.node) return { title: `${words(operation)}: ${payload.node.name ?? payload.node.id ?? '?'} (${payload.node.kind ?? 'Source'}, ${payload.node.id ?? '?'})`, quotes: [] };
  if (operation === 'RETRACT_EVIDENCE') {
    return { title: `${words(operation)}: ${payload.subject} — ${relationLabel(payload.type ?? '')} → ${payload.object}`, quotes: [{ source: payload.source ?? '?', quote: payload.quote ?? '' }] };
  }
  if (operation === 'MERGE_ENTITIES') return { title: `merge ${payload.merge ?? '?'} into ${payload.keep ?? '?'}`, quotes: [] };
  return { title: `${words(operation)}${payload.id ? `: ${payload.id}` : ''}`, quotes: [] };
}
