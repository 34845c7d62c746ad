import { homedir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The data directory: `flag` (the CLI's `--data`), then `WALLCAST_DATA`, then the user cache
 * (`$XDG_CACHE_HOME/wallcast/data`, default `~/.cache/wallcast/data`).
 */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.WALLCAST_DATA) return resolve(env.WALLCAST_DATA);
  const cache = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return join(cache, "wallcast", "data");
}
