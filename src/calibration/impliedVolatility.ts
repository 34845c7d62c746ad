/**
 * Asset volatility implied by a credit spread: the σ_A at which the credit rule (src/economy/rules/credit.ts) prices
 * an issuer's debt at a quoted spread — its one-year Merton EDF from the equity value and debt, times the risk
 * premium, times the loss given default, as a spread −ln(1 − premium·EDF·LGD) — as CreditGrades and its successors
 * calibrate a structural model to CDS.
 */
import { expectedDefaultFrequency } from "../economy/rules/credit.js";

/** A solver's answer: the volatility, whether the bracket closed on it, why it stopped, and after how many steps. */
export interface ImpliedVolatility {
  /** Annual asset volatility (NaN when there is none). */
  value: number;
  converged: boolean;
  reason: "tolerance" | "no debt" | "no equity" | "spread beyond the rule's cap";
  iterations: number;
}

/** Widest asset volatility searched, a year. */
const MAX_SIGMA = 10;

/**
 * The σ_A in (0, 10] at which an issuer with equity value `equity` and debt `debt` (usdB) gets spread `spread`
 * (a year) from the credit rule at `riskPremium` and `lossGivenDefault`, by bisection to `tolerance`: the EDF rises
 * with σ_A, so the bracket is sure. RangeError for a negative spread or a premium or loss outside the rule's domain.
 */
export function impliedAssetVolatility(
  equity: number,
  debt: number,
  spread: number,
  riskPremium: number,
  lossGivenDefault: number,
  tolerance = 1e-10,
): ImpliedVolatility {
  if (!(spread >= 0)) throw new RangeError(`invalid spread: ${spread}`);
  if (!(riskPremium >= 1)) throw new RangeError(`invalid riskPremium: ${riskPremium}`);
  if (!(lossGivenDefault > 0 && lossGivenDefault <= 1))
    throw new RangeError(`invalid lossGivenDefault: ${lossGivenDefault}`);
  if (!(debt > 0)) return { value: Number.NaN, converged: false, reason: "no debt", iterations: 0 };
  if (!(equity > 0)) return { value: Number.NaN, converged: false, reason: "no equity", iterations: 0 };
  // The EDF that spread implies, inverting −ln(1 − premium·EDF·LGD); the rule caps premium·EDF at 0.99.
  const edf = -Math.expm1(-spread) / (riskPremium * lossGivenDefault);
  if (!(riskPremium * edf < 0.99) || !(edf < expectedDefaultFrequency(equity, debt, MAX_SIGMA)))
    return { value: Number.NaN, converged: false, reason: "spread beyond the rule's cap", iterations: 0 };
  let lo = 0;
  let hi = MAX_SIGMA;
  let iterations = 0;
  while (hi - lo > tolerance) {
    const mid = 0.5 * (lo + hi);
    if (expectedDefaultFrequency(equity, debt, mid) < edf) lo = mid;
    else hi = mid;
    iterations++;
  }
  return { value: 0.5 * (lo + hi), converged: true, reason: "tolerance", iterations };
}
