import { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

export interface InProcessResult {
  /** main's exit code. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /** Environment variables set for the run (undefined deletes one) and restored after it. */
  env?: Record<string, string | undefined>;
  /** Text on stdin (default: empty). */
  stdin?: string;
}

type Write = typeof process.stdout.write;

/**
 * Runs `wallcast ...argv` through `main` in this process, capturing what it writes to stdout and stderr and
 * restoring the streams, the environment and stdin afterwards. Runs must not overlap (they share the streams).
 */
export async function runMain(argv: string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  let stdout = "";
  let stderr = "";
  const capture =
    (append: (text: string) => void): Write =>
    (chunk: unknown, encodingOrDone?: unknown, done?: unknown) => {
      append(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      const callback = typeof encodingOrDone === "function" ? encodingOrDone : done;
      if (typeof callback === "function") callback();
      return true;
    };
  const savedEnv = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(options.env ?? {})) {
    savedEnv.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, "stdin");
  if (options.stdin !== undefined) {
    const stdin = Readable.from([options.stdin]);
    Object.defineProperty(process, "stdin", { value: stdin, configurable: true, writable: true });
  }
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = capture((t) => {
    stdout += t;
  });
  process.stderr.write = capture((t) => {
    stderr += t;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    if (options.stdin !== undefined && stdinDescriptor)
      Object.defineProperty(process, "stdin", stdinDescriptor);
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
