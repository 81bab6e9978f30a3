"""Surge bench: the board at Safety Check's rate, on loopback.

    python -m bench.surge                      # 2 min ramp, 5 min plateau (about 12 min)
    python -m bench.surge --ramp 20 --plateau 30 --peak-users 100 --ratio-seconds 10  # quick

It starts gunicorn (--workers, default 2), a Celery worker, beat, a private Redis on a free
port, an SMTP sink (aiosmtpd) and uses a fresh database on the local PostgreSQL (--pg). It
seeds an incident with --posts searches, then:

1. the ratio bench (wrk, if installed: `apt-get install wrk`): /healthz, the incident page, a
   person page and the "I'm safe" POST, each alone for --ratio-seconds, as shares of /healthz;
2. the surge (locust): visitors ramp to --peak-users over --ramp seconds, then stay for
   --plateau seconds, each sending about a request a second from a new address
   (X-Forwarded-For, trusted here): 80 % reads (incident page, person pages, search), 15 %
   "I'm safe", 4 % searches posted, 1 % relays. Some "I'm safe" are people a family posted,
   so alerts go out, and the time from the report saved to its alert e-mail is measured.

It prints per route the plateau's throughput, p50/p95/p99, errors and 429s apart and the web
workers' CPU milliseconds per request (bench/surge_wsgi.py), the box's CPU by part (web, worker,
PostgreSQL, Redis, load generator), the alert latency (p50/p99), and writes surge.png (load
and latency over time) and results.json in --out.
--intake-only runs the same load with the incident switched to intake only (degraded mode):
pages and searches from cache whatever is written, matching deferred to the sweeper.
Read the figures with the machine's load (printed): other work on the box distorts them.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

from bench.surge_stack import (
    Stack,
    cpu_seconds_by_part,
    cpu_used_between,
    free_port,
    fresh_database,
    intake_only_on,
    load_average,
    manage,
    percentile,
    queue_drained,
    say,
    seed,
    stolen_seconds,
    wait_for,
    write_floor_table,
)

ROOT = Path(__file__).resolve().parents[1]
GIVEN = "Mohamed Amina Karim Leila Youssef Nadia Omar Salma Hassan Fatima Ali Yasmine Samir "
GIVEN += "Rania Tarek Lina Walid Sara Mehdi Ines Adam Camille Lucas Chloe Hugo Manon Louis"
FAMILY = "Benali Haddad Khoury Mansour Saleh Nasser Aziz Bakri Darwish Farah Hamdan Jaber "
FAMILY += "Karam Lahlou Mourad Najjar Qasim Rahal Sabbagh Taleb Zein Martin Bernard Dubois "
FAMILY += "Moreau Laurent Simon Michel Lefebvre Leroy Roux David Bertrand Morel Fournier"
# Safe reports for people no one posted use names from other pools.
OTHER_GIVEN = "Anna Pierre Marie Jean Sophie Paul Julie Marc Claire Eric Alice Victor Emma Noah"
OTHER_FAMILY = "Petit Durand Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller "
OTHER_FAMILY += "Lefevre Faure Andre Mercier Blanc Guerin Boyer Garnier Chevalier Francois"
ROUTES = ["incident page", "person page", "search", "i'm safe", "search posted", "relay"]


# --- Ratio bench (wrk) ------------------------------------------------------------

WRK_LUA = """
local counter = 0
request = function()
  counter = counter + 1
  local ip = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
  wrk.headers["X-Forwarded-For"] = ip
  if BODY ~= nil then
    -- each from its own phone, as in a surge (one phone's fourth record in an hour is held)
    local phone = "%2B33+6+" .. math.random(10000000, 99999999)
    local body = BODY .. "&full_name=Ratio+Person+" .. counter .. "&age=30&contact_phone=" .. phone
    return wrk.format("POST", nil, nil, body)
  end
  return wrk.format(nil)
end
"""


def wrk_rate(wrk: str, url: str, seconds: int, folder: Path, post: dict | None = None) -> float:
    script = folder / "wrk.lua"
    lua = WRK_LUA
    headers = []
    if post:
        from urllib.parse import urlencode

        lua = f"BODY = {json.dumps(urlencode(post['fields']))}\n" + lua
        headers = [
            "-H",
            "Content-Type: application/x-www-form-urlencoded",
            "-H",
            f"Cookie: csrftoken={post['cookie']}",
            "-H",
            f"Referer: {url}",
        ]
    script.write_text(lua)
    out = subprocess.run(
        [wrk, "-t2", "-c16", f"-d{seconds}s", "-s", str(script), *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        say(f"    ({non2xx.group(1)} answers were not 2xx/3xx on {url})")
    return float(found.group(1)) if found else 0.0


def form_tokens(base: str, slug: str) -> dict:
    request = urllib.request.Request(
        f"{base}/i/{slug}/safe/", headers={"X-Forwarded-For": "10.9.9.9"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        page = response.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", "")).group(1)
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_started)" value="([^"]+)"', page))
    return {
        "cookie": cookie,
        "fields": {**fields, "message": "I am safe."},
    }


PARTS = ("web", "worker", "postgres", "redis", "load generator")


def _measured(wrk: str, url: str, seconds: int, folder: Path, post: dict | None = None):
    """A route's rate under wrk, the box's CPU milliseconds per request by part, and the share
    of the box's CPU time the hypervisor gave to other machines meanwhile (on a shared virtual
    machine it varies from minute to minute, and so do the rates)."""
    before, stolen_before = cpu_seconds_by_part(), stolen_seconds()
    rate = wrk_rate(wrk, url, seconds, folder, post)
    used = cpu_used_between(before, cpu_seconds_by_part())
    stolen = (stolen_seconds() - stolen_before) / (seconds * (os.cpu_count() or 1))
    requests = max(rate * seconds, 1.0)
    return rate, {part: used.get(part, 0.0) * 1000 / requests for part in PARTS}, stolen


def ratio_bench(base: str, plan: dict, seconds: int, folder: Path, wrk: str | None) -> dict:
    if not wrk:
        say("ratio bench skipped: wrk is not installed (apt-get install wrk, or --wrk PATH)")
        return {}
    person = base + plan["posts"][0][2]
    post = form_tokens(base, plan["incident"])
    time.sleep(3.5)  # the form's minimum fill time
    measured = {
        "/healthz": _measured(wrk, f"{base}/healthz", seconds, folder),
        "incident page": _measured(wrk, f"{base}/i/{plan['incident']}/", seconds, folder),
        "person page": _measured(wrk, person, seconds, folder),
        # One INSERT and COMMIT behind the same middleware (bench/surge_urls.py): the most any
        # write through Django reaches here. Before "I'm safe", whose matching would still be
        # running in the worker.
        "write floor": _measured(
            wrk, f"{base}/bench/write-floor/", seconds, folder, {"cookie": "", "fields": {}}
        ),
        "i'm safe POST": _measured(
            wrk, f"{base}/i/{plan['incident']}/safe/", seconds, folder, post
        ),
    }
    rates = {route: rate for route, (rate, _cpu, _stolen) in measured.items()}
    say(f"\nRatio bench (wrk -t2 -c16, {seconds} s each; load average {load_average()})")
    say(
        f"  {'route':<16}{'requests/s':>11}{'of /healthz':>12}{'target':>8}   CPU ms per request: "
        + " / ".join(PARTS)
        + "   stolen"
    )
    targets = {"incident page": 0.60, "person page": 0.60, "i'm safe POST": 0.40}
    for route, (rate, cpu, stolen) in measured.items():
        share = rate / rates["/healthz"] if rates["/healthz"] else 0
        target = f"≥ {targets[route]:.2f}" if route in targets else ""
        split = " / ".join(f"{cpu[part]:.2f}" for part in PARTS)
        say(f"  {route:<16}{rate:>11.0f}{share:>12.2f}{target:>8}   {split}   {stolen:.0%}")
    if rates["write floor"]:
        say(
            '  ("I\'m safe" does {:.0%} of what the floor does; the floor itself reaches {:.2f}'
            " of /healthz)".format(
                rates["i'm safe POST"] / rates["write floor"],
                rates["write floor"] / (rates["/healthz"] or 1),
            )
        )
    return {
        "rates": rates,
        "cpu_ms_per_request": {route: cpu for route, (_rate, cpu, _s) in measured.items()},
        "stolen_share": {route: stolen for route, (_rate, _cpu, stolen) in measured.items()},
    }


# --- Surge (locust) -------------------------------------------------------------


def surge(base: str, plan: dict, args, folder: Path, rng: random.Random) -> Path:
    posts = plan["posts"]
    matching = rng.sample([(name, age) for name, age, _ in posts], k=len(posts) // 2)
    other = [f"{g} {f}" for g in OTHER_GIVEN.split() for f in OTHER_FAMILY.split()]
    locust_plan = {
        "incident": plan["incident"],
        "person_pages": [url for _, _, url in posts[:200]],
        "post_pages": [url for _, _, url in posts[:200]],
        "search_names": [name.split()[1] for name, _, _ in posts[:100]] + other[:50],
        "safe_names": other,
        "matching": matching,
        "matching_share": args.matching_share,
        "email_share": args.email_share,
        "languages": ["en", "fr", "ar"],
    }
    (folder / "plan.json").write_text(json.dumps(locust_plan))
    log = folder / "requests.tsv"
    log.write_text("")
    env = {
        **os.environ,
        "SURGE_PLAN": str(folder / "plan.json"),
        "SURGE_LOG": str(log),
        "SURGE_RAMP": str(args.ramp),
        "SURGE_PLATEAU": str(args.plateau),
        "SURGE_PEAK_USERS": str(args.peak_users),
    }
    say(f"\nSurge: ramp to {args.peak_users} visitors over {args.ramp} s, plateau {args.plateau} s")
    # The box's CPU over the plateau, by part: read when it starts and when it ends.
    readings: list[tuple[dict, float]] = []
    timers = [
        threading.Timer(delay, lambda: readings.append((cpu_seconds_by_part(), stolen_seconds())))
        for delay in (args.ramp, args.ramp + args.plateau)
    ]
    for timer in timers:
        timer.start()
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "surge_locust.py")]
        + ["--headless", "--host", base, "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        stdout=(folder / "locust.log").open("w"),
        stderr=subprocess.STDOUT,
        check=False,
    )
    for timer in timers:
        timer.cancel()
    if len(readings) == 2:
        (before, stolen_before), (after, stolen_after) = readings
        used = cpu_used_between(before, after)
        cores = {part: used.get(part, 0.0) / args.plateau for part in (*PARTS, "other")}
        cores["stolen"] = (stolen_after - stolen_before) / args.plateau
        say(
            "  CPU over the plateau, in cores (of "
            + f"{os.cpu_count()}): "
            + ", ".join(f"{part} {share:.2f}" for part, share in cores.items())
            + " (stolen: given by the hypervisor to other machines)"
        )
        (folder / "plateau_cpu.json").write_text(json.dumps(cores))
    return log


def read_requests(log: Path) -> list[tuple[float, str, int, float]]:
    rows = []
    for line in log.read_text().splitlines():
        at, name, status, ms = line.split("\t")
        rows.append((float(at), name, int(status), float(ms)))
    return rows


def read_cpu(folder: Path) -> list[tuple[float, str, float]]:
    """What bench/surge_wsgi.py wrote: each request's CPU time in the web workers."""
    rows = []
    for path in folder.glob("cpu.*"):
        for line in path.read_text().splitlines():
            at, route, ms = line.split("\t")
            rows.append((float(at), route, float(ms)))
    return rows


def report_surge(rows, args, cpu_rows=()) -> dict:
    start = min(at for at, *_ in rows)
    plateau_from = start + args.ramp
    plateau_to = plateau_from + args.plateau
    plateau = [r for r in rows if plateau_from <= r[0] < plateau_to]
    web_cpu = defaultdict(list)
    for at, route, ms in cpu_rows:
        if plateau_from <= at < plateau_to:
            web_cpu[route].append(ms)
    say(f"\nPlateau ({args.plateau} s; load average {load_average()})")
    say(
        f"  {'route':<15}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'429':>7}"
        + f"{'web CPU ms':>12}"
    )
    summary = {}
    for route in ROUTES:
        mine = [r for r in plateau if r[1] == route]
        ok = [ms for _, _, status, ms in mine if 0 < status < 400]
        errors = sum(
            1
            for _, _, status, _ in mine
            if status == 0 or status >= 500 or status in (400, 403, 404)
        )
        limited = sum(1 for _, _, status, _ in mine if status == 429)
        rate = len(mine) / args.plateau
        p50, p95, p99 = (percentile(ok, s) for s in (0.50, 0.95, 0.99))
        spent = web_cpu.get(route, [])
        cpu_ms = sum(spent) / len(spent) if spent else float("nan")
        summary[route] = {
            "rate": rate,
            "p50": p50,
            "p95": p95,
            "p99": p99,
            "errors": errors,
            "429": limited,
            "web_cpu_ms": cpu_ms,
        }
        say(
            f"  {route:<15}{rate:>8.1f}{p50:>9.0f}{p95:>9.0f}{p99:>9.0f}{errors:>8}{limited:>7}"
            + f"{cpu_ms:>12.2f}"
        )
    return summary


def alert_latency(received) -> dict:
    from reunify.alerts.models import Alert

    first_seen: dict[str, float] = {}
    for at, keys in received:
        for key in keys:
            first_seen[key] = min(at, first_seen.get(key, at))
    # From the later of the match's two records: a search posted during the surge can match an
    # "I'm safe" saved a minute before, and its alert could not go out before the search was.
    rows = Alert.objects.values_list(
        "idempotency_key", "match__report__created_at", "match__post__created_at"
    )
    seconds = [
        first_seen[str(key)] - max(report_saved, post_saved).timestamp()
        for key, report_saved, post_saved in rows
        if str(key) in first_seen
    ]
    unsent = Alert.objects.exclude(state="sent").count()
    p50, p99 = percentile(seconds, 0.50), percentile(seconds, 0.99)
    say(
        f"\nAlerts: {len(seconds)} e-mailed, {unsent} not sent (a family's later alerts wait "
        f"ALERT_GROUP_SECONDS to go out as one e-mail); second record of the match saved -> "
        f"e-mail received: p50 {p50:.1f} s, p99 {p99:.1f} s (target p99 < 30 s)"
    )
    return {"alerts": len(seconds), "unsent": unsent, "p50": p50, "p99": p99}


def plot(rows, args, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    start = min(at for at, *_ in rows)
    per_second = defaultdict(lambda: defaultdict(int))
    latency = defaultdict(lambda: defaultdict(list))
    for at, name, _status, ms in rows:
        second = int(at - start)
        per_second[name][second] += 1
        latency[name][second // 5 * 5].append(ms)
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True)
    for route in ROUTES:
        seconds = sorted(per_second[route])
        top.plot(seconds, [per_second[route][s] for s in seconds], label=route, linewidth=0.8)
        bins = sorted(latency[route])
        bottom.plot(bins, [percentile(latency[route][b], 0.99) for b in bins], label=route)
    for axis in (top, bottom):
        axis.axvline(args.ramp, color="grey", linestyle=":")
        axis.grid(alpha=0.3)
    top.set_ylabel("requests per second")
    bottom.set_ylabel("p99 latency, ms (5 s bins)")
    bottom.set_xlabel("seconds since start (dotted: plateau begins)")
    top.legend(loc="upper left", fontsize=8)
    figure.suptitle(f"Reunify surge bench, {args.workers} web workers (load {load_average()})")
    figure.savefig(path, dpi=110)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ramp", type=int, default=120, help="seconds to reach the peak")
    parser.add_argument("--plateau", type=int, default=300, help="seconds at the peak")
    parser.add_argument(
        "--peak-users", type=int, default=350, help="visitors at the peak (~1 req/s each)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--celery-concurrency", type=int, default=2)
    parser.add_argument(
        "--worker-nice", type=int, default=10, help="the worker's nice value (deploy/systemd: 10)"
    )
    parser.add_argument("--posts", type=int, default=600, help="searches posted before the surge")
    parser.add_argument(
        "--matching-share", type=float, default=0.02, help="share of 'I'm safe' for a posted person"
    )
    parser.add_argument(
        "--email-share", type=float, default=0.2, help="share of 'I'm safe' leaving an e-mail"
    )
    parser.add_argument("--ratio-seconds", type=int, default=20, help="0 skips the ratio bench")
    parser.add_argument("--skip-surge", action="store_true")
    parser.add_argument(
        "--intake-only",
        action="store_true",
        help="switch the incident to intake only (degraded mode) before the load",
    )
    parser.add_argument(
        "--drain-seconds", type=int, default=120, help="wait for alerts after the surge"
    )
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="reunify_bench_surge")
    parser.add_argument("--wrk", default=shutil.which("wrk"))
    parser.add_argument("--out", default=str(ROOT / "var" / "bench-surge"))
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)

    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    for old_log in folder.glob("cpu.*"):
        old_log.unlink()
    rng = random.Random(args.seed)
    say(f"Surge bench: {os.cpu_count()} cores, load average {load_average()}; logs in {folder}")
    stack = Stack(folder, args)
    try:
        redis_url = stack.start_redis()
        smtp_port = stack.start_smtp()
        env = {
            **os.environ,
            "DATABASE_URL": fresh_database(args.pg, args.db),
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": f"{redis_url}/0",
            "CACHE_URL": f"{redis_url}/1",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "DEBUG": "0",
            "SECRET_KEY": "surge-bench-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TRUST_X_FORWARDED_FOR": "1",
            "STATIC_ROOT": str(folder / "static"),
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_UPLOAD_ROOT": str(folder / "uploads"),
            "SWEEP_INTERVAL_SECONDS": "15",
            "LOG_LEVEL": "WARNING",
            "SURGE_CPU_LOG": str(folder / "cpu"),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        manage(env, "migrate", "--noinput", "-v0")
        write_floor_table(env["DATABASE_URL"])
        if (folder / "static" / "staticfiles.json").exists():
            say("Static files already collected (delete --out/static to collect again)")
        else:
            manage(env, "collectstatic", "--noinput", "-v0")
        celery = [sys.executable, "-m", "celery", "-A", "reunify"]
        # At the priority deploy/systemd gives it: visitors first, queued work when there is room.
        stack.spawn(
            "worker",
            ["nice", "-n", str(args.worker_nice)]
            + celery
            + ["worker", f"--concurrency={args.celery_concurrency}", "-l", "warning"]
            + ["--without-mingle", "--without-gossip"],
            env,
        )
        stack.spawn(
            "beat", celery + ["beat", "-l", "warning", "-s", str(folder / "beat-schedule")], env
        )
        port = free_port()
        stack.spawn(
            "gunicorn",
            # The board's WSGI app, each request's CPU time noted (bench/surge_wsgi.py); the
            # rest as gunicorn.conf.py (read from the working folder) sets it in production.
            [sys.executable, "-m", "gunicorn", "bench.surge_wsgi", f"--workers={args.workers}"]
            + [f"--bind=127.0.0.1:{port}"],
            env,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(
            lambda: urllib.request.urlopen(f"{base}/healthz", timeout=2).status == 200,
            60,
            "gunicorn",
        )
        plan = seed(env, args.posts, rng)
        say(f"Seeded {args.posts} searches; waiting for their matching to finish")
        wait_for(lambda: queue_drained(env), 600, "the seed's tasks")
        if args.intake_only:
            intake_only_on(plan["incident"])
            say("Intake only: switched on, as a coordinator would for the surge")
        results = {"load_before": load_average(), "args": vars(args)}
        if args.ratio_seconds:
            results["ratio"] = ratio_bench(base, plan, args.ratio_seconds, folder, args.wrk)
        if not args.skip_surge:
            stack.received.clear()
            log = surge(base, plan, args, folder, rng)
            rows = read_requests(log)
            if not rows:
                raise SystemExit(f"no requests recorded; see {folder / 'locust.log'}")
            results["surge"] = report_surge(rows, args, read_cpu(folder))
            say(f"Waiting up to {args.drain_seconds} s for the alerts to go out")
            try:
                wait_for(lambda: queue_drained(env), args.drain_seconds, "the alerts")
            except SystemExit as timeout:
                say(str(timeout))
            results["alerts"] = alert_latency(stack.received)
            plot(rows, args, folder / "surge.png")
            say(f"Plot: {folder / 'surge.png'}")
        results["load_after"] = load_average()
        (folder / "results.json").write_text(json.dumps(results, indent=2, default=str))
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
