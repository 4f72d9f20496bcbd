"""An in-process OpenAI-compatible HTTP server that answers with scripted, real-shaped JSON."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ARTICLE_ID = re.compile(r"Article id: (\S+)")
JUDGE_ENTITY = re.compile(r"^Entity: (\S+)", re.MULTILINE)


@dataclass
class Reply:
    """One scripted answer.

    kind: "ok" (a valid completion with `payload`), "status" (an HTTP error), "hang" (wait
    `delay` seconds, or until the server stops, before answering ok), "hold" (wait until the
    event `until` is set, or the server stops, before answering ok), "drop" (close the
    connection without answering), "truncated" (the payload's JSON cut in half), "raw" (`payload` is sent as the arguments
    string verbatim), "length" (finish_reason=length).
    """

    kind: str = "ok"
    payload: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    until: threading.Event | None = None


def ok(payload: Any) -> Reply:
    return Reply("ok", payload)


def status(code: int, headers: dict[str, str] | None = None, message: str | None = None) -> Reply:
    return Reply("status", message, status=code, headers=headers or {})


def hang(delay: float, payload: Any = None) -> Reply:
    return Reply("hang", payload, delay=delay)


def hold(until: threading.Event, payload: Any = None) -> Reply:
    return Reply("hold", payload, until=until)


def drop() -> Reply:
    return Reply("drop")


def truncated(payload: Any) -> Reply:
    return Reply("truncated", payload)


def raw(text: str) -> Reply:
    return Reply("raw", text)


def length(payload: Any) -> Reply:
    return Reply("length", payload)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up mid-answer are part of the faults under test


class FakeOpenAI:
    """A threaded HTTP server speaking the chat-completions API.

    Answers per article (found by the "Article id:" line of the prompt) follow a script: a list
    of Replies consumed in order, the last one repeating. `default` answers articles without a
    script: a callable from the article id to a payload dict. Judge calls (an "Entity:" line)
    are scripted under "judge:<entity>" and answered by default by `judge`: a callable from the
    entity and the prompt to a payload (default: no verdicts).
    """

    def __init__(
        self,
        default: Callable[[str], Any] | None = None,
        judge: Callable[[str, str], Any] | None = None,
    ) -> None:
        self.scripts: dict[str, list[Reply]] = {}
        self.default = default or (lambda _id: {"meetings": [], "proposals": [], "statements": []})
        self.judge = judge or (lambda _entity, _prompt: {"verdicts": []})
        self.prompts: dict[str, str] = {}
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.calls: dict[str, int] = defaultdict(int)
        # prompt and completion tokens answered, per article id or "judge:<entity>"
        self.tokens: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.in_flight = 0  # chat requests being answered now, and the most at once
        self.max_in_flight = 0
        self.latency = 0.0  # seconds every chat answer waits
        self.lock = threading.Lock()
        self._stopping = threading.Event()  # ends every hang still running: closing never waits
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, article_id: str, *replies: Reply) -> None:
        self.scripts[article_id] = list(replies)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, key: str) -> Any:
        if key.startswith("judge:"):
            return self.judge(key.removeprefix("judge:"), self.prompts.get(key, ""))
        return self.default(key)

    def _next(self, article_id: str) -> Reply:
        with self.lock:
            self.calls[article_id] += 1
            script = self.scripts.get(article_id)
            if not script:
                return ok(self._answer(article_id))
            return script.pop(0) if len(script) > 1 else script[0]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake.lock:
                    fake.requests.append(body)
                    fake.headers.append(dict(self.headers.items()))
                if not self.path.endswith("/chat/completions"):
                    self._send(
                        404, {"error": {"message": "not found", "type": "invalid_request_error"}}
                    )
                    return
                prompt = "\n".join(
                    m.get("content") or ""
                    for m in body.get("messages", [])
                    if isinstance(m.get("content"), str)
                )
                found = ARTICLE_ID.search(prompt)
                article_id = found[1] if found else "?"
                if found is None and (entity := JUDGE_ENTITY.search(prompt)) is not None:
                    article_id = f"judge:{entity[1]}"
                    with fake.lock:
                        fake.prompts[article_id] = prompt
                with fake.lock:
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                try:
                    self._answer(body, fake._next(article_id), article_id)
                finally:
                    with fake.lock:
                        fake.in_flight -= 1

            def _answer(self, body: dict[str, Any], reply: Reply, article_id: str) -> None:
                if fake.latency:
                    time.sleep(fake.latency)
                if reply.kind == "drop":
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.connection.close()
                    return
                if reply.kind == "status":
                    self._send(
                        reply.status,
                        {
                            "error": {
                                "message": reply.payload or f"scripted {reply.status}",
                                "type": "server_error",
                                "code": None,
                                "param": None,
                            }
                        },
                        reply.headers,
                    )
                    return
                if reply.kind == "hang":
                    fake._stopping.wait(reply.delay)
                if reply.until is not None:
                    while not (reply.until.wait(0.05) or fake._stopping.is_set()):
                        pass
                payload = reply.payload if reply.payload is not None else fake._answer(article_id)
                arguments = str(payload) if reply.kind == "raw" else json.dumps(payload)
                if reply.kind == "truncated":
                    arguments = arguments[: len(arguments) // 2]
                finish = "length" if reply.kind == "length" else None
                answer = completion(body, arguments, finish)
                with fake.lock:
                    used = fake.tokens[article_id]
                    used[0] += answer["usage"]["prompt_tokens"]
                    used[1] += answer["usage"]["completion_tokens"]
                self._send(200, answer)

            def _send(
                self, code: int, data: dict[str, Any], headers: dict[str, str] | None = None
            ) -> None:
                blob = json.dumps(data).encode()
                try:
                    self.send_response(code)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(blob)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(blob)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler


def completion(
    request: dict[str, Any], arguments: str, finish: str | None = None
) -> dict[str, Any]:
    """A chat completion as OpenAI returns it: a tool call when tools were offered, else text."""
    prompt_tokens = sum(len(str(m.get("content", ""))) // 4 for m in request.get("messages", []))
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}
        ]
        finish = finish or "tool_calls"
    else:
        if request.get("response_format", {}).get("type") == "json_schema" or "json" in str(
            request.get("response_format", "")
        ):
            message["content"] = arguments
        else:
            message["content"] = f"Here is the extraction:\n```json\n{arguments}\n```"
        finish = finish or "stop"
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": request.get("model", "fake-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(arguments) // 4,
            "total_tokens": prompt_tokens + len(arguments) // 4,
        },
    }
