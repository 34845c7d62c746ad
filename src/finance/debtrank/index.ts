export {
  DEBTRANK_VARIANTS,
  type DebtRankOptions,
  type DebtRankResult,
  type DebtRankVariant,
  debtRank,
  debtRankOfEachNode,
  type NodeDebtRank,
  normalisedWeights,
} from "./debtRank.js";
