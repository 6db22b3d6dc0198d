// A vitest worker process started before its run needs it (see spare-workers.mjs, in the driver), as
// `node [the run's worker options] spare-worker.mjs <vitest's workers/forks.js>`. It loads vitest's fork worker: its
// runtime only, nothing of the project. The message listeners that worker registers are held back until the driver
// adopts this process for a run: it then takes the environment the run gives its workers (the trial's plan and events
// files were not known yet when it started) and the command line of vitest's own fork, and only then do vitest's
// listeners hear the run. Never adopted, it ends when the driver does.
import { pathToFileURL } from 'node:url';

const [entrypoint] = process.argv.slice(2);
const held = [];
let adopted = false;
const { on, addListener } = process;
function holdMessages(event, listener) {
  if (event === 'message' && !adopted) {
    held.push(listener);
    return this;
  }
  return on.call(this, event, listener);
}

const orphaned = () => process.exit(0);
process.on('disconnect', orphaned);
let loaded;
process.on('message', function adopt(message) {
  if (message?.polluterSpareWorker !== 'adopt') return;
  process.off('message', adopt);
  void loaded.then(() => {
    for (const name of Object.keys(process.env)) if (!(name in message.env)) delete process.env[name];
    Object.assign(process.env, message.env);
    process.argv.splice(1, Infinity, entrypoint);
    process.off('disconnect', orphaned);
    adopted = true;
    for (const listener of held) on.call(process, 'message', listener);
    process.send({ polluterSpareWorker: 'adopted' });
  });
});

// vitest's worker keeps a bound copy of process.on for itself: while loading, it gets the holding one.
process.on = holdMessages;
process.addListener = holdMessages;
loaded = import(pathToFileURL(entrypoint).href).finally(() => {
  process.on = on;
  process.addListener = addListener;
});
loaded.catch(() => process.exit(1));
