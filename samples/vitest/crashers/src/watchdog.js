// Kills worker processes whose last heartbeat is older than `staleMs`.
export function staleWorkers(workers, now, staleMs = 30_000) {
  return workers.filter((worker) => now - worker.lastBeat > staleMs);
}

export function reap(workers, now, { staleMs = 30_000, kill = process.kill.bind(process) } = {}) {
  const victims = staleWorkers(workers, now, staleMs);
  for (const worker of victims) kill(worker.pid, 'SIGKILL');
  return victims.map((worker) => worker.pid);
}
