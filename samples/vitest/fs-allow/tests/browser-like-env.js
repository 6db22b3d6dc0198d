// A test environment that, like jsdom and happy-dom, has vite transform modules for the browser ("client"), where
// vite enforces server.fs.allow; a minimal `window` stands for a DOM library (none is installed in the samples).
export default {
  name: 'browser-like',
  viteEnvironment: 'client',
  setup(global) {
    global.window = global;
    return { teardown() { delete global.window; } };
  },
};
