/** Shared inputs of the forecast tests. */

/** Case S6's selection as CLI arguments: notable models' training compute, published since 2010-01-01. */
export const S6_SELECTION = [
  "epoch-training-cost",
  "--metric",
  "compute",
  "--notable",
  "--since",
  "2010-01-01",
];
