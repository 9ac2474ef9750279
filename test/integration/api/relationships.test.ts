/**
 * Every statement of the relationship catalogue, read from either end over HTTP on the seeded graph,
 * with its evidence, negated or not (issue 16).
 */
import { KIND_NAMES, POSITIVE_REL_TYPES, RELATIONSHIPS, connectionFieldName, negate, type Kind, type NegatableRelType } from '../../../src/domain/model';
import { useSeededApi } from './seeded-api';

jest.setTimeout(120_000);

interface Edge {
  node: { id: string; name: string };
  evidence: { quote: string; sourceId: string }[];
}
type Connection = { totalCount: number; edges: Edge[] };

const api = useSeededApi();

/** `Kind.fieldConnection(first: 100, negated)` of one entity: its edges. */
async function edgesAt(id: string, kind: Kind, field: string, negated: boolean): Promise<Connection> {
  const args = negated ? 'first: 100, negated: true' : 'first: 100';
  const { data, errors } = await api.query<{ entity: { c: Connection } | null }>(
    `query($id: ID!) { entity(id: $id) { ... on ${kind} { c: ${connectionFieldName(field)}(${args}) { totalCount edges { node { id name } evidence { quote sourceId } } } } } }`,
    { id },
  );
  expect(errors).toBeUndefined();
  if (!data?.entity) throw new Error(`no entity ${id}`);
  return data.entity.c;
}

/** One stored statement of this relationship type: its ends and their kinds. */
async function oneStatement(type: string): Promise<{ subject: string; subjectKind: Kind; object: string; objectKind: Kind } | null> {
  const rows = await api.db.read<{ subject: string; subjectKind: Kind; object: string; objectKind: Kind }>(
    `MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) = $type
     RETURN s.id AS subject, s.kind AS subjectKind, o.id AS object, o.kind AS objectKind ORDER BY r.id LIMIT 1`,
    { type },
  );
  return rows[0] ?? null;
}

describe('statements from either end of every relationship', () => {
  it('answers "what does BFS not cause": muscle damage and nerve damage, with the article\'s sentence', async () => {
    const connection = await edgesAt('bfs', 'Condition', 'causes', true);
    expect(connection.edges.map((edge) => edge.node.id).sort()).toEqual(['muscle-damage', 'nerve-damage']);
    expect(connection.totalCount).toBe(2);
    for (const edge of connection.edges) {
      expect(edge.evidence).toEqual([{ sourceId: 'article', quote: 'BFS is a benign condition that does not cause any damage to the muscles or nerves' }]);
    }
    const positive = await edgesAt('bfs', 'Condition', 'causes', false);
    expect(positive.edges.map((edge) => edge.node.id)).not.toContain('nerve-damage');
  });

  it('answers the same negative statement from its other end: nerve damage is not caused by BFS', async () => {
    const connection = await edgesAt('nerve-damage', 'Mechanism', 'causedBy', true);
    expect(connection.edges.map((edge) => edge.node.id)).toEqual(['bfs']);
    expect(connection.edges[0]?.evidence[0]?.quote).toContain('does not cause any damage to the muscles or nerves');
  });

  it('reads a statement of every catalogue type at both ends, with evidence, and every negated statement of the seed at both ends', async () => {
    const checked: string[] = [];
    const types = [...POSITIVE_REL_TYPES, ...POSITIVE_REL_TYPES.filter((type) => RELATIONSHIPS[type].negatable).map((type) => negate(type as NegatableRelType))];
    for (const type of types) {
      const statement = await oneStatement(type);
      const negated = type.startsWith('NOT_');
      if (!statement) {
        // Every positive type is stated in the seed; a negatable type need not have a negative statement.
        expect(`${type} ${negated ? 'may be' : 'is'} absent`).toBe(`${type} may be absent`);
        continue;
      }
      const positive = (negated ? type.slice(4) : type) as keyof typeof RELATIONSHIPS;
      const spec = RELATIONSHIPS[positive];
      expect(KIND_NAMES).toEqual(expect.arrayContaining([statement.subjectKind, statement.objectKind]));
      const fromSubject = await edgesAt(statement.subject, statement.subjectKind, spec.forwardField, negated);
      const fromObject = await edgesAt(statement.object, statement.objectKind, spec.inverseField, negated);
      for (const [connection, other] of [
        [fromSubject, statement.object],
        [fromObject, statement.subject],
      ] as const) {
        const edge = connection.edges.find((candidate) => candidate.node.id === other);
        expect(`${type} ${statement.subject} -> ${statement.object}: ${edge ? 'found' : 'missing'}`).toBe(`${type} ${statement.subject} -> ${statement.object}: found`);
        expect(edge?.evidence.length).toBeGreaterThan(0);
        expect(edge?.evidence.every((evidence) => evidence.sourceId.length > 0)).toBe(true);
      }
      checked.push(type);
    }
    expect(checked).toEqual(expect.arrayContaining([...POSITIVE_REL_TYPES, 'NOT_CAUSES']));
  });

  it('refuses negated on a relationship that has no negative statements, naming the field', async () => {
    const { status, errors } = await api.query('{ condition(id: "als") { bodyRegionsConnection(negated: true) { totalCount } } }');
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors?.[0]?.message).toContain('negated');
  });
});

interface StatementEdgeOut {
  cursor: string;
  type: string;
  predicate: string;
  field: string;
  direction: 'OUT' | 'IN';
  negated: boolean;
  node: { id: string; kind: string };
  evidence: { quote: string; sourceId: string }[];
}
interface Statements {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: StatementEdgeOut[];
}

async function statements(id: string, args: string): Promise<Statements> {
  const { data, errors } = await api.query<{ entity: { statements: Statements } }>(
    `query($id: ID!) { entity(id: $id) { statements${args ? `(${args})` : ''} { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor type predicate field direction negated node { id kind } evidence { quote sourceId } } } } }`,
    { id },
  );
  expect(errors).toBeUndefined();
  if (!data?.entity) throw new Error(`no entity ${id}`);
  return data.entity.statements;
}

describe('every statement about an entity', () => {
  it('lists BFS\'s negative statements among all its statements, marked negated, with type, predicate, field and quote', async () => {
    const all = await statements('bfs', 'first: 100');
    const stored = await api.db.read<{ n: number }>('MATCH (:Entity {id: "bfs"})-[r]-(:Entity) RETURN count(r) AS n');
    expect(all.totalCount).toBe(stored[0]?.n);
    expect(all.edges).toHaveLength(all.totalCount);
    const negatives = all.edges.filter((edge) => edge.negated);
    expect(negatives.map((edge) => edge.node.id).sort()).toEqual(['muscle-damage', 'nerve-damage']);
    expect(negatives[0]).toMatchObject({ type: 'CAUSES', predicate: 'biolink:causes', field: 'causes', direction: 'OUT' });
    expect(negatives[0]?.evidence[0]?.quote).toBe('BFS is a benign condition that does not cause any damage to the muscles or nerves');
    expect(all.edges.find((edge) => edge.node.id === 'fasciculations')).toMatchObject({ type: 'HAS_SYMPTOM', field: 'symptoms', negated: false });
    expect(all.edges.every((edge) => edge.evidence.length > 0)).toBe(true);
  });

  it('keeps only the types, direction and polarity asked for', async () => {
    const negativeCauses = await statements('bfs', 'types: ["CAUSES"], negated: true');
    expect(negativeCauses.edges.map((edge) => edge.node.id).sort()).toEqual(['muscle-damage', 'nerve-damage']);
    const causedBy = await statements('nerve-damage', 'direction: IN');
    expect(causedBy.edges.every((edge) => edge.direction === 'IN')).toBe(true);
    expect(causedBy.edges.find((edge) => edge.node.id === 'bfs')).toMatchObject({ type: 'CAUSES', field: 'causedBy', negated: true });
    const positiveOnly = await statements('bfs', 'negated: false, first: 100');
    expect(positiveOnly.edges.some((edge) => edge.negated)).toBe(false);
    expect(positiveOnly.totalCount).toBe((await statements('bfs', 'first: 100')).totalCount - 2);
  });

  it('pages through the statements with cursors, grouped by relationship type, without repeating one', async () => {
    const all = await statements('als', 'first: 100');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Statements = await statements('als', `first: 4${after ? `, after: ${JSON.stringify(after)}` : ''}`);
      seen.push(...page.edges.map((edge) => `${edge.type}|${edge.direction}|${edge.negated}|${edge.node.id}`));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.edges.map((edge) => `${edge.type}|${edge.direction}|${edge.negated}|${edge.node.id}`));
    expect(new Set(seen).size).toBe(seen.length);
    const types = all.edges.map((edge) => `${edge.negated ? 'NOT_' : ''}${edge.type}`);
    expect(types).toEqual([...types].sort());
  });

  it('answers an unknown relationship type with the list of known ones', async () => {
    const { status, errors } = await api.query('{ entity(id: "bfs") { statements(types: ["TREATED_BY"]) { totalCount } } }');
    expect(status).toBe(400);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'types' });
    for (const type of POSITIVE_REL_TYPES) expect(errors?.[0]?.message).toContain(type);
  });
});

interface RoutedEdge {
  node: { id: string };
  stated: boolean;
  evidence: { quote: string }[];
  paths: { via: string; hops: { type: string; subject: { id: string }; object: { id: string }; evidence: { quote: string; sourceId: string }[] }[] }[];
}

async function specialists(id: string, via: string | null): Promise<{ totalCount: number; edges: RoutedEdge[] }> {
  const { data, errors } = await api.query<{ condition: { specialistsConnection: { totalCount: number; edges: RoutedEdge[] } } }>(
    `query($id: ID!) { condition(id: $id) { specialistsConnection${via ? `(via: ${via})` : ''} { totalCount edges { node { id } stated evidence { quote }
      paths { via hops { type subject { id } object { id } evidence { quote sourceId } } } } } } }`,
    { id },
  );
  expect(errors).toBeUndefined();
  if (!data?.condition) throw new Error(`no condition ${id}`);
  return data.condition.specialistsConnection;
}

describe('whom to consult, directly or through other entities', () => {
  it('states nobody for BFS directly, as before', async () => {
    expect(await specialists('bfs', null)).toEqual({ totalCount: 0, edges: [] });
  });

  it('answers "whom to consult for BFS" through its symptoms and diagnostic steps: the neurologist and the physician, each with its paths and each hop\'s evidence, none stated', async () => {
    const answer = await specialists('bfs', '[DIRECT, SYMPTOMS, DIAGNOSTIC_STEPS]');
    expect(answer.edges.map((edge) => edge.node.id)).toEqual(['neurologist', 'physician']);
    expect(answer.totalCount).toBe(2);
    for (const edge of answer.edges) {
      expect(edge.stated).toBe(false);
      expect(edge.evidence).toEqual([]);
      for (const path of edge.paths) for (const hop of path.hops) expect(hop.evidence.length).toBeGreaterThan(0);
    }
    const routes = (edge: RoutedEdge | undefined) =>
      (edge?.paths ?? []).map((path) => `${path.via}: ${path.hops.map((hop) => `${hop.subject.id} ${hop.type} ${hop.object.id}`).join(', ')}`).sort();
    const [neurologist, physician] = answer.edges;
    expect(routes(neurologist)).toEqual([
      'DIAGNOSTIC_STEPS: bloodwork DIAGNOSES bfs, neurologist PERFORMS bloodwork',
      'DIAGNOSTIC_STEPS: clinical-exam DIAGNOSES bfs, neurologist PERFORMS clinical-exam',
      'SYMPTOMS: bfs HAS_SYMPTOM fasciculations, fasciculations CONSULT neurologist',
    ]);
    expect(routes(physician)).toEqual([
      'DIAGNOSTIC_STEPS: bloodwork DIAGNOSES bfs, physician PERFORMS bloodwork',
      'DIAGNOSTIC_STEPS: clinical-exam DIAGNOSES bfs, physician PERFORMS clinical-exam',
    ]);
  });

  it('keeps a stated answer stated, with its own evidence, beside the indirect ones (ALS: the physician)', async () => {
    const answer = await specialists('als', '[DIRECT, SYMPTOMS]');
    const physician = answer.edges.find((edge) => edge.node.id === 'physician');
    expect(physician?.stated).toBe(true);
    expect(physician?.evidence.length).toBeGreaterThan(0);
    expect(physician?.paths.find((path) => path.via === 'DIRECT')?.hops.map((hop) => hop.type)).toEqual(['CONSULT']);
    const neurologist = answer.edges.find((edge) => edge.node.id === 'neurologist');
    expect(neurologist).toMatchObject({ stated: false, evidence: [] });
  });
});
