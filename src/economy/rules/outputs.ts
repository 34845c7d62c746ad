/** Records the quarter: each entity's cash and equity, its default, and the world series (GLOBAL_SERIES order). */
import { record } from "../outputs.js";
import type { PathContext, Rule } from "./rule.js";

export class Outputs implements Rule {
  readonly name = "outputs";

  begin(): void {}

  quarter(ctx: PathContext, t: number): void {
    const { state: s, acc } = ctx;
    const { n, T } = s;
    for (let i = 0; i < n; i++) {
      record(acc, i, t, s.alive[i] ? s.cash[i] : 0);
      record(acc, n + i, t, s.equity[i]);
      if (!s.alive[i]) acc.deadBy[i * T + t]++;
    }
    const g = 2 * n;
    record(acc, g, t, s.labRevenue);
    record(acc, g + 1, t, s.computeSpend);
    record(acc, g + 2, t, s.computeSpend - s.labRevenue);
    record(acc, g + 3, t, s.strandedGw);
    record(acc, g + 4, t, s.powerGw);
    record(acc, g + 5, t, s.capability);
    record(acc, g + 6, t, s.sentiment);
    record(acc, g + 7, t, s.gpuPrice);
  }
}
