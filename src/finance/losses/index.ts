export { accountLosses, type LossAccount, type LossOptions, type LossParts } from "./losses.js";
