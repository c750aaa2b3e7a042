"""The benchmark's figures from its measurements, its targets, and the table it prints (python -m bench)."""

# key: (label, unit, comparison, target). The first five are issue 23's "done when".
TARGETS = {
    "added_p50_ms": ("bridge's added latency, p50", "ms", "<=", 1.2),
    "added_p50_vs_naive_ms": ("bridge's added p50 - the naive relay's", "ms", "<", 0.0),
    "throughput_vs_naive_8": ("bridge / naive relay throughput, 8 clients", "", ">=", 1.0),
    "desk_added_p50_ms": ("2 instances, PostgreSQL, nginx: added p50", "ms", "<=", 2.5),
    "added_p99_ms": ("bridge's added latency, p99", "ms", "<=", 10.0),
    "throughput_ratio_8": ("relayed / direct throughput, 8 clients", "", ">=", 0.6),
    "throughput_ratio_32": ("relayed / direct throughput, 32 clients", "", ">=", 0.5),
    "click_to_result_ms": ("click 'Place order' to result shown", "ms", "<=", 50.0),
    "ticket_bytes": ("ticket page + subresources (bodies)", "B", "<=", 100_000),
    # issue 19: orders while the pages' live streams are open, against none open (bench/live.py)
    "live_order_p50_ratio": ("order p50, pages open / none open", "", "<=", 1.5),
}

# The targets measured beside direct, each with its label in the table.
RELAYS = {"naive": "naive relay (requests.post, no journal)", "nginx": "nginx hop to the simulator (floor)",
          "desk": "2 instances, PostgreSQL, nginx"}


def figures_of(latency, cpu_ms, throughput):
    """The figures of one run: latency and cpu_ms by target name, throughput by clients then target name."""
    direct, relayed = latency["direct"], latency["bridge"]
    figures = {
        "direct_p50_ms": round(direct.p(50), 3), "direct_p99_ms": round(direct.p(99), 3),
        "bridge_p50_ms": round(relayed.p(50), 3), "bridge_p99_ms": round(relayed.p(99), 3),
        "added_p50_ms": round(relayed.p(50) - direct.p(50), 3),
        "added_p99_ms": round(relayed.p(99) - direct.p(99), 3),
        # CPU ms per order, by server: what each relay costs beyond the simulator's own work.
        "cpu_ms_per_order": cpu_ms,
        "bridge_cpu_ms_per_order": cpu_ms["bridge"]["bridge"],
    }
    for name in RELAYS:
        if name in latency:
            figures.update({f"{name}_p50_ms": round(latency[name].p(50), 3),
                            f"{name}_p99_ms": round(latency[name].p(99), 3),
                            f"{name}_added_p50_ms": round(latency[name].p(50) - direct.p(50), 3),
                            f"{name}_added_p99_ms": round(latency[name].p(99) - direct.p(99), 3)})
    if "naive" in latency:
        figures["added_p50_vs_naive_ms"] = round(figures["added_p50_ms"] - figures["naive_added_p50_ms"], 3)
        figures["naive_cpu_ms_per_order"] = cpu_ms["naive"]["naive"]
    if "desk" in cpu_ms:
        figures["desk_cpu_ms_per_order"] = round(cpu_ms["desk"]["bridges"], 3)
        figures["desk_postgresql_cpu_ms_per_order"] = round(cpu_ms["desk"]["postgresql"], 3)
    for clients, runs in throughput.items():
        figures[f"direct_throughput_{clients}"] = round(runs["direct"].rate, 1)
        figures[f"bridge_throughput_{clients}"] = round(runs["bridge"].rate, 1)
        figures[f"throughput_ratio_{clients}"] = round(runs["bridge"].rate / runs["direct"].rate, 3)
        figures[f"bridge_p50_ms_{clients}_clients"] = round(runs["bridge"].p(50), 2)
        figures[f"direct_p50_ms_{clients}_clients"] = round(runs["direct"].p(50), 2)
        for name in RELAYS:
            if name in runs:
                figures[f"{name}_throughput_{clients}"] = round(runs[name].rate, 1)
                figures[f"{name}_throughput_ratio_{clients}"] = round(runs[name].rate / runs["direct"].rate, 3)
        if "naive" in runs and runs["naive"].rate:
            figures[f"throughput_vs_naive_{clients}"] = round(runs["bridge"].rate / runs["naive"].rate, 3)
    return figures


def verdict(key, value):
    _, _, comparison, target = TARGETS[key]
    if value is None:
        return "n/a"
    ok = {"<=": value <= target, "<": value < target, ">=": value >= target}[comparison]
    return "ok" if ok else "MISSED"


def table(figures):
    rows = [
        ("direct p50 / p99 (1 client)", f"{figures['direct_p50_ms']:.2f} / {figures['direct_p99_ms']:.2f} ms", ""),
        ("bridge p50 / p99 (1 client)", f"{figures['bridge_p50_ms']:.2f} / {figures['bridge_p99_ms']:.2f} ms", ""),
        ("bridge: added p50", f"{figures['added_p50_ms']:.3f} ms", ""),
        ("throughput direct, 8 / 32 clients",
         f"{figures['direct_throughput_8']:.0f} / {figures['direct_throughput_32']:.0f} orders/s", ""),
        ("throughput bridge, 8 / 32 clients",
         f"{figures['bridge_throughput_8']:.0f} / {figures['bridge_throughput_32']:.0f} orders/s", ""),
        ("bridge CPU per order (1 client)", f"{figures['bridge_cpu_ms_per_order']:.2f} ms", ""),
    ]
    for name, label in RELAYS.items():
        if f"{name}_p50_ms" not in figures:
            continue
        rows += [(f"{label}: p50 / p99", f"{figures[f'{name}_p50_ms']:.2f} / {figures[f'{name}_p99_ms']:.2f} ms", ""),
                 (f"{label}: added p50", f"{figures[f'{name}_added_p50_ms']:.3f} ms", ""),
                 (f"{label}: 8 / 32 clients",
                  f"{figures[f'{name}_throughput_8']:.0f} / {figures[f'{name}_throughput_32']:.0f} orders/s", ""),
                 (f"{label}: ratio 8 / 32",
                  f"{figures[f'{name}_throughput_ratio_8']:.2f} / {figures[f'{name}_throughput_ratio_32']:.2f}", "")]
    if "naive_cpu_ms_per_order" in figures:
        rows.append(("naive relay CPU per order (1 client)", f"{figures['naive_cpu_ms_per_order']:.2f} ms", ""))
    if "desk_cpu_ms_per_order" in figures:
        bridges, postgresql = figures["desk_cpu_ms_per_order"], figures["desk_postgresql_cpu_ms_per_order"]
        rows.append(("2 instances: CPU per order, bridges / PostgreSQL", f"{bridges:.2f} / {postgresql:.2f} ms", ""))
    for key, (label, unit, comparison, target) in TARGETS.items():
        value = figures.get(key)
        if value is None:
            shown = "n/a"
        elif unit == "B":
            shown = f"{value:,} B"
        elif unit:
            shown = f"{value:.3f} {unit}" if unit == "ms" and value < 100 else f"{value:.1f} {unit}"
        else:
            shown = f"{value:.2f}"
        target_text = f"{comparison} {target:,}{' ' + unit if unit else ''}"
        rows.append((label, shown, f"{target_text:>14}  {verdict(key, value)}"))
    live = figures.get("live")
    if live:
        rows += [(f"{live['pages']} open pages: bridge CPU per page per minute",
                  f"{live['cpu_ms_per_page_minute']:.2f} ms", ""),
                 (f"{live['pages']} open pages: upstream calls per page per minute",
                  f"{live['upstream_calls_per_page_minute']:.3f}", ""),
                 ("order p50 none open / pages open",
                  f"{live['idle_with_orders']['order_p50_ms']:.1f} / {live['open_with_orders']['order_p50_ms']:.1f} ms",
                  "")]
    if figures.get("ticket_ready_ms") is not None:
        rows.append(("navigation to ticket ready (median)", f"{figures['ticket_ready_ms']:.1f} ms", ""))
    width = max(len(row[0]) for row in rows)
    lines = [f"{'figure':{width}}  {'value':>26}  target", "-" * (width + 50)]
    lines += [f"{label:{width}}  {value:>26}  {target}" for label, value, target in rows]
    return "\n".join(lines)
