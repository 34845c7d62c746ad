/**
 * The executive summary: the report's title question answered in words and numbers, one paragraph per scenario —
 * does scaling bend, who defaults and when, who loses how much, which part of the model decides it, and what
 * would change the answer — every figure read from the run's results, every sentence from the catalogue.
 */

import type { RunOutput, ScenarioRun } from "../run/pipeline.js";
import { lastYear } from "../run/pipeline.js";
import { leadIsClear } from "../scenario/sensitivity/sobol.js";
import type { SimulationResult } from "../scenario/simulate.js";
import { withInterval } from "./interval.js";
import { type ReportLocale, reportLocale } from "./locale.js";

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

function topShare(shares: Record<string, number> | undefined, loc: ReportLocale): string {
  const best = Object.entries(shares ?? {}).sort((a, b) => b[1] - a[1])[0];
  return best
    ? loc.t("report.summary.trigger", { trigger: loc.term("cause", best[0]), share: loc.pct(best[1]) })
    : "";
}

function defaulters(r: SimulationResult, loc: ReportLocale): string {
  const year = lastYear(r);
  const named = Object.entries(r.entities)
    .map(([id, e]) => ({ id, e, p: e.pDefaultByYear[year] ?? 0 }))
    .filter(({ p }) => p >= NAMED_P)
    .sort((a, b) => b.p - a.p)
    .slice(0, 3);
  if (named.length === 0)
    return loc.t("report.summary.noDefaulter", { year: loc.year(year), p: loc.count(NAMED_P) });
  const list = named.map(({ id, e, p }) =>
    loc.t("report.summary.defaulter", {
      entity: id,
      p: withInterval(p, r.paths, loc.num),
      year: loc.year(year),
      half: loc.year(halfYear(e.pDefaultByYear)),
      trigger: topShare(e.defaultTriggers, loc),
    }),
  );
  return loc.t("report.summary.defaulters", { list: loc.list(list) });
}

function losers(r: SimulationResult, loc: ReportLocale): string {
  const ranked = Object.entries(r.losses)
    .filter(([, l]) => l.total > 0)
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, 3);
  if (ranked.length === 0) return loc.t("report.summary.nobodyLoses");
  const list = ranked.map(([kind, l]) =>
    loc.t("report.summary.loser", {
      holder: loc.term("kind", kind),
      mean: loc.usd(l.total),
      p95: loc.usd(l.totalP95),
    }),
  );
  return loc.t("report.summary.losers", { list: loc.list(list) });
}

function deciders(output: RunOutput, run: ScenarioRun, loc: ReportLocale): string | undefined {
  const d = output.results.drivers.find((x) => x.scenario === run.id);
  const parts = (d?.outputs ?? []).flatMap((o) => {
    if (!o.output.startsWith("pDefault:")) return [];
    const indices = o.sobol?.indices ?? [];
    const [top, second] = indices;
    const [, entity] = o.output.split(":");
    if (top === undefined) return [];
    // A lead within the bootstrap error names both parts: the analysis does not rank them.
    if (!leadIsClear(indices))
      return [
        loc.t("report.summary.deciderTied", {
          factor: loc.term("group", top.factor),
          second: loc.term("group", second.factor),
          entity,
          total: loc.num(top.total),
          secondTotal: loc.num(second.total),
        }),
      ];
    return [
      loc.t("report.summary.decider", {
        factor: loc.term("group", top.factor),
        entity,
        total: loc.num(top.total),
      }),
    ];
  });
  return parts.length > 0 ? loc.t("report.summary.deciders", { list: loc.list(parts) }) : undefined;
}

function changers(output: RunOutput, run: ScenarioRun, loc: ReportLocale): string | undefined {
  const stress = output.results.reverseStress.filter((s) => s.scenario === run.id);
  const parts = stress.map((s) => {
    if (s.shortfall === 0)
      return loc.t("report.summary.alreadyDefaults", {
        entity: s.entity,
        year: loc.year(s.year),
        p: loc.num(s.pDefaultBaseline),
      });
    if (!Number.isFinite(s.shortfall))
      return loc.t("report.summary.noShortfall", { entity: s.entity, threshold: loc.count(s.threshold) });
    return loc.t("report.summary.cut", {
      cut: loc.pct(s.shortfall),
      entity: s.entity,
      year: loc.year(s.year),
      from: loc.num(s.pDefaultBaseline),
      to: loc.count(s.threshold),
    });
  });
  return parts.length > 0 ? loc.t("report.summary.changers", { list: loc.list(parts) }) : undefined;
}

/** One paragraph answering the title for `run`, in `loc`'s language (default English, plain text). */
export function scenarioSummary(
  output: RunOutput,
  run: ScenarioRun,
  loc: ReportLocale = reportLocale(),
): string {
  const r = run.result;
  const year = loc.year(lastYear(r));
  const last = r.quarters.length - 1;
  const b = bend(run, output.parameters[run.id]);
  const range = loc.t("report.summary.range", {
    lo: loc.num(r.capability.p05[last]),
    hi: loc.num(r.capability.p95[last]),
  });
  const scaling = Number.isNaN(b.trendGain)
    ? loc.t("report.summary.gains", { gain: loc.num(b.gain), year, range })
    : loc.t("report.summary.againstTrend", {
        verdict: loc.t(
          b.gain < BEND_SHARE * b.trendGain ? "report.summary.shortOfTrend" : "report.summary.keepsToTrend",
        ),
        gain: loc.num(b.gain),
        year,
        range,
        share: loc.pct(b.gain / b.trendGain),
        trendGain: loc.num(b.trendGain),
        trend: loc.num(b.trend),
      });
  return loc.sentences(
    [
      loc.t("report.summary.heading", { scenario: run.id }),
      scaling,
      defaulters(r, loc),
      losers(r, loc),
      deciders(output, run, loc),
      changers(output, run, loc),
    ].filter((s): s is string => s !== undefined),
  );
}

/** The summary: an opening that compares the scenarios, then one paragraph per scenario. */
export function executiveSummary(output: RunOutput, loc: ReportLocale = reportLocale()): string[] {
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
  const n = loc.count(runs.length);
  const opening = loc.t("report.summary.opening", {
    question: loc.t("report.title"),
    scenarios: loc.t(runs.length === 1 ? "report.summary.scenarioOne" : "report.summary.scenarioMany", { n }),
    share: loc.pct(BEND_SHARE),
    bent: loc.count(bends.length),
    bentList:
      bends.length > 0
        ? loc.t("report.summary.bentList", { scenarios: bends.map((r) => r.id).join(", ") })
        : "",
    entity: mostOften,
    times: loc.count(times),
    n,
    lo: loc.num(Math.min(...ps)),
    hi: loc.num(Math.max(...ps)),
  });
  return [opening, ...runs.map((run) => scenarioSummary(output, run, loc))];
}
