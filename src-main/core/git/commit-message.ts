import { redactSecrets } from '../security/redact-secrets';

/** A commit message before it is redacted and rendered. */
export interface CommitMessage {
  subject: string;
  /** `Key: value` lines for the message's last paragraph (git trailers). */
  trailers: string[];
}

const MAX_SUBJECT = 100;

/** `checkpoint: <title>` with the run's numbers as a trailer. */
export function checkpointMessage(title: string, statsTrailer?: string): CommitMessage {
  return {
    subject: `checkpoint: ${title.trim() || 'memory artifacts'}`,
    trailers: statsTrailer ? [asTrailer(statsTrailer)] : [],
  };
}

/** `read=3 new=2` → `Checkpoint-Stats: read=3 new=2`; an existing `Key: value` stays. */
function asTrailer(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return /^[A-Za-z][A-Za-z0-9-]*: /.test(line) ? line : `Checkpoint-Stats: ${line}`;
}

/**
 * The `-m` arguments for `git commit`: one line of subject, then the trailers, plus the
 * submodules whose new commits this one records. The message is redacted too: a title made
 * from a conversation could hold a token, and a commit message is history forever.
 */
export function messageArgs(msg: CommitMessage, gitlinks: readonly string[] = []): string[] {
  const subject = redactSecrets(msg.subject.replace(/\s+/g, ' ').trim()).text;
  const trailers = [...msg.trailers];
  if (gitlinks.length) trailers.push(`Submodules: ${gitlinks.join(', ')}`);
  const args = ['-m', subject.length > MAX_SUBJECT ? `${subject.slice(0, MAX_SUBJECT - 1)}…` : subject];
  if (trailers.length) args.push('-m', redactSecrets(trailers.join('\n')).text);
  return args;
}
