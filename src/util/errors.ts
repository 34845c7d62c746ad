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

function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  if (value === undefined) return "undefined";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** `file:line: field: message (got value)`, omitting the parts the issue does not have. */
export function formatIssue(issue: InputIssue): string {
  const where: string[] = [];
  if (issue.file !== undefined)
    where.push(issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file);
  else if (issue.line !== undefined) where.push(`line ${issue.line}`);
  if (issue.field !== undefined) where.push(issue.field);
  const got = "value" in issue ? ` (got ${showValue(issue.value)})` : "";
  return `${where.length ? `${where.join(": ")}: ` : ""}${issue.message}${got}`;
}
