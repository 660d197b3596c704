"""Sums `perf report` samples of the server per component and prints microseconds of server CPU
per call for the no-op RPC and for Extract, side by side. Run by scripts/measure/rpc-profile.sh.

    rpc-profile.py DIR SECONDS_SAMPLED FREQUENCY_HZ [TOP]

DIR holds noop.txt / extract.txt (loadgen reports: the first line gives calls per second) and
noop.symbols / extract.symbols (`perf report -F sample,dso,symbol`). Calls while sampling are
taken as the run's rate times the seconds sampled.
"""
import re
import sys

# First match wins; a symbol line reads "SAMPLES DSO [k|.] SYMBOL".
COMPONENTS = [
    ("matching (core: fold, walk, resolve)",
     r"gazette::(matcher|normalize|resolve|extract|offsets|names)|unicode_normalization"),
    ("response: entry strings + prost encode",
     r"gazette::transport::response|EntryStore|prost::|gazette::proto"),
    ("request handling (validate, metrics, log)",
     r"gazette::transport|metrics|quanta|tracing"),
    ("allocator (mimalloc)", r"\b_?mi_|__rust_(alloc|dealloc|realloc|no_alloc)|__rdl_"),
    ("libc memcpy / memcmp", r"libc\.so.*__mem"),
    ("h2 / hyper / tonic / tower / http / bytes",
     r"\b(h2|hyper|hyper_util|tonic|tonic_health|tower|http|http_body|bytes|httparse)::"),
    ("tokio runtime", r"\btokio::"),
    ("kernel: scheduling and wake-ups",
     r"\[k\] (finish_task_switch|__?schedule|futex|try_to_wake_up|_raw_spin_unlock_irq|"
     r"irqentry|ttwu|select_task|enqueue|dequeue|pick_next|update_curr|psi_|do_nanosleep)"),
    ("kernel: network and other syscalls", r"\[k\]"),
    ("other", r""),
]


def per_call(directory, name, seconds, hz):
    first = open(f"{directory}/{name}.txt").readline()
    rate = float(re.search(r"\(([0-9.]+)/s\)", first).group(1))
    calls = rate * seconds
    # Per component, (µs per call, symbol) of each symbol it took.
    symbols = {label: [] for label, _ in COMPONENTS}
    for line in open(f"{directory}/{name}.symbols"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        samples, rest = line.split(None, 1)
        for label, pattern in COMPONENTS:
            if re.search(pattern, rest):
                symbols[label].append((int(samples) / hz * 1e6 / calls, rest))
                break
    us = {label: sum(u for u, _ in found) for label, found in symbols.items()}
    return rate, us, symbols


def main(directory, seconds, hz, top="0"):
    seconds, hz = float(seconds), float(hz)
    noop_rate, noop, _ = per_call(directory, "noop", seconds, hz)
    ext_rate, ext, ext_symbols = per_call(directory, "extract", seconds, hz)
    print(f"calls/s: no-op {noop_rate:.0f}, Extract {ext_rate:.0f} "
          f"({100 * ext_rate / noop_rate:.1f}% of no-op)")
    print(f"{'server CPU per call (µs)':<44} {'no-op':>8} {'Extract':>8} {'extra':>8}")
    for label, _ in COMPONENTS:
        print(f"{label:<44} {noop[label]:>8.2f} {ext[label]:>8.2f} {ext[label] - noop[label]:>8.2f}")
    total_n, total_e = sum(noop.values()), sum(ext.values())
    print(f"{'total':<44} {total_n:>8.2f} {total_e:>8.2f} {total_e - total_n:>8.2f}")
    for label, _ in COMPONENTS if int(top) > 0 else []:
        print(f"\n{label}, Extract:")
        for us, symbol in sorted(ext_symbols[label], reverse=True)[: int(top)]:
            print(f"  {us:6.2f}  {' '.join(symbol.split())[:100]}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
