import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Command } from "commander";
import { createApp } from "../serve/index.js";
import { InputError } from "../util/errors.js";
import { MAX_THREADS } from "../util/limits.js";
import { setCallerWorks } from "../util/shareWork.js";
import { globalOptions, intArg } from "./shared.js";

interface ServeCliOptions {
  /** TCP port (default 8080; 0 picks a free one). */
  port: number;
  /** Interface to listen on (default 127.0.0.1: this machine only). */
  host: string;
  /** Folder of run directories, or one run directory (default ./wallcast-runs). */
  out: string;
  /** Worker threads of each simulation (default: the machine's cores). */
  threads?: number;
  /** Print the address as one JSON object instead of a line (default false). */
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("serve the JSON API (/api, described at /api/openapi.json) and the stored runs' reports")
    .option("--port <P>", "TCP port (0: any free port)", intArg("--port", 0, 65535), 8080)
    .option("--host <host>", "interface to listen on (0.0.0.0 exposes it to the network)", "127.0.0.1")
    .option("--out <dir>", "folder of run directories (or one run directory)", "wallcast-runs")
    .option(
      "--threads <t>",
      "worker threads of each simulation (default: cores)",
      intArg("--threads", 1, MAX_THREADS),
    )
    .option("--json", "print the address as one JSON object")
    .action(async (options: ServeCliOptions, command: Command) => {
      const app = createApp({
        out: options.out,
        data: globalOptions(command).data,
        threads: options.threads,
        localOnly: isLoopback(options.host),
      });
      const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
        s.once("error", (error: NodeJS.ErrnoException) => {
          const reasons: Record<string, string> = {
            EADDRINUSE: "address already in use",
            EACCES: "permission denied",
            EADDRNOTAVAIL: "not an address of this machine",
            ENOTFOUND: "unknown host",
          };
          const reason = error.code === undefined ? undefined : reasons[error.code];
          reject(
            reason
              ? new InputError({ field: "--port", value: `${options.host}:${options.port}`, message: reason })
              : error,
          );
        });
      });
      // Computations run on worker threads only, so that the server answers while they run; switched once it
      // listens, so that a server that failed to start leaves the process as it was.
      setCallerWorks(false);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(":") ? `[${options.host}]` : options.host;
      const url = `http://${host}:${port}/`;
      if (options.json) process.stdout.write(`${JSON.stringify({ url })}\n`);
      else process.stdout.write(`wallcast serve: listening on ${url}\n`);
      // Runs until interrupted; SIGINT and SIGTERM close the server and let the process end.
      await new Promise<void>((resolve) => {
        const stop = () => {
          server.close(() => resolve());
          // Open keep-alive connections and event streams would otherwise hold the server open.
          if ("closeAllConnections" in server) server.closeAllConnections();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}

/** Whether `host` names this machine's loopback interface only. */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}
