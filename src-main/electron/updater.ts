/**
 * Thin glue between the update policy (src-main/core/update) and electron-updater. The
 * controller decides when to check and what the UI shows; this file only translates
 * electron-updater's events and options. Errors are logged and become an `error` state: a
 * failed check never blocks or crashes the app.
 *
 * Wiring (main.ts): `startAutoUpdates({ channel, log })` after the window opens, and the
 * controller goes to `service.attachUpdates()`, which serves `update:status`, `update:check`,
 * `update:install` and the `update:state` event (src-main/host/update-host.ts).
 */
import { app } from 'electron';
import { autoUpdater, type ProgressInfo, type UpdateInfo } from 'electron-updater';
import fs from 'node:fs';
import { machineIdSync } from 'node-machine-id';
import type { UpdateController, UpdaterPort } from '../core/update/controller';
import { createUpdateController } from '../core/update/controller';
import { detectInstallKind } from '../core/update/install-kind';
import type { UpdateChannel } from '../core/update/policy';
import { decideUpdater, rolloutBucket, withinRollout } from '../core/update/policy';

type Log = (level: 'info' | 'error', message: string) => void;

export interface AutoUpdateOptions {
  channel: UpdateChannel;
  log?: Log;
}

function consoleLog(level: 'info' | 'error', message: string): void {
  (level === 'error' ? console.error : console.info)(message);
}

/** Our machine-wide bucket replaces electron-updater's per-profile random id. */
function installRolloutRule(log: Log): void {
  try {
    const bucket = rolloutBucket(machineIdSync(true));
    autoUpdater.isUserWithinRollout = (info: UpdateInfo) => withinRollout(info.stagingPercentage, bucket);
  } catch (err) {
    // Without a machine id electron-updater's own (per-profile) staging still applies.
    log('info', `update: no machine id for staged rollouts (${String(err)})`);
  }
}

function createPort(controller: () => UpdateController): UpdaterPort {
  return {
    configure(options) {
      autoUpdater.autoDownload = true;
      // "Restart to update" is the prompt; quitting normally installs it too.
      autoUpdater.autoInstallOnAppQuit = true;
      autoUpdater.allowPrerelease = options.allowPrerelease;
      autoUpdater.channel = options.channel; // the setter also turns allowDowngrade on…
      autoUpdater.allowDowngrade = options.allowDowngrade; // …so this must come after it.
    },
    async check() {
      const result = await autoUpdater.checkForUpdates();
      // The download runs on; its failure arrives as an `error` event, not a rejection here.
      result?.downloadPromise?.catch((err: unknown) =>
        controller().handle({ type: 'error', message: String(err) }),
      );
    },
    install() {
      setImmediate(() => autoUpdater.quitAndInstall(false, true));
    },
  };
}

function forwardEvents(controller: UpdateController): void {
  autoUpdater.on('update-available', (info: UpdateInfo) =>
    controller.handle({ type: 'available', version: info.version }),
  );
  autoUpdater.on('update-not-available', () => controller.handle({ type: 'not-available' }));
  autoUpdater.on('download-progress', (p: ProgressInfo) => controller.handle({ type: 'progress', ...p }));
  autoUpdater.on('update-downloaded', (info: UpdateInfo) =>
    controller.handle({ type: 'downloaded', version: info.version }),
  );
  autoUpdater.on('error', (err: Error) => controller.handle({ type: 'error', message: err.message }));
}

function routeUpdaterLogs(log: Log): void {
  autoUpdater.logger = {
    info: (m?: unknown) => log('info', `electron-updater: ${String(m)}`),
    warn: (m?: unknown) => log('info', `electron-updater: ${String(m)}`),
    error: (m?: unknown) => log('error', `electron-updater: ${String(m)}`),
    debug: () => undefined,
  };
}

/** Builds the update service and starts its schedule; disabled installs report why. */
export function startAutoUpdates(options: AutoUpdateOptions): UpdateController {
  const log = options.log ?? consoleLog;
  const installKind = detectInstallKind({
    platform: process.platform,
    isPackaged: app.isPackaged,
    execPath: process.execPath,
    resourcesPath: process.resourcesPath,
    env: process.env,
    exists: (file) => fs.existsSync(file),
  });
  const decision = decideUpdater({
    host: 'electron',
    isPackaged: app.isPackaged,
    installKind,
    disabledByEnv: Boolean(process.env.CODITECT_DISABLE_UPDATES),
  });
  let controller: UpdateController | null = null;
  const port = createPort(() => controller as UpdateController);
  controller = createUpdateController({
    port,
    decision,
    channel: options.channel,
    currentVersion: app.getVersion(),
    log,
  });
  if (decision.enabled) {
    routeUpdaterLogs(log);
    installRolloutRule(log);
    forwardEvents(controller);
  }
  controller.start();
  return controller;
}
