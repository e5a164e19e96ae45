"""Fetching an attachment from GitHub's attachment hosts: every address (and every redirect) checked
against the host policy before it is contacted, the size capped while reading, no token sent along."""

from __future__ import annotations

import urllib.error
import urllib.request
from typing import Any

from ..core.bot.attachments import HostPolicy, well_formed
from ..core.read.files import UPLOAD_LIMIT, human_size

CHUNK = 1 << 16


class DownloadProblem(ValueError):
    """The file could not be fetched; the message is for the person who attached it."""


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, policy: HostPolicy) -> None:
        self.policy = policy

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if not self.policy.allows(newurl):
            raise DownloadProblem("附件被转到了 GitHub 以外的网站，没有下载。")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    def __init__(self, policy: HostPolicy | None = None, cap: int = UPLOAD_LIMIT, timeout: float = 60) -> None:
        self.policy = policy or HostPolicy()
        self.cap = cap
        self.timeout = timeout
        # No proxies from the environment and no cookies: the request goes where the policy said, bare.
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _CheckedRedirects(self.policy))

    def get(self, url: str) -> bytes:
        if not well_formed(url):
            raise DownloadProblem("这个附件的地址不对（里面有空格或特殊字符），没有下载。请把文件重新拖进表单里上传。")
        if not self.policy.allows(url):
            raise DownloadProblem("这个文件不在 GitHub 上，没有下载。请把文件直接拖进表单里上传。")
        request = urllib.request.Request(url, headers={"User-Agent": "cohandbook-bot"})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                declared = int(response.headers.get("Content-Length") or 0)
                if declared > self.cap:
                    raise self._too_large(declared)
                return self._read(response)
        except DownloadProblem:
            raise
        except urllib.error.HTTPError as exc:
            raise DownloadProblem(f"下载附件失败（GitHub 答复 {exc.code}）。请重新上传这个文件。") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise DownloadProblem("下载附件失败，请稍后再编辑一下表单重试。") from exc
        except ValueError as exc:  # http.client.InvalidURL and kin: an address the library cannot send
            raise DownloadProblem("这个附件的地址不对，没有下载。请把文件重新拖进表单里上传。") from exc

    def _read(self, response: Any) -> bytes:
        chunks, size = [], 0
        while chunk := response.read(CHUNK):
            size += len(chunk)
            if size > self.cap:
                raise self._too_large(size)
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self, size: int) -> DownloadProblem:
        return DownloadProblem(f"文件超过了 {human_size(self.cap)} 的上限。大视频请传到 B 站，再贴视频网址。")
