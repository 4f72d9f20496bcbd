"""The fake OpenAI server with the Batch API: files, batches, polling, output and error files."""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

from fakeserver import ARTICLE_ID, FakeOpenAI, completion


class FakeBatchOpenAI(FakeOpenAI):
    """Chat completions (as FakeOpenAI) plus `/files` and `/batches`.

    A batch moves one step per retrieve: validating → in_progress → finalizing → `ending`
    ("completed" by default; "expired" or "cancelled" finish only the first half of the
    requests). Each request is answered by the same per-article scripts as live calls: a
    scripted HTTP status becomes a failed line in the error file.
    """

    def __init__(self, default: Callable[[str], Any] | None = None) -> None:
        super().__init__(default)
        self.lock = threading.RLock()  # a batch is answered under the lock, by the scripts
        self.files: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.retrieves = 0
        self.ending = "completed"
        self._ids = itertools.count(1)

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids)}"

    def _file(self, data: bytes, purpose: str, name: str) -> dict[str, Any]:
        meta = {
            "id": self._new_id("file"),
            "object": "file",
            "bytes": len(data),
            "created_at": 1_700_000_000,
            "filename": name,
            "purpose": purpose,
            "status": "processed",
        }
        self.files[meta["id"]] = {"meta": meta, "data": data}
        return meta

    def _answer_line(self, line: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any]]:
        """(output line or None, error line) for one batch request."""
        body = line["body"]
        prompt = "\n".join(str(m.get("content") or "") for m in body.get("messages", []))
        found = ARTICLE_ID.search(prompt)
        reply = self._next(found[1] if found else "?")
        if reply.kind == "status":
            error = {"code": "server_error", "message": f"scripted {reply.status}"}
            return None, {
                "id": "req",
                "custom_id": line["custom_id"],
                "response": None,
                "error": error,
            }
        payload = (
            reply.payload if reply.payload is not None else self.default(found[1] if found else "?")
        )
        arguments = str(payload) if reply.kind == "raw" else json.dumps(payload)
        response = {"status_code": 200, "request_id": "req", "body": completion(body, arguments)}
        out = {"id": "req", "custom_id": line["custom_id"], "response": response, "error": None}
        return out, {}

    def _finish(self, batch: dict[str, Any]) -> None:
        lines = [
            json.loads(x) for x in self.files[batch["input_file_id"]]["data"].splitlines() if x
        ]
        if batch["ending"] != "completed":
            lines = lines[: len(lines) // 2]
        outputs, errors = [], []
        for line in lines:
            out, error = self._answer_line(line)
            if out is not None:
                outputs.append(out)
            else:
                errors.append(error)
        if outputs:
            blob = "".join(json.dumps(o) + "\n" for o in outputs).encode()
            batch["output_file_id"] = self._file(blob, "batch_output", "output.jsonl")["id"]
        if errors:
            blob = "".join(json.dumps(e) + "\n" for e in errors).encode()
            batch["error_file_id"] = self._file(blob, "batch_output", "errors.jsonl")["id"]
        batch["request_counts"]["completed"] = len(outputs)
        batch["request_counts"]["failed"] = len(errors)
        batch["status"] = batch["ending"]

    def _step(self, batch: dict[str, Any]) -> None:
        steps = {"validating": "in_progress", "in_progress": "finalizing"}
        if batch["status"] in steps:
            batch["status"] = steps[batch["status"]]
        elif batch["status"] == "finalizing":
            self._finish(batch)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        base: Any = super()._handler()
        fake = self

        class Handler(base):  # type: ignore[misc, valid-type]
            def do_POST(self) -> None:
                if self.path.endswith("/files"):
                    length = int(self.headers.get("content-length", 0))
                    raw = self.rfile.read(length)
                    head = f"content-type: {self.headers['content-type']}\r\n\r\n".encode()
                    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                        head + raw
                    )
                    parts = {
                        p.get_param("name", header="content-disposition"): p
                        for p in message.iter_parts()
                    }
                    data = parts["file"].get_payload(decode=True)
                    purpose = parts["purpose"].get_payload(decode=True).decode()
                    name = parts["file"].get_filename() or "input.jsonl"
                    with fake.lock:
                        self._send(200, fake._file(data, purpose, name))
                    return
                if self.path.endswith("/batches"):
                    length = int(self.headers.get("content-length", 0))
                    body = json.loads(self.rfile.read(length))
                    data = fake.files[body["input_file_id"]]["data"]
                    batch = {
                        "id": fake._new_id("batch"),
                        "object": "batch",
                        "endpoint": body["endpoint"],
                        "errors": None,
                        "input_file_id": body["input_file_id"],
                        "completion_window": body["completion_window"],
                        "status": "validating",
                        "output_file_id": None,
                        "error_file_id": None,
                        "created_at": 1_700_000_000,
                        "request_counts": {
                            "total": len(data.splitlines()),
                            "completed": 0,
                            "failed": 0,
                        },
                        "ending": fake.ending,
                    }
                    with fake.lock:
                        fake.batches[batch["id"]] = batch
                    self._send(200, {k: v for k, v in batch.items() if k != "ending"})
                    return
                super().do_POST()

            def do_GET(self) -> None:
                parts = self.path.split("?")[0].rstrip("/").split("/")
                if "batches" in parts:
                    batch = fake.batches.get(parts[-1])
                    if batch is None:
                        self._send(404, {"error": {"message": "no such batch"}})
                        return
                    with fake.lock:
                        fake.retrieves += 1
                        fake._step(batch)
                    self._send(200, {k: v for k, v in batch.items() if k != "ending"})
                    return
                if "files" in parts and parts[-1] == "content":
                    stored = fake.files.get(parts[-2])
                    if stored is None:
                        self._send(404, {"error": {"message": "no such file"}})
                        return
                    blob = stored["data"]
                    self.send_response(200)
                    self.send_header("content-type", "application/octet-stream")
                    self.send_header("content-length", str(len(blob)))
                    self.end_headers()
                    self.wfile.write(blob)
                    return
                self._send(404, {"error": {"message": "not found"}})

        return Handler
