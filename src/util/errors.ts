import { MAX_QUOTED_VALUE_CHARS } from "./limits.js";

/** One problem with user input, located as precisely as the input allows. */
export interface InputIssue {
  /** File the bad input came from, when it came from a file. */
  file?: string;
  /** 1-based line in the file (the header is line 1 of a CSV). */
  line?: number;
  /** Column, field, flag or YAML/JSON path that holds the bad value. */
  field?: string;
  /** The offending value, as read. */
  value?: unknown;
  /** What is wrong, in a few words ("must be a positive number"). */
  message: string;
}

/**
 * Bad input from a user: a file, a flag, a scenario. Collects every issue found so that the edge (CLI, HTTP)
 * can format them once. The CLI turns it into exit code 2.
 */
export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue | InputIssue[]) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join("\n"));
    this.name = "InputError";
    this.issues = list;
  }
}

/** The value as quoted in a message, cut to `MAX_QUOTED_VALUE_CHARS` so a huge input is never echoed whole. */
export function showValue(value: unknown): string {
  let text: string;
  if (typeof value === "number" || typeof value === "boolean" || value === null) text = String(value);
  else if (value === undefined) text = "undefined";
  else if (typeof value === "string")
    // Cut before quoting: JSON.stringify of a 50 MB cell would cost as much as the cell.
    text = JSON.stringify(
      value.length > MAX_QUOTED_VALUE_CHARS ? value.slice(0, MAX_QUOTED_VALUE_CHARS) : value,
    );
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > MAX_QUOTED_VALUE_CHARS ? `${text.slice(0, MAX_QUOTED_VALUE_CHARS - 3)}...` : text;
}

/** `file:line: field: message (got value)`, omitting the parts the issue does not have. */
export function formatIssue(issue: InputIssue): string {
  const where: string[] = [];
  if (issue.file !== undefined)
    where.push(issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file);
  else if (issue.line !== undefined) where.push(`line ${issue.line}`);
  if (issue.field) where.push(issue.field);
  const got = "value" in issue ? ` (got ${showValue(issue.value)})` : "";
  return `${where.length ? `${where.join(": ")}: ` : ""}${issue.message}${got}`;
}

/** The first issue of an InputError on one line, with "(and N more)" when there are others. */
export function inputErrorLine(error: InputError): string {
  const [first, ...rest] = error.issues;
  const line = oneLine(first ? formatIssue(first) : error.message);
  return rest.length > 0 ? `${line} (and ${rest.length} more)` : line;
}

/** Text on one line: every line break, with the spaces around it, becomes one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * A service the user pointed at (a queue's Redis) cannot be used: not a bug and not bad input. The CLI prints its
 * message on one line and exits 1, without asking for a bug report.
 */
export class ServiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ServiceError";
  }
}
