/** Looks inside an .xlsx (a zip) for tests: entry names, and one entry's XML text. */
import { readZip } from '../../src/xlsx/zip';

function open(data: Uint8Array) {
  const zip = readZip(new Uint8Array(data));
  if (!zip) throw new Error('not a zip this reader understands');
  return zip;
}

export function zipEntries(data: Uint8Array): string[] {
  return [...open(data).entries.keys()];
}

export async function zipText(data: Uint8Array, name: string): Promise<string> {
  const text = await open(data).readText(name);
  if (text === undefined) throw new Error(`no ${name} in the workbook`);
  return text;
}
