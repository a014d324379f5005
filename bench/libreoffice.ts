/**
 * LibreOffice as what users would do instead of the add-in: open the workbook whose
 * scoring is written as formulas, recalculate, save. Headless, with a profile of its own
 * whose OOXML recalculation mode is 0 ("always"): by default LibreOffice keeps the results
 * stored in an .xlsx and would not recalculate at all (the bench's formula cells carry
 * wrong stored results, so the check on 1,000 rows proves it did).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild, TIME_BINARY, type ChildRun } from './measure';

const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export const INSTALL_HINT = 'apt-get install -y --no-install-recommends libreoffice-calc';

function onPath(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : null;
}

function version(binary: string): string {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return (out.stdout || '').trim().split('\n')[0] ?? '';
}

/**
 * The soffice binary and its version; installs Debian's libreoffice-calc first when it is
 * missing and we run as root. Null (with the reason) when it cannot be had.
 */
export function findLibreOffice(log: (line: string) => void): { binary: string; version: string } | { missing: string } {
  let binary = onPath('soffice') ?? onPath('libreoffice');
  if (!binary) {
    if (typeof process.getuid !== 'function' || process.getuid() !== 0 || !onPath('apt-get')) {
      return { missing: `LibreOffice is not installed; install it with \`sudo ${INSTALL_HINT}\` (Debian/Ubuntu), or run the bench with --no-libreoffice` };
    }
    log(`LibreOffice is not installed: ${INSTALL_HINT}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let install = spawnSync('apt-get', INSTALL_HINT.split(' ').slice(1), { stdio: 'inherit', env });
    if (install.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
      install = spawnSync('apt-get', INSTALL_HINT.split(' ').slice(1), { stdio: 'inherit', env });
    }
    binary = onPath('soffice');
    if (install.status !== 0 || !binary) return { missing: `installing LibreOffice failed (\`${INSTALL_HINT}\`)` };
  }
  return { binary, version: version(binary) };
}

export class LibreOffice {
  private readonly profile: string;

  constructor(
    private readonly binary: string,
    scratch: string,
  ) {
    this.profile = join(scratch, `lo-profile-${process.pid}`);
    rmSync(this.profile, { recursive: true, force: true });
    mkdirSync(join(this.profile, 'user'), { recursive: true });
    writeFileSync(join(this.profile, 'user', 'registrymodifications.xcu'), REGISTRY);
  }

  /**
   * Opens `input`, recalculates and saves it as .xlsx into `outDir` (same file name),
   * timed; peak memory from GNU time when it is installed. With `timeoutMs`, LibreOffice is
   * stopped when the time is up and the run says `timedOut` (no output then).
   */
  async convert(input: string, outDir: string, timeoutMs?: number): Promise<ChildRun & { output: string }> {
    mkdirSync(outDir, { recursive: true });
    const output = join(outDir, input.replace(/^.*[\\/]/, ''));
    rmSync(output, { force: true });
    const args = [`-env:UserInstallation=file://${this.profile}`, '--headless', '--norestore', '--nologo', '--convert-to', 'xlsx', '--outdir', outDir, input];
    const timeFile = join(outDir, 'time.txt');
    const withTime = existsSync(TIME_BINARY);
    const limit = timeoutMs !== undefined ? { timeoutMs } : {};
    const run = withTime
      ? await runChild(TIME_BINARY, ['-f', '%M', '-o', timeFile, this.binary, ...args], { timeFile, ...limit })
      : await runChild(this.binary, args, limit);
    if (run.timedOut) return { ...run, output };
    if (run.code !== 0 || !existsSync(output)) {
      throw new Error(`LibreOffice did not convert ${input} (exit ${run.code}): ${run.stderr.trim() || run.stdout.trim()}`);
    }
    return { ...run, output };
  }

  dispose(): void {
    rmSync(this.profile, { recursive: true, force: true });
  }
}
