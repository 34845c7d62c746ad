import { type Command, Option } from "commander";
import { fireSaleEquilibria, jointFireSaleEquilibria } from "../finance/firesale/index.js";
import { type Lang, translator } from "../i18n/index.js";
import { InputError } from "../util/errors.js";
import { fmt, libraryCall, loadNetwork, table } from "./debtrank.js";
import { langFlag, printJson, recoveryOptions, resolveLang } from "./shared.js";

interface FireSaleCliOptions {
  /** Joint clearing + price equilibrium (Cifuentes–Ferrucci–Shin) instead of holders alone (default false). */
  joint?: boolean;
  /** Clearing model of the joint equilibrium (default en). */
  model: "en" | "rv";
  /** RV recovery on external assets, in [0, 1] (default 1). */
  alpha?: number;
  /** RV recovery on interbank claims, in [0, 1] (default 1). */
  beta?: number;
  /** Print one JSON object (default false). */
  json?: boolean;
  /** Language of the table (default: $WALLCAST_LANG, then en). */
  lang?: Lang;
}

export function register(program: Command): void {
  recoveryOptions(
    program
      .command("firesale")
      .description("least and greatest fire-sale equilibria of leverage-targeting holders (discount, sales)")
      .argument(
        "<network.json>",
        "network file with equity, marketable, illiquid, leverageThreshold, priceImpact",
      )
      .option("--joint", "joint clearing + price equilibrium: marketable assets are part of externalAssets")
      .addOption(
        new Option("--model <model>", "clearing model with --joint").choices(["en", "rv"]).default("en"),
      ),
    " with --joint",
  )
    .option("--json", "print one JSON object")
    .addOption(langFlag())
    .action((file: string, options: FireSaleCliOptions) => {
      const lang = resolveLang(options.lang);
      if ((options.alpha !== undefined || options.beta !== undefined) && options.model !== "rv")
        throw new InputError({ field: "--alpha/--beta", message: "apply only with --joint --model rv" });
      const net = loadNetwork(file);
      const byId = (values: ArrayLike<number>, nodes: number[]) =>
        Object.fromEntries(nodes.map((i) => [net.ids[i], values[i]]));
      let output: Record<string, unknown>;
      if (options.joint) {
        const result = libraryCall(file, () =>
          jointFireSaleEquilibria(net, { model: options.model, alpha: options.alpha, beta: options.beta }),
        );
        const all = net.ids.map((_, i) => i);
        const side = (e: typeof result.lower) => ({
          discount: e.discount,
          saleShare: byId(e.saleShare, result.holders),
          quantitySold: e.quantitySold,
          payments: byId(e.payments, all),
          equity: byId(e.equity, all),
          defaulted: all.filter((i) => e.defaulted[i]).map((i) => net.ids[i]),
          iterations: e.iterations,
          converged: e.converged && e.clearingConverged,
        });
        output = {
          model: options.model,
          lower: side(result.lower),
          upper: side(result.upper),
          unique: result.unique,
        };
      } else {
        const result = libraryCall(file, () => fireSaleEquilibria(net));
        const side = (e: typeof result.lower) => ({
          discount: e.discount,
          saleShare: byId(e.saleShare, result.holders),
          quantitySold: e.quantitySold,
          iterations: e.iterations,
          converged: e.converged,
        });
        output = { lower: side(result.lower), upper: side(result.upper), unique: result.unique };
      }
      if (options.json) {
        printJson(output);
        return;
      }
      const lower = output.lower as {
        discount: number;
        saleShare: Record<string, number>;
        converged: boolean;
      };
      const upper = output.upper as typeof lower;
      const rows = Object.keys(lower.saleShare).map((id) => [
        id,
        fmt(lower.saleShare[id]),
        fmt(upper.saleShare[id]),
      ]);
      const t = translator(lang);
      const lines = table(
        [t("cliMore.firesale.holder"), t("cliMore.firesale.soldLeast"), t("cliMore.firesale.soldGreatest")],
        rows,
      );
      lines.push(
        "",
        t("cliMore.firesale.discount", {
          least: fmt(lower.discount),
          greatest: fmt(upper.discount),
          verdict: t(output.unique ? "cliMore.firesale.unique" : "cliMore.firesale.twoEquilibria"),
          notConverged: lower.converged && upper.converged ? "" : t("cliMore.firesale.notConverged"),
        }),
      );
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
