import sharedSymptoms from '../../examples/01-shared-symptoms.graphql';
import compareConditions from '../../examples/02-compare-conditions.graphql';
import differential from '../../examples/03-differential.graphql';
import neighborhood from '../../examples/04-neighborhood.graphql';
import shortestPath from '../../examples/05-shortest-path.graphql';
import search from '../../examples/06-search.graphql';
import graphStats from '../../examples/07-graph-stats.graphql';
import notAndIndirect from '../../examples/08-not-and-indirect.graphql';
import proposeStatement from '../../examples/09-propose-statement.graphql';
import reviewChange from '../../examples/10-review-change.graphql';
import changeHistory from '../../examples/11-change-history.graphql';

/**
 * The operations the playground opens with, one tab each, in this order (test/unit/web checks they
 * validate). The last three are one proposal → review round; their comments say which token to set.
 */
export const EXAMPLES: readonly string[] = [
  sharedSymptoms,
  compareConditions,
  differential,
  neighborhood,
  shortestPath,
  search,
  graphStats,
  notAndIndirect,
  proposeStatement,
  reviewChange,
  changeHistory,
];
