import { randomStream } from "../../util/random.js";

/** Options of the Morris screening design. */
export interface MorrisOptions {
  /** Trajectories r, ≥ 1; each costs k + 1 evaluations. Default 10. */
  trajectories?: number;
  /** Grid levels p per factor, even and ≥ 2; the step is Δ = p / (2(p − 1)). Default 4. */
  levels?: number;
  /** Seed of the design's random stream. Default 0. */
  seed?: number;
}

/** A Morris design in the unit hypercube: `r` trajectories of `k + 1` points, each differing in one factor. */
export interface MorrisDesign {
  /** Number of factors k. */
  factors: number;
  /** Trajectories r. */
  trajectories: number;
  /** Step Δ in unit coordinates. */
  delta: number;
  /** Points in [0, 1]^k, trajectory by trajectory: `points[t·(k+1) + j]`. */
  points: Float64Array[];
  /** `changed[t·k + j]`: the factor moved between point j and j + 1 of trajectory t. */
  changed: Int32Array;
  /** `step[t·k + j]`: the signed unit step (±Δ) of that move. */
  step: Float64Array;
}

/** Morris indices of one factor, in output units per unit of the factor's unit coordinate. */
export interface MorrisIndex {
  /** Mean elementary effect μ (signed: cancels when effects change sign). */
  mu: number;
  /** Mean absolute elementary effect μ* (Campolongo et al. 2007): the importance ranking. */
  muStar: number;
  /** Standard deviation σ of the elementary effects: non-linearity and interactions. */
  sigma: number;
  /** Elementary effects that were finite (the others are left out of μ, μ*, σ). */
  effects: number;
}

/**
 * The Morris (1991) one-at-a-time trajectory design: a random grid start point, factors moved one at a time in
 * a random order, each by +Δ or −Δ (whichever stays in [0, 1], chosen at random when both do).
 */
export function morrisDesign(factors: number, options: MorrisOptions = {}): MorrisDesign {
  const r = options.trajectories ?? 10;
  const p = options.levels ?? 4;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(factors) || factors < 1) throw new RangeError(`invalid factors: ${factors}`);
  if (!Number.isInteger(r) || r < 1) throw new RangeError(`invalid trajectories: ${r}`);
  if (!Number.isInteger(p) || p < 2 || p % 2 !== 0) throw new RangeError(`invalid levels: ${p}`);
  const k = factors;
  const delta = p / (2 * (p - 1));
  const rng = randomStream(seed, 0x6d6f72);
  const points: Float64Array[] = [];
  const changed = new Int32Array(r * k);
  const step = new Float64Array(r * k);
  const order = new Int32Array(k);
  for (let t = 0; t < r; t++) {
    const x = new Float64Array(k);
    for (let i = 0; i < k; i++) x[i] = rng.int(p) / (p - 1);
    for (let i = 0; i < k; i++) order[i] = i;
    for (let i = k - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    points.push(x.slice());
    for (let j = 0; j < k; j++) {
      const i = order[j];
      const up = x[i] + delta <= 1 + 1e-12;
      const down = x[i] - delta >= -1e-12;
      const s = up && down ? (rng.uniform() < 0.5 ? delta : -delta) : up ? delta : -delta;
      x[i] = Math.min(1, Math.max(0, x[i] + s));
      changed[t * k + j] = i;
      step[t * k + j] = s;
      points.push(x.slice());
    }
  }
  return { factors: k, trajectories: r, delta, points, changed, step };
}

/** μ, μ*, σ of each factor's elementary effects from the outputs at `design.points` (same order). */
export function morrisIndices(design: MorrisDesign, outputs: ArrayLike<number>): MorrisIndex[] {
  const { factors: k, trajectories: r } = design;
  if (outputs.length !== design.points.length)
    throw new RangeError(`invalid outputs: length ${outputs.length}, expected ${design.points.length}`);
  const sum = new Float64Array(k);
  const sumAbs = new Float64Array(k);
  const count = new Int32Array(k);
  const effects: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < r; t++) {
    for (let j = 0; j < k; j++) {
      const a = outputs[t * (k + 1) + j];
      const b = outputs[t * (k + 1) + j + 1];
      const ee = (b - a) / design.step[t * k + j];
      if (!Number.isFinite(ee)) continue;
      const i = design.changed[t * k + j];
      effects[i].push(ee);
      sum[i] += ee;
      sumAbs[i] += Math.abs(ee);
      count[i]++;
    }
  }
  return effects.map((list, i) => {
    const n = count[i];
    if (n === 0) return { mu: Number.NaN, muStar: Number.NaN, sigma: Number.NaN, effects: 0 };
    const mu = sum[i] / n;
    let ss = 0;
    for (const e of list) ss += (e - mu) * (e - mu);
    return { mu, muStar: sumAbs[i] / n, sigma: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, effects: n };
  });
}
