"""The visitors of bench/surge.py (run by locust, not imported by the board).

Environment: SURGE_PLAN (JSON written by bench.surge: incident slug, person pages, names to
search, names that match a posted search), SURGE_LOG (one line per request), SURGE_RAMP,
SURGE_PLATEAU, SURGE_PEAK_USERS. Each visitor sends about one request a second, from a new
client address each time (X-Forwarded-For; the board trusts it in the bench).
"""

import json
import os
import random
import re
import time
from pathlib import Path

from locust import LoadTestShape, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.user.wait_time import constant_throughput

PLAN = json.loads(Path(os.environ["SURGE_PLAN"]).read_text())
LOG = open(os.environ["SURGE_LOG"], "a", buffering=1)  # noqa: SIM115 - open for the whole run
RAMP = float(os.environ.get("SURGE_RAMP", "120"))
PLATEAU = float(os.environ.get("SURGE_PLATEAU", "300"))
PEAK_USERS = int(os.environ.get("SURGE_PEAK_USERS", "350"))
_TOKEN = re.compile(r'name="(csrfmiddlewaretoken|form_started)" value="([^"]+)"')


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, start_time=None, **_kw):
    status = getattr(response, "status_code", 0) or 0
    if exception is not None and status < 400:
        status = 0  # connection error or timeout
    LOG.write(f"{start_time or time.time():.3f}\t{name}\t{status}\t{response_time:.1f}\n")


def _address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Visitor(FastHttpUser):
    wait_time = constant_throughput(1)

    def on_start(self):
        # A form's hidden fields, shown once: CSRF token (with its cookie) and start time.
        page = self.client.get(
            f"/i/{PLAN['incident']}/safe/", name="form page", headers=self._headers()
        )
        self.tokens = dict(_TOKEN.findall(page.text or ""))
        time.sleep(float(os.environ.get("SURGE_FILL_SECONDS", "3")))

    def _headers(self) -> dict:
        return {"X-Forwarded-For": _address(), "Accept-Language": random.choice(PLAN["languages"])}

    def _post(self, url: str, name: str, data: dict):
        headers = {**self._headers(), "Referer": self.host + url}
        self.client.post(
            url, data={**self.tokens, **data}, name=name, headers=headers, allow_redirects=False
        )
        # A person posts once: forget the session the board just gave (it would make every
        # later read of this simulated visitor a private, uncached page). Keep the CSRF cookie.
        for cookie in list(self.client.cookiejar):
            if cookie.name in ("sessionid", "messages"):
                self.client.cookiejar.clear(cookie.domain, cookie.path, cookie.name)

    @task(30)
    def incident_page(self):
        self.client.get(f"/i/{PLAN['incident']}/", name="incident page", headers=self._headers())

    @task(30)
    def person_page(self):
        url = random.choice(PLAN["person_pages"])
        self.client.get(url, name="person page", headers=self._headers())

    @task(20)
    def search(self):
        q = random.choice(PLAN["search_names"])
        url = f"/i/{PLAN['incident']}/search/?q={q}"
        self.client.get(url, name="search", headers=self._headers())

    @task(15)
    def i_am_safe(self):
        if PLAN["matching"] and random.random() < PLAN["matching_share"]:
            name, age = PLAN["matching"].pop()
        else:
            name, age = random.choice(PLAN["safe_names"]), random.randrange(18, 80)
        data = {"full_name": name, "age": age, "message": "I am safe."}
        # A way to reach them is required; some give an e-mail (and get their link by e-mail).
        if random.random() < PLAN["email_share"]:
            data["contact_email"] = f"safe{random.randrange(10**9)}@example.org"
        else:
            data["contact_phone"] = f"+33 6 {random.randrange(10**8):08d}"
        self._post(f"/i/{PLAN['incident']}/safe/", "i'm safe", data)

    @task(4)
    def search_posted(self):
        data = {
            "full_name": random.choice(PLAN["safe_names"]),
            "age": random.randrange(1, 90),
            "contact_email": f"family{random.randrange(10**9)}@example.org",
            "description": "Last seen near the station.",
        }
        self._post(f"/i/{PLAN['incident']}/missing/new/", "search posted", data)

    @task(1)
    def relay(self):
        url = random.choice(PLAN["post_pages"])
        self._post(url, "relay", {"body": "I think I saw them at the shelter."})


class RampThenPlateau(LoadTestShape):
    """Visitors grow linearly to the peak over the ramp, then stay for the plateau."""

    def tick(self):
        elapsed = self.get_run_time()
        if elapsed > RAMP + PLATEAU:
            return None
        users = PEAK_USERS if elapsed >= RAMP else max(1, int(PEAK_USERS * elapsed / RAMP))
        return users, max(5, PEAK_USERS / 20)
