import type { z } from 'zod';
import { IpcFailure } from './errors';

type Issue = z.core.$ZodIssue;

/** Parse a request with its channel's schema; a mismatch becomes a validation failure naming the field. */
export function parseRequest<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = mostSpecific(parsed.error.issues);
  const field = clip(fieldOf(issue));
  throw new IpcFailure('validation', clip(`${field}: ${describe(issue)}`, 300), field);
}

/** Field names come from the request: a 100 kB key must not come back 100 kB long. */
function clip(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Dotted path of the offending field; `request` when the request as a whole is wrong. */
export function fieldOf(issue: Issue): string {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length) at.push(issue.keys[0]!);
  if (issue.code === 'invalid_union') {
    const inner = mostSpecific(issue.errors.flat());
    if (inner) return joinPath([...at, ...pathOf(inner)]);
  }
  return joinPath(at);
}

function pathOf(issue: Issue): string[] {
  const field = fieldOf(issue);
  return field === 'request' ? [] : field.split('.');
}

function joinPath(parts: string[]): string {
  return parts.length ? parts.join('.') : 'request';
}

/** The issue deepest in the request: "limit is too big" beats "expected undefined". */
function mostSpecific(issues: readonly Issue[]): Issue {
  return issues.reduce((best, i) => (depth(i) > depth(best) ? i : best), issues[0]!);
}

function depth(issue: Issue): number {
  if (issue.code === 'unrecognized_keys') return issue.path.length + 1;
  if (issue.code === 'invalid_union')
    return issue.path.length + Math.max(0, ...issue.errors.flat().map(depth));
  return issue.path.length;
}

function describe(issue: Issue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_union') {
    const inner = mostSpecific(issue.errors.flat());
    return inner ? describe(inner) : issue.message;
  }
  return issue.message;
}
