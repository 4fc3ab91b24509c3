"""SIASN exports: BKN's column names for candidates and its names of education levels.

SIASN (Sistem Informasi ASN) exports employees with columns such as
``nip_baru`` (or ``nipBaru``), ``nama``, ``tanggal_lahir``, ``jenis_kelamin``,
``tingkat_pendidikan_nama``, ``jabatan_nama`` and ``unor_nama``. The
``Kandidat`` sheet accepts these names beside its own headers
(:data:`SIASN_CANDIDATE_COLUMNS`); the export's other columns
(:data:`SIASN_IGNORED_COLUMNS`) are skipped. ``jenis_kelamin`` is not part of
the scenario (the sex is digit 15 of the NIP): it is checked against the NIP.
A candidate's ``unor_nama`` is matched to an OPD by its id or, failing that,
by its name.

Education is written by SIASN as names (``S-1/Sarjana``, ``Diploma
III/Sarjana Muda``, ``SLTA Kejuruan``); :data:`EDUCATION_NAMES` maps them to
the levels of the format. The mapping is matched ignoring case, spaces and
punctuation; a user overrides or extends it with a ``Pendidikan`` sheet (or
``education_names=`` in Python).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """``text`` for matching: lower case, letters and digits only (``nip_baru`` = ``nipBaru``)."""
    return _NOT_ALNUM.sub("", text.lower())


#: Candidate field -> the column names of SIASN exports (and common variants) for it.
SIASN_CANDIDATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "nip": ("nip_baru", "nipBaru"),
    "name": ("nama", "nama_lengkap"),
    "opd": ("unor_nama", "unorNama"),
    "position": ("jabatan_nama", "jabatanNama", "nama_jabatan"),
    "education": ("tingkat_pendidikan_nama", "tingkatPendidikanNama", "pendidikan_terakhir"),
    "birth_date": ("tanggal_lahir", "tanggalLahir", "tgl_lahir", "tglLahir"),
    "sex": ("jeniskelamin", "jeniskelaminnama", "jk"),
}

#: Columns of SIASN exports that the scenario does not use (normalised names).
SIASN_IGNORED_COLUMNS: frozenset[str] = frozenset(
    normalise(n)
    for n in (
        "pendidikan_nama",
        "instansi_induk_nama",
        "instansi_kerja_nama",
        "satuan_kerja_nama",
        "satuan_kerja_induk_nama",
        "unor_induk_nama",
        "golongan_nama",
        "pangkat_nama",
        "jenis_pegawai_nama",
        "kedudukan_hukum_nama",
        "jenis_jabatan_nama",
        "lokasi_kerja_nama",
        "tempat_lahir",
        "agama_nama",
        "email",
        "nomor_hp",
        "alamat",
        "nik",
        "pns_id",
        "nip_lama",
        "gelar_depan",
        "gelar_belakang",
        "status_pegawai",
        "tmt_cpns",
        "tmt_pns",
        "tmt_jabatan",
        "tmt_golongan",
        "masa_kerja_tahun",
        "masa_kerja_bulan",
    )
)

#: Education names -> level of the format, keyed by :func:`normalise`. The levels
#: themselves are included; SIASN's names (``tingkat_pendidikan_nama``) follow.
EDUCATION_NAMES: dict[str, str] = {
    normalise(name): level
    for level, names in {
        "SD": ("SD", "Sekolah Dasar", "MI"),
        "SMP": ("SMP", "SLTP", "SLTP Kejuruan", "MTs"),
        "SMA": ("SMA", "SLTA", "SMU", "MA", "SLTA Keguruan"),
        "SMK": ("SMK", "SLTA Kejuruan", "STM", "SMEA"),
        "D1": ("D1", "D-I", "Diploma I", "Diploma 1"),
        "D2": ("D2", "D-II", "Diploma II", "Diploma 2"),
        "D3": ("D3", "D-III", "Diploma III", "Diploma 3", "Diploma III/Sarjana Muda"),
        "D4": ("D4", "D-IV", "Diploma IV", "Diploma 4", "Sarjana Terapan"),
        "S1": ("S1", "S-1", "S-1/Sarjana", "Sarjana", "Strata 1", "Strata I"),
        "S2": ("S2", "S-2", "Magister", "Strata 2", "Strata II"),
        "S3": ("S3", "S-3", "S-3/Doktor", "Doktor", "Strata 3", "Strata III"),
    }.items()
    for name in names
}


def education_level(name: str, names: Mapping[str, str] = EDUCATION_NAMES) -> str | None:
    """The level of an education ``name`` (a level, or a SIASN name), or ``None``."""
    return names.get(normalise(name))


_SEX = {
    **dict.fromkeys(("l", "lakilaki", "pria", "m", "male", "1"), "male"),
    **dict.fromkeys(("p", "perempuan", "wanita", "f", "female", "2"), "female"),
}


def sex_of(value: Any) -> str | None:
    """``"male"`` or ``"female"`` for a ``jenis_kelamin`` value (``L``/``P``, ``M``/``F``, ...)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value in (1, 2):
        return "male" if value == 1 else "female"
    if isinstance(value, str):
        return _SEX.get(normalise(value))
    return None
