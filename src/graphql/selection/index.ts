export { planFor, planConnection, planRelation, selectsMoreThanId, checkedFirst, collectFields } from './planner';
export { encodeCursor, decodeCursor } from './cursor';
