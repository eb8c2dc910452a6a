import type { IpcError, IpcErrorCode, IpcResult } from './contract';

/**
 * An expected failure a handler reports (a bad field, a path outside the roots, a run
 * already going). Thrown inside the service only; it crosses the bridge as an IpcError value.
 */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }

  toError(): IpcError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, field?: string): IpcResult<never> {
  return { ok: false, error: new IpcFailure(code, message, field).toError() };
}

/**
 * The one way a handler says that what it was asked for does not exist: code `not-found`, the
 * request's field named, and a plain message (`no checkpoint 2026-…`).
 */
export function notFound(field: string, message: string): IpcFailure {
  return new IpcFailure('not-found', message, field);
}
