"""An OpenAI-compatible chat server that answers every request after a fixed latency.

Run in its own process so that it never competes with the client under test for the GIL:

    python benchmarks/latency_server.py --latency 0.3        # prints "PORT <n>" when ready

Each answer is the hand-written gold extraction of the example article the request's article
copies (ids such as `copy0042_000_4adca80e61857a20` map to `tests/gold/000_4adca80e61857a20.json`),
shaped like OpenAI's answer for the request's mode (a tool call, or JSON content).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakeserver import completion  # noqa: E402 - the same answer shape the tests use

ARTICLE_ID = re.compile(rb"Article id: (\S+?)(?:\\n|\s|\")")
COPY = re.compile(r"^copy\d+_(.+)$")


def load_gold() -> dict[str, str]:
    """Each gold extraction as its JSON text, by article id."""
    gold = {}
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        if path.stem == "expected":
            continue
        gold[path.stem] = json.dumps(json.loads(path.read_text(encoding="utf-8")))
    return gold


EMPTY = json.dumps({"meetings": [], "proposals": [], "statements": []})


class Server:
    """HTTP/1.1 with keep-alive, just enough of it for the openai client."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.gold = load_gold()
        self.requests = 0

    def answer_for(self, body: bytes) -> bytes:
        request: dict[str, Any] = json.loads(body or b"{}")
        found = ARTICLE_ID.search(body)
        article = found[1].decode() if found else ""
        copied = COPY.match(article)
        arguments = self.gold.get(copied[1] if copied else article, EMPTY)
        return json.dumps(completion(request, arguments)).encode()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                body = await reader.readexactly(length) if length else b""
                self.requests += 1
                await asyncio.sleep(self.latency)
                blob = self.answer_for(body)
                writer.write(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                    + f"content-length: {len(blob)}\r\n\r\n".encode()
                    + blob
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def serve(self, port: int) -> None:
        server = await asyncio.start_server(self.handle, "127.0.0.1", port, backlog=1024)
        bound = server.sockets[0].getsockname()[1]
        print(f"PORT {bound}", flush=True)
        async with server:
            await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per answer")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(Server(args.latency).serve(args.port))


if __name__ == "__main__":
    main()
