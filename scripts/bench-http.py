#!/usr/bin/env python3
"""`make bench-http`: the calendar under load, measured the way issue 17 measures it.

Starts the release server on a fresh database (the demo school, "today" 2027-04-19) on a free
port, imports a school year of 705 events as an .ics (395 yearly birthdays, six weekly
groups, 304 single events), makes the school's feed, and runs wrk on loopback:

  - the sign-in page and a light signed-in page (what the framework costs),
  - the month page as a teacher at 32 connections, before and after the import, and
    compressed as a browser asks for it,
  - the school feed at 4 connections, plain, brotli-compressed and revalidated with its ETag,
  - the same feed put into Radicale (a CalDAV server, PyPI, pinned in install-tools.sh) and
    read back from it at 4 connections: what a school would get from a calendar server,

then prints one Markdown table with the page sizes and the server's resident memory after
the load. Needs `make build` (target/release/server, target/site), wrk and Radicale
(installed by `scripts/install-tools.sh --bench`). DURATION=10 sets the seconds per run.
"""
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DURATION = os.environ.get("DURATION", "10")
TODAY = "2027-04-19"
MONTH = f"/calendar?view=month&date={TODAY}"
PASSWORD = "hopehome-demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def year_ics() -> str:
    """A school year of 705 events: 395 yearly birthdays, six weekly groups, 304 single events."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hope Home//bench year//ZH"]

    def event(uid: str, summary: str, *props: str) -> None:
        lines.extend(["BEGIN:VEVENT", f"UID:{uid}@bench", "DTSTAMP:20260801T000000Z", f"SUMMARY:{summary}", *props, "END:VEVENT"])

    for i in range(395):
        born = date(2015, 1, 1) + timedelta(days=(i * 37) % 365 + 365 * (i % 6))
        event(f"birthday-{i}", f"学生{i:03d} 生日", f"DTSTART;VALUE=DATE:{born:%Y%m%d}",
              f"DTEND;VALUE=DATE:{born + timedelta(days=1):%Y%m%d}", "RRULE:FREQ=YEARLY")
    groups = ["书法", "合唱", "乒乓球", "绘画", "象棋", "阅读"]
    for i, name in enumerate(groups):
        first = date(2026, 9, 7) + timedelta(days=i % 5)
        event(f"group-{i}", f"{name}兴趣小组", f"DTSTART;TZID=Asia/Shanghai:{first:%Y%m%d}T153000",
              f"DTEND;TZID=Asia/Shanghai:{first:%Y%m%d}T163000", "RRULE:FREQ=WEEKLY;UNTIL=20270709T000000Z")
    for i in range(304):
        day = date(2026, 9, 1) + timedelta(days=(i * 7) % 310)
        hour = 8 + i % 8
        event(f"single-{i}", f"活动 {i:03d}", f"DTSTART;TZID=Asia/Shanghai:{day:%Y%m%d}T{hour:02d}0000",
              f"DTEND;TZID=Asia/Shanghai:{day:%Y%m%d}T{hour:02d}4500")
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


class Client:
    """A browser's worth of HTTP: a cookie jar, redirects followed, same-origin posts."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        # A browser's Accept: without it a server function answers its redirect as 200 +
        # Location, which urllib does not follow.
        self.opener.addheaders = [("Accept", "text/html")]

    def get(self, path: str) -> tuple[str, bytes]:
        with self.opener.open(self.base + path, timeout=60) as r:
            return r.geturl(), r.read()

    def post(self, path: str, body: bytes, content_type: str) -> tuple[str, bytes]:
        request = urllib.request.Request(self.base + path, data=body, method="POST", headers={
            "Content-Type": content_type, "Origin": self.base, "Sec-Fetch-Site": "same-origin"})
        with self.opener.open(request, timeout=120) as r:
            return r.geturl(), r.read()

    def form(self, path: str, fields: dict) -> tuple[str, bytes]:
        return self.post(path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def sign_in(self, username: str) -> "Client":
        url, page = self.form("/api/auth/login", {"username": username, "password": PASSWORD, "next": "/calendar"})
        if not urllib.parse.urlparse(url).path.startswith("/calendar"):
            sys.exit(f"bench-http: {username} could not sign in (ended on {url})")
        # As a browser does on its first page: the style sheet fetched by its link, whose
        # answer sets the cookie that has later pages link it (app/src/site_style.rs).
        sheet = re.search(rb'href="(/pkg/[^"]+\.css\?v=[0-9a-f]+)"', page)
        if sheet:
            self.get(sheet.group(1).decode())
        return self

    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def multipart(fields: dict, file_name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 "Content-Type: text/calendar\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wrk(url: str, connections: int, headers: list[str]) -> tuple[float, str]:
    """Requests per second and the p99 latency, from wrk's own report."""
    args = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{DURATION}s", "--latency", "--timeout", "10s"]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run(args + [url], capture_output=True, text=True, timeout=int(DURATION) + 60).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: .*", out)
    if not rate or not p99:
        sys.exit(f"bench-http: wrk said\n{out}")
    if bad or socket_errors:
        sys.exit(f"bench-http: errors measuring {url}:\n{out}")
    return float(rate.group(1)), p99.group(1)


def wait_for(url: str, proc: subprocess.Popen, log_path: str, what: str, auth: str | None = None) -> None:
    """Waits up to two minutes for `url` to answer; stops the bench if `proc` ends first."""
    request = urllib.request.Request(url, headers={"Authorization": auth} if auth else {})
    for _ in range(600):
        try:
            urllib.request.urlopen(request, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if proc.poll() is not None:
                sys.exit(f"bench-http: {what} stopped:\n" + open(log_path).read()[-4000:])
            time.sleep(0.2)
    sys.exit(f"bench-http: {what} did not answer {url} in two minutes")


def stop(proc: subprocess.Popen, log) -> None:
    """Stops a server the bench started, and closes its log."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def radicale_rate(work: str, feed: bytes) -> tuple[str, float, str]:
    """The feed put into Radicale as one calendar and read back at 4 connections: its
    version, requests per second and p99. Filesystem storage, as Radicale ships."""
    site = os.path.join(ROOT, "tools/radicale")
    if not os.path.isdir(os.path.join(site, "radicale")):
        sys.exit("bench-http: Radicale is missing (scripts/install-tools.sh --bench)")
    version = re.search(r"radicale-([\d.]+)\.dist-info", " ".join(os.listdir(site))).group(1)
    port = free_port()
    config = os.path.join(work, "radicale.conf")
    with open(config, "w") as f:
        f.write(f"[server]\nhosts = 127.0.0.1:{port}\n[auth]\ntype = none\n[rights]\ntype = owner_only\n"
                f"[storage]\nfilesystem_folder = {work}/radicale\n[logging]\nlevel = warning\n")
    log_path = os.path.join(work, "radicale.log")
    log = open(log_path, "w")
    env = dict(PATH=os.environ.get("PATH", ""), PYTHONPATH=site)
    proc = subprocess.Popen([sys.executable, "-m", "radicale", "--config", config], env=env, stdout=log, stderr=log)
    # Any user name is taken with `auth = none`; the calendar is that user's.
    auth = "Basic YmVuY2g6YmVuY2g="  # bench:bench
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/", proc, log_path, "Radicale", auth)
        calendar = base + "/bench/school/"
        put = urllib.request.Request(calendar, data=feed, method="PUT",
                                     headers={"Authorization": auth, "Content-Type": "text/calendar"})
        urllib.request.urlopen(put, timeout=120).read()
        back = urllib.request.urlopen(urllib.request.Request(calendar, headers={"Authorization": auth}), timeout=120).read()
        if back.count(b"BEGIN:VEVENT") != feed.count(b"BEGIN:VEVENT"):
            sys.exit("bench-http: Radicale did not give the feed's events back")
        rate, p99 = wrk(calendar, 4, [f"Authorization: {auth}"])
        return version, rate, p99
    finally:
        stop(proc, log)


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        kb = int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
    return kb / 1024


def main() -> None:
    server = os.path.join(ROOT, "target/release/server")
    if not os.path.exists(server) or not os.path.isdir(os.path.join(ROOT, "target/site")):
        sys.exit("bench-http: run `make build` first")
    if not shutil.which("wrk"):
        sys.exit("bench-http: wrk is missing (scripts/install-tools.sh --bench)")
    work = tempfile.mkdtemp(prefix="hopehome-bench-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Only what the server needs: an exported COOKIE_SECURE or PUBLIC_URL would change it.
    env = dict(PATH=os.environ.get("PATH", ""), HOME=os.environ.get("HOME", ""), DATABASE_URL=f"sqlite://{work}/bench.db", SCHOOL_TODAY=TODAY,
               LEPTOS_SITE_ADDR=f"127.0.0.1:{port}", LEPTOS_SITE_ROOT=os.path.join(ROOT, "target/site"),
               RUST_LOG="warn")
    log = open(os.path.join(work, "server.log"), "w")
    proc = subprocess.Popen([server], env=env, stdout=log, stderr=log, cwd=ROOT)
    try:
        wait_for(base + "/healthz", proc, os.path.join(work, "server.log"), "the server")
        teacher = Client(base).sign_in("teacher")
        rows = []
        demo_html = len(teacher.get(MONTH)[1])
        light = "/account/password"
        if urllib.parse.urlparse(teacher.get(light)[0]).path != light:
            sys.exit("bench-http: the teacher's session was not kept")
        rate, p99 = wrk(base + MONTH, 32, [f"Cookie: {teacher.cookie()}"])
        rows.append(("month page as a teacher, 32 connections, demo school", rate, p99))

        # The year goes in through the import, as the leading group would do it.
        leader = Client(base).sign_in("leader")
        body, content_type = multipart({"category": "activity", "audience": "school", "student_visible": "on"}, "year.ics", year_ics().encode())
        url, _ = leader.post("/api/calendar/import/upload", body, content_type)
        found = re.search(r"/calendar/import/(\d+)", url)
        if not found:
            sys.exit(f"bench-http: the upload ended on {url}")
        url, _ = leader.form("/api/calendar/import/commit", {"id": found.group(1)})
        if "saved=1" not in url:
            sys.exit(f"bench-http: the import was not committed (ended on {url})")

        admin = Client(base).sign_in("admin")
        _, page = admin.form("/api/admin/feeds/create", {"child_id": "", "next": "/admin/feeds"})
        token = re.search(rb"calendar\.ics\?token=([A-Za-z0-9_%-]+)", page)
        if not token:
            sys.exit("bench-http: the new feed's link was not on the page")
        feed = f"/calendar.ics?token={token.group(1).decode()}"
        feed_body = urllib.request.urlopen(base + feed, timeout=30)
        etag, feed_bytes = feed_body.headers.get("ETag"), feed_body.read()

        year_html = len(teacher.get(MONTH)[1])
        rate, p99 = wrk(base + MONTH, 32, [f"Cookie: {teacher.cookie()}"])
        rows.append(("month page as a teacher, 32 connections, + the 705-event year", rate, p99))
        rate, p99 = wrk(base + MONTH, 32, [f"Cookie: {teacher.cookie()}", "Accept-Encoding: gzip, deflate, br"])
        rows.append(("the same, to a browser that asks for compression (as all do)", rate, p99))
        rate, p99 = wrk(base + feed, 4, [])
        rows.append((f"school feed ({feed_bytes.count(b'BEGIN:VEVENT')} events), 4 connections", rate, p99))
        rate, p99 = wrk(base + feed, 4, ["Accept-Encoding: gzip, deflate, br"])
        rows.append(("the same feed to a phone that asks for compression (brotli)", rate, p99))
        if etag:
            rate, p99 = wrk(base + feed, 4, [f"If-None-Match: {etag}"])
            rows.append(("school feed revalidated (304), 4 connections", rate, p99))
        rate, p99 = wrk(base + "/login", 32, [])
        rows.append(("sign-in page, 32 connections", rate, p99))
        rate, p99 = wrk(base + light, 32, [f"Cookie: {teacher.cookie()}"])
        rows.append(("a light signed-in page, 32 connections", rate, p99))
        memory = rss_mb(proc.pid)
        version, rate, p99 = radicale_rate(work, feed_bytes)
        rows.append((f"the same feed from Radicale {version}, 4 connections", rate, p99))

        cores = os.cpu_count()
        print(f"\n{date.today()}, {cores} cores, wrk {DURATION} s per row, loopback\n")
        print("| what | req/s | p99 |")
        print("| --- | ---: | ---: |")
        for what, rate, p99 in rows:
            print(f"| {what} | {rate:,.0f} | {p99} |")
        print(f"\n| size | |\n| --- | ---: |")
        print(f"| month page HTML, demo school | {demo_html / 1024:.0f} KB |")
        print(f"| month page HTML, + the year | {year_html / 1024:.0f} KB |")
        print(f"| school feed | {len(feed_bytes) / 1024:.0f} KB, ETag {'yes' if etag else 'no'} |")
        print(f"| server resident memory after the load | {memory:.0f} MB |")
    finally:
        stop(proc, log)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    # `--year-ics` prints the year alone (`make measure` imports the same year).
    if sys.argv[1:] == ["--year-ics"]:
        sys.stdout.write(year_ics())
    else:
        main()
