/**
 * The equal-weight composite of the seven evaluations the source articles name (MMLU-Pro, GPQA Diamond,
 * Humanity's Last Exam, LiveCodeBench, SciCode, AIME, MATH-500), from LLM-Stats scores, with its coverage.
 */
import { columnIndex, readCsv } from "../../data/csv.js";
import { InputError } from "../../util/errors.js";

/** Each evaluation with the LLM-Stats benchmark ids that report it, preferred first. */
export const COMPOSITE_EVALUATIONS: readonly { name: string; ids: readonly string[] }[] = [
  { name: "MMLU-Pro", ids: ["mmlu-pro"] },
  { name: "GPQA Diamond", ids: ["gpqa"] },
  { name: "Humanity's Last Exam", ids: ["humanity's-last-exam", "hle"] },
  { name: "LiveCodeBench", ids: ["livecodebench", "livecodebench-v6", "livecodebench-v5"] },
  { name: "SciCode", ids: ["scicode"] },
  // The latest AIME a model reports: 2025, else 2024.
  { name: "AIME", ids: ["aime-2025", "aime-2024", "aime"] },
  { name: "MATH-500", ids: ["math-500"] },
];

export interface CompositeScore {
  model: string;
  /** Mean of the covered evaluations' scores (0–1). */
  composite: number;
  /** Covered evaluations / 7. */
  coverage: number;
  /** Score per covered evaluation name. */
  scores: Record<string, number>;
}

export interface CompositeResult {
  models: CompositeScore[];
  /** Models with a score per evaluation name. */
  evaluationCoverage: Record<string, number>;
}

/** The composite for every LLM-Stats model with at least one of the seven evaluations, best first. */
export function compositeFromLlmStats(path: string): CompositeResult {
  const table = readCsv(path);
  const model = columnIndex(table, "model_id");
  const id = columnIndex(table, "benchmark_id");
  const score = columnIndex(table, "score");
  const byModel = new Map<string, Map<string, number>>();
  const wanted = new Set(COMPOSITE_EVALUATIONS.flatMap((e) => e.ids));
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    if (!wanted.has(row[id].trim())) continue;
    const text = row[score].trim();
    if (text === "") continue;
    const value = Number(text);
    if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
      throw new InputError({
        file: table.file,
        line: table.lines[r],
        field: "score",
        value: row[score],
        message: "not a score in [0, 1]",
      });
    }
    const own = byModel.get(row[model].trim()) ?? new Map<string, number>();
    own.set(row[id].trim(), value);
    byModel.set(row[model].trim(), own);
  }
  const evaluationCoverage: Record<string, number> = {};
  for (const e of COMPOSITE_EVALUATIONS) evaluationCoverage[e.name] = 0;
  const models: CompositeScore[] = [];
  for (const [name, own] of byModel) {
    const scores: Record<string, number> = {};
    let sum = 0;
    let count = 0;
    for (const e of COMPOSITE_EVALUATIONS) {
      const found = e.ids.find((i) => own.has(i));
      if (found === undefined) continue;
      scores[e.name] = own.get(found)!;
      sum += scores[e.name];
      count++;
      evaluationCoverage[e.name]++;
    }
    if (count > 0)
      models.push({
        model: name,
        composite: sum / count,
        coverage: count / COMPOSITE_EVALUATIONS.length,
        scores,
      });
  }
  models.sort((a, b) => b.coverage - a.coverage || b.composite - a.composite);
  return { models, evaluationCoverage };
}
