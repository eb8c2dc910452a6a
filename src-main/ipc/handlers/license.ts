import type { HandlerDeps, Impls } from './types';

type Channels = 'license:check' | 'license:activate' | 'license:status' | 'license:deactivate';

/** The License step and card. The key arrives validated (a string of bounded length) and is never logged. */
export function licenseHandlers({ license }: Pick<HandlerDeps, 'license'>): Impls<Channels> {
  return {
    'license:check': ({ key }) => license.check(key),
    'license:activate': ({ key }) => license.activate(key),
    'license:status': () => license.status(),
    'license:deactivate': () => license.deactivate(),
  };
}
