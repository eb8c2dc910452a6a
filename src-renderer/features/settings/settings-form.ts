/** The Settings form: what it shows for saved settings, and the patch (or field errors) a save sends. */
import type { RequestOf, Settings } from '../../bridge/types';

/** The log's bounds, as the settings schema has them (core/settings). */
const LOG_LINES = { min: 100, max: 1_000_000 };

export interface SettingsForm {
  projectsRoot: string;
  memoryDir: string;
  exportLocations: string[];
  autoImport: boolean;
  /** archiveMode `copy`: imported exports are copied into the archive and the originals stay. */
  keepOriginals: boolean;
  autoSync: boolean;
  logMaxLines: string;
  theme: Settings['theme'];
}

export function toForm(s: Settings): SettingsForm {
  return {
    projectsRoot: s.projectsRoot ?? '',
    memoryDir: s.memoryDir ?? '',
    exportLocations: [...s.exportLocations],
    autoImport: s.autoImport,
    keepOriginals: s.archiveMode === 'copy',
    autoSync: s.autoSync,
    logMaxLines: String(s.logMaxLines),
    theme: s.theme,
  };
}

/** The changed fields as a `settings:update` patch, or field errors found before sending. */
export function buildPatch(
  saved: Settings,
  form: SettingsForm,
): { patch: RequestOf<'settings:update'>; errors: Record<string, string> } {
  const patch: RequestOf<'settings:update'> = {};
  const errors: Record<string, string> = {};
  if (form.projectsRoot.trim() !== (saved.projectsRoot ?? '')) {
    if (!form.projectsRoot.trim()) errors.projectsRoot = 'Enter a folder.';
    else patch.projectsRoot = form.projectsRoot.trim();
  }
  if (form.memoryDir.trim() !== (saved.memoryDir ?? '')) {
    if (!form.memoryDir.trim()) errors.memoryDir = 'Enter a folder.';
    else patch.memoryDir = form.memoryDir.trim();
  }
  const locations = form.exportLocations.map((l) => l.trim()).filter(Boolean);
  if (JSON.stringify(locations) !== JSON.stringify(saved.exportLocations)) patch.exportLocations = locations;
  if (form.autoImport !== saved.autoImport) patch.autoImport = form.autoImport;
  if (form.keepOriginals !== (saved.archiveMode === 'copy'))
    patch.archiveMode = form.keepOriginals ? 'copy' : 'move';
  if (form.autoSync !== saved.autoSync) patch.autoSync = form.autoSync;
  if (form.logMaxLines.trim() !== String(saved.logMaxLines)) {
    const n = Number(form.logMaxLines.trim());
    if (!/^\d+$/.test(form.logMaxLines.trim()) || !Number.isSafeInteger(n))
      errors.logMaxLines = 'Enter a whole number of lines.';
    else if (n < LOG_LINES.min || n > LOG_LINES.max)
      errors.logMaxLines = `Enter a number of lines from ${LOG_LINES.min.toLocaleString('en')} to ${LOG_LINES.max.toLocaleString('en')}.`;
    else patch.logMaxLines = n;
  }
  if (form.theme !== saved.theme) patch.theme = form.theme;
  return { patch, errors };
}

/** `exportLocations.2` → `exportLocations`: errors are shown next to the top-level field. */
export function fieldKey(field: string | undefined): string {
  if (!field) return '';
  return field.split(/[.[]/, 1)[0] ?? '';
}

export function isDirty(saved: Settings | null, form: SettingsForm | null): boolean {
  if (!saved || !form) return false;
  const { patch, errors } = buildPatch(saved, form);
  return Object.keys(patch).length > 0 || Object.keys(errors).length > 0;
}
