// The two servers the pages benchmark measures, each started as its own
// process group on a loopback port, so that stopping one stops every process
// it started (the application may fork one worker per core) and nothing else.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const HOST = "127.0.0.1";
const OUTPUT_LINES_KEPT = 40;
const STOP_GRACE_MS = 5_000;

export type Server = {
  name: string;
  origin: string;
  /** Whether the process is still running. */
  running(): boolean;
  /** Its last lines of output, to say why it failed. */
  output(): string;
  stop(): Promise<void>;
};

const started = new Set<ChildProcess>();

// A crash or an early exit of the benchmark must not leave servers behind.
process.on("exit", () => {
  for (const child of started) signalGroup(child, "SIGKILL");
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** A port nobody listens on now, on the loopback address. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a TypeScript entry point with node and tsx, as `npm run serve` does. */
export function startServer(name: string, port: number, script: string, args: string[], env: NodeJS.ProcessEnv): Server {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => started.delete(child));

  return {
    name,
    origin: `http://${HOST}:${port}`,
    running: () => child.exitCode === null && child.signalCode === null,
    output: () => lines.join("\n"),
    async stop() {
      if (!started.has(child)) return;
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      // Workers a primary forked may outlive it for a moment.
      signalGroup(child, "SIGKILL");
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the server answers `path` with a 200, or fails with its output. */
export async function waitUntilReady(server: Server, path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running()) throw new Error(`${server.name} stopped before it was ready:\n${server.output()}`);
    try {
      const response = await fetch(server.origin + path, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${server.name} did not answer ${path} within ${timeoutMs / 1000} s:\n${server.output()}`);
}
