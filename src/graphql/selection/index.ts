export { planFor, planConnection, planRelation, selectsMoreThanId, checkedFirst, collectFields, traversalPlanFor } from './planner';
export { encodeCursor, decodeCursor } from './cursor';
