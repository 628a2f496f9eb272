"""Start localstripe (the fake Stripe server used by the tests and `make run`) the safe way.

localstripe listens on every interface and keeps its state in /tmp/localstripe.pickle; here it listens on 127.0.0.1
only, with its state file in the folder given, so parallel test runs never share (or leak) payment data.

    python -m plugins.stripe.localstripe_server --state-dir /tmp/x [--port 0]

It prints `LISTENING <port>` once the socket is bound (port 0 picks a free one), then serves until killed.
"""

import argparse
import os
import pickle
import socket
import sys


def _patch_store(state_file: str) -> None:
    from localstripe import resources

    def try_load_from_disk(self):
        if os.path.exists(state_file):
            with open(state_file, "rb") as handle:
                self.clear()
                self.update(pickle.load(handle))  # noqa: S301 - its own file, in our private folder

    def dump_to_disk(self):
        with open(state_file, "wb") as handle:
            pickle.dump(dict(self), handle, protocol=pickle.HIGHEST_PROTOCOL)

    resources.Store.try_load_from_disk = try_load_from_disk
    resources.Store.dump_to_disk = dump_to_disk


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--state-dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    _patch_store(os.path.join(args.state_dir, "localstripe.pickle"))

    from aiohttp import web
    from localstripe.server import app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sys.stdout.write(f"LISTENING {sock.getsockname()[1]}\n")
    sys.stdout.flush()
    web.run_app(app, sock=sock, print=None, access_log=None)


if __name__ == "__main__":
    main(sys.argv[1:])
