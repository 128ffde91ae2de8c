#!/usr/bin/env python3
"""Prints the markdown table for Benchmarks/capture-review/run from its raw timings.

Input: a TSV of `size_mb bytes tool run wall_s time_e_s peak_rss_kib` rows. For each size
and tool the median wall time and median peak RSS of the timed runs are kept; throughput is
bytes / median wall time (MB = 10^6 bytes); ratios compare tools on the same file in the
same run.
"""
import statistics
import sys
from collections import defaultdict

TOOLS = ("wifirisk", "tshark", "aircrack-ng")


def main() -> int:
    rows = defaultdict(lambda: {"wall": [], "rss": []})
    sizes = {}
    for line in open(sys.argv[1]):
        mb, size, tool, _run, wall, _e, rss = line.rstrip("\n").split("\t")
        rows[(int(mb), tool)]["wall"].append(float(wall))
        rows[(int(mb), tool)]["rss"].append(int(rss))
        sizes[int(mb)] = int(size)

    med = {k: (statistics.median(v["wall"]), statistics.median(v["rss"])) for k, v in rows.items()}
    counts = {tool: max(len(v["wall"]) for k, v in rows.items() if k[1] == tool) for tool in TOOLS}
    print("Medians of " + ", ".join(f"{counts[tool]} {tool}" for tool in TOOLS)
          + " timed runs per capture, after one warm-up run each; MB = 10^6 bytes.\n")
    # Size 0 is the seed recording: each tool's fixed cost (start-up, output) on a tiny file.
    start = {tool: med[(0, tool)][0] for tool in TOOLS if (0, tool) in med}
    if start:
        print("Start-up on the 0.1 MB seed recording: "
              + ", ".join(f"{tool} {start[tool]:.3f} s" for tool in TOOLS if tool in start)
              + ".\n")
    print("| capture | wifirisk | tshark | aircrack-ng | wifirisk ÷ tshark (≥ 20×) "
          "| wifirisk ÷ aircrack-ng (≥ 1×) | the same, start-up taken off "
          "| peak RSS wifirisk / tshark / aircrack-ng |")
    print("|---|---|---|---|---|---|---|---|")
    for mb in sorted(size for size in sizes if size > 0):
        size = sizes[mb]
        cells, speeds, rss = [], {}, []
        for tool in TOOLS:
            wall, peak = med[(mb, tool)]
            speeds[tool] = size / 1e6 / wall
            cells.append(f"{wall:.3f} s ({speeds[tool]:.0f} MB/s)")
            rss.append(f"{peak / 1024:.1f}")
        vs_tshark = speeds["wifirisk"] / speeds["tshark"]
        vs_aircrack = speeds["wifirisk"] / speeds["aircrack-ng"]
        mark_t = "" if vs_tshark >= 20 else " ✗"
        mark_a = "" if vs_aircrack >= 1 else " ✗"
        # Reading speed alone: each tool's time on this file less its time on the seed.
        steady = "–"
        if "wifirisk" in start and "aircrack-ng" in start:
            own = med[(mb, "wifirisk")][0] - start["wifirisk"]
            peer = med[(mb, "aircrack-ng")][0] - start["aircrack-ng"]
            # Only where reading the file clearly outweighs starting: otherwise the
            # difference is mostly noise.
            if own > 2 * start["wifirisk"] and peer > 2 * start["aircrack-ng"]:
                steady = f"{peer / own:.2f}×"
        print(f"| {size / 1e6:.0f} MB | {' | '.join(cells)} | {vs_tshark:.1f}×{mark_t} "
              f"| {vs_aircrack:.2f}×{mark_a} | {steady} | {' / '.join(rss)} MiB |")

    rss_by_size = [med[(mb, "wifirisk")][1] for mb in sorted(sizes) if mb > 0]
    if len(rss_by_size) > 1:
        growth = rss_by_size[-1] / rss_by_size[0]
        print(f"\nwifirisk peak RSS from the smallest to the largest capture: "
              f"{rss_by_size[0] / 1024:.1f} → {rss_by_size[-1] / 1024:.1f} MiB ({growth:.2f}×)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
