/** The Settings form (settings-form.ts): what it shows for saved settings, and the patch or field errors a save sends. */
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../src-renderer/bridge/types';
import { buildPatch, fieldKey, isDirty, toForm } from '../../../src-renderer/features/settings/settings-form';

const saved: Settings = {
  projectsRoot: '/home/ana/PROJECTS',
  memoryDir: '/home/ana/PROJECTS/memory',
  exportLocations: ['/home/ana/Downloads'],
  autoImport: false,
  archiveMode: 'move',
  autoSync: false,
  logMaxLines: 5000,
  theme: 'system',
  updateChannel: 'stable',
};

describe('the settings form', () => {
  it('shows the saved settings, and sends nothing when nothing changed', () => {
    const form = toForm(saved);
    expect(form).toEqual({
      projectsRoot: '/home/ana/PROJECTS',
      memoryDir: '/home/ana/PROJECTS/memory',
      exportLocations: ['/home/ana/Downloads'],
      autoImport: false,
      keepOriginals: false,
      autoSync: false,
      logMaxLines: '5000',
      theme: 'system',
    });
    expect(buildPatch(saved, form)).toEqual({ patch: {}, errors: {} });
    expect(isDirty(saved, form)).toBe(false);
  });

  it('sends only the changed fields, trimmed, with keep-originals as the archive mode', () => {
    const form = {
      ...toForm(saved),
      projectsRoot: '  /srv/projects ',
      exportLocations: [' /home/ana/Downloads ', '', '/tmp'],
      keepOriginals: true,
      logMaxLines: '20000',
      theme: 'dark' as const,
    };
    expect(buildPatch(saved, form)).toEqual({
      patch: {
        projectsRoot: '/srv/projects',
        exportLocations: ['/home/ana/Downloads', '/tmp'],
        archiveMode: 'copy',
        logMaxLines: 20000,
        theme: 'dark',
      },
      errors: {},
    });
    expect(isDirty(saved, form)).toBe(true);
  });

  it('names the field of a value it cannot send, in plain words', () => {
    const { patch, errors } = buildPatch(saved, {
      ...toForm(saved),
      memoryDir: ' ',
      logMaxLines: '12.5',
    });
    expect(patch).toEqual({});
    expect(errors).toEqual({ memoryDir: 'Enter a folder.', logMaxLines: 'Enter a whole number of lines.' });
    expect(buildPatch(saved, { ...toForm(saved), logMaxLines: '50' }).errors.logMaxLines).toBe(
      'Enter a number of lines from 100 to 1,000,000.',
    );
  });

  it('shows an error on the top-level field it belongs to', () => {
    expect(fieldKey('exportLocations.2')).toBe('exportLocations');
    expect(fieldKey('licenseServer[url]')).toBe('licenseServer');
    expect(fieldKey(undefined)).toBe('');
  });
});
