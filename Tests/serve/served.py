"""Starts `fiscal-sim-serve` on a free loopback port for a check and stops it by its pid.

    with Served(binary, scenario=None, args=[]) as server:
        server.url  # http://127.0.0.1:PORT/
"""
import os
import re
import select
import signal
import subprocess
import time


class Served:
    """The what-if server as a context manager: started with --port 0 (the kernel picks a free
    port), its URL read from the line it prints, stopped with SIGTERM (then SIGKILL) by pid."""

    def __init__(self, binary, scenario=None, args=(), cwd=None):
        self.command = [binary] + ([scenario] if scenario else []) + ["--host", "127.0.0.1", "--port", "0"] + list(args)
        self.cwd = cwd
        self.process = None
        self.url = None

    def __enter__(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.cwd)
        deadline = time.time() + 60
        line = b""
        while time.time() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 1)
            if ready:
                line = self.process.stdout.readline()
                match = re.search(rb"http://[^ ]+/", line)
                if match:
                    self.url = match.group(0).decode()
                    return self
            if self.process.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"fiscal-sim-serve did not start: {line!r} {self.process.stderr.read().decode(errors='replace')}")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()
        return False
