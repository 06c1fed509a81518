"""Serve a built site with gzip, as a production server would, for Lighthouse runs:

    python tests/tools/serve_gzip.py site 8172

Text files (HTML, CSS, JS, JSON, SVG, XML) are sent gzip-compressed when the browser
accepts it; everything else as it is. Standard library only; for local measurements.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import sys
from pathlib import Path

TEXT = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in TEXT and path.is_file()):
            return super().send_head()
        if Path(self.translate_path(self.path)).is_dir() and not self.path.split("?")[0].endswith(
            "/"
        ):
            return super().send_head()  # the redirect to the folder's address
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    folder, port = sys.argv[1], int(sys.argv[2])
    handler = functools.partial(GzipHandler, directory=folder)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main()
