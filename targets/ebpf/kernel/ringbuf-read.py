#!/usr/bin/env python3
# Reads a pinned BPF ring buffer (BPF_MAP_TYPE_RINGBUF) for pnet, which cannot:
# bpftool has no command for ring buffers, and Node can neither call bpf(2)
# nor mmap a map. Standard library only (ctypes, mmap), so any python3 works.
#
#   ringbuf-read.py PIN            print the records not read yet, then exit
#   ringbuf-read.py PIN --follow   keep printing records as they come
#
# One line per record, its data as hex, oldest first; each record is consumed
# (the consumer position moves past it), as libbpf's ring_buffer__consume
# does. Errors: one line on stderr, exit 2.
#
# The kernel's layout (kernel/bpf/ringbuf.c): the map's fd is mmap'ed as a
# consumer page (offset 0, the only writable part: u64 consumer_pos), then a
# producer page (u64 producer_pos) followed by the data area mapped twice in a
# row, so a record that wraps around the end reads as one piece. A record is
# an 8-byte header — u32 length with BUSY (bit 31, not committed yet) and
# DISCARD (bit 30) flags, u32 page offset — then the data, the whole rounded
# up to 8 bytes. Positions only grow; (pos & (size - 1)) is the offset.
# Loads here are plain loads: enough on x86-64, whose loads are ordered.

import ctypes
import mmap
import os
import select
import struct
import sys

SYS_BPF = {"x86_64": 321, "aarch64": 280, "riscv64": 280, "loongarch64": 280}
BPF_OBJ_GET = 7
BPF_OBJ_GET_INFO_BY_FD = 15
BPF_MAP_TYPE_RINGBUF = 27
BUSY = 1 << 31
DISCARD = 1 << 30
HEADER = 8


class ObjGet(ctypes.Structure):
    _fields_ = [("pathname", ctypes.c_uint64), ("bpf_fd", ctypes.c_uint32), ("file_flags", ctypes.c_uint32), ("path_fd", ctypes.c_int32)]


class InfoByFd(ctypes.Structure):
    _fields_ = [("bpf_fd", ctypes.c_uint32), ("info_len", ctypes.c_uint32), ("info", ctypes.c_uint64)]


class Failure(Exception):
    pass


libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def bpf(cmd, attr):
    machine = os.uname().machine
    if machine not in SYS_BPF:
        raise Failure(f"no bpf(2) system call number known for {machine}")
    r = libc.syscall(ctypes.c_long(SYS_BPF[machine]), ctypes.c_int(cmd), ctypes.c_void_p(ctypes.addressof(attr)), ctypes.c_uint(ctypes.sizeof(attr)))
    if r < 0:
        e = ctypes.get_errno()
        raise Failure(os.strerror(e))
    return r


def open_ring(pin):
    """The map's fd and its data size (max_entries), checking it is a ring buffer."""
    path = ctypes.create_string_buffer(os.fsencode(pin))
    try:
        fd = bpf(BPF_OBJ_GET, ObjGet(pathname=ctypes.addressof(path)))
    except Failure as e:
        raise Failure(f"cannot open the pinned map {pin}: {e}")
    info = (ctypes.c_uint8 * 88)()  # struct bpf_map_info up to name; the kernel fills what fits
    bpf(BPF_OBJ_GET_INFO_BY_FD, InfoByFd(bpf_fd=fd, info_len=ctypes.sizeof(info), info=ctypes.addressof(info)))
    kind, _id, _key, _value, size = struct.unpack_from("<5I", bytes(info))
    if kind != BPF_MAP_TYPE_RINGBUF:
        raise Failure(f"{pin} is a map of type {kind}, not a ring buffer ({BPF_MAP_TYPE_RINGBUF})")
    return fd, size


class Ring:
    def __init__(self, pin):
        self.fd, self.size = open_ring(pin)
        self.page = mmap.PAGESIZE
        self.consumer = mmap.mmap(self.fd, self.page, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE, offset=0)
        self.producer = mmap.mmap(self.fd, self.page + 2 * self.size, mmap.MAP_SHARED, mmap.PROT_READ, offset=self.page)

    def drain(self, out):
        """Writes every committed record and moves the consumer position past it; stops at one not committed yet."""
        (cons,) = struct.unpack_from("<Q", self.consumer, 0)
        (prod,) = struct.unpack_from("<Q", self.producer, 0)
        while cons < prod:
            at = self.page + (cons & (self.size - 1))
            (length,) = struct.unpack_from("<I", self.producer, at)
            if length & BUSY:
                break
            n = length & ~(BUSY | DISCARD)
            if not length & DISCARD:
                out.write(self.producer[at + HEADER : at + HEADER + n].hex() + "\n")
            cons += (n + HEADER + 7) & ~7
            struct.pack_into("<Q", self.consumer, 0, cons)


def main(argv):
    if len(argv) not in (1, 2) or (len(argv) == 2 and argv[1] != "--follow"):
        raise Failure("usage: ringbuf-read.py PIN [--follow]")
    ring = Ring(argv[0])
    ring.drain(sys.stdout)
    if len(argv) == 1:
        return
    poll = select.epoll()
    poll.register(ring.fd, select.EPOLLIN)
    while True:
        sys.stdout.flush()
        poll.poll(1.0)  # the kernel wakes us when records arrive; the timeout guards against a missed wake-up
        ring.drain(sys.stdout)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
        sys.stdout.flush()
    except Failure as e:
        print(f"ringbuf-read: {e}", file=sys.stderr)
        sys.exit(2)
    except (KeyboardInterrupt, BrokenPipeError):
        # stopped by the user or by the reader of our output: not an error
        try:
            sys.stdout.close()
        except BrokenPipeError:
            pass
        os._exit(0)
