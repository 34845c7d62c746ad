/** The `clear` command's table: one row per node, headed by the outcome, in the user's language. */
import type { ClearingReport } from "../finance/clearing/index.js";
import type { Network } from "../finance/network.js";
import {
  catalogue,
  displayWidth,
  type Lang,
  padEndColumns,
  padStartColumns,
  translator,
} from "../i18n/index.js";

/** The stop reason in `lang`: "converged", "iteration limit", "non-finite", or the least solution's. */
function reasonText(reason: string, lang: Lang): string {
  const reasons: Readonly<Record<string, string>> = catalogue(lang).cliMore.clear.reason;
  const word = (r: string) => (Object.hasOwn(reasons, r) ? reasons[r] : r);
  const least = /^least solution: (.*)$/.exec(reason);
  return least ? translator(lang)("cliMore.clear.leastSolution", { reason: word(least[1]) }) : word(reason);
}

export function clearTable(net: Network, report: ClearingReport, lang: Lang): string {
  const t = translator(lang);
  const fmt = (x: number) => (Number.isFinite(x) ? x.toPrecision(8).replace(/\.?0+$/, "") : String(x));
  const header = [
    t("cliMore.clear.id"),
    t("cliMore.clear.kind"),
    t("cliMore.clear.payment"),
    ...(report.least ? [t("cliMore.clear.least")] : []),
    t("cliMore.clear.equity"),
    t("cliMore.clear.defaultRound"),
  ];
  const rows = net.ids.map((id, i) => [
    id,
    net.kinds[i],
    fmt(report.payments[i]),
    ...(report.least ? [fmt(report.least.payments[i])] : []),
    fmt(report.equity[i]),
    report.defaultRound[i] > 0 ? String(report.defaultRound[i]) : "-",
  ]);
  // Terminal columns, not characters: a Japanese header takes two columns a character.
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c]))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c < 2 ? padEndColumns(cell, widths[c]) : padStartColumns(cell, widths[c])))
      .join("  ");
  const defaults = report.defaulted.reduce((a, b) => a + b, 0);
  const lines = [
    t("cliMore.clear.summary", {
      model: report.model,
      defaults,
      n: net.n,
      rounds: report.rounds,
      iterations: report.iterations,
      reason: reasonText(report.reason, lang),
    }),
    report.unique
      ? t("cliMore.clear.unique")
      : t("cliMore.clear.notUnique", {
          n: report.cashless.length,
          nodes: report.cashless.map((i) => net.ids[i]).join(t("cliMore.listSeparator")),
        }),
    "",
    line(header),
    ...rows.map(line),
  ];
  return `${lines.join("\n")}\n`;
}
