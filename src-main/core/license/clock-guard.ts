import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../workspace/atomic-write';

/**
 * The newest time this machine has ever shown, kept in the config dir. An expiry is judged
 * against it when the clock is far behind, so setting the clock back does not revive a key.
 */
const ClockFileSchema = z.object({ newestSeen: z.iso.datetime({ offset: true }) });
const CLOCK_FILE = 'license-clock.json';

function readNewestSeen(configDir: string): Date | undefined {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(configDir, CLOCK_FILE), 'utf8'));
    const r = ClockFileSchema.safeParse(raw);
    return r.success ? new Date(r.data.newestSeen) : undefined;
  } catch {
    return undefined;
  }
}

/** Record `now` when it is newer; returns the newest time seen before this call. */
export function recordNow(configDir: string, now: Date = new Date()): Date | undefined {
  const before = readNewestSeen(configDir);
  if (!before || now > before)
    writeFileAtomic(
      path.join(configDir, CLOCK_FILE),
      JSON.stringify({ newestSeen: now.toISOString() }) + '\n',
    );
  return before;
}
