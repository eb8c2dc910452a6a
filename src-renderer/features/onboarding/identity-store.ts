/** The wizard's Git identity step: who checkpoint commits are by (git:identity / git:setIdentity). */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { IpcError, ResponseOf } from '../../bridge/types';
import { fieldErrorText } from '../../ui/field-error';

export type GitIdentity = ResponseOf<'git:identity'>;

interface IdentityState {
  current: GitIdentity | null;
  loadError: IpcError | null;
  name: string;
  email: string;
  global: boolean;
  saving: boolean;
  errors: Record<string, string>;
  saved: boolean;
}

export const useIdentity = create<IdentityState>()(() => ({
  current: null,
  loadError: null,
  name: '',
  email: '',
  global: false,
  saving: false,
  errors: {},
  saved: false,
}));

const set = useIdentity.setState;
const get = useIdentity.getState;

export async function loadIdentity(): Promise<void> {
  const r = await call('git:identity');
  if (!r.ok) return set({ loadError: r.error });
  set({
    current: r.value,
    loadError: null,
    name: r.value.name?.value ?? '',
    email: r.value.email?.value ?? '',
    saved: false,
  });
}

export function editIdentity(patch: Partial<Pick<IdentityState, 'name' | 'email' | 'global'>>): void {
  set({ ...patch, errors: {}, saved: false });
}

export async function saveIdentity(): Promise<void> {
  const { name, email, global } = get();
  set({ saving: true, errors: {} });
  const r = await call('git:setIdentity', { name, email, scope: global ? 'global' : 'local' });
  if (!r.ok) return set({ saving: false, errors: { [r.error.field ?? '']: fieldErrorText(r.error) } });
  set({ saving: false, current: r.value, saved: true });
}

export function hasIdentity(id: GitIdentity | null): boolean {
  return Boolean(id?.name && id.email);
}

/** Where a value comes from, in words. */
export function scopeText(scope: NonNullable<GitIdentity['name']>['scope']): string {
  switch (scope) {
    case 'local':
      return 'this repository';
    case 'global':
      return 'your global git settings (~/.gitconfig)';
    case 'system':
      return 'the system git settings';
    default:
      return scope;
  }
}
