// Publishes the current request id for the logger while `handler` runs.
export async function withRequestContext(request, handler) {
  globalThis.__requestContext = { requestId: request.id };
  const response = await handler(request);
  // Bug: this line is skipped when the handler throws.
  delete globalThis.__requestContext;
  return response;
}
