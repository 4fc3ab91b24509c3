"""Sentences about problems in a scenario (errors and warnings), merged into :data:`MESSAGES`.

One id per :attr:`Problem.code <penempatan._errors.Problem.code>`, prefixed
``problem.``; the placeholders are the problem's ``values``.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]

PROBLEM_MESSAGES: dict[str, dict[Lang, str]] = {
    "problem.heading": {
        "id": "skenario tidak sah: {count} masalah",
        "en": "invalid scenario: {count} problems",
    },
    "problem.warning": {"id": "peringatan", "en": "warning"},
    "problem.did_you_mean": {
        "id": "maksud Anda {suggestion!r}?",
        "en": "did you mean {suggestion!r}?",
    },
    "problem.duplicate_key": {
        "id": "{key} {value!r} ganda",
        "en": "duplicate {key} {value!r}",
    },
    "problem.floor_over_headcount": {
        "id": "{min_staff} melebihi jumlah pegawai {headcount}",
        "en": "{min_staff} exceeds headcount {headcount}",
    },
    "problem.duplicate_position": {
        "id": "jabatan {position!r} ganda",
        "en": "duplicate position {position!r}",
    },
    "problem.min_over_max": {
        "id": "min {min} melebihi max {max}",
        "en": "min {min} exceeds max {max}",
    },
    "problem.duplicate_role": {
        "id": "peran {role!r} ganda (satu entri per peran)",
        "en": "duplicate role {role!r} (one entry per role)",
    },
    "problem.nip_birth_date": {
        "id": "{birth_date} tidak sesuai dengan digit 1-8 NIP ({digits})",
        "en": "{birth_date} does not agree with digits 1-8 of the NIP ({digits})",
    },
    "problem.unknown_opd": {"id": "OPD {value!r} tidak dikenal", "en": "unknown OPD {value!r}"},
    "problem.unknown_position": {
        "id": "{value!r} bukan jabatan di OPD {opd!r} (yang ada: {known})",
        "en": "{value!r} is not a position of OPD {opd!r} (expected one of {known})",
    },
    "problem.unknown_cooperative": {
        "id": "koperasi {value!r} tidak dikenal",
        "en": "unknown cooperative {value!r}",
    },
    "problem.unknown_candidate": {
        "id": "NIP calon {value!r} tidak dikenal",
        "en": "unknown candidate NIP {value!r}",
    },
    "problem.empty_role": {
        "id": "nama peran tidak boleh kosong",
        "en": "a role name must not be empty",
    },
    "problem.headcount_below_candidates": {
        "id": "{headcount} kurang dari {count} calon dari OPD {opd!r}",
        "en": "{headcount} is less than the {count} candidates of OPD {opd!r}",
    },
    "problem.position_headcount_below_candidates": {
        "id": "{headcount} kurang dari {count} calon di jabatan {position!r}",
        "en": "{headcount} is less than the {count} candidates in position {position!r}",
    },
    "problem.location_required": {
        "id": "wajib diisi bila policy.max_distance_km ditetapkan",
        "en": "required when policy.max_distance_km is set",
    },
    "problem.no_need_for_role": {
        "id": "koperasi {cooperative!r} tidak membutuhkan peran {value!r}",
        "en": "cooperative {cooperative!r} has no need for role {value!r}",
    },
    "problem.repeated_triple": {
        "id": "triple {triple} tercantum lebih dari sekali",
        "en": "triple {triple} listed more than once",
    },
    "problem.missing": {"id": "wajib diisi", "en": "field required"},
    "problem.unknown_field": {
        "id": "kolom tidak dikenal (bukan bagian dari penempatan/scenario@1)",
        "en": "unknown field (not part of penempatan/scenario@1)",
    },
    # ----- Warnings: near misses (penempatan.scenario._lint) -----
    "problem.near_miss.role": {
        "id": "tidak ada kebutuhan yang memakai peran {value!r}; maksud Anda {suggestion!r}?",
        "en": "no need uses role {value!r}; did you mean {suggestion!r}?",
    },
    "problem.near_miss.kecamatan": {
        "id": "kecamatan {value!r} juga ditulis {suggestion!r}; maksud Anda {suggestion!r}?",
        "en": "kecamatan {value!r} is also written {suggestion!r}; did you mean {suggestion!r}?",
    },
    "problem.near_miss.kelurahan": {
        "id": "kelurahan {value!r} juga ditulis {suggestion!r}; maksud Anda {suggestion!r}?",
        "en": "kelurahan {value!r} is also written {suggestion!r}; did you mean {suggestion!r}?",
    },
    "problem.near_miss.domicile": {
        "id": "domisili {value!r} tidak cocok dengan kelurahan mana pun; maksud Anda "
        "{suggestion!r}?",
        "en": "domicile {value!r} matches no kelurahan; did you mean {suggestion!r}?",
    },
}
