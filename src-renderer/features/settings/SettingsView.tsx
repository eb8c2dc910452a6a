import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import type { Settings } from '../../bridge/types';
import { Button } from '../../ui/Button';
import { Checkbox, TextField } from '../../ui/Field';
import { Card, PageHeader } from '../../ui/PageHeader';
import { valueOf } from '../../ui/resource';
import { ErrorNotice, Loading, Notice } from '../../ui/states';
import { LicenseCard } from '../license/LicenseCard';
import { LauncherCard } from './LauncherCard';
import { SetupCard } from './SetupCard';
import { UpdatesCard } from './UpdatesCard';
import { isDirty } from './settings-form';
import { editForm, loadSettings, openSettings, saveSettings, setTheme, useSettings } from './store';

export function SettingsView() {
  const reconnects = useAppStore((s) => s.reconnects);
  const info = valueOf(useAppStore((s) => s.info));
  const { status, loadError, form, saved, saving, errors, savedAt } = useSettings();
  useEffect(() => {
    void openSettings();
  }, [reconnects]);

  if (status === 'error' && loadError)
    return (
      <div className="page">
        <PageHeader title="Settings" />
        <ErrorNotice error={loadError} onRetry={() => void loadSettings()} />
      </div>
    );
  if (!form || !saved)
    return (
      <div className="page">
        <PageHeader title="Settings" />
        <Loading label="Loading settings…" />
      </div>
    );
  const dirty = isDirty(saved, form);
  const generalError = errors[''];
  return (
    <div className="page page-settings">
      <PageHeader
        title="Settings"
        subtitle="Shared with the coditect command line (~/.coditect/settings.json)."
      />
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveSettings();
        }}
        noValidate
      >
        {/* Cards flow in balanced columns, so a wide window has no empty column. */}
        <div className="settings-cards">
          <Card title="Folders" labelledBy="settings-folders" className="settings-col-card">
            <TextField
              label="Projects root"
              hint="Every repository under this folder is tracked. Default: ~/PROJECTS."
              value={form.projectsRoot}
              placeholder={info?.projectsRoot ?? '~/PROJECTS'}
              error={errors.projectsRoot}
              onChange={(projectsRoot) => editForm({ projectsRoot })}
            />
            <TextField
              label="Memory repository"
              hint={`The MEMORY-CONTEXT folder where checkpoints are written. Default: found under the projects root${info?.memoryDir ? ` (now ${info.memoryDir})` : ''}.`}
              value={form.memoryDir}
              placeholder="found automatically"
              error={errors.memoryDir}
              onChange={(memoryDir) => editForm({ memoryDir })}
            />
            <ExportLocations locations={form.exportLocations} error={errors.exportLocations} />
          </Card>
          <Card title="Import and log" labelledBy="settings-import">
            <Checkbox
              label="Import new exports automatically"
              hint="When a new or grown export appears in a watched folder, run export-dedup."
              checked={form.autoImport}
              error={errors.autoImport}
              onChange={(autoImport) => editForm({ autoImport })}
            />
            <Checkbox
              label="Keep the original exports"
              hint="Copy each imported export into the memory's exports-archive and leave the original where it is. Off: exports you saved in Downloads, Desktop, the temp folder or a repository's top folder are moved there. Files git tracks are never moved."
              checked={form.keepOriginals}
              error={errors.archiveMode}
              onChange={(keepOriginals) => editForm({ keepOriginals })}
            />
            <Checkbox
              label="Sync automatically"
              hint="After each checkpoint, sync the memory repository: commit, fetch, rebase, push (never forced)."
              checked={form.autoSync}
              error={errors.autoSync}
              onChange={(autoSync) => editForm({ autoSync })}
            />
            <TextField
              label="Log size (lines)"
              hint="The rolling log keeps this many lines (100 – 1,000,000)."
              inputMode="numeric"
              className="input-narrow"
              value={form.logMaxLines}
              error={errors.logMaxLines}
              onChange={(logMaxLines) => editForm({ logMaxLines })}
            />
          </Card>
          <Card title="Appearance" labelledBy="settings-appearance">
            <fieldset className="field">
              <legend className="field-label">Theme</legend>
              <div className="segmented" role="radiogroup" aria-label="Theme">
                {(['system', 'light', 'dark'] as Settings['theme'][]).map((t) => (
                  <label key={t} className={`seg${form.theme === t ? ' seg-on' : ''}`}>
                    <input
                      type="radio"
                      name="theme"
                      value={t}
                      checked={form.theme === t}
                      onChange={() => void setTheme(t)}
                    />
                    {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
                  </label>
                ))}
              </div>
              {errors.theme ? (
                <div className="field-error" role="alert">
                  {errors.theme}
                </div>
              ) : null}
            </fieldset>
          </Card>
          <LicenseCard />
          <UpdatesCard />
          <LauncherCard />
          <SetupCard />
          <AboutCard />
        </div>
        {generalError ? <Notice kind="error">{generalError}</Notice> : null}
        {/* The save bar stays in view while the page scrolls: edits are never out of reach of Save. */}
        <div className="form-actions settings-save-bar" data-dirty={dirty}>
          <Button type="submit" variant="primary" busy={saving} disabled={!dirty}>
            Save settings
          </Button>
          <Button onClick={() => void loadSettings()} disabled={saving || !dirty} variant="ghost">
            Discard changes
          </Button>
          {dirty ? (
            <span className="muted" data-testid="settings-unsaved">
              Unsaved changes: they are kept when you leave this page.
            </span>
          ) : null}
          {savedAt && !dirty ? (
            <span className="muted" role="status">
              Saved.
            </span>
          ) : null}
        </div>
      </form>
    </div>
  );
}

function ExportLocations({ locations, error }: { locations: string[]; error?: string }) {
  const update = (i: number, v: string) =>
    editForm({ exportLocations: locations.map((l, j) => (j === i ? v : l)) });
  return (
    <fieldset className={`field${error ? ' field-invalid' : ''}`}>
      <legend className="field-label">Export locations</legend>
      <div className="field-hint">
        Folders to look in for /export files, besides the usual places (Downloads, the projects root).
      </div>
      {locations.length === 0 ? <p className="muted small">No extra locations.</p> : null}
      <ul className="plain-list location-list">
        {locations.map((l, i) => (
          <li key={i} className="location-row">
            <input
              className="input"
              value={l}
              aria-label={`Export location ${i + 1}`}
              aria-invalid={error ? true : undefined}
              onChange={(e) => update(i, e.target.value)}
            />
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove export location ${i + 1}`}
              onClick={() => editForm({ exportLocations: locations.filter((_, j) => j !== i) })}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <Button
        size="sm"
        onClick={() => editForm({ exportLocations: [...locations, ''] })}
        disabled={locations.length >= 50}
      >
        Add location
      </Button>
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

function AboutCard() {
  const info = useAppStore((s) => s.info);
  const v = valueOf(info);
  return (
    <Card title="About" labelledBy="settings-about">
      {info.status === 'error' ? <ErrorNotice compact error={info.error} /> : null}
      {v ? (
        <dl className="kv">
          <dt>Version</dt>
          <dd>{v.version}</dd>
          <dt>Running in</dt>
          <dd>
            {v.host === 'electron' ? 'the desktop app' : 'the browser preview'} on {v.platform}
          </dd>
          <dt>Projects root</dt>
          <dd className="mono">{v.projectsRoot}</dd>
          <dt>Memory</dt>
          <dd className="mono">
            {v.memoryDir} {v.memoryFound ? '' : '(not found)'}
          </dd>
          <dt>Log file</dt>
          <dd className="mono">{v.logFile}</dd>
        </dl>
      ) : info.status === 'loading' ? (
        <Loading />
      ) : null}
    </Card>
  );
}
