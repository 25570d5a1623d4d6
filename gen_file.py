#!/usr/bin/env python3
"""Generate test files for jfastdfs / go-fastdfs load tests (API.md §7.3).

Layout (same as the upstream go-fastdfs gen_file.py): a new directory every
--per-dir files, named after the index of its first file (0/, 1000/, ...);
file <dir>/<i>.txt.

Content: by default the text of one random.random() value repeated 100000
times (~1.8 MB, unique per file). With --size BYTES every file has exactly
BYTES bytes of random text that starts with a per-file unique header.

    python3 gen_file.py [--count 1000000] [--per-dir 1000] [--size BYTES] [--dir .]

Prints one final line: generated <files> files in <dirs> directories, <bytes> bytes
Python 3 standard library only.
"""

import argparse
import os
import random
import sys

ALPHABET = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n"
POOL_SIZE = 4 << 20   # random text pool, sliced at random offsets
CHUNK = 1 << 20       # largest single write for big files


def make_pool(size):
    """size bytes of random printable text (alphanumerics, spaces, newlines)."""
    table = bytes(ALPHABET[i % len(ALPHABET)] for i in range(256))  # 256 % 64 == 0: uniform
    return os.urandom(size).translate(table)


def nonneg_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def pos_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate test files for jfastdfs load tests.")
    ap.add_argument("--count", type=nonneg_int, default=1000000, help="number of files (default 1000000)")
    ap.add_argument("--per-dir", type=pos_int, default=1000, help="files per directory (default 1000)")
    ap.add_argument("--size", type=nonneg_int, default=None,
                    help="exact size of every file in bytes, random text unique per file "
                         "(default: str(random.random()) repeated 100000 times)")
    ap.add_argument("--dir", default=".", help="where to create the directories (default .)")
    args = ap.parse_args(argv)

    rnd = random.SystemRandom() if args.size is not None else random
    pool = view = None
    if args.size is not None and args.size > 0:
        pool = make_pool(max(POOL_SIZE, min(args.size, CHUNK) * 2))
        view = memoryview(pool)

    total_bytes = 0
    dirs = 0
    current_dir = None
    for i in range(args.count):
        start = (i // args.per_dir) * args.per_dir
        if start != current_dir:
            current_dir = start
            dir_path = os.path.join(args.dir, str(start))
            os.makedirs(dir_path, exist_ok=True)
            dirs += 1
        path = os.path.join(dir_path, "%d.txt" % i)

        if args.size is None:
            data = str(random.random()).encode("ascii") * 100000
            with open(path, "wb") as f:
                f.write(data)
            total_bytes += len(data)
            continue

        size = args.size
        # Unique header first, so that even small files differ from each other.
        header = ("%d %x\n" % (i, rnd.getrandbits(64))).encode("ascii")[:size]
        with open(path, "wb") as f:
            if size == 0:
                pass
            elif size <= CHUNK:
                rest = size - len(header)
                off = rnd.randrange(0, len(pool) - rest + 1)
                f.write(header + pool[off:off + rest])
            else:
                f.write(header)
                rest = size - len(header)
                while rest > 0:
                    n = min(rest, CHUNK)
                    off = rnd.randrange(0, len(pool) - n + 1)
                    f.write(view[off:off + n])
                    rest -= n
        total_bytes += size

    print("generated %d files in %d directories, %d bytes" % (args.count, dirs, total_bytes))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as e:
        print("gen_file.py: %s" % e, file=sys.stderr)
        sys.exit(1)
