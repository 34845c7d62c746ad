/**
 * The executive summary: the report's title question answered in words and numbers, one paragraph per scenario —
 * does scaling bend, who defaults and when, who loses how much, which part of the model decides it, and what
 * would change the answer — every figure read from the run's results.
 */

import type { RunOutput, ScenarioRun } from "../run/pipeline.js";
import { lastYear } from "../run/pipeline.js";
import type { SimulationResult } from "../scenario/simulate.js";
import { formatNumber } from "./html.js";
import { withInterval } from "./interval.js";

/** Capability below this share of the start trend's gain counts as falling short of it. */
const BEND_SHARE = 0.8;
/** Entities named as defaulters: P(default by the horizon) at least this. */
const NAMED_P = 0.1;

/** Median capability gain at the horizon against the gain of the unbroken trend, or undefined without a trend. */
function bend(run: ScenarioRun, rows: RunOutput["parameters"][string] | undefined) {
  const r = run.result;
  const value = (path: string) => rows?.find((p) => p.path === path)?.value;
  const slope = value("world.capability.slopePerOom");
  const trend = value("world.capability.trendOomPerYear");
  const last = r.quarters.length - 1;
  const gain = r.capability.p50[last];
  if (slope === undefined || trend === undefined) return { gain, trendGain: Number.NaN, trend: Number.NaN };
  return { gain, trendGain: (slope * trend * r.quarters.length) / 4, trend };
}

/** The first calendar year by which P(default) reaches half of its value at the horizon. */
function halfYear(pByYear: Record<string, number>): string {
  const years = Object.keys(pByYear);
  const end = pByYear[years.at(-1) ?? ""] ?? 0;
  return years.find((y) => pByYear[y] >= end / 2) ?? years.at(-1) ?? "";
}

function topShare(shares: Record<string, number> | undefined): string | undefined {
  const best = Object.entries(shares ?? {}).sort((a, b) => b[1] - a[1])[0];
  return best && `${best[0]} (${Math.round(100 * best[1])}% of its defaults)`;
}

function defaulters(r: SimulationResult): string {
  const year = lastYear(r);
  const named = Object.entries(r.entities)
    .map(([id, e]) => ({ id, e, p: e.pDefaultByYear[year] ?? 0 }))
    .filter(({ p }) => p >= NAMED_P)
    .sort((a, b) => b.p - a.p)
    .slice(0, 3);
  if (named.length === 0) return `No entity's P(default by ${year}) reaches ${NAMED_P}.`;
  return `Who defaults: ${named
    .map(({ id, e, p }) => {
      const trigger = topShare(e.defaultTriggers);
      return `${id} ${withInterval(p, r.paths)} by ${year}, half of it by ${halfYear(e.pDefaultByYear)}${trigger ? `, most often on ${trigger}` : ""}`;
    })
    .join("; ")}.`;
}

function losers(r: SimulationResult): string {
  const ranked = Object.entries(r.losses)
    .filter(([, l]) => l.total > 0)
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, 3);
  if (ranked.length === 0) return "Nobody loses.";
  return `Who loses: ${ranked
    .map(
      ([kind, l]) =>
        `${kind} ${formatNumber(l.total)} usdB on average (${formatNumber(l.totalP95)} in the worst 5%)`,
    )
    .join("; ")}.`;
}

function deciders(output: RunOutput, run: ScenarioRun): string | undefined {
  const d = output.results.drivers.find((x) => x.scenario === run.id);
  const parts = (d?.outputs ?? []).flatMap((o) => {
    const top = o.sobol?.indices[0];
    const [, entity] = o.output.split(":");
    return top ? [`${top.factor} for ${entity} (total Sobol index ${formatNumber(top.total)})`] : [];
  });
  return parts.length > 0 ? `What decides it: ${parts.join("; ")}.` : undefined;
}

function changers(output: RunOutput, run: ScenarioRun): string | undefined {
  const stress = output.results.reverseStress.filter((s) => s.scenario === run.id);
  const parts = stress.flatMap((s) => {
    if (s.shortfall === 0)
      return [
        `${s.entity}'s P(default by ${s.year}) is already ${formatNumber(s.pDefaultBaseline)} without a shortfall`,
      ];
    if (!Number.isFinite(s.shortfall))
      return [`no revenue shortfall takes ${s.entity}'s P(default) to ${s.threshold}`];
    return [
      `a cut of ${Math.round(100 * s.shortfall)}% in every lab's revenue takes ${s.entity}'s P(default by ${s.year}) from ${formatNumber(s.pDefaultBaseline)} to ${s.threshold}`,
    ];
  });
  return parts.length > 0 ? `What would change it: ${parts.join("; ")}.` : undefined;
}

/** One paragraph answering the title for `run`. */
export function scenarioSummary(output: RunOutput, run: ScenarioRun): string {
  const r = run.result;
  const year = lastYear(r);
  const last = r.quarters.length - 1;
  const b = bend(run, output.parameters[run.id]);
  const range = `90%: ${formatNumber(r.capability.p05[last])}–${formatNumber(r.capability.p95[last])}`;
  const scaling = Number.isNaN(b.trendGain)
    ? `Capability gains ${formatNumber(b.gain)} index points by ${year} (${range}).`
    : `${b.gain < BEND_SHARE * b.trendGain ? "Capability falls short of the trend" : "Capability keeps to the trend"}: it gains ${formatNumber(b.gain)} index points by ${year} (${range}), ${Math.round((100 * b.gain) / b.trendGain)}% of the ${formatNumber(b.trendGain)} that ${formatNumber(b.trend)} OOM a year of effective compute at the start's returns would give (the curve bending, compute growing slower, or both).`;
  return [`${run.id} —`, scaling, defaulters(r), losers(r), deciders(output, run), changers(output, run)]
    .filter((s): s is string => s !== undefined)
    .join(" ");
}

/** The summary: an opening that compares the scenarios, then one paragraph per scenario. */
export function executiveSummary(output: RunOutput): string[] {
  const runs = output.results.scenarios;
  const bends = runs.filter((run) => {
    const b = bend(run, output.parameters[run.id]);
    return b.gain < BEND_SHARE * b.trendGain;
  });
  const riskiest = runs.map((run) => {
    const year = lastYear(run.result);
    const [id, e] = Object.entries(run.result.entities).sort(
      (a, b) => (b[1].pDefaultByYear[year] ?? 0) - (a[1].pDefaultByYear[year] ?? 0),
    )[0] ?? ["", undefined];
    return { id, p: e?.pDefaultByYear[year] ?? 0 };
  });
  const counts = new Map<string, number>();
  for (const { id } of riskiest) counts.set(id, (counts.get(id) ?? 0) + 1);
  const [mostOften, times] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  const ps = riskiest.map((x) => x.p);
  const opening = `Does AI scaling hit a wall, and who pays if it does? Across ${runs.length} scenario${runs.length === 1 ? "" : "s"}, median capability falls below ${Math.round(100 * BEND_SHARE)}% of its start trend by the horizon in ${bends.length}${bends.length > 0 ? ` (${bends.map((r) => r.id).join(", ")})` : ""}. The entity most likely to default is ${mostOften} in ${times} of ${runs.length}; the riskiest entity's P(default) by the horizon runs from ${formatNumber(Math.min(...ps))} to ${formatNumber(Math.max(...ps))} across them.`;
  return [opening, ...runs.map((run) => scenarioSummary(output, run))];
}
