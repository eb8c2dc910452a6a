import { events, type EventName, type EventOf } from './contract';

export type EventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

/**
 * Main → renderer events. Hosts subscribe once and forward every event (IPC send in
 * Electron, a WebSocket frame in the preview). Payloads are checked against the contract
 * first, so a host never forwards what the renderer's types do not describe; a bad payload
 * or a failing listener is reported, never thrown into the code that emitted the event.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly onError: (message: string, err: unknown) => void = () => {}) {}

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    const checked = events[event].safeParse(payload);
    if (!checked.success) return this.onError(`event ${event} does not match the contract`, checked.error);
    for (const listener of this.listeners) {
      try {
        listener(event, checked.data as EventOf<E>);
      } catch (err) {
        this.onError(`a listener of ${event} failed`, err);
      }
    }
  }

  /** Every event, in order; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
