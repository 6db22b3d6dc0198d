"""Metrics, recorded in memory and flushed in batches; a heartbeat thread records that the process is alive."""
import threading
import time


class Recorder:
    def __init__(self):
        self.samples = []
        self.lock = threading.Lock()

    def record(self, name):
        with self.lock:
            self.samples.append(name)

    def flush(self, linger=0.05):
        time.sleep(linger)  # samples recorded right now still join this batch
        with self.lock:
            batch = list(self.samples)
            self.samples.clear()
        return batch


RECORDER = Recorder()


def start_heartbeat(interval, recorder=RECORDER):
    """Records "heartbeat" every `interval` seconds until the returned event is set."""
    stop = threading.Event()

    def beat():
        while not stop.wait(interval):
            recorder.record("heartbeat")

    threading.Thread(target=beat, name="heartbeat", daemon=True).start()
    return stop
