// Sends a notification through the configured transport.
export function notify(transport, message) {
  return transport.send(message);
}
