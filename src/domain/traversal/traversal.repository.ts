/**
 * The traversals, for resolvers: each method is ONE statement (one Bolt round trip) on the Database
 * this repository was made with. Resolvers reach the graph only through repositories like this one.
 */
import type { Database } from '../../db';
import { compareConditions, type CompareInput } from './compare';
import { neighborhood, type NeighborhoodInput } from './neighborhood';
import { rankConditions, type RankInput } from './rank';
import { sharedSymptoms, type SharedSymptomsInput } from './shared-symptoms';
import { shortestPath, type ShortestPathInput } from './shortest-path';

export class TraversalRepository {
  constructor(private readonly db: Database) {}

  sharedSymptoms(input: SharedSymptomsInput) {
    return sharedSymptoms(this.db, input);
  }

  compareConditions(input: CompareInput) {
    return compareConditions(this.db, input);
  }

  rankConditions(input: RankInput) {
    return rankConditions(this.db, input);
  }

  neighborhood(input: NeighborhoodInput) {
    return neighborhood(this.db, input);
  }

  shortestPath(input: ShortestPathInput) {
    return shortestPath(this.db, input);
  }
}
