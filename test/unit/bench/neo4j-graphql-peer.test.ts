import { OPERATIONS } from '../../../bench/operations';
import { PEER_CANNOT, PEER_OPERATIONS, byApiNameOrder, firstDifference } from '../../../bench/peers/neo4j-graphql';

const peer = (name: string) => PEER_OPERATIONS[name]!;

describe("bench peer @neo4j/graphql: mapping its answers to this API's shape", () => {
  it('every bench operation is either asked of the peer or listed with the reason it is not', () => {
    for (const op of OPERATIONS) expect([op.name, Boolean(PEER_OPERATIONS[op.name]) !== Boolean(PEER_CANNOT[op.name])]).toEqual([op.name, true]);
    for (const name of [...Object.keys(PEER_OPERATIONS), ...Object.keys(PEER_CANNOT)]) expect(OPERATIONS.map((op) => op.name)).toContain(name);
  });

  it("orders named items as the API does: lower-cased name, then id; code-point order would differ", () => {
    const list = [
      { id: 'b', name: 'muscle cramps' },
      { id: 'a', name: 'Numbness' },
      { id: 'c', name: 'Muscle cramps' },
    ];
    expect(byApiNameOrder(list).map((x) => x.id)).toEqual(['b', 'c', 'a']);
    expect([...list].sort((x, y) => (x.name < y.name ? -1 : 1)).map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(list.map((x) => x.id)).toEqual(['b', 'a', 'c']); // the input is left as it was
  });

  it('Entity: the one condition of the list, its lists in API order; an empty list is null', () => {
    const answer = {
      conditions: [
        {
          id: 'als',
          name: 'ALS',
          symptoms: [
            { id: 's2', name: 'twitch' },
            { id: 's1', name: 'Cramps' },
          ],
          triggers: [],
          treatments: [{ id: 't', name: 'Rest' }],
        },
      ],
    };
    expect(peer('Entity').toApi(answer)).toEqual({
      condition: {
        id: 'als',
        name: 'ALS',
        symptoms: [
          { id: 's1', name: 'Cramps' },
          { id: 's2', name: 'twitch' },
        ],
        triggers: [],
        treatments: [{ id: 't', name: 'Rest' }],
      },
    });
    expect(peer('Entity').toApi({ conditions: [] })).toEqual({ condition: null });
  });

  it('a lookup by id that answers several items, or no list, fails instead of picking one', () => {
    const two = { conditions: [{ id: 'a', name: 'A', symptoms: [], triggers: [], treatments: [] }, { id: 'b', name: 'B', symptoms: [], triggers: [], treatments: [] }] };
    expect(() => peer('Entity').toApi(two)).toThrow('answered 2 items');
    expect(() => peer('Nested').toApi({})).toThrow('no list');
  });

  it('PageCounts: edges of nodes with the count as symptomsConnection.totalCount, keys in the API order', () => {
    const mapped = peer('PageCounts').toApi({
      conditions: [
        { id: 'b', name: 'bulbar', symptomsConnection: { totalCount: 3 } },
        { id: 'a', name: 'Amyotrophic', symptomsConnection: { totalCount: 0 } },
      ],
    });
    expect(JSON.stringify(mapped)).toBe(
      '{"conditions":{"edges":[{"node":{"id":"a","name":"Amyotrophic","symptomsConnection":{"totalCount":0}}},{"node":{"id":"b","name":"bulbar","symptomsConnection":{"totalCount":3}}}]}}',
    );
  });

  it("Shared: the first condition's symptoms (empty when the first id is unknown); only two ids can be asked", () => {
    expect(peer('Shared').toApi({ conditions: [{ symptoms: [{ id: 'x', name: 'X' }] }] })).toEqual({ sharedSymptoms: [{ id: 'x', name: 'X' }] });
    expect(peer('Shared').toApi({ conditions: [] })).toEqual({ sharedSymptoms: [] });
    expect(peer('Shared').variables({ ids: ['als', 'bfs'] })).toEqual({ a: 'als', b: 'bfs' });
    expect(() => peer('Shared').variables({ ids: ['als', 'bfs', 'x'] })).toThrow('exactly two');
  });

  it('Nested: both levels in API order', () => {
    const mapped = peer('Nested').toApi({
      conditions: [
        {
          id: 'c',
          name: 'C',
          symptoms: [
            { id: 's2', name: 'b', conditions: [{ id: 'z', name: 'Z' }, { id: 'y', name: 'y' }] },
            { id: 's1', name: 'A', conditions: [] },
          ],
        },
      ],
    });
    expect(JSON.stringify(mapped)).toBe(
      '{"condition":{"id":"c","name":"C","symptoms":[{"id":"s1","name":"A","conditions":[]},{"id":"s2","name":"b","conditions":[{"id":"y","name":"y"},{"id":"z","name":"Z"}]}]}}',
    );
  });

  it("TopSymptoms: the peer's order kept (count, then id), the count as relatedCount", () => {
    const mapped = peer('TopSymptoms').toApi({
      symptoms: [
        { id: 'z', name: 'Z', conditionCount: 5 },
        { id: 'a', name: 'A', conditionCount: 2 },
      ],
    });
    expect(JSON.stringify(mapped)).toBe('{"symptoms":{"edges":[{"relatedCount":5,"node":{"id":"z","name":"Z"}},{"relatedCount":2,"node":{"id":"a","name":"A"}}]}}');
  });

  it('firstDifference: null when equal, else the position and both sides around it', () => {
    expect(firstDifference('{"a":1}', '{"a":1}')).toBeNull();
    const diff = firstDifference('{"a":[1,2,3]}', '{"a":[1,2,4]}', 3);
    expect(diff).toContain('at character 10');
    expect(diff).toContain('expected: …,2,3]}…');
    expect(diff).toContain('actual:   …,2,4]}…');
  });
});
