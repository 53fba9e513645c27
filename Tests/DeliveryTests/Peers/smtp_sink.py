#!/usr/bin/env python3
"""SMTP relay stand-in for DeliveryTests, built on aiosmtpd (loopback only).

Usage: smtp_sink.py OUT.jsonl  -- prints "PORT <n>" once listening.
RCPT busy@… gets 451 (transient), RCPT nobody@… gets 550 (permanent); everything else is
accepted. Each accepted message is parsed with the stdlib e-mail parser (which undoes
dot-stuffing, RFC 2047 encoded-words and base64) and appended to OUT.jsonl as
{"from", "to", "subject", "message_id", "body", "html", "headers", "defects"} where "headers"
holds the From/To display names and addresses, the Date, the List-Unsubscribe and the content
type as email.policy.default reads them, and "defects" lists every defect it found in any
header or part (a Message-ID with ':' on the left, for one, is an InvalidHeaderDefect).
"""
import email
import email.policy
import json
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out):
        self.out = out

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("busy@"):
            return "451 4.3.0 mailbox busy, try later"
        if address.startswith("nobody@"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        defects = [type(d).__name__ + ": " + str(d) for d in message.defects]
        for name in message.keys():
            defects += [name + ": " + str(d) for d in getattr(message[name], "defects", ())]
        for part in message.walk():
            defects += [type(d).__name__ for d in part.defects]
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        sender, to = message["from"].addresses[0], message["to"].addresses[0]
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "message_id": str(message["message-id"]),
            "body": plain.get_content() if plain else None,
            "html": html.get_content() if html else None,
            "headers": {
                "from_name": sender.display_name, "from_address": sender.addr_spec,
                "to_name": to.display_name, "to_address": to.addr_spec,
                "date": message["date"].datetime.isoformat(),
                "list_unsubscribe": str(message["list-unsubscribe"]),
                "content_type": message.get_content_type(),
            },
            "defects": defects,
        }
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 2.0.0 queued as " + record["message_id"]


if __name__ == "__main__":
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Handler(sys.argv[1]), hostname="127.0.0.1", port=port)
    controller.start()
    print("PORT", port, flush=True)
    threading.Event().wait()
