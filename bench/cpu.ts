/**
 * CPU time spent serving a scenario, per request: the bench's own process (the portal and
 * the baseline run in it) from `process.cpuUsage()`, and Postgres (the postmaster and its
 * backends, from /proc) when it can be read. Unlike req/s, CPU time per request hardly
 * depends on what else the machine is doing, so it compares runs on a busy machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Linux's USER_HZ: /proc counts CPU time in ticks of 10 ms. */
const TICK_US = 10_000;

function ticksOf(pid: string): { ppid: string; us: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: fields[1]!, us: (Number(fields[11]) + Number(fields[12])) * TICK_US };
  } catch {
    return undefined;
  }
}

/** CPU microseconds used so far by the Postgres whose data directory this is and its live backends, or undefined off Linux. */
export function postgresCpuUs(dataDir: string): number | undefined {
  try {
    const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
    let total = ticksOf(postmaster)?.us ?? 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const p = ticksOf(pid);
      if (p?.ppid === postmaster) total += p.us;
    }
    return total;
  } catch {
    return undefined;
  }
}

export function nodeCpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
