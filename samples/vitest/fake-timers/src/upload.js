const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Uploads an attachment, retrying transient failures with a doubling back-off.
export async function uploadWithRetry(send, { attempts = 3, backoffMs = 10 } = {}) {
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await send(attempt);
    } catch (error) {
      if (!error.transient) throw error;
      lastError = error;
      if (attempt < attempts) await pause(backoffMs * 2 ** (attempt - 1));
    }
  }
  throw lastError;
}
