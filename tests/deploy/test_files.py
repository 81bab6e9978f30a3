"""The production files a sysadmin copies: nginx site, gunicorn settings, systemd units."""

import configparser
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _nginx() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def _self_signed(folder: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=reunify.example.org", "-keyout", str(folder / "privkey.pem")]
        + ["-out", str(folder / "fullchain.pem")],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(_nginx() is None, reason="nginx is not installed (apt-get install nginx)")
def test_the_nginx_site_file_passes_nginx_t(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    certificates = tmp_path / "cert"
    certificates.mkdir()
    _self_signed(certificates)
    for folder in ("cache", "log", "temp"):
        (tmp_path / folder).mkdir()
    # Only the machine's paths change; every directive is checked as written.
    site = (DEPLOY / "nginx" / "reunify.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/reunify.example.org", str(certificates))
    site = site.replace("/var/cache/nginx/reunify", str(tmp_path / "cache"))
    site = site.replace("/var/log/nginx", str(tmp_path / "log"))
    (tmp_path / "reunify.conf").write_text(site)
    temp = tmp_path / "temp"
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/log/error.log;\nevents {{}}\n"
        f"http {{\n  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n"
        f"  fastcgi_temp_path {temp}/fastcgi;\n  uwsgi_temp_path {temp}/uwsgi;\n"
        f"  scgi_temp_path {temp}/scgi;\n  access_log off;\n  include {tmp_path}/reunify.conf;\n}}\n"
    )
    result = subprocess.run(
        [_nginx(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_site_file_keeps_secret_links_out_of_logs_and_personal_pages_out_of_the_cache():
    site = (DEPLOY / "nginx" / "reunify.conf").read_text()
    assert "~^/(manage|review|stop)/" in site and "$reunify_logged_uri" in site
    assert (
        "proxy_cache_bypass $reunify_personal" in site
        and "proxy_no_cache $reunify_personal" in site
    )


def test_gunicorn_settings_load(tmp_path):
    env = {**os.environ, "WEB_CONCURRENCY": "2"}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "-c", "gunicorn.conf.py"]
        + ["reunify.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_web_worker_runs_a_few_requests_at_once(monkeypatch):
    # Half of an "I'm safe" is spent waiting on PostgreSQL and Redis: a thread runs another.
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread" and config["threads"] == 4


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read(DEPLOY / "systemd" / name)
    return parser


def test_systemd_units_run_web_worker_and_beat():
    web, worker, beat = (_unit(f"reunify-{name}.service") for name in ("web", "worker", "beat"))
    assert (
        "gunicorn -c /srv/reunify/app/gunicorn.conf.py reunify.wsgi" in web["Service"]["ExecStart"]
    )
    assert "celery -A reunify worker" in worker["Service"]["ExecStart"]
    assert "celery -A reunify beat" in beat["Service"]["ExecStart"]
    for unit in (web, worker, beat):
        assert unit["Service"]["EnvironmentFile"] == "/etc/reunify/reunify.env"
        assert unit["Install"]["WantedBy"] == "multi-user.target"
    # Stopping the worker lets a task in hand end first (the hard time limit is below it).
    assert int(worker["Service"]["TimeoutStopSec"]) > settings.CELERY_TASK_TIME_LIMIT
