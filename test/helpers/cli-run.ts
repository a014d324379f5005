/**
 * The `score` command run in-process as a user types it (src/cli.ts `main`), with what it
 * prints on stdout and stderr captured.
 */
import { main } from '../../src/cli';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runScore(...args: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  try {
    const code = await main(args, {});
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
