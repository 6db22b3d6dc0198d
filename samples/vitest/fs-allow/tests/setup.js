// The project's own setup file: inside an allowed folder, so vite serves it.
globalThis.__APP_LOCALE__ ??= 'en';
