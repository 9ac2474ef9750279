/** Full-text search, for resolvers: one statement per call. */
import type { Database } from '../../db';
import { search, type SearchInput } from './search';

export class SearchRepository {
  constructor(private readonly db: Database) {}

  search(input: SearchInput) {
    return search(this.db, input);
  }
}
