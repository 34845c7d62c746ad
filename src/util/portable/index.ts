/**
 * Elementary functions built from +, −, ×, ÷ and bit operations on doubles only, so a simulation gives the same
 * bits in Node and in every browser and JavaScript engine version: the engines' own Math.exp, Math.log, Math.pow
 * and their kin differ by an ulp on up to ~10% of arguments between V8 versions (Node 20 against the browser's),
 * which is enough to move a path across a default threshold. The economy and its random draws use these.
 */
export { asinh } from "./asinh.js";
export { cosTurn } from "./cosTurn.js";
export { exp } from "./exp.js";
export { expm1 } from "./expm1.js";
export { log } from "./log.js";
export { log1p } from "./log1p.js";
export { log10 } from "./log10.js";
export { pow } from "./pow.js";
export { sinh } from "./sinh.js";
