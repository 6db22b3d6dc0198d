import { describe, test, expect } from 'vitest';
import { bootPlugins, registerPlugin, pluginFor } from '../src/plugins.js';

describe('export plugins', () => {
  test('boot loads the built-in plugins', () => {
    expect(bootPlugins()).toEqual(['csv', 'markdown']);
  });

  test('refuses a plugin without a name', () => {
    expect(() => registerPlugin({ render: () => '' })).toThrow('a plugin needs a name');
  });

  test('refuses a plugin that cannot render', () => {
    expect(() => registerPlugin({ name: 'pdf' })).toThrow('plugin pdf has no render()');
  });

  test('the markdown plugin turns a heading into h1', () => {
    // Relies on the registry that the boot test created.
    expect(pluginFor('markdown').render('# Release notes')).toBe('<h1>Release notes</h1>');
  });
});
