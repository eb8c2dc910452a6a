import fs from 'node:fs';
import { serverKeyProblem, serverUrlProblem } from '../../core/license/server-config';
import { saveSettings, type Settings } from '../../core/settings/settings';
import type { ParsedRequestOf } from '../contract';
import { IpcFailure } from '../errors';
import { PathGuard } from '../path-guard';
import { allowedRoots } from '../roots';
import type { HandlerDeps, Impls } from './types';

type Patch = ParsedRequestOf<'settings:update'>;

export function appHandlers({
  ctx,
  roots,
}: HandlerDeps): Impls<'app:info' | 'settings:get' | 'settings:update'> {
  return {
    'app:info': () => {
      const ws = ctx.workspace;
      return {
        version: ctx.options.version,
        host: ctx.options.host,
        platform: process.platform,
        projectsRoot: ws.root,
        memoryDir: ws.layout.root,
        memoryFound: ws.memoryFound,
        logFile: ws.layout.logFile,
      };
    },
    'settings:get': () => ctx.workspace.settings,
    'settings:update': (patch) => {
      const ws = ctx.workspace;
      const guard = settingsGuard(ws);
      const folder = (confined: string, field: string) => roots.checkSettingsFolder(confined, field, ws);
      const next = applyPatch(ws.settings, patch, {
        existingDir: (p, field) => folder(existingDir(guard, p, field), field),
        path: (p, field) => folder(guard.confine(p, field), field),
      });
      saveSettings(ctx.workspace.settingsFile, next);
      return ctx.reload().settings;
    },
  };
}

/**
 * Folders the settings may name: anything in the home folder or in the current roots. The
 * projects root decides what the pipeline walks and moves; a renderer must not point it at `/`.
 */
function settingsGuard(ws: HandlerDeps['ctx']['workspace']): PathGuard {
  return new PathGuard([ws.home, ...allowedRoots(ws)]);
}

/** How a folder the patch names is checked; each returns the canonical path to save. */
interface FolderRules {
  existingDir(p: string, field: string): string;
  path(p: string, field: string): string;
}

function applyPatch(current: Settings, patch: Patch, rules: FolderRules): Settings {
  const next: Settings = { ...current };
  if (patch.projectsRoot !== undefined)
    next.projectsRoot = rules.existingDir(patch.projectsRoot, 'projectsRoot');
  if (patch.memoryDir !== undefined) next.memoryDir = rules.path(patch.memoryDir, 'memoryDir');
  if (patch.exportLocations !== undefined)
    next.exportLocations = patch.exportLocations.map((p, i) => rules.existingDir(p, `exportLocations.${i}`));
  if (patch.autoImport !== undefined) next.autoImport = patch.autoImport;
  if (patch.archiveMode !== undefined) next.archiveMode = patch.archiveMode;
  if (patch.autoSync !== undefined) next.autoSync = patch.autoSync;
  if (patch.logMaxLines !== undefined) next.logMaxLines = patch.logMaxLines;
  if (patch.theme !== undefined) next.theme = patch.theme;
  if (patch.updateChannel !== undefined) next.updateChannel = patch.updateChannel;
  if (patch.licenseServer === null) delete next.licenseServer;
  else if (patch.licenseServer !== undefined) next.licenseServer = licenseServer(patch.licenseServer);
  return next;
}

/** Online activation sends the key to this server: https (or loopback http) and a real Ed25519 key only. */
function licenseServer(s: { url: string; publicKey: string }): { url: string; publicKey: string } {
  const urlProblem = serverUrlProblem(s.url);
  if (urlProblem) throw new IpcFailure('validation', `licenseServer.url: ${urlProblem}`, 'licenseServer.url');
  const keyProblem = serverKeyProblem(s.publicKey);
  if (keyProblem)
    throw new IpcFailure('validation', `licenseServer.publicKey: ${keyProblem}`, 'licenseServer.publicKey');
  return { url: s.url.trim().replace(/\/+$/, ''), publicKey: s.publicKey.trim() };
}

function existingDir(guard: PathGuard, p: string, field: string): string {
  const real = guard.confineExisting(p, field);
  if (!fs.statSync(real).isDirectory()) throw new IpcFailure('validation', `${field}: not a folder`, field);
  return real;
}
