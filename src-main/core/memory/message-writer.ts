import type { Statement } from 'better-sqlite3';
import { contentHash } from '../identity/content-hash';
import { homeRelative } from '../checkpoint/tracked-format';
import { SECRET_SCREEN_VERSION } from '../security/redact-secrets';
import type { CompactionBoundary, DedupCounts, ParsedMessage } from '../model';
import { statement } from './connection';
import type { MemoryStore } from './store';

/** What happened to one message on its way into the store. */
export type MessageOutcome = 'new' | 'duplicate' | 'known-uuid';

/**
 * Writes the messages of one source into the store, deduplicating by uuid (JSONL) and by
 * content hash (everything). Must be used inside the caller's per-file transaction.
 */
export class MessageWriter {
  readonly counts: DedupCounts = { read: 0, newUnique: 0, duplicates: 0 };
  private readonly byHash: Statement;
  private readonly insertMessage: Statement;
  private readonly markPending: Statement;
  private readonly insertOccurrence: Statement;
  private readonly uuidExists: Statement;
  private readonly insertCompaction: Statement;
  private readonly setKindByUuid: Statement;

  constructor(
    store: MemoryStore,
    private readonly sourceId: number,
    private seq: number,
    private readonly now: string,
  ) {
    // Prepared once per connection: a writer is made for every file of an import.
    const prepare = (sql: string) => statement(store, sql);
    this.byHash = prepare('SELECT id FROM messages WHERE hash = ?').pluck();
    this.insertMessage = prepare(
      'INSERT INTO messages(hash, role, text, first_seen, first_source_id, clean, kind) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.setKindByUuid = prepare(
      'UPDATE messages SET kind = ? WHERE kind IS NULL AND id = (SELECT message_id FROM occurrences WHERE uuid = ?)',
    );
    this.markPending = prepare('INSERT INTO state_pending(message_id) VALUES (?)');
    this.uuidExists = prepare('SELECT 1 FROM occurrences WHERE uuid = ?').pluck();
    this.insertOccurrence = prepare(
      `INSERT INTO occurrences(message_id, source_id, seq, duplicate, uuid, parent_uuid, session_id, turn_id,
         timestamp, cwd, git_branch, is_sidechain, agent_id, tool_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCompaction = prepare(
      `INSERT OR IGNORE INTO compactions(uuid, session_id, logical_parent_uuid, timestamp, trigger_kind, source_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * `hash`: the content hash when the parser computed it already (contentHash of role and
   * text); `clean`: the secret prescreen passed the text (unknown when absent).
   */
  add(msg: ParsedMessage, hash: string = contentHash(msg.role, msg.text), clean?: boolean): MessageOutcome {
    this.counts.read++;
    // The same uuid seen twice is one message: a resumed session's copied prefix.
    if (msg.uuid && this.uuidExists.get(msg.uuid)) {
      // Read again by a newer reader (parser-upgrade): the message learns who said it.
      if (msg.kind) this.setKindByUuid.run(msg.kind, msg.uuid);
      this.counts.duplicates++;
      return 'known-uuid';
    }
    const known = this.byHash.get(hash) as number | undefined;
    const messageId = known ?? this.insertNew(hash, msg, clean);
    if (known === undefined) this.counts.newUnique++;
    else this.counts.duplicates++;
    this.insertOccurrence.run(
      ...occurrenceRow(messageId, this.sourceId, this.seq++, known !== undefined, msg),
    );
    return known === undefined ? 'new' : 'duplicate';
  }

  /** A new message, pending until a checkpoint writes it into its messages part (write-tracked.ts). */
  private insertNew(hash: string, msg: ParsedMessage, clean: boolean | undefined): number {
    const id = Number(
      this.insertMessage.run(
        hash,
        msg.role,
        msg.text,
        this.now,
        this.sourceId,
        clean ? SECRET_SCREEN_VERSION : null,
        msg.kind ?? null,
      ).lastInsertRowid,
    );
    this.markPending.run(id);
    return id;
  }

  addCompaction(b: CompactionBoundary): void {
    this.insertCompaction.run(
      b.uuid,
      b.sessionId,
      b.logicalParentUuid,
      b.timestamp,
      b.trigger,
      this.sourceId,
    );
  }

  get nextSeq(): number {
    return this.seq;
  }
}

/** Positional, in the INSERT's column order: binding by position is cheaper than by name. */
function occurrenceRow(
  messageId: number,
  sourceId: number,
  seq: number,
  duplicate: boolean,
  m: ParsedMessage,
): unknown[] {
  return [
    messageId,
    sourceId,
    seq,
    duplicate ? 1 : 0,
    m.uuid ?? null,
    m.parentUuid ?? null,
    m.sessionId ?? null,
    m.turnId ?? null,
    m.timestamp ?? null,
    homeRelative(m.cwd ?? null),
    m.gitBranch ?? null,
    m.isSidechain ? 1 : 0,
    m.agentId ?? null,
    m.toolName ?? null,
  ];
}
