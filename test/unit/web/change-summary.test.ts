import { summarizeChange } from '../../../src/web/client/explorer/change-summary';

describe('a pending change as the reviewers’ queue shows it', () => {
  it('reads a proposed statement as subject — relation → object, with its quotes', () => {
    const payload = JSON.stringify({
      operation: 'ASSERT_RELATIONSHIP',
      edge: { type: 'OCCURS_IN', subject: 'fasciculations', object: 'eyelid', owner: 'curation', evidence: [{ source: 'article', quote: 'Such twitches…', knowledgeLevel: 'knowledge_assertion' }] },
    });
    expect(summarizeChange('ASSERT_RELATIONSHIP', payload)).toEqual({ title: 'fasciculations — occurs in → eyelid', quotes: [{ source: 'article', quote: 'Such twitches…' }] });
  });

  it('marks a negative statement', () => {
    const payload = JSON.stringify({ operation: 'ASSERT_RELATIONSHIP', edge: { type: 'NOT_CAUSES', subject: 'bfs', object: 'nerve-damage', evidence: [] } });
    expect(summarizeChange('ASSERT_RELATIONSHIP', payload).title).toBe('bfs — NOT causes → nerve-damage');
  });

  it('names the entity of the other operations, and survives a payload that is not JSON', () => {
    expect(summarizeChange('CREATE_ENTITY', JSON.stringify({ operation: 'CREATE_ENTITY', node: { id: 'rls', kind: 'Condition', name: 'Restless legs' } })).title).toBe('create entity: Restless legs (Condition, rls)');
    expect(summarizeChange('MERGE_ENTITIES', JSON.stringify({ operation: 'MERGE_ENTITIES', keep: 'als', merge: 'als-2' })).title).toBe('merge als-2 into als');
    expect(summarizeChange('RETRACT_ENTITY', JSON.stringify({ operation: 'RETRACT_ENTITY', id: 'trauma' })).title).toBe('retract entity: trauma');
    expect(summarizeChange('RETRACT_ENTITY', '{oops')).toEqual({ title: 'retract entity', quotes: [] });
  });
});
