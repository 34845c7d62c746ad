import { InputError } from "./errors.js";
import { MAX_JSON_DEPTH, MAX_JSON_FILE_BYTES } from "./limits.js";

/**
 * The JSON text every `--json` command prints (and the HTTP API answers): two-space indented, a final newline,
 * non-finite numbers written as the strings "Infinity", "-Infinity" and "NaN" instead of silently as null, and a
 * Float64Array as a plain array.
 */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, jsonReplacer, 2)}\n`;
}

/** `formatJson`'s replacer, for `JSON.stringify` on one line: non-finite numbers as strings, Float64Array as arrays. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value instanceof Float64Array) return Array.from(value);
  return value;
}

/** Where a JSON text came from: a file path or a flag/field name (used to locate error messages). */
export interface JsonSource {
  /** File the text was read from. */
  file?: string;
  /** Flag or field the text was given in (`--shock`). */
  field?: string;
}

/**
 * Parses user JSON: refuses texts over `MAX_JSON_FILE_BYTES` bytes and nesting deeper than `MAX_JSON_DEPTH`
 * (checked by a scan, so a deep input cannot overflow the stack), and reports a syntax error as an InputError
 * with its line and column. `__proto__` keys stay ordinary own keys, as JSON.parse makes them.
 */
export function parseJsonInput(text: string, where: JsonSource): unknown {
  // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: only measure bytes when the length alone cannot decide.
  if (
    text.length > MAX_JSON_FILE_BYTES ||
    (text.length * 3 > MAX_JSON_FILE_BYTES && Buffer.byteLength(text) > MAX_JSON_FILE_BYTES)
  ) {
    throw new InputError({ ...where, message: `JSON input larger than ${MAX_JSON_FILE_BYTES} bytes` });
  }
  const tooDeep = findExcessDepth(text, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    const { line, column } = lineColumn(text, tooDeep);
    throw new InputError({
      ...where,
      ...(where.file !== undefined ? { line } : {}),
      message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels at line ${line} column ${column}`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return throwSyntax(text, where);
  }
}

/** Offset of the first bracket that opens level `maxDepth + 1`, or undefined; brackets in strings are skipped. */
export function findExcessDepth(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped, whatever it is
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// V8's messages differ between versions and some quote the input, so the position comes from our own scan.
function throwSyntax(text: string, where: JsonSource): never {
  const offset = syntaxErrorOffset(text);
  const at = offset === undefined ? undefined : lineColumn(text, offset);
  throw new InputError({
    ...where,
    ...(where.file !== undefined && at ? { line: at.line } : {}),
    message: `not valid JSON${at ? ` at line ${at.line} column ${at.column}` : ""}`,
  });
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * Offset of the first character where `text` stops being JSON (its length when it ends too soon), or undefined
 * when it is valid. A loop with an explicit stack, like the depth scan, so any input is safe.
 */
export function syntaxErrorOffset(text: string): number | undefined {
  const n = text.length;
  const open: string[] = [];
  type Expect = "value" | "value-or-close" | "key" | "key-or-close" | "colon" | "comma-or-close" | "end";
  let expect: Expect = "value";
  let i = 0;
  const afterValue = (): Expect => (open.length ? "comma-or-close" : "end");
  // The offset after a string starting at i, or -1 - (offset of the error).
  const string = (): number => {
    for (let j = i + 1; j < n; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) return -1 - j;
      if (c === 0x5c) {
        const e = text[j + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -1 - j;
          j += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
        else return -1 - j;
      }
    }
    return -1 - n;
  };
  for (;;) {
    while (i < n && " \t\n\r".includes(text[i])) i++;
    if (i >= n) return expect === "end" ? undefined : n;
    const c = text[i];
    if (expect === "end") return i;
    if (expect === "colon") {
      if (c !== ":") return i;
      i++;
      expect = "value";
    } else if (expect === "comma-or-close") {
      const top = open[open.length - 1];
      if (c === ",") expect = top === "{" ? "key" : "value";
      else if ((c === "}" && top === "{") || (c === "]" && top === "[")) {
        open.pop();
        expect = afterValue();
      } else return i;
      i++;
    } else if (expect === "key" || expect === "key-or-close") {
      if (c === "}" && expect === "key-or-close") {
        open.pop();
        i++;
        expect = afterValue();
      } else if (c === '"') {
        const end = string();
        if (end < 0) return -1 - end;
        i = end;
        expect = "colon";
      } else return i;
    } else if (c === "]" && expect === "value-or-close") {
      open.pop();
      i++;
      expect = afterValue();
    } else if (c === "{" || c === "[") {
      open.push(c);
      i++;
      expect = c === "{" ? "key-or-close" : "value-or-close";
    } else if (c === '"') {
      const end = string();
      if (end < 0) return -1 - end;
      i = end;
      expect = afterValue();
    } else {
      NUMBER.lastIndex = i;
      LITERAL.lastIndex = i;
      const match = NUMBER.exec(text) ?? LITERAL.exec(text);
      if (!match) return i;
      i += match[0].length;
      expect = afterValue();
    }
  }
}
