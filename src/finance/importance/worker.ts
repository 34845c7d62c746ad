/** Worker of `systemicImportanceParallel`: one batch of scenarios (run through the pool, or inline). */
import { type ImportanceTask, importanceOfNodes, type NodeImportance } from "./importance.js";

export default function runBatch(task: ImportanceTask): NodeImportance[] {
  return importanceOfNodes(task.net, task.first, task.count, task.base, task.options);
}
