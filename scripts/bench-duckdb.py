#!/usr/bin/env python3
"""DuckDB's side of the consumption import benchmark (BENCHMARKS.md §7).

Reads one export (FOCUS CSV or gzip CUR 2.0 CSV) with DuckDB and sums the cost per
account and service, as the importer does, then prints one line:

    seconds=1.234 cpu=2.100 maxrss_kib=123456 groups=5600 total=123456.78 duckdb=2.0.1

`seconds` times the query alone (reading the file and grouping, results fetched), not
Python's start-up; `cpu` is the user + system time of the process during the query (all
of DuckDB's threads); `maxrss_kib` is the process's peak resident memory, Python included.
Usage: python3 scripts/bench-duckdb.py FILE [--threads N]   (pip install duckdb)
"""

import resource
import sys
import time

import duckdb


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    threads = None
    if "--threads" in sys.argv:
        threads = int(sys.argv[sys.argv.index("--threads") + 1])
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {threads}")
    header = con.execute(
        "SELECT * FROM read_csv(?, header = true) LIMIT 0", [path]
    ).description
    names = {column[0] for column in header}
    if "BilledCost" in names:
        account = "SubAccountId" if "SubAccountId" in names else "BillingAccountId"
        service, cost = "ServiceName", "BilledCost"
    else:
        account = "line_item_usage_account_id"
        service, cost = "product_servicename", "line_item_unblended_cost"
    query = (
        f'SELECT "{account}", "{service}", sum("{cost}") AS cost '
        f"FROM read_csv(?, header = true) GROUP BY ALL"
    )
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    rows = con.execute(query, [path]).fetchall()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    total = sum(row[2] for row in rows)
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"seconds={seconds:.3f} cpu={cpu:.3f} maxrss_kib={maxrss} groups={len(rows)} "
        f"total={total:.2f} duckdb={duckdb.__version__}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
