import type { SearchHit } from '../../bridge/types';
import { formatHash } from '../../app/router-store';
import { basename, dateTime, num } from '../../ui/format';
import { Highlight } from '../../ui/Highlight';
import { Badge } from '../../ui/PageHeader';
import { KIND_LABEL, ROLE_LABEL } from '../messages/MessageCard';
import { hitRoute } from './store';

export function HitItem({
  hit,
  query,
  position,
  active = false,
  onOpen,
  id,
}: {
  hit: SearchHit;
  query: string;
  position: number;
  active?: boolean;
  onOpen?: () => void;
  id?: string;
}) {
  const route = hitRoute(hit);
  const body = (
    <>
      <span className="hit-head">
        <span className="hit-rank" aria-label={`Result ${position}`}>
          {position}
        </span>
        <Badge tone={hit.role === 'user' ? 'accent' : hit.role === 'assistant' ? 'success' : 'neutral'}>
          {ROLE_LABEL[hit.role] ?? hit.role}
        </Badge>
        {hit.kind ? <span className="msg-kind">{KIND_LABEL[hit.kind]}</span> : null}
        {hit.project ? <span title={hit.project}>{basename(hit.project)}</span> : null}
        {hit.sessionTitle || hit.firstSource ? (
          <span className="muted hit-source" title={hit.firstSource ?? undefined}>
            {hit.sessionTitle ?? basename(hit.firstSource!)}
          </span>
        ) : null}
        <span className="muted">{hit.timestamp ? dateTime(hit.timestamp) : ''}</span>
        {hit.occurrences > 1 ? <span className="muted">seen {num(hit.occurrences)}×</span> : null}
      </span>
      <span className="hit-snippet">
        <Highlight snippet={hit.snippet} query={query} />
      </span>
    </>
  );
  if (!route)
    return (
      <div className="hit hit-nocontext" id={id} title="This message has no checkpoint or session to open">
        {body}
      </div>
    );
  return (
    <a
      className={`hit${active ? ' hit-active' : ''}`}
      href={formatHash(route)}
      onClick={onOpen}
      id={id}
      aria-selected={active || undefined}
      role={onOpen ? 'option' : undefined}
      data-testid="search-hit"
    >
      {body}
    </a>
  );
}
