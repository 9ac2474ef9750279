import { readSeed } from '../../../src/ingest/seed-files';
import { normalizeText } from '../../helpers/normalize-text';

/**
 * Every sentence of the article that states a fact must be quoted by the evidence of at least one
 * relationship or Fact: at least COVERED of its characters lie inside some quote. The sentences
 * that state no fact are listed here, each with the reason; the numbered reference lines are
 * covered by the Source entities instead (checked below). The first sentence carries the page slug
 * ("muscle-twitching") fused to its first word; it is still checked (the slug just lowers its ratio).
 * SHOW_COVERAGE=1 prints every sentence with its covered ratio.
 */
const COVERED = 0.6;

const NOT_FACTUAL: ReadonlyArray<[string, string]> = [
  ["It's important to understand the distinction between these two medical conditions, though, and the distinctions in the treatment paths.", 'advice to the reader, no claim'],
  ['Why Does ALS Cause Muscle Twitching?', 'section heading (a question)'],
  ['Other symptoms that often appear in ALS patients include:', 'lead-in of a list; quoted as the intro span of each item'],
  ['Why Does BFS Lead to Muscle Twitching?', 'section heading (a question)'],
  ['Certain studies have found a tie between BFS and other medical issues like:', 'lead-in of a list; quoted as the intro span of each item'],
  ['How Does ALS Muscle Twitching Differ From BFS Muscle Twitching?', 'section heading (a question)'],
  ['How to Cope With Muscle Twitching', 'section heading'],
  ['Potential Relief for ALS Symptoms', 'section heading'],
  ['BFS Treatment', 'section heading'],
  ['Join Us', 'web page furniture after the article'],
  ['Keep up with the latest news, events and ways to get involved.', 'web page furniture (newsletter sign-up)'],
];

const REFERENCE_LINE = /^\d+\. \d+\. /;

function sentencesOf(article: string): string[] {
  const out: string[] = [];
  for (const line of article.split('\n')) {
    const text = normalizeText(line);
    if (text === '' || REFERENCE_LINE.test(text)) continue;
    // Sentence ends: . ? ! followed by a space and a capital, but not the "vs." abbreviation.
    for (const sentence of text.split(/(?<!\bvs\.)(?<=[.?!])\s+(?=[A-Z(])/)) out.push(sentence.trim());
  }
  return out;
}

describe('claim coverage of the seed', () => {
  const seed = readSeed();
  const article = normalizeText(seed.articleText);
  const covered = new Uint8Array(article.length);
  const evidence = [...seed.input.edges.flatMap((e) => e.evidence), ...seed.input.nodes.flatMap((n) => n.evidence ?? [])];
  for (const ev of evidence.filter((e) => e.spans !== undefined)) {
    for (const part of [ev.quote, ev.intro ?? ''].filter((p) => p !== '').map(normalizeText)) {
      for (let at = article.indexOf(part); at >= 0; at = article.indexOf(part, at + 1)) covered.fill(1, at, at + part.length);
    }
  }
  const exempt = new Set(NOT_FACTUAL.map(([sentence]) => sentence));
  let from = 0;
  const sentences = sentencesOf(seed.articleText).map((sentence) => {
    const at = article.indexOf(sentence, from);
    from = at < 0 ? from : at + sentence.length;
    const ratio = at < 0 ? 0 : covered.subarray(at, at + sentence.length).reduce((sum, c) => sum + c, 0) / sentence.length;
    return { sentence, ratio };
  });

  it('quotes every factual sentence and list item of the article in at least one piece of evidence', () => {
    const uncovered = sentences.filter(({ sentence, ratio }) => !exempt.has(sentence) && ratio < COVERED);
    expect(uncovered).toEqual([]);
  });

  it('checks a reasonable number of sentences (the splitter did not swallow the article)', () => {
    expect(sentences.length).toBeGreaterThan(60);
    if (process.env.SHOW_COVERAGE) for (const s of sentences) console.log(s.ratio.toFixed(2), s.sentence);
  });

  it('lists as non-factual only sentences that really are in the article', () => {
    for (const [sentence] of NOT_FACTUAL) expect(article.includes(sentence)).toBe(true);
  });

  it('has a Source with the title of every numbered reference of the article', () => {
    const lines = seed.articleText.split('\n').map(normalizeText).filter((line) => REFERENCE_LINE.test(line));
    expect(lines).toHaveLength(7);
    for (const line of lines) {
      const number = Number(/^(\d+)\./.exec(line)?.[1]);
      const source = seed.input.nodes.find((n) => n.kind === 'Source' && n.refNumber === number);
      expect(source?.id).toBe(`ref-${number}`);
      expect(line).toContain(source?.title);
      if (source?.publisher) expect(line).toContain(source.publisher);
    }
  });
});
