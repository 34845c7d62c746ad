export { type ArenaHistory, type ArenaSnapshot, arenaBloc, readArenaHistory } from "./arena.js";
export { type CostPoint, capabilityCostTrend, cheapestToReach, type EfficiencyResult } from "./efficiency.js";
export {
  type DatedValue,
  dateGrid,
  type FrontierRecord,
  firstReached,
  frontierByGroup,
  frontierGap,
  type GapPoint,
  levelAt,
  runningBest,
} from "./frontier.js";
export { type UsChinaGap, type UsChinaGapOptions, type UsChinaGapPoint, usChinaGap } from "./usChina.js";
