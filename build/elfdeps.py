"""The DT_NEEDED entries of ELF shared objects (for trimming the bundle).

A minimal reader of 64-bit little-endian ELF files: enough to follow which
libraries the shipped extension modules, Qt libraries and plugins load, so
that libraries nothing loads (GTK's, pulled in by a plugin we drop) are left
out of the build.
"""

import struct
from pathlib import Path

DT_NEEDED = 1
DT_STRTAB = 5
PT_DYNAMIC = 2
PT_LOAD = 1


def needed(path: Path) -> list[str]:
    """The sonames ``path`` needs; [] for files that are not 64-bit ELF."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads = []
    dynamic = None
    for index in range(phnum):
        p_type, _flags, offset, vaddr, _paddr, filesz, _memsz, _align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + index * phentsize
        )
        if p_type == PT_LOAD:
            loads.append((vaddr, offset, filesz))
        elif p_type == PT_DYNAMIC:
            dynamic = (offset, filesz)
    if dynamic is None:
        return []

    def file_offset(address: int) -> int:
        for vaddr, offset, size in loads:
            if vaddr <= address < vaddr + size:
                return address - vaddr + offset
        return address

    entries = []
    strtab = 0
    offset, size = dynamic
    for position in range(offset, offset + size, 16):
        tag, value = struct.unpack_from("<qQ", data, position)
        if tag == 0:
            break
        if tag == DT_NEEDED:
            entries.append(value)
        elif tag == DT_STRTAB:
            strtab = file_offset(value)
    names = []
    for value in entries:
        start = strtab + value
        end = data.index(b"\x00", start)
        names.append(data[start:end].decode())
    return names
