/** Differences between two stored runs: P(default) per scenario × entity × year, and losses by kind and part. */
import { queryRunStore } from "../store/index.js";

/** One cell present in either run; a side missing it is null (its delta too). */
export interface DiffRow {
  scenario: string;
  /** Entity (P(default)) or holder kind (losses). */
  key: string;
  /** Year (P(default)) or loss part (losses). */
  at: string;
  a: number | null;
  b: number | null;
  /** b − a. */
  delta: number | null;
}

export interface RunDiff {
  runA: string;
  runB: string;
  pDefault: DiffRow[];
  losses: DiffRow[];
  /** Largest |delta| of each kind (0 when the runs agree or share no cell). */
  maxAbsDeltaP: number;
  maxAbsDeltaLossUsdB: number;
}

async function cells(
  dir: string,
  sql: string,
): Promise<Map<string, { scenario: string; key: string; at: string; value: number }>> {
  const rows = await queryRunStore(dir, sql);
  return new Map(
    rows.map((r) => {
      const cell = { scenario: String(r.scenario), key: String(r.k), at: String(r.at), value: Number(r.v) };
      return [JSON.stringify([cell.scenario, cell.key, cell.at]), cell];
    }),
  );
}

function join(
  a: Map<string, { scenario: string; key: string; at: string; value: number }>,
  b: Map<string, { scenario: string; key: string; at: string; value: number }>,
): DiffRow[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.map((k) => {
    const left = a.get(k);
    const right = b.get(k);
    const cell = (left ?? right) as { scenario: string; key: string; at: string };
    const va = left?.value ?? null;
    const vb = right?.value ?? null;
    return {
      scenario: cell.scenario,
      key: cell.key,
      at: cell.at,
      a: va,
      b: vb,
      delta: va === null || vb === null ? null : vb - va,
    };
  });
}

function maxAbs(rows: DiffRow[]): number {
  let m = 0;
  for (const r of rows) if (r.delta !== null && Math.abs(r.delta) > m) m = Math.abs(r.delta);
  return m;
}

const P_DEFAULT =
  "select scenario, entity as k, cast(year as varchar) as at, p as v from p_default order by all";
const LOSSES = "select scenario, holder_kind as k, part as at, usd_b as v from losses order by all";

/** Compares run `dirB` against run `dirA` (delta = B − A). */
export async function diffRuns(
  dirA: string,
  dirB: string,
  names: { runA: string; runB: string },
): Promise<RunDiff> {
  const pDefault = join(await cells(dirA, P_DEFAULT), await cells(dirB, P_DEFAULT));
  const losses = join(await cells(dirA, LOSSES), await cells(dirB, LOSSES));
  return {
    ...names,
    pDefault,
    losses,
    maxAbsDeltaP: maxAbs(pDefault),
    maxAbsDeltaLossUsdB: maxAbs(losses),
  };
}
