import cliProgress from "cli-progress";

/** A progress sink: a bar on a terminal, nothing otherwise. */
export interface Progress {
  /** Record `n` more units done (default 1). */
  tick(n?: number): void;
  /** Remove the bar. */
  stop(): void;
}

export const silentProgress: Progress = { tick() {}, stop() {} };

/**
 * A bar on stderr when stderr is a terminal and `quiet` is false (the CLI passes `--json` as quiet);
 * otherwise a silent sink.
 */
export function terminalProgress(label: string, total: number, quiet = false): Progress {
  if (quiet || !process.stderr.isTTY || total <= 0) return silentProgress;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {eta_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    tick(n = 1) {
      done += n;
      bar.update(done);
    },
    stop() {
      bar.stop();
    },
  };
}
