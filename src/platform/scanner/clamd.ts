import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import NodeClam from 'clamscan';

/** What clamd said about a file: clean, infected (with the signature's name), or no answer (daemon down). */
export type ScanVerdict = { status: 'clean' } | { status: 'infected'; virus: string } | { status: 'unavailable'; reason: string };

export interface Scanner {
  /** Streams the file to clamd (INSTREAM) and returns its verdict; never throws. */
  scanFile(path: string): Promise<ScanVerdict>;
  /** The same for bytes already in a stream (from storage). */
  scanStream(stream: Readable): Promise<ScanVerdict>;
  /** Whether clamd answers PING. */
  isAvailable(): Promise<boolean>;
}

export interface ClamdAddress {
  host: string;
  port: number;
  /** Connection and scan time limit, in milliseconds. */
  timeoutMs?: number;
}

/**
 * A clamd client over TCP through the clamscan package, in clamdscan mode only:
 * no local binary, no fallback. When clamd does not answer, the verdict is
 * "unavailable" and the caller keeps the file waiting for a later scan.
 */
export function clamdScanner({ host, port, timeoutMs = 30_000 }: ClamdAddress): Scanner {
  let client: Promise<NodeClam> | undefined;
  const connect = () => {
    client ??= new NodeClam().init({
      removeInfected: false,
      debugMode: false,
      preference: 'clamdscan',
      clamscan: { active: false },
      // path '' keeps clamscan from looking for (and ever falling back to) a local binary.
      clamdscan: { host, port, socket: false, path: '', localFallback: false, active: true, bypassTest: true, timeout: timeoutMs },
    });
    return client;
  };
  const scanStream = async (stream: Readable): Promise<ScanVerdict> => {
    try {
      const clam = await connect();
      const result = await clam.scanStream(stream);
      const timedOut = (result as { timeout?: boolean }).timeout === true;
      if (timedOut) return { status: 'unavailable', reason: 'clamd timed out' };
      if (result.isInfected) return { status: 'infected', virus: result.viruses.join(', ') || 'unknown' };
      if (result.isInfected === false) return { status: 'clean' };
      return { status: 'unavailable', reason: 'clamd gave no verdict' };
    } catch (err) {
      return { status: 'unavailable', reason: String((err as Error)?.message ?? err).slice(0, 200) };
    }
  };
  return {
    scanStream,
    scanFile: (path) => scanStream(createReadStream(path)),
    async isAvailable() {
      try {
        const socket = await (await connect()).ping();
        socket.end();
        return true;
      } catch {
        return false;
      }
    },
  };
}
