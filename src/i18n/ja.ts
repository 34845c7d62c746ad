import type { Catalogue } from "./catalogue.js";

/**
 * The Japanese catalogue: the same keys as `en.ts`. Company and product names stay as written; money follows the
 * convention stated in `format.ts` (米ドル, with 兆 and 億).
 */
export const ja: Catalogue = {
  report: {
    title: "AIのスケーリングは壁に突き当たるのか、そのとき誰が損失を負うのか",
  },

  cli: {
    unitUsdBillions: "10億米ドル",
  },

  app: {
    title: "wallcast シナリオ・エクスプローラー",
  },
};
