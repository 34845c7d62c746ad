import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize } from "node:path";

export interface MirrorServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Paths requested so far, decoded. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `root` over HTTP on 127.0.0.1 at a random port; a missing file is a 404. A path listed in `stall`
 * gets its headers and first half, then nothing more (to test the idle timeout).
 */
export async function serveMirror(root: string, stall: string[] = []): Promise<MirrorServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    requests.push(path);
    const file = join(root, normalize(path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const body = readFileSync(file);
    response.writeHead(200, { "content-type": "text/csv", "content-length": body.length });
    if (stall.includes(path)) response.write(body.subarray(0, body.length >> 1));
    else response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
