// Document-export plugins. The registry is created by bootPlugins(), which the
// app calls once at start-up; every lookup before that is a programming error.
let registry = null;

const BUILT_INS = [
  { name: 'markdown', render: (src) => src.replace(/^# (.*)$/gm, '<h1>$1</h1>') },
  { name: 'csv', render: (rows) => rows.map((row) => row.join(',')).join('\n') },
];

export function bootPlugins() {
  registry = new Map(BUILT_INS.map((plugin) => [plugin.name, plugin]));
  return [...registry.keys()].sort();
}

export function registerPlugin(plugin) {
  if (!plugin?.name) throw new TypeError('a plugin needs a name');
  if (typeof plugin.render !== 'function') throw new TypeError(`plugin ${plugin.name} has no render()`);
  if (!registry) throw new Error('plugin registry not initialised');
  registry.set(plugin.name, plugin);
}

export function pluginFor(name) {
  if (!registry) throw new Error('plugin registry not initialised');
  const plugin = registry.get(name);
  if (!plugin) throw new Error(`no plugin called ${name}`);
  return plugin;
}
