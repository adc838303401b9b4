import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/platform/db/embedded.js';

/**
 * The EICAR anti-virus test file: 68 harmless characters that every scanner
 * reports as a virus. Built from pieces so that the repository never holds it
 * (and no scanner on a developer's machine quarantines our sources).
 */
export function eicar(): Buffer {
  const pieces = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-', 'ANTIVIRUS-TEST-', 'FILE!$H+H*'];
  return Buffer.from(pieces.join(''), 'ascii');
}

export const EICAR_SIGNATURE = 'Eicar-Test-Signature';

export interface Clamd {
  host: string;
  port: number;
  /** How long the last start took, in milliseconds (until clamd answered PING). */
  startedInMs: number;
  stop(): Promise<void>;
  /** Starts clamd again on the same port (after stop()). */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops clamd for good and removes its directory. */
  dispose(): Promise<void>;
}

const CLAMD = process.env.CLAMD_PATH ?? ['/usr/sbin/clamd', '/usr/bin/clamd'].find((p) => existsSync(p)) ?? 'clamd';


/** Whether clamd at host:port answers PING with PONG. */
export function ping(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('zPING\0'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('PONG')) done(true);
    });
    socket.once('end', () => done(answer.includes('PONG')));
  });
}

/**
 * A real clamd of our own on a free TCP port of 127.0.0.1, with one signature:
 * the MD5 of the EICAR test file (there are no official signatures offline),
 * plus any `signatures` a test gives (name and the exact bytes to detect).
 * Runs in the foreground as a child of the test process, never as a system service.
 */
export async function startClamd(options: { signatures?: { name: string; data: Buffer }[] } = {}): Promise<Clamd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portal-clamd-'));
  const port = await freePort();
  const host = '127.0.0.1';
  // Hash signatures: MD5:size:name, one a line. EICAR always; more when a test asks for them.
  const signatures = [{ name: EICAR_SIGNATURE, data: eicar() }, ...(options.signatures ?? [])];
  await writeFile(path.join(dir, 'test.hdb'), signatures.map((s) => `${createHash('md5').update(s.data).digest('hex')}:${s.data.length}:${s.name}\n`).join(''));
  const config = path.join(dir, 'clamd.conf');
  await writeFile(
    config,
    [
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${port}`,
      `TCPAddr ${host}`,
      'Foreground yes',
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      `LogFile ${path.join(dir, 'clamd.log')}`,
      `TemporaryDirectory ${dir}`,
      // As root, clamd would otherwise switch to the "clamav" user, which may not be able to read this directory.
      ...(process.getuid?.() === 0 ? ['User root'] : []),
      'StreamMaxLength 25M',
      'MaxThreads 4',
      'SelfCheck 3600',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  const clamd: Clamd = {
    host,
    port,
    startedInMs: 0,
    async start() {
      const started = Date.now();
      const proc = spawn(CLAMD, [`--config-file=${config}`], { stdio: 'ignore' });
      child = proc;
      let exited: string | undefined;
      proc.once('exit', (code, signal) => (exited = `exited with ${code ?? signal}`));
      proc.once('error', (err) => (exited = err.message));
      while (!(await ping(host, port, 500))) {
        if (exited || Date.now() - started > 120_000) {
          const log = await readFile(path.join(dir, 'clamd.log'), 'utf8').catch(() => '');
          proc.kill('SIGKILL');
          throw new Error(`clamd did not start (${exited ?? 'timed out'}): ${log.slice(-2000)}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      clamd.startedInMs = Date.now() - started;
    },
    async stop() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exit = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
      // Until the port is closed a scan could still reach the old process.
      while (await ping(host, port, 200)) await new Promise((r) => setTimeout(r, 50));
    },
    async restart() {
      await clamd.stop();
      await clamd.start();
    },
    async dispose() {
      await clamd.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await clamd.start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  // Never leave a clamd behind, even when a test run is cut short.
  process.once('exit', () => child?.kill('SIGKILL'));
  return clamd;
}
