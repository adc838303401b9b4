import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.startsWith('node_modules/'));

describe('repository hygiene', () => {
  it('never contains the antivirus test string (tests build it at run time)', () => {
    const marker = ['EICAR', 'STANDARD', 'ANTIVIRUS', 'TEST', 'FILE'].join('-');
    const offending = files.filter((f) => {
      try {
        return readFileSync(f, 'latin1').includes(marker);
      } catch {
        return false;
      }
    });
    expect(offending).toEqual([]);
  });

  it('keeps secrets out of the repository', () => {
    expect(files.filter((f) => /(^|\/)\.env$|\.pem$|\.key$|roles\.json$|session-secret$/.test(f))).toEqual([]);
  });
});
