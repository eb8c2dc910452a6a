/** Where the project takes problem reports: package.json's `bugs.url`, one place to change it. */
import packageJson from '../../../package.json';

export function issueTrackerUrl(): string {
  const bugs = (packageJson as { bugs?: { url?: string } | string }).bugs;
  const url = typeof bugs === 'string' ? bugs : bugs?.url;
  if (!url) throw new Error('package.json has no bugs.url: the project tracker is not set');
  return url;
}
