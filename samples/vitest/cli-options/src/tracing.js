// Request tracing: the current trace lives on globalThis so that any module can tag its logs with it.
export function startTrace(id) {
  globalThis.__currentTrace = { id, spans: [] };
  return globalThis.__currentTrace;
}

export function currentTraceId() {
  return globalThis.__currentTrace?.id ?? 'none';
}
