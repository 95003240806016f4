"""What the benchmark reads about a process and a folder: /proc/PID/status, /proc/PID/stat, sizes."""

import os
import socket

TICKS = os.sysconf("SC_CLK_TCK")


def rss_anon_kib(pid):
    """Private resident memory (RssAnon) of a process, KiB."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    raise RuntimeError("no RssAnon in /proc/%d/status" % pid)


def cpu_seconds(pid):
    """User + system CPU seconds of every thread of a process so far."""
    with open("/proc/%d/stat" % pid) as f:
        text = f.read()
    # Fields after the parenthesised name: utime is field 14, stime 15 (1-based).
    rest = text[text.rindex(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / TICKS


def folder_size(path):
    """(apparent bytes, allocated bytes, files) of everything under `path`."""
    apparent = allocated = files = 0
    for root, _, names in os.walk(path):
        for n in names:
            try:
                st = os.lstat(os.path.join(root, n))
            except FileNotFoundError:
                continue
            apparent += st.st_size
            allocated += st.st_blocks * 512
            files += 1
    return apparent, allocated, files


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average():
    return os.getloadavg()[0]
