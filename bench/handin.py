"""Time one phone hand-in as GitHub Actions runs it: 12 photos (half iPhone HEIC, half JPEG with a location),
and one `.mov` (H.264, remuxed; HEVC, transcoded), each a fresh `cohandbook bot` process.

A real git repository with a bare remote, and a stand-in for GitHub's REST API and attachment host on
127.0.0.1 (the bot fetches the attachments over HTTP as it does on GitHub). Reports wall time, the bytes
fetched and the bytes the hand-in's commit adds. Run from the repository root:
``PYTHONPATH=plugins python bench/handin.py`` (needs ffmpeg with libx264 and libx265, and pillow-heif).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
FILES: dict[str, bytes] = {}  # attachment path -> bytes, served by the stand-in
SERVED = [0]  # bytes sent


class Stand(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def _answer(self, status: int, data: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path in FILES:
            SERVED[0] += len(FILES[self.path])
            self._answer(200, FILES[self.path], "application/octet-stream")
        else:
            self._answer(200, b"[]")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._answer(201, json.dumps({"id": 1, "number": 42}).encode())

    do_PATCH = do_POST

    def log_message(self, format: str, *args: object) -> None:
        pass


def phone_photo(seed: int, heic: bool) -> bytes:
    """A 4032×3024 photo with detail (noise scaled up), as a phone saves it: HEIC, or JPEG with GPS."""
    base = Image.effect_noise((504, 378), 60 + seed).convert("RGB").resize((4032, 3024), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    if heic:
        import pillow_heif

        pillow_heif.register_heif_opener()
        base.save(buffer, "HEIF", quality=70)
    else:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}
        base.save(buffer, "JPEG", quality=88, exif=exif.tobytes())
    return buffer.getvalue()


def phone_video(folder: Path, codec: str, seconds: int) -> bytes:
    target = folder / f"clip-{codec}.mov"
    source = f"testsrc2=size=1280x720:rate=30:duration={seconds}"
    command = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", source, "-c:v", codec, "-pix_fmt", "yuv420p"]
    quiet = ["-x265-params", "log-level=error"] if codec == "libx265" else []
    subprocess.run([*command, *quiet, "-b:v", "6M", "-f", "mov", str(target)], check=True)
    return target.read_bytes()


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def write_repository(root: Path) -> None:
    (root / "contributors").mkdir(parents=True)
    (root / "contributors/skills.yml").write_text("photography: 摄影\n", encoding="utf-8")
    (root / "contributors/li-na.yml").write_text("name: 李娜\ngithub: lina-drives\n", encoding="utf-8")
    book = root / "handbooks/guide"
    modules = (
        "      - {id: trunk, title: 后备箱, format: gallery}\n      - {id: voice, title: 语音助手, format: video}\n"
    )
    (book / "modules").mkdir(parents=True)
    (book / "handbook.yml").write_text(
        f"title: 手册\nbrand: 星河汽车\nchapters:\n  - id: c\n    title: 章\n    modules:\n{modules}", encoding="utf-8"
    )
    for module in ("trunk", "voice"):
        (book / "modules" / module).mkdir()
        (book / "modules" / module / "index.md").write_text(
            "---\nstatus: claimed\ncontributors: [li-na]\nclaimed: 2026-11-20\nissue: 3\n---\n", encoding="utf-8"
        )


def form(module: str, **answers: str) -> str:
    labels = {
        "link": "视频链接（视频模块）", "video": "视频文件（视频模块，没有链接时上传）", "duration": "视频时长（视频模块）",
        "poster": "封面图（视频模块）", "photos": "照片和说明（图集模块）",
    }  # fmt: skip
    parts = ["### 手册编号\n\nguide", f"### 模块编号\n\n{module}"]
    parts += [f"### {label}\n\n{answers.get(key) or '_No response_'}" for key, label in labels.items()]
    return "\n\n".join(parts)


def hand_in(root: Path, api: str, number: int, body: str) -> float:
    event = {
        "action": "opened",
        "issue": {"number": number, "title": "交稿：", "body": body, "user": {"login": "lina-drives", "type": "User"},
                  "labels": [{"name": "提交"}], "state": "open"},
    }  # fmt: skip
    path = root.parent / f"event-{number}.json"
    path.write_text(json.dumps(event, ensure_ascii=False), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(PLUGINS),
        "GITHUB_TOKEN": "t",
        "GITHUB_REPOSITORY": "o/r",
        "GITHUB_API_URL": api,
        "COHANDBOOK_TODAY": "2026-11-22",
        "COHANDBOOK_ATTACHMENT_HOST": api.removeprefix("http://"),
    }
    code = "from cohandbook.cli.main import main; main()"
    command = [sys.executable, "-c", code, "--root", str(root), "bot", "--event", str(path), "--event-name", "issues"]
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    return elapsed


def added_bytes(remote: Path, branch: str) -> int:
    listing = git(remote, "ls-tree", "-r", "-l", branch, "--", "handbooks/guide/modules")
    return sum(int(line.split()[3]) for line in listing.splitlines() if line.split()[3] != "-")


def attach(name: str, data: bytes, api: str) -> str:
    FILES[f"/user-attachments/assets/{name}"] = data
    return f"{api}/user-attachments/assets/{name}"


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stand)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as folder:
        root, remote = Path(folder) / "repo", Path(folder) / "origin.git"
        write_repository(root)
        git(root, "init", "-q", "-b", "main")
        git(root, "add", "-A")
        git(root, "-c", "user.name=b", "-c", "user.email=b@e", "commit", "-q", "-m", "base")
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
        git(root, "remote", "add", "origin", str(remote))
        git(root, "push", "-q", "origin", "main")

        photos = [phone_photo(n, heic=n % 2 == 0) for n in range(12)]
        lines = [f'<img alt="IMG_{n}" src="{attach(f"p{n}", p, api)}" />\n第 {n + 1} 张' for n, p in enumerate(photos)]
        SERVED[0] = 0
        took = hand_in(root, api, 12, form("trunk", photos="\n".join(lines)))
        size = added_bytes(remote, "cohandbook/submit-12")
        print(f"12 photos (6 HEIC, 6 JPEG, 4032x3024): {took:.1f} s, fetched {sum(map(len, photos)) / 1e6:.1f} MB,"
              f" published {size / 1e6:.1f} MB")  # fmt: skip

        poster = attach("poster", phone_photo(99, heic=False), api)
        for number, (codec, seconds) in enumerate((("libx264", 10), ("libx265", 10)), start=20):
            clip = phone_video(Path(folder), codec, seconds)
            body = form(
                "voice", video=attach(f"v{number}", clip, api), poster=f'<img src="{poster}" />', duration="两分半"
            )
            took = hand_in(root, api, number, body)
            size = added_bytes(remote, f"cohandbook/submit-{number}")
            print(
                f".mov {codec} {seconds} s 720p: {took:.1f} s, fetched {len(clip) / 1e6:.1f} MB, published {size / 1e6:.1f} MB"
            )
    server.shutdown()


if __name__ == "__main__":
    main()
