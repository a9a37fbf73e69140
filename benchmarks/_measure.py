"""Shared by the benchmark scripts: how to read a process's peak memory."""

from __future__ import annotations


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss would count the fork's parent)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")
