/**
 * docs/parameters.md, generated from the declarations: one table per rule, in the order the rules run, of the
 * numbers it declares — parameter path, unit, domain, default and doc — then the scenario's own correlation.
 * `npm run docs:parameters` writes it; a test fails when the committed file differs.
 */
import { type Domain, isRequired, type ParameterSpec, type ParameterSpecs } from "../economy/parameters.js";
import { createRules, type Rule } from "../economy/rules/index.js";
import { CORRELATION_PARAMETERS } from "./declared.js";

/** The declaration tables of a rule (its static `world`, `entity`, `contract` and `event`), each optional. */
export interface RuleDeclarations {
  world?: ParameterSpecs;
  entity?: ParameterSpecs;
  contract?: ParameterSpecs;
  event?: ParameterSpecs;
}

/** Each table's parameter-path prefix, as a scenario's correlations and sensitivity name the numbers. */
const PREFIX: Record<keyof RuleDeclarations, string> = {
  world: "world.",
  entity: "entities.<id>.",
  contract: "contracts.<id>.",
  event: "events.<id>.",
};

/** The declaration tables of `rule`, read from its class. */
export function declarationsOf(rule: Rule): RuleDeclarations {
  const { world, entity, contract, event } = rule.constructor as RuleDeclarations;
  return { world, entity, contract, event };
}

/** An optional parameter's doc ends with its computed fallback: "… (default: the slope before it)." */
const FALLBACK = / \(default: ([^)]+)\)\.$/;

/** The computed fallback an optional parameter's doc states, or undefined when it states none. */
export function fallbackOf(spec: ParameterSpec): string | undefined {
  return FALLBACK.exec(spec.doc)?.[1];
}

/** A number as text, with a true minus sign and ∞ for infinity. */
function numberText(x: number): string {
  return (Number.isFinite(x) ? String(x) : x > 0 ? "∞" : "-∞").replace(/^-/, "−");
}

/** A domain as an interval, `(0, ∞)`, `[0, 1]`, `[1, ∞), whole numbers`. */
export function domainText(domain: Domain): string {
  // The smallest positive double stands for an open bound at 0.
  const lo =
    domain.lo === Number.MIN_VALUE
      ? "(0"
      : `${Number.isFinite(domain.lo) ? "[" : "("}${numberText(domain.lo)}`;
  const hi = `${numberText(domain.hi)}${Number.isFinite(domain.hi) ? "]" : ")"}`;
  return `${lo}, ${hi}${domain.integer ? ", whole numbers" : ""}`;
}

/** The default column: "required", the declared default ("unbounded" for ±∞), or the fallback the doc states. */
function defaultText(spec: ParameterSpec): string {
  if (isRequired(spec)) return "required";
  if (spec.default !== undefined)
    return Number.isFinite(spec.default) ? numberText(spec.default) : "unbounded";
  return fallbackOf(spec) ?? "computed";
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

function table(rows: Array<[path: string, spec: ParameterSpec]>): string {
  const lines = ["| parameter | unit | domain | default | doc |", "|---|---|---|---|---|"];
  for (const [path, spec] of rows)
    lines.push(
      `| \`${path}\` | ${cell(spec.unit)} | ${domainText(spec.domain)} | ${cell(defaultText(spec))} | ${cell(spec.doc.replace(FALLBACK, "."))} |`,
    );
  return lines.join("\n");
}

function rowsOf(declarations: RuleDeclarations): Array<[string, ParameterSpec]> {
  const rows: Array<[string, ParameterSpec]> = [];
  for (const kind of Object.keys(PREFIX) as Array<keyof RuleDeclarations>)
    for (const [name, spec] of Object.entries(declarations[kind] ?? {}))
      rows.push([`${PREFIX[kind]}${name}`, spec]);
  return rows;
}

const HEADER = `# Parameters

Generated from the rules' declarations by \`npm run docs:parameters\`: edit the declarations (the static \`world\`,
\`entity\`, \`contract\` and \`event\` tables in src/economy/rules/), not this file. Every number a scenario can
hold, by the rule that reads it, in the order the rules run each quarter (docs/economy.md). A parameter path is
how correlations and \`wallcast sensitivity\` name a number: \`world.<group>.<field>\` is the key \`<field>\` of
the mapping \`<group>\` under \`world\`; \`<id>\` is the entity's, contract's or event's id (an event's index
when it has none).
A value outside the domain is an error; sampled values are clamped to it. "required" numbers must be given; the
others default as shown. The entity numbers a kind must give (a lab its share, a cloud its accounting life, …) are
checked by the loader whatever their default.
`;

/** The text of docs/parameters.md. */
export function parametersMarkdown(): string {
  const sections = [HEADER];
  for (const rule of createRules()) {
    const rows = rowsOf(declarationsOf(rule));
    if (rows.length > 0) sections.push(`## ${rule.name}\n\n${table(rows)}\n`);
  }
  const correlation = Object.entries(CORRELATION_PARAMETERS).map(([name, spec]): [string, ParameterSpec] => [
    `correlations[].${name}`,
    spec,
  ]);
  sections.push(`## correlations (the scenario's own)\n\n${table(correlation)}\n`);
  return sections.join("\n");
}
