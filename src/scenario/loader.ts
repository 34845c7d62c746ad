/**
 * Reads and validates a scenario file: YAML → `extends` resolved (extends.ts) → zod schema → cross-checks (ids,
 * kinds, sources, correlations). Every problem is collected and thrown as one InputError naming the file, line,
 * YAML path and value.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { CLOUD_KINDS, type EntityKind } from "../economy/kinds.js";
import { InputError, type InputIssue } from "../util/errors.js";
import { formatInputPath, valueAtPath } from "../util/inputPath.js";
import { MAX_YAML_ALIASES, MAX_YAML_FILE_BYTES } from "../util/limits.js";
import { quarterIndex } from "../util/quarter.js";
import { evidenceFromBend } from "./evidence.js";
import { type Layer, lineAt, originOf, resolveExtends } from "./extends.js";
import { scenarioFile } from "./library.js";
import { compileParameters } from "./parameters.js";
import { contractParties, type Quantity, type Scenario, scenarioSchema } from "./schema.js";

const REQUIRED: Partial<Record<EntityKind, string[]>> = {
  lab: ["share", "trainingShare", "servingGrossMargin", "otherCostUsdBPerYear"],
  "chip-vendor": ["marketShare", "grossMargin"],
};
for (const kind of CLOUD_KINDS) REQUIRED[kind] = ["accountingLifeYears"];

/** A located problem, before the file and line are attached. */
interface Problem {
  path: PropertyKey[];
  message: string;
  value?: unknown;
}

/** Checks a schema-valid scenario for problems zod cannot see; returns them (empty when fine). */
export function crossCheck(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const entityKind = new Map<string, EntityKind>();
  scenario.entities.forEach((e, i) => {
    if (entityKind.has(e.id))
      problems.push({ path: ["entities", i, "id"], message: "duplicate entity id", value: e.id });
    entityKind.set(e.id, e.kind);
    for (const field of REQUIRED[e.kind] ?? []) {
      if ((e as Record<string, unknown>)[field] === undefined)
        problems.push({ path: ["entities", i, field], message: `required for kind ${e.kind}` });
    }
  });
  scenario.entities.forEach((e, i) => {
    (e.investors ?? []).forEach((id, k) => {
      if (!entityKind.has(id) || id === e.id || e.investors?.indexOf(id) !== k)
        problems.push({
          path: ["entities", i, "investors", k],
          message:
            id === e.id
              ? "an entity cannot fund itself"
              : entityKind.has(id)
                ? "named twice"
                : "unknown entity",
          value: id,
        });
    });
  });
  scenario.entities.forEach((e, i) => {
    (e.acquirers ?? []).forEach((id, k) => {
      const kind = entityKind.get(id);
      if (!kind || !CLOUD_KINDS.includes(kind) || id === e.id || e.acquirers?.indexOf(id) !== k)
        problems.push({
          path: ["entities", i, "acquirers", k],
          message: !kind
            ? "unknown entity"
            : id === e.id
              ? "cannot acquire itself"
              : "not a cloud, or named twice",
          value: id,
        });
    });
    if (e.trainsOn !== undefined) {
      const kind = entityKind.get(e.trainsOn);
      if (e.kind !== "lab" || !kind || !CLOUD_KINDS.includes(kind))
        problems.push({
          path: ["entities", i, "trainsOn"],
          message:
            e.kind !== "lab"
              ? "only a lab trains on a cloud's fleet"
              : kind
                ? "not a cloud"
                : "unknown entity",
          value: e.trainsOn,
        });
    }
    if (e.acquirers && !CLOUD_KINDS.includes(e.kind))
      problems.push({
        path: ["entities", i, "acquirers"],
        message: "only a cloud can be acquired as a going concern",
      });
  });
  const contractIds = new Set<string>();
  scenario.contracts.forEach((c, i) => {
    if (contractIds.has(c.id))
      problems.push({ path: ["contracts", i, "id"], message: "duplicate contract id", value: c.id });
    contractIds.add(c.id);
    const ends = contractParties(c);
    for (const [field, id] of ends)
      if (!entityKind.has(id))
        problems.push({ path: ["contracts", i, field], message: "unknown entity", value: id });
    if (ends[0][1] === ends[1][1])
      problems.push({
        path: ["contracts", i, ends[1][0]],
        message: "a contract needs two different entities",
        value: ends[1][1],
      });
    if ("collateral" in c && c.collateral !== undefined) {
      const pledged = scenario.contracts.find((d) => d.id === c.collateral);
      if (pledged?.type !== "equity-stake" || pledged.holder !== c.borrower)
        problems.push({
          path: ["contracts", i, "collateral"],
          message: "not an equity stake held by the borrower",
          value: c.collateral,
        });
    }
    const securedLoan =
      c.type === "gpu-loan" || c.type === "project-loan" || (c.type === "facility" && c.loan === "gpu-loan");
    if (
      "maxLoanToValue" in c &&
      c.maxLoanToValue !== undefined &&
      !("collateral" in c && c.collateral) &&
      !securedLoan
    )
      problems.push({
        path: ["contracts", i, "maxLoanToValue"],
        message: "needs a collateral stake (or a GPU-secured loan)",
      });
    if (c.start !== undefined && quarterIndex(c.start) < quarterIndex(scenario.start))
      problems.push({
        path: ["contracts", i, "start"],
        message: "before the scenario start; give what remains from the start",
        value: c.start,
      });
  });
  const eventIds = new Set<string>();
  scenario.events.forEach((e, i) => {
    if (e.id !== undefined) {
      if (eventIds.has(e.id))
        problems.push({ path: ["events", i, "id"], message: "duplicate event id", value: e.id });
      eventIds.add(e.id);
    }
    if (e.type === "share-loss" && entityKind.get(e.lab) !== "lab")
      problems.push({ path: ["events", i, "lab"], message: "not a lab of this scenario", value: e.lab });
    if (e.type === "efficiency-shock" && e.gainer !== undefined && entityKind.get(e.gainer) !== "lab")
      problems.push({
        path: ["events", i, "gainer"],
        message: "not a lab of this scenario",
        value: e.gainer,
      });
  });
  const cap = scenario.world.capability;
  const needs: Record<string, Array<keyof typeof cap>> = {
    ceiling: ["ceiling"],
    broken: ["breakOom", "slopeAfterPerOom"],
    "s-curve": ["ceiling", "topYear"],
  };
  for (const field of needs[cap.shape] ?? [])
    if (cap[field] === undefined)
      problems.push({ path: ["world", "capability", field], message: `required for shape ${cap.shape}` });
  if (cap.shape === "evidence" && cap.from === undefined && cap.evidence === undefined)
    problems.push({
      path: ["world", "capability", "from"],
      message: "required for shape evidence (or evidence)",
    });
  if (cap.shape !== "evidence" && (cap.from !== undefined || cap.evidence !== undefined))
    problems.push({
      path: ["world", "capability", "shape"],
      message: "from and evidence need shape evidence",
      value: cap.shape,
    });
  visitQuantities(scenario, (q, path) => {
    // Own keys only: "constructor" or "toString" must not pass as a source.
    if (typeof q.source === "string" && !Object.hasOwn(scenario.sources, q.source))
      problems.push({
        path: [...path, "source"],
        message: "unknown source key (add it under sources:)",
        value: q.source,
      });
  });
  return problems;
}

/** Calls `visit` on every quantity with its YAML path (array form). */
export function visitQuantities(
  value: unknown,
  visit: (q: Quantity, path: PropertyKey[]) => void,
  path: PropertyKey[] = [],
): void {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) visitQuantities(value[i], visit, [...path, i]);
    return;
  }
  const record = value as Record<string, unknown>;
  if (path[0] === "sources") return;
  if (Object.hasOwn(record, "value") || Object.hasOwn(record, "dist")) {
    visit(record as Quantity, path);
    return;
  }
  for (const [key, item] of Object.entries(record)) visitQuantities(item, visit, [...path, key]);
}

/**
 * Parses and validates scenario text; `file` is used in error messages and as the folder a relative `extends`
 * is read from. Every YAML problem (syntax, duplicate keys, more than `MAX_YAML_ALIASES` alias expansions) is
 * an InputError with file and line; the text itself is never quoted back.
 */
export function parseScenario(text: string, file = "<scenario>"): Scenario {
  return resolveScenario(text, file).scenario;
}

/** A validated scenario, the files it was resolved from (its own first) and its own file's mapping as written. */
export interface ResolvedScenarioFile {
  scenario: Scenario;
  chain: string[];
  own: Record<string, unknown>;
}

/**
 * Parses scenario text, resolves its `extends` chain and validates the result. Each problem names the file and
 * line that wrote the value: the child's for its own blocks, the parent's for what it inherits.
 */
export function resolveScenario(text: string, file = "<scenario>"): ResolvedScenarioFile {
  const layer = parseLayer(text, file);
  const resolved = resolveExtends(layer, readLayer);
  const { raw, origins } = resolved;
  const locate = (problem: Problem): InputIssue => {
    const origin = originOf(origins, problem.path);
    const issue: InputIssue = {
      file: origin.layer.file,
      field: formatInputPath(problem.path),
      message: problem.message,
    };
    const line = lineAt(origin.layer, origin.path);
    if (line !== undefined) issue.line = line;
    if ("value" in problem) issue.value = problem.value;
    return issue;
  };
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues.map((issue) => {
        const problem: Problem = { path: issue.path as PropertyKey[], message: issue.message };
        // The root's value is the whole file: never quoted.
        let value = problem.path.length > 0 ? valueAtPath(raw, problem.path) : undefined;
        if (value !== null && typeof value === "object" && Object.hasOwn(value, "value"))
          value = (value as { value: unknown }).value;
        if (value !== undefined) problem.value = value;
        return locate(problem);
      }),
    );
  }
  const scenario = parsed.data;
  const problems = crossCheck(scenario);
  if (problems.length === 0) {
    try {
      compileParameters(scenario);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // The parameter compiler names fields as text (`correlations[0].a`): located through their path.
      throw new InputError(
        error.issues.map((issue) => {
          const { file: where, line } = locate({
            path: fieldPath(issue.field ?? ""),
            message: issue.message,
          });
          return line === undefined ? { ...issue, file: where } : { ...issue, file: where, line };
        }),
      );
    }
  }
  if (problems.length > 0) throw new InputError(problems.map(locate));
  const cap = scenario.world.capability;
  if (cap.shape === "evidence" && cap.evidence === undefined && cap.from !== undefined) {
    try {
      cap.evidence = evidenceFromBend(cap.from);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const { file: where, line } = locate({ path: ["world", "capability", "from"], message: "" });
      throw new InputError(
        error.issues.map((issue) => ({
          ...issue,
          file: issue.file ?? where,
          ...(line === undefined ? {} : { line }),
        })),
      );
    }
  }
  return { scenario, chain: resolved.chain, own: layer.raw };
}

/** Reads and validates a scenario: a library name (`ceiling`) or a YAML file of at most `MAX_YAML_FILE_BYTES`. */
export async function loadScenario(nameOrPath: string): Promise<Scenario> {
  const file = scenarioFile(nameOrPath);
  return parseScenario(readScenarioText(file), file);
}

/** `correlations[0].a` → `["correlations", 0, "a"]`: the inverse of `formatInputPath` for plain keys. */
function fieldPath(field: string): PropertyKey[] {
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}

// The YAML of one file as a layer: its document for line numbers and its value, which must be a mapping.
function parseLayer(text: string, file: string): Layer {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0]?.line,
        message: `invalid YAML: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    // The yaml library throws a ReferenceError for an alias bomb and for an alias to a missing anchor.
    throw new InputError({ file, message: `invalid YAML: ${(error as Error).message}` });
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InputError({ file, message: "not a scenario: expected a YAML mapping" });
  }
  return { file, doc, lineCounter, raw: raw as Record<string, unknown> };
}

function readLayer(file: string): Layer {
  return parseLayer(readScenarioText(file), file);
}

/**
 * The text of a scenario file: a regular file of at most `MAX_YAML_FILE_BYTES` bytes. Opened without blocking
 * (a FIFO would wait for a writer) and checked on the descriptor, so a file swapped after the check cannot slip
 * through. Synchronous, so that `parseScenario` can read the parents an `extends` names.
 */
export function readScenarioText(file: string): string {
  const cannotRead = (error: unknown) =>
    new InputError({ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? error}` });
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw cannotRead(error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw new InputError({
        file,
        message: `not a scenario: ${stat.isDirectory() ? "a directory" : "not a regular file"}`,
      });
    if (stat.size > MAX_YAML_FILE_BYTES)
      throw new InputError({ file, message: `not a scenario: larger than ${MAX_YAML_FILE_BYTES} bytes` });
    return readFileSync(fd, "utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw cannotRead(error);
  } finally {
    closeSync(fd);
  }
}
