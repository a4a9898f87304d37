/** The real server as a child process (node with tsx instead of the build), for tests and benchmarks of its start and stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

export interface Spawned {
  child: ChildProcess;
  /** The address it logged it serves. */
  url: string;
  /** Everything it wrote so far (JSON log lines). */
  output(): string;
}

/** Spawns `server/main.ts` with `env` (and PATH) only, and resolves once it logs the address it serves. */
export function spawnServer(env: Record<string, string>): Promise<Spawned> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"url":"([^"]+)"[^\n]*is serving/.exec(output)?.[1];
      if (url) resolve({ child, url, output: () => output });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before serving:\n${output}`)));
  });
}

/**
 * Sends SIGTERM and resolves with the exit code and how long the exit took; rejects when the
 * process is still there after `boundMs` (then it is killed) or dies of a signal.
 */
export function stopWithSigterm({ child, output }: Spawned, boundMs: number): Promise<{ code: number | null; ms: number }> {
  return new Promise((resolve, reject) => {
    const missed = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit within ${boundMs} ms of SIGTERM:\n${output()}`));
    }, boundMs);
    const sent = performance.now();
    child.once('exit', (code, signal) => {
      clearTimeout(missed);
      if (signal) reject(new Error(`killed by ${signal}:\n${output()}`));
      else resolve({ code, ms: Math.round(performance.now() - sent) });
    });
    child.kill('SIGTERM');
  });
}
