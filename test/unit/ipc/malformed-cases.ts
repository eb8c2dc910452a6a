import { CHANNELS, channels, type Channel } from '../../../src-main/ipc/contract';

/** Channels whose request is nothing (or an empty object). */
export const NO_REQUEST_CHANNELS = CHANNELS.filter((c) => channels[c].request.safeParse(undefined).success);

const HUGE = 'x'.repeat(200_000);

/**
 * Malformed requests, one row each: the channel, the request, and the field the validation
 * error must name. Wrong types, extra fields, huge strings, out-of-range numbers.
 */
export const MALFORMED: [Channel, unknown, string][] = [
  ...NO_REQUEST_CHANNELS.map((c): [Channel, unknown, string] => [c, { extra: 1 }, 'extra']),
  ...NO_REQUEST_CHANNELS.map((c): [Channel, unknown, string] => [c, 'a string', 'request']),
  ['report:save', {}, 'text'],
  ['report:save', { text: '' }, 'text'],
  ['report:save', { text: 7 }, 'text'],
  ['report:save', { text: 'x'.repeat(600_001) }, 'text'],
  ['report:save', { text: 'ok', path: '/etc/passwd' }, 'path'],
  ['settings:update', { autoImport: 'yes' }, 'autoImport'],
  ['settings:update', { logMaxLines: 5 }, 'logMaxLines'],
  ['settings:update', { projectsRoot: HUGE }, 'projectsRoot'],
  ['settings:update', { exportLocations: ['/tmp', 7] }, 'exportLocations.1'],
  ['settings:update', { theme: 'neon' }, 'theme'],
  ['settings:update', { updateChannel: 'nightly' }, 'updateChannel'],
  ['settings:update', { sneaky: true }, 'sneaky'],
  ['settings:update', null, 'request'],
  ['pipeline:start', { description: HUGE }, 'description'],
  ['pipeline:start', { git: 'no' }, 'git'],
  ['pipeline:start', { includeTemp: true, rm: '-rf' }, 'rm'],
  ['pipeline:start', [], 'request'],
  ['checkpoints:list', { filter: 5 }, 'filter'],
  ['checkpoints:list', { filter: HUGE }, 'filter'],
  ['checkpoints:list', { filter: 'a', extra: 1 }, 'extra'],
  ['checkpoints:get', {}, 'id'],
  ['checkpoints:get', { id: '' }, 'id'],
  ['checkpoints:get', { id: HUGE }, 'id'],
  ['checkpoints:get', { id: 42 }, 'id'],
  ['checkpoints:messages', { id: 'a', limit: 0 }, 'limit'],
  ['checkpoints:messages', { id: 'a', limit: 1_000_000 }, 'limit'],
  ['checkpoints:messages', { id: 'a', offset: -1 }, 'offset'],
  ['checkpoints:messages', { id: 'a', offset: 1.5 }, 'offset'],
  ['checkpoints:locate', { id: 'a', hash: 'not-a-hash' }, 'hash'],
  ['checkpoints:locate', { id: 'a' }, 'hash'],
  ['checkpoints:locate', { hash: 'a'.repeat(64) }, 'id'],
  ['sessions:list', { project: 1 }, 'project'],
  ['sessions:list', { project: HUGE }, 'project'],
  ['sessions:thread', { sessionId: 'a', limit: 1e9 }, 'limit'],
  ['sessions:thread', { sessionId: ['a'] }, 'sessionId'],
  ['search:query', { query: HUGE }, 'query'],
  ['search:query', { query: '' }, 'query'],
  ['search:query', { query: 'a', role: 'robot' }, 'role'],
  ['search:query', { query: 'a', limit: 'all' }, 'limit'],
  ['search:query', { query: 'a', evil: "'; DROP TABLE messages; --" }, 'evil'],
  ['search:query', { query: 'a', from: HUGE }, 'from'],
  ['log:tail', { lines: 'all' }, 'lines'],
  ['log:tail', { lines: -5 }, 'lines'],
  ['log:tail', { lines: 10, follow: true }, 'follow'],
  ['repos:commit', { push: 'yes' }, 'push'],
  ['repos:commit', { message: HUGE }, 'message'],
  ['fs:reveal', { path: 42 }, 'path'],
  ['fs:reveal', { path: '' }, 'path'],
  ['fs:reveal', { path: HUGE }, 'path'],
  ['fs:reveal', {}, 'path'],
  ['shell:openExternal', { url: 'http://example.com' }, 'url'],
  ['shell:openExternal', { url: 'javascript:alert(1)' }, 'url'],
  ['shell:openExternal', { url: 'file:///etc/passwd' }, 'url'],
  ['shell:openExternal', { url: `https://example.com/${HUGE}` }, 'url'],
  ['settings:update', { licenseServer: { url: 'https://licenses.example' } }, 'licenseServer.publicKey'],
  ['settings:update', { licenseServer: 'https://licenses.example' }, 'licenseServer'],
  ['settings:update', { licenseServer: { url: HUGE, publicKey: 'k' } }, 'licenseServer.url'],
  ['dialog:chooseFolder', { title: HUGE }, 'title'],
  ['dialog:chooseFolder', { defaultPath: 5 }, 'defaultPath'],
  ['setup:plan', {}, 'root'],
  ['setup:plan', { root: 7 }, 'root'],
  ['setup:plan', { root: HUGE }, 'root'],
  ['setup:plan', { root: '/home/x/code', extra: 1 }, 'extra'],
  ['setup:runStep', { root: '/home/x/code', step: 'rm-rf' }, 'step'],
  ['setup:runStep', { step: 'settings' }, 'root'],
  ['setup:runStep', { root: '/home/x/code', step: 'settings', force: true }, 'force'],
  ['license:check', { key: '' }, 'key'],
  ['license:check', { key: HUGE }, 'key'],
  ['license:check', { key: 42 }, 'key'],
  ['license:check', 'key/abc.def', 'request'],
  ['license:activate', {}, 'key'],
  ['license:activate', { key: 'key/abc.def', store: 'file' }, 'store'],
  ['git:setIdentity', { name: 'Ada', email: 'not-an-address' }, 'email'],
  ['git:setIdentity', { name: '', email: 'ada@example.com' }, 'name'],
  ['git:setIdentity', { name: 'Ada\nEvil', email: 'ada@example.com' }, 'name'],
  ['git:setIdentity', { name: 'Ada <x@y>', email: 'ada@example.com' }, 'name'],
  ['git:setIdentity', { name: 'Ada', email: 'ada@example.com', scope: 'system' }, 'scope'],
  ['git:setIdentity', { name: 'Ada' }, 'email'],
];

/** Test titles stay short: some requests hold 200,000-character strings. */
export function shown(request: unknown): string {
  const text = JSON.stringify(request) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
}
