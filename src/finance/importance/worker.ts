/** Worker of `systemicImportanceParallel`: batches of scenarios, each claimed by whichever thread is free
 * (`runShared`). */
import { claimTasks } from "../../util/claimTasks.js";
import { runBatch } from "./importance.js";

export default claimTasks(runBatch);
