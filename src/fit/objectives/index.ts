/** Objectives by the names the CLI accepts. */
import { huberLoss } from "./huber.js";
import { huberLikelihood } from "./huberLikelihood.js";
import { logMse } from "./logMse.js";
import { msle } from "./msle.js";
import type { Loss, LossName } from "./types.js";

export { huberLoss } from "./huber.js";
export { huberLikelihood, huberNormalizer } from "./huberLikelihood.js";
export { logMse } from "./logMse.js";
export { msle } from "./msle.js";
export { huber, huberSlope, type Loss, type LossName } from "./types.js";

/** Objective names in the CLI contract, the ones `getLoss` accepts. */
export const LOSS_NAMES: readonly LossName[] = ["huber", "log-mse", "msle", "huber-mle"];

/** The objective `name` with Huber threshold `delta` (default 1e-3; used by huber and huber-mle). */
export function getLoss(name: string, delta = 1e-3): Loss {
  switch (name) {
    case "huber":
      return huberLoss(delta);
    case "huber-mle":
      return huberLikelihood(delta);
    case "log-mse":
      return logMse;
    case "msle":
      return msle;
    default:
      throw new RangeError(`invalid loss: ${name} (known: ${LOSS_NAMES.join(", ")})`);
  }
}
