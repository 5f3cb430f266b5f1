#!/usr/bin/env python3
"""Writes an Apple .icns file from PNG files: the container is just 'icns' + total length, then one
(type, length, PNG bytes) block per size. macOS 10.7+ reads PNG payloads for every type used here.

usage: mkicns.py out.icns png16 png32 png64 png128 png256 png512 png1024
"""
import struct
import sys

# (OSType, file index in argv[2:] by pixel size)
TYPES = [
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32),    # 16 pt @1x, 32 pt @1x, 16 pt @2x
    (b"icp6", 64), (b"ic12", 64),                    # 64 px, 32 pt @2x
    (b"ic07", 128), (b"ic08", 256), (b"ic13", 256),  # 128 pt @1x, 256 pt @1x, 128 pt @2x
    (b"ic09", 512), (b"ic14", 512), (b"ic10", 1024),  # 512 pt @1x, 256 pt @2x, 512 pt @2x
]


def main():
    out, pngs = sys.argv[1], sys.argv[2:]
    sizes = [16, 32, 64, 128, 256, 512, 1024]
    if len(pngs) != len(sizes):
        sys.exit("need PNGs of " + ", ".join(map(str, sizes)) + " px")
    data = {}
    for size, path in zip(sizes, pngs):
        b = open(path, "rb").read()
        if b[:8] != b"\x89PNG\r\n\x1a\n":
            sys.exit(path + " is not a PNG")
        w, h = struct.unpack(">II", b[16:24])
        if (w, h) != (size, size):
            sys.exit("%s is %dx%d, expected %d" % (path, w, h, size))
        data[size] = b
    body = b"".join(t + struct.pack(">I", 8 + len(data[s])) + data[s] for t, s in TYPES)
    with open(out, "wb") as f:
        f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)


if __name__ == "__main__":
    main()
