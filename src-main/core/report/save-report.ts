/** Writes a problem report to a new file: an existing file is never replaced. */
import fs from 'node:fs';
import path from 'node:path';

export function saveReport(file: string, text: string): string {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.writeFileSync(target, text, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`${target} already exists; choose another file name (it was left as it is).`);
    throw err;
  }
  return target;
}

/** The folder a report goes to when none is named: Downloads when there is one, else home. */
export function defaultReportDir(home: string): string {
  const downloads = path.join(home, 'Downloads');
  return fs.existsSync(downloads) ? downloads : home;
}
