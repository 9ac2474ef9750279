import neo4j from 'neo4j-driver';
import { toPlain } from '../../../src/db/values';

describe('toPlain', () => {
  it('turns driver integers into numbers and temporals into ISO strings, deep inside maps and lists', () => {
    const row = { count: neo4j.int(42), nested: [{ at: new neo4j.types.Date(2025, 1, 16) }], name: 'x', none: null };
    expect(toPlain(row)).toEqual({ count: 42, nested: [{ at: '2025-01-16' }], name: 'x', none: null });
  });

  it('gives a node or relationship as its properties', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'als', year: neo4j.int(2024) }, 'e1');
    expect(toPlain({ n: node })).toEqual({ n: { id: 'als', year: 2024 } });
    expect(node.properties.year).toEqual(neo4j.int(2024));
  });

  it('converts the rows the driver made in place rather than copying them', () => {
    const list = [{ id: 'a' }];
    const row = { list };
    expect(toPlain(row)).toBe(row);
    expect((toPlain(row) as { list: unknown }).list).toBe(list);
  });

  it('turns undefined into null, as JSON would', () => {
    expect(toPlain({ gone: undefined })).toEqual({ gone: null });
  });
});
