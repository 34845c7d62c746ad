export {
  checkFireSaleInputs,
  type FireSaleEquilibrium,
  type FireSaleOptions,
  type FireSaleResult,
  fireSaleEquilibria,
  fireSaleHolders,
  holderSaleShare,
} from "./fireSale.js";
export { type DiscountIteration, saleShareFor } from "./fixedPoint.js";
export {
  type JointEquilibrium,
  type JointFireSaleOptions,
  type JointFireSaleResult,
  jointFireSaleEquilibria,
} from "./joint.js";
export { checkPriceImpact, discountFor, PRICE_IMPACT_KINDS } from "./priceImpact.js";
