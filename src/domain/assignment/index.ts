export {
  instanceSchema,
  parseInstance,
  fieldPath,
  type AssignmentInstance,
  type AssignmentInstanceInput,
  type ParseInstanceResult,
} from './instance.js';
export { type AssignmentResult } from './result.js';
export { solveAssignment, solveAssignmentDetailed, solveAssignmentInSlices, type SolveProgress, type SolveStats } from './solve.js';
export { greedyAssignment } from './greedy.js';
export { explainAssignment, scoreAssignment, type AssignmentExplanation, type AssignmentScore } from './explain.js';
export { MinCostFlow } from './min-cost-flow.js';
