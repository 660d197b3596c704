"""Prints how long the server's Extract handler took for the calls made between two scrapes of
its Prometheus metrics (the `gazette_request_duration_seconds` histogram, from the request's
arrival in the service to its answer): the share of calls within each bucket bound. Beside the
load generator's latencies, which also hold the transport, both runtimes' scheduling and the
generator's own delays, it shows how much of a latency tail is the server's work.

    handler-time.py METRICS_PORT save FILE      # scrape before a phase
    handler-time.py METRICS_PORT report FILE    # scrape after it and print the difference
"""
import json
import re
import sys
import urllib.request

BUCKET = re.compile(
    r'^gazette_request_duration_seconds_bucket\{method="Extract",le="([^"]+)"\} (\d+)$'
)


def scrape(port):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    return {m.group(1): int(m.group(2)) for m in map(BUCKET.match, text.splitlines()) if m}


def main(port, action, path):
    now = scrape(port)
    if action == "save":
        with open(path, "w") as f:
            json.dump(now, f)
        return
    with open(path) as f:
        before = json.load(f)
    diff = {le: n - before.get(le, 0) for le, n in now.items()}
    calls = diff.get("+Inf", 0)
    if calls == 0:
        return
    shares = [
        f"≤ {float(le) * 1e3:g} ms {100 * diff[le] / calls:.2f}%"
        for le in ("0.0001", "0.00025", "0.0005", "0.001", "0.0025")
        if le in diff
    ]
    print(f"server-side Extract handler time, {calls} calls: " + ", ".join(shares))


if __name__ == "__main__":
    main(*sys.argv[1:4])
