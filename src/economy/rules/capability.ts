/**
 * Frontier capability (docs/economy.md §capability): the scenario's curve of the orders of magnitude of frontier
 * effective training compute above the start (trailing four quarters of the best lab), plus noise. The quarters
 * before the start are back-filled on the trend, so the window starts in its steady state; the frontier is the
 * best ever reached (a lab that stops training does not un-learn its models).
 */

import { log10, pow } from "../../util/portable/index.js";
import type { Random } from "../../util/random.js";
import { type CapabilityCurve, capabilityAt } from "../capability.js";
import { ROLE } from "../kinds.js";
import { SHAPE_CODES } from "../model.js";
import { DOMAINS, type ParameterSpecs } from "../parameters.js";
import { NO_STREAM, type PathContext, type Rule } from "./rule.js";

/** The substream an evidence curve's replicate is drawn from (apart from the capability noise). */
const EVIDENCE_STREAM = "capability-evidence";

export class Capability implements Rule {
  readonly name = "capability";
  private rng: Random = NO_STREAM;
  static readonly world = {
    "capability.slopePerOom": {
      domain: DOMAINS.positive,
      unit: "index points/OOM",
      doc: "Capability index points per order of magnitude of effective training compute, at the start.",
    },
    "capability.trendOomPerYear": {
      domain: DOMAINS.positive,
      unit: "OOM/year",
      doc: "Expected growth of frontier effective training compute (expectations; s-curve timing).",
    },
    "capability.ceiling": {
      domain: DOMAINS.positive,
      unit: "index points",
      doc: "ceiling and s-curve: gain above the start at which the curve saturates.",
      default: Number.POSITIVE_INFINITY,
    },
    "capability.breakOom": {
      domain: DOMAINS.nonNegative,
      unit: "OOM",
      doc: "broken: OOMs of effective training compute above the start at which the slope breaks.",
      default: Number.POSITIVE_INFINITY,
    },
    "capability.slopeAfterPerOom": {
      domain: DOMAINS.nonNegative,
      unit: "index points/OOM",
      doc: "broken: slope after the break (default: the slope before it).",
      optional: true,
    },
    "capability.topYear": {
      domain: { lo: 1900, hi: 2200 },
      unit: "year",
      doc: "s-curve: calendar year at which 95% of the ceiling is reached on the trend (default: start + 10).",
      optional: true,
    },
    "capability.noise": {
      domain: DOMAINS.nonNegative,
      unit: "index points",
      doc: "sd of capability surprises per quarter.",
      default: 0,
    },
  } as const satisfies ParameterSpecs;
  private curve: CapabilityCurve = { shape: 0, slope: 0, ceiling: 0, breakOom: 0, slopeAfter: 0, topOom: 0 };
  private noise = 0;
  private trendGrowthQ = 1;

  begin(ctx: PathContext): void {
    this.rng = ctx.stream(this.name);
    const trend = ctx.world("capability.trendOomPerYear");
    this.curve = capabilityCurve(ctx);
    this.noise = ctx.world("capability.noise");
    // Frontier training compute before the start grew on the trend: 10^(trend/4) per quarter.
    this.trendGrowthQ = pow(10, trend / 4);
    const s = ctx.state;
    s.training.fill(0);
    s.capability = 0;
    s.previousCapability = 0;
    s.frontierRef = Number.NaN;
    s.frontierMax = 0;
  }

  quarter(ctx: PathContext, t: number): void {
    const s = ctx.state;
    const role = ctx.model.entities.role;
    const { training } = s;
    for (let i = 0; i < s.n; i++) {
      if (role[i] !== ROLE.lab) continue;
      if (t === 0)
        for (let k = 1; k < 4; k++) training[i * 4 + k] = training[i * 4] * pow(this.trendGrowthQ, k - 4);
      if (!s.alive[i]) continue;
      const sum = training[i * 4] + training[i * 4 + 1] + training[i * 4 + 2] + training[i * 4 + 3];
      if (sum > s.frontierMax) s.frontierMax = sum;
    }
    s.previousCapability = s.capability;
    if (t === 0) s.frontierRef = s.frontierMax > 0 ? log10(s.frontierMax) : 0;
    const zCap = this.rng.normal();
    if (s.frontierMax > 0)
      s.capability =
        ctx.capabilityMultiplier * capabilityAt(this.curve, log10(s.frontierMax) - s.frontierRef) +
        this.noise * zCap;
    s.capHistory[t] = s.capability;
  }
}

/**
 * The path's capability curve, from its parameters (the s-curve's top converted to OOM on the trend); an evidence
 * curve is one bootstrap replicate, drawn in proportion to its weight from the path's own substream.
 */
export function capabilityCurve(ctx: PathContext): CapabilityCurve {
  const slope = ctx.world("capability.slopePerOom");
  const startYear = ctx.model.startDecimalYear;
  const { evidence } = ctx.model;
  if (ctx.model.shape === SHAPE_CODES.evidence) {
    const u = ctx.stream(EVIDENCE_STREAM).uniform();
    let r = 0;
    while (r < evidence.cumulativeWeight.length - 1 && evidence.cumulativeWeight[r] <= u) r++;
    const m = evidence.offsets.length;
    return {
      shape: ctx.model.shape,
      slope,
      ceiling: 0,
      breakOom: 0,
      slopeAfter: slope,
      topOom: 0,
      offsets: evidence.offsets,
      relativeGain: evidence.gains.subarray(r * m, (r + 1) * m),
    };
  }
  return {
    shape: ctx.model.shape,
    slope,
    ceiling: ctx.world("capability.ceiling"),
    breakOom: ctx.world("capability.breakOom"),
    slopeAfter: ctx.world("capability.slopeAfterPerOom", slope),
    topOom:
      ctx.world("capability.trendOomPerYear") * (ctx.world("capability.topYear", startYear + 10) - startYear),
  };
}
