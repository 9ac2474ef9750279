/**
 * The shape of each traversal's Cypher (issue 7: the shape matters most): each starts from the ids
 * it is given, bounds fan-out inside CALL subqueries, never follows NOT_ types where it must not, and
 * splices only whitelisted labels/types or integers.
 */
import { NEGATED_REL_TYPES, POSITIVE_REL_TYPES } from '../../../../src/domain/model';
import { compareCypher } from '../../../../src/domain/traversal/compare';
import { neighborhoodCypher } from '../../../../src/domain/traversal/neighborhood';
import { rankCypher } from '../../../../src/domain/traversal/rank';
import { PHENOTYPE_MATCH_LIMITS } from '../../../../src/domain/traversal/phenotype-match';
import { sharedSymptomsCypher } from '../../../../src/domain/traversal/shared-symptoms';
import { shortestPathCypher } from '../../../../src/domain/traversal/shortest-path';
import { SEARCH_CYPHER } from '../../../../src/domain/search/search';
import { statsCypher } from '../../../../src/domain/stats/stats';

const ALL = [
  sharedSymptomsCypher(false),
  sharedSymptomsCypher(true),
  compareCypher(false),
  rankCypher(true),
  neighborhoodCypher(3, true),
  shortestPathCypher(6),
  SEARCH_CYPHER,
  statsCypher(),
];

describe('traversal Cypher', () => {
  it('starts from the given ids by index seek, never from a label scan of the other side', () => {
    const hpo = ['HP:0002380', 'als'];
    for (const cypher of [sharedSymptomsCypher(false, undefined, undefined, hpo), compareCypher(false, null, hpo), rankCypher(false, null, hpo)]) {
      // By id (the unique index), or by the hpoId of an article entity an HPO term joined (its index).
      expect(cypher).toMatch(/UNWIND \$ids AS wantedId\s+CALL \(wantedId\) \{\s+MATCH \(x:Entity \{id: wantedId\}\) USING INDEX x:Entity\(id\) RETURN x\s+UNION\s+MATCH \(x:Entity \{hpoId: wantedId\}\) RETURN x/);
      expect(cypher).not.toMatch(/MATCH \(s:Symptom\)(?!-)/);
    }
    // Not told the ids: both seeks, so no HPO id is missed.
    for (const cypher of [sharedSymptomsCypher(false), compareCypher(false), rankCypher(false)]) expect(cypher).toContain('MATCH (x:Entity {hpoId: wantedId}) RETURN x');
    // No id of an HPO term's form (every hpoId has it): the id index alone, one seek per id.
    for (const cypher of [sharedSymptomsCypher(false, undefined, false, ['als', 'bfs']), compareCypher(false, null, ['als', 'bfs']), rankCypher(false, null, ['fasciculations'])]) {
      expect(cypher).toMatch(/UNWIND \$ids AS wantedId\s+MATCH \(x:Entity \{id: wantedId\}\) USING INDEX x:Entity\(id\)\s+WITH x WHERE x:/);
      expect(cypher).not.toContain('hpoId: wantedId');
    }
    expect(neighborhoodCypher(1, false)).toMatch(/^\s*MATCH \(start:Entity \{id: \$id\}\)/);
  });

  it('bounds per-node fan-out with LIMIT inside CALL', () => {
    expect(neighborhoodCypher(2, false).match(/RETURN r, n LIMIT \$fanout/g)).toHaveLength(2);
    // rankConditions: conditions per searched term (descendants of a term or ancestor, or the term itself).
    expect(rankCypher(false).match(/MATCH \((?:d|a)\)<-\[:HAS_SYMPTOM\]-\(dc:Condition\)\s+RETURN DISTINCT dc LIMIT \$fanout/g)).toHaveLength(2);
    // ... candidates, terms per candidate, and the answer are cut inside the statement too.
    expect(rankCypher(false)).toMatch(/LIMIT \$candidates/);
    expect(rankCypher(false)).toMatch(/RETURN via, r, d LIMIT \$termsPerCondition/);
    expect(rankCypher(false)).toMatch(/LIMIT \$first/);
    expect(compareCypher(true)).toMatch(/RETURN d, r, x LIMIT \$fanout/);
  });

  it('follows positive types only in paths and (by default) neighbourhoods', () => {
    for (const cypher of [shortestPathCypher(4), neighborhoodCypher(2, false)]) {
      for (const negated of NEGATED_REL_TYPES) expect(cypher).not.toContain(negated);
      expect(cypher).toContain(POSITIVE_REL_TYPES.join('|'));
    }
    expect(neighborhoodCypher(1, true)).toContain('NOT_CAUSES');
    expect(shortestPathCypher(5)).toContain('*..5]');
  });

  it('includes subtypes only when asked, to a fixed depth', () => {
    expect(sharedSymptomsCypher(false)).not.toContain('SUBCLASS_OF');
    expect(sharedSymptomsCypher(true)).toContain('<-[:SUBCLASS_OF*0..3]-(d:Condition)');
    expect(rankCypher(true)).toContain('-[:SUBCLASS_OF*0..3]->(c:Condition)');
    expect(rankCypher(true)).toContain('<-[:SUBCLASS_OF*0..3]-(via:Condition)');
    expect(rankCypher(false)).not.toContain('(via:Condition)');
  });

  it('walks the phenotype hierarchy to a fixed depth, as distinct nodes (a pruning expand)', () => {
    const depth = PHENOTYPE_MATCH_LIMITS.ancestorDepth;
    const cypher = rankCypher(false);
    expect(cypher).toContain(`MATCH (q)-[:SUBCLASS_OF*0..${depth}]->(a:Symptom)\n  WITH DISTINCT i, w, a`);
    expect(cypher).toContain(`MATCH (d:Symptom)-[:SUBCLASS_OF*0..${depth}]->(a)\n    WITH DISTINCT d`);
    expect(cypher).toContain(`MATCH (d)-[:SUBCLASS_OF*0..${depth}]->(a:Symptom)\n    WITH DISTINCT a`);
    // Never through a negated statement: only HAS_SYMPTOM links match; NOT_HAS_SYMPTOM only takes credit away.
    expect(cypher.match(/NOT_HAS_SYMPTOM/g)).toHaveLength(1);
    expect(cypher).toContain('WHERE NOT i IN contradicted');
  });

  it('counts from the count store in graphStats (one MATCH per label/type, nothing else in it)', () => {
    const stats = statsCypher();
    expect(stats).toContain('CALL () { MATCH (n:Condition) RETURN count(n) AS k0 }');
    expect(stats).toContain('CALL () { MATCH ()-[r:HAS_SYMPTOM]->() RETURN count(r) AS t0 }');
    expect(stats).toMatch(/WHERE id\(r\) = rid/);
  });

  it('passes user values as parameters only', () => {
    for (const cypher of ALL) {
      // The only string literals are constants of ours; user values arrive as $parameters.
      const literals = [...cypher.matchAll(/'([^'\n]*)'/g)].map((m) => m[1]);
      expect(literals.every((literal) => literal === 'SUBCLASS_OF')).toBe(true);
      expect(cypher).not.toMatch(/"/);
    }
  });
});
