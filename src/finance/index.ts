export * from "./clearing/index.js";
export * from "./debtrank/index.js";
export * from "./firesale/index.js";
export * from "./importance/index.js";
export * from "./losses/index.js";
export {
  compileNetwork,
  type HoldingSpec,
  type Holdings,
  type LiabilityMatrix,
  type LiabilitySpec,
  MAX_AMOUNT,
  type Network,
  type NetworkSpec,
  type NodeSpec,
  type PriceImpact,
  totalObligations,
  withExternalAssets,
} from "./network.js";
export { networkSchema, parseNetwork, readNetworkFile } from "./parse.js";
