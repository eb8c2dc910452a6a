/** The sentences the Command line card and the wizard's Git identity step show for a state. */
import { describe, expect, it } from 'vitest';
import {
  hasIdentity,
  scopeText,
  type GitIdentity,
} from '../../../src-renderer/features/onboarding/identity-store';
import {
  launcherSentence,
  type LauncherStatus,
} from '../../../src-renderer/features/settings/launcher-store';

const launcher: LauncherStatus = {
  available: true,
  reason: null,
  file: '/home/ana/.local/bin/coditect',
  installed: false,
  foreign: false,
  onPath: false,
  note: null,
};

describe('the launcher sentence', () => {
  it('says where the command would go, whether it is on the PATH, and leaves a foreign one alone', () => {
    expect(launcherSentence(launcher)).toBe(
      'The coditect command is not installed. It would go to /home/ana/.local/bin/coditect.',
    );
    expect(launcherSentence({ ...launcher, installed: true, onPath: true })).toBe(
      'The coditect command is installed (/home/ana/.local/bin/coditect) and on your PATH.',
    );
    expect(launcherSentence({ ...launcher, installed: true })).toContain(
      'its folder is not on your PATH yet',
    );
    expect(launcherSentence({ ...launcher, installed: true, foreign: true })).toBe(
      'Another coditect command is at /home/ana/.local/bin/coditect (not written by CODITECT); it is left alone.',
    );
  });
});

describe('the git identity', () => {
  const identity: GitIdentity = {
    repo: '/home/ana/PROJECTS/coditect-memory',
    isRepo: true,
    name: { value: 'Ana', scope: 'global' },
    email: null,
  };

  it('is complete only with both a name and an email', () => {
    expect(hasIdentity(identity)).toBe(false);
    expect(hasIdentity({ ...identity, email: { value: 'ana@example.com', scope: 'local' } })).toBe(true);
    expect(hasIdentity(null)).toBe(false);
  });

  it('names where a value comes from in words', () => {
    expect(scopeText('local')).toBe('this repository');
    expect(scopeText('global')).toBe('your global git settings (~/.gitconfig)');
    expect(scopeText('system')).toBe('the system git settings');
  });
});
