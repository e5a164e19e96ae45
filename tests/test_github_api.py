"""The REST client follows GitHub's pages: a listing longer than one page is read whole (up to its cap)."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from cohandbook.github.api import GitHub

REPO = "xinghe-auto/handbooks"


def paged(server: HTTPServer, path: str, pages: list[list[dict[str, object]]]) -> None:
    """`path?page=N` answers page N with a `Link: rel="next"` header to the next one, as GitHub does."""

    def answer(request: Request) -> Response:
        number = int(request.args.get("page", "1"))
        headers = {}
        if number < len(pages):
            headers["Link"] = f'<{server.url_for(path)}?per_page=100&page={number + 1}>; rel="next"'
        return Response(json.dumps(pages[number - 1]), content_type="application/json", headers=headers)

    server.expect_request(path).respond_with_handler(answer)


def test_the_daily_rounds_open_pull_requests_are_read_past_the_first_page(httpserver: HTTPServer) -> None:
    """An open hand-in on the second page of pull requests, and a module path on the second page of its
    files, still keep the claim (before, only the first hundred of each were read)."""
    base = f"/repos/{REPO}"
    paged(httpserver, f"{base}/pulls", [[{"number": n} for n in range(1, 101)], [{"number": 101}]])
    for n in range(1, 101):
        httpserver.expect_request(f"{base}/pulls/{n}/files").respond_with_json([])
    files = [
        [{"filename": f"contributors/p{i}.yml"} for i in range(100)],
        [{"filename": "handbooks/g/modules/m/x.jpg"}],
    ]
    paged(httpserver, f"{base}/pulls/101/files", files)
    paths = GitHub(httpserver.url_for(""), REPO, "ghs_test").open_pull_files()
    assert "handbooks/g/modules/m/x.jpg" in paths and len(paths) == 101


def test_a_next_page_on_another_host_is_not_followed(httpserver: HTTPServer) -> None:
    """A forged Link header must not send the token to another address."""
    httpserver.expect_request(f"/repos/{REPO}/labels").respond_with_json(
        [{"name": "认领"}], headers={"Link": '<http://127.0.0.2:9/steal>; rel="next"'}
    )
    assert GitHub(httpserver.url_for(""), REPO, "ghs_test").labels() == ["认领"]
