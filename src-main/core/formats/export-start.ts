import { decodeExportBytes } from './encoding-repair';
import {
  ASSISTANT_EVIDENCE,
  BANNER_EVIDENCE,
  COMPACTION_RULE,
  COMPACTION_STAR,
  PROMPT_EVIDENCE,
  V1_BANNER_TOP,
} from './markers';

/** Enough for the first line of any export, even a v2 banner line in UTF-16. */
const START_BYTES = 4096;

/**
 * Whether a file *begins* as `/export` writes one: its first non-blank line is the banner (v1
 * box, v2 logo), a prompt, an assistant line or a compaction rule. The sniffer finds an export
 * anywhere in the head, which is right for importing, but a file that starts otherwise (a
 * shell script around a heredoc, notes quoting a chat) is the user's own file, not an export
 * to move away.
 */
export function beginsLikeExport(head: Buffer): boolean {
  const text = decodeExportBytes(head.subarray(0, START_BYTES)).text;
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '');
  if (first === undefined) return false;
  return (
    V1_BANNER_TOP.test(first) ||
    BANNER_EVIDENCE.some((re) => re.test(first)) ||
    PROMPT_EVIDENCE.test(first) ||
    ASSISTANT_EVIDENCE.test(first) ||
    COMPACTION_RULE.test(first) ||
    COMPACTION_STAR.test(first)
  );
}
