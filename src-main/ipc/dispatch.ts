import { channels, type Channel, type IpcResult } from './contract';
import { fail } from './errors';
import type { Handlers } from './handlers';

export type Dispatch = (channel: unknown, rawRequest: unknown) => Promise<IpcResult<unknown>>;

/** The hosts' single entry: a channel name as received (untrusted) and its raw request. */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, rawRequest) => {
    if (!isChannel(channel)) {
      const name = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
      return fail('validation', `unknown channel: ${name}`, 'channel');
    }
    return handlers[channel](rawRequest);
  };
}

/** Own keys only: `toString` or `__proto__` are not channels. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
