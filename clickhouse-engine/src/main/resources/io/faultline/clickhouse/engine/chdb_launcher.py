# Runs the ClickHouse engine (libchdb.so) as clickhouse-local with its HTTP listener on, in this
# process, so that the JVM that starts it never loads the library (ClickHouse installs its own
# signal handlers and allocator). Exits when its standard input closes: the parent died or
# stopped it, so an engine never outlives the stack that started it.
# Usage: python3 chdb_launcher.py <libchdb.so> <data dir> <http port>
import ctypes
import os
import sys
import threading

library, data_dir, http_port = sys.argv[1], sys.argv[2], sys.argv[3]


def exit_when_parent_goes():
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)


threading.Thread(target=exit_when_parent_goes, daemon=True).start()
lib = ctypes.CDLL(library)
# the second statement only keeps clickhouse-local (and so the listener) running
args = [b"clickhouse", ("--path=" + data_dir).encode(), ("--http_port=" + http_port).encode(),
        b"--listen_host=127.0.0.1", b"--query",
        b"SYSTEM START LISTEN HTTP; "
        b"SELECT sleepEachRow(1) FROM numbers(1000000000) SETTINGS max_block_size = 1 FORMAT Null"]
argv = (ctypes.c_char_p * len(args))(*args)
lib.chdb_query_cmdline.restype = ctypes.c_void_p
lib.chdb_query_cmdline(len(args), argv)
print("chdb_launcher: the engine returned; see the lines above", file=sys.stderr)
os._exit(1)
