/**
 * Evidence anyone can verify: every quote of the article is an exact span of the article's text,
 * which the API serves (capped) beside the offsets, the context and the sentence of each span.
 */
import { useSeededApi } from './seeded-api';

const api = useSeededApi();

interface Span {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  sentence: string;
  source: { id: string };
}
interface EvidenceWithSpans {
  quote: string;
  intro: string | null;
  sourceId: string;
  spans: Span[];
}

const SPANS = 'quote intro sourceId spans { start end exact prefix suffix sentence source { id } }';

async function articleText(): Promise<string> {
  const { data, errors } = await api.query<{ source: { textLength: number; text: string } }>(`{ source(id: "article") { textLength text } }`);
  expect(errors).toBeUndefined();
  expect(data?.source.text.length).toBe(data?.source.textLength);
  return data?.source.text ?? '';
}

describe('Evidence.spans and Source.text', () => {
  it('quotes a list item as its own span, with the list intro as a second span, both exact in the article', async () => {
    const text = await articleText();
    const { data, errors } = await api.query<{ condition: { symptomsConnection: { edges: Array<{ node: { id: string }; evidence: EvidenceWithSpans[] }> } } }>(
      `{ condition(id: "als") { symptomsConnection(first: 30) { edges { node { id } evidence { ${SPANS} } } } } }`,
    );
    expect(errors).toBeUndefined();
    const edge = data?.condition.symptomsConnection.edges.find((e) => e.node.id === 'behavior-changes');
    const [evidence] = edge?.evidence ?? [];
    expect(evidence).toMatchObject({ quote: 'Changes in behavior', intro: 'Other symptoms that often appear in ALS patients include:', sourceId: 'article' });
    const [item, intro] = evidence?.spans ?? [];
    expect(item).toMatchObject({ exact: 'Changes in behavior', sentence: 'Changes in behavior', source: { id: 'article' } });
    expect(intro).toMatchObject({ exact: 'Other symptoms that often appear in ALS patients include:', sentence: 'Other symptoms that often appear in ALS patients include:' });
    for (const span of [item!, intro!]) {
      expect(text.slice(span.start, span.end)).toBe(span.exact);
      expect(text.slice(span.start - span.prefix.length, span.start)).toBe(span.prefix);
      expect(text.slice(span.end, span.end + span.suffix.length)).toBe(span.suffix);
    }
  });

  it('every quote of every symptom of ALS and BFS is the article text at its offsets, also for a numbered reference', async () => {
    const text = await articleText();
    const evidence: EvidenceWithSpans[] = [];
    for (const id of ['als', 'bfs']) {
      const { data, errors } = await api.query<{ condition: { symptomsConnection: { edges: Array<{ evidence: EvidenceWithSpans[] }> } } }>(
        `query($id: ID!) { condition(id: $id) { symptomsConnection(first: 40) { edges { evidence { quote sourceId spans { start end sentence source { id } } } } } } }`,
        { id },
      );
      expect(errors).toBeUndefined();
      evidence.push(...(data?.condition.symptomsConnection.edges.flatMap((e) => e.evidence) ?? []));
    }
    expect(evidence.length).toBeGreaterThan(20);
    for (const ev of evidence) {
      expect({ quote: ev.quote, spans: ev.spans.length > 0 }).toEqual({ quote: ev.quote, spans: true });
      expect(text.slice(ev.spans[0]!.start, ev.spans[0]!.end)).toBe(ev.quote);
      expect(ev.spans[0]!.source.id).toBe('article');
      expect(ev.spans[0]!.sentence).toContain(ev.quote);
    }
    // ref-4 is known only as the article cites it: its quotes are spans of the article.
    expect(evidence.some((ev) => ev.sourceId.startsWith('ref-'))).toBe(true);
  });

  it('gives the sentence around a clause, for a reference quoted in the article', async () => {
    const { data } = await api.query<{ condition: { symptomsConnection: { edges: Array<{ node: { id: string }; evidence: EvidenceWithSpans[] }> } } }>(
      `{ condition(id: "als") { symptomsConnection(first: 30) { edges { node { id } evidence { ${SPANS} } } } } }`,
    );
    const dysphagia = data?.condition.symptomsConnection.edges.find((e) => e.node.id === 'dysphagia');
    const ref2 = dysphagia?.evidence.find((ev) => ev.sourceId === 'ref-2');
    expect(ref2?.spans[0]).toMatchObject({
      exact: 'bulbar onset ALS, when symptoms begin with trouble swallowing or speaking',
      source: { id: 'article' },
      sentence:
        'Symptoms often start in the limbs, known as limb onset ALS, move to the feet and hands, and then spread to other body parts (as opposed to bulbar onset ALS, when symptoms begin with trouble swallowing or speaking).',
    });
  });

  it('pages through a source text and caps one read', async () => {
    const { data } = await api.query<{ source: { text: string } }>(`{ source(id: "article") { text(start: 16, length: 14) } }`);
    expect(data?.source.text).toBe('Fasciculations');
    const tooLong = await api.query(`{ source(id: "article") { text(length: 20001) } }`);
    expect(tooLong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const ref = await api.query<{ source: { text: string | null; textLength: number | null; citedIn: { id: string } } }>(`{ source(id: "ref-4") { text textLength citedIn { id } } }`);
    expect(ref.data?.source).toEqual({ text: null, textLength: null, citedIn: { id: 'article' } });
  });
});
