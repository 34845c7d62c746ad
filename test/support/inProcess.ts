import { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";
import { DATA } from "./cli.js";

export interface InProcessResult {
  /** main's exit code. */
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  /**
   * Environment variables set for the run (undefined deletes one) and restored after it. WALLCAST_DATA defaults
   * to the tests' data directory, as for a spawned CLI.
   */
  env?: Record<string, string | undefined>;
  /** Text on stdin (default: empty). */
  stdin?: string;
}

type Write = typeof process.stdout.write;

/** The run in progress (or the last one): runs share the process's streams and environment, so they queue. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `wallcast ...argv` through `main` in this process, capturing what it writes to stdout and stderr, as a
 * spawned CLI would see it: WALLCAST_DATA set, stdin empty, stdout and stderr not terminals (no progress bars).
 * The streams, the environment, stdin, the TTY flags and process.exitCode are restored afterwards. Calls that
 * overlap (Promise.all, describe.concurrent) run one after another in call order.
 */
export function runMain(argv: string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  const run = queue.then(() => runNow(argv, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(argv: string[], options: InProcessOptions): Promise<InProcessResult> {
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
  const restore: Array<() => void> = [];
  try {
    // Environment.
    for (const [name, value] of Object.entries({ WALLCAST_DATA: DATA, ...options.env })) {
      const saved = process.env[name];
      restore.push(() => {
        if (saved === undefined) delete process.env[name];
        else process.env[name] = saved;
      });
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    // stdin: the given text, else empty (a spawned CLI's stdin is closed at once).
    const stdinDescriptor = Object.getOwnPropertyDescriptor(process, "stdin");
    Object.defineProperty(process, "stdin", {
      value: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
      configurable: true,
      writable: true,
    });
    restore.push(() => {
      if (stdinDescriptor) Object.defineProperty(process, "stdin", stdinDescriptor);
      else delete (process as { stdin?: unknown }).stdin;
    });
    // Not terminals, so no progress bars and no colour, whatever runs the tests.
    for (const stream of [process.stdout, process.stderr]) {
      const descriptor = Object.getOwnPropertyDescriptor(stream, "isTTY");
      Object.defineProperty(stream, "isTTY", { value: false, configurable: true, writable: true });
      restore.push(() => {
        if (descriptor) Object.defineProperty(stream, "isTTY", descriptor);
        else delete (stream as { isTTY?: boolean }).isTTY;
      });
    }
    // Captured output.
    const out = process.stdout.write;
    const err = process.stderr.write;
    process.stdout.write = capture((t) => {
      stdout += t;
    });
    process.stderr.write = capture((t) => {
      stderr += t;
    });
    restore.push(() => {
      process.stdout.write = out;
      process.stderr.write = err;
    });
    const exitCode = process.exitCode;
    restore.push(() => {
      process.exitCode = exitCode;
    });
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}
