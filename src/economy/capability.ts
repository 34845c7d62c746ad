/**
 * Frontier capability as a function of Δx, the orders of magnitude of frontier effective training compute
 * above the start, in the scenario's shape. Index points; 0 at the start.
 */
import { exp, expm1, log } from "../util/portable/index.js";
import { SHAPE_CODES } from "./model.js";

/** Parameters of a capability curve. */
export interface CapabilityCurve {
  /** SHAPE_CODES value. */
  shape: number;
  /** Index points per OOM at the start. */
  slope: number;
  /** Gain at which ceiling / s-curve saturate. */
  ceiling: number;
  /** broken: OOMs above the start where the slope changes. */
  breakOom: number;
  /** broken: slope after the break. */
  slopeAfter: number;
  /** s-curve: OOMs above the start at which 95% of the ceiling is reached. */
  topOom: number;
  /** evidence: OOM offsets of the profile and the path's replicate's gain relative to the start's at each. */
  offsets?: Float64Array;
  relativeGain?: Float64Array;
}

const LN19 = log(19);

/**
 * continues: slope·Δx. ceiling: K(1 − e^(−slope·Δx/K)) above the start, linear below. broken: slope up to
 * breakOom, slopeAfter beyond. s-curve: a logistic in Δx rising from 5% (start) to 95% (topOom) of K,
 * shifted to 0 at the start. evidence: slope × the integral of the replicate's relative gain (linear between the
 * offsets, its last value beyond them), linear below the start.
 */
export function capabilityAt(curve: CapabilityCurve, dx: number): number {
  switch (curve.shape) {
    case SHAPE_CODES.ceiling: {
      if (dx <= 0) return curve.slope * dx;
      return curve.ceiling * -expm1((-curve.slope * dx) / curve.ceiling);
    }
    case SHAPE_CODES.broken:
      return dx <= curve.breakOom
        ? curve.slope * dx
        : curve.slope * curve.breakOom + curve.slopeAfter * (dx - curve.breakOom);
    case SHAPE_CODES["s-curve"]: {
      const half = Math.max(curve.topOom, 1e-3) / 2;
      const k = LN19 / half;
      const at = (u: number) => 1 / (1 + exp(-k * (u - half)));
      const base = at(0);
      return (curve.ceiling * (at(dx) - base)) / (1 - base);
    }
    case SHAPE_CODES.evidence:
      return dx <= 0
        ? curve.slope * dx
        : curve.slope * integratedGain(curve.offsets!, curve.relativeGain!, dx);
    default:
      return curve.slope * dx;
  }
}

/** ∫₀^dx g, g linear between the offsets and constant at its last value beyond them (trapezoids). */
function integratedGain(offsets: Float64Array, gain: Float64Array, dx: number): number {
  let sum = 0;
  const last = offsets.length - 1;
  for (let k = 0; k < last; k++) {
    const a = offsets[k];
    const b = offsets[k + 1];
    if (dx <= a) return sum;
    const end = Math.min(dx, b);
    const gEnd = gain[k] + ((gain[k + 1] - gain[k]) * (end - a)) / (b - a);
    sum += ((gain[k] + gEnd) / 2) * (end - a);
    if (dx <= b) return sum;
  }
  return sum + gain[last] * (dx - offsets[last]);
}
