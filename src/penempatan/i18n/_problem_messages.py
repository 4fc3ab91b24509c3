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
        "id": "{key} {value!r} ganda (juga {first})",
        "en": "duplicate {key} {value!r} (also {first})",
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
    "problem.born_after_reference": {
        "id": "{birth_date} sesudah reference_date {reference_date}: tidak ada yang ditempatkan "
        "sebelum lahir",
        "en": "{birth_date} is after reference_date {reference_date}: nobody is placed before "
        "being born",
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
    "problem.not_text": {
        "id": "harus berupa teks (di Excel: format sel Teks; NIP 18 digit sebagai angka "
        "sudah kehilangan digit)",
        "en": "must be text (in Excel: cell format Text; an 18-digit NIP as a number has "
        "already lost digits)",
    },
    "problem.not_whole_number": {"id": "harus bilangan bulat", "en": "must be a whole number"},
    "problem.not_yes_no": {
        "id": "harus true atau false (ya/tidak)",
        "en": "must be true or false (yes/no)",
    },
    "problem.too_small": {"id": "paling sedikit {ge}", "en": "must be at least {ge}"},
    "problem.too_large": {"id": "paling banyak {le}", "en": "must be at most {le}"},
    "problem.too_short": {"id": "tidak boleh kosong", "en": "must not be empty"},
    "problem.not_one_of": {
        "id": "harus salah satu dari {expected}",
        "en": "must be one of {expected}",
    },
    # ----- The NIP's layout (penempatan.scenario._nip) -----
    "problem.nip.length": {
        "id": "NIP tidak sah: diharapkan 18 digit, ada {length} karakter",
        "en": "invalid NIP: expected 18 digits, got {length} characters",
    },
    "problem.nip.birth_date": {
        "id": "NIP tidak sah: digit 1-8 harus tanggal lahir yang nyata YYYYMMDD, bukan {digits}",
        "en": "invalid NIP: digits 1-8 must be a real birth date YYYYMMDD, got {digits}",
    },
    "problem.nip.contract": {
        "id": "NIP tidak sah: digit 14 NI PPPK adalah urutan kontrak dan harus 1-9",
        "en": "invalid NIP: digit 14 of an NI PPPK is the contract count and must be 1-9",
    },
    "problem.nip.month": {
        "id": "NIP tidak sah: digit 13-14 harus bulan pengangkatan 01-12 (PNS) atau '2' "
        "diikuti urutan kontrak 1-9 (PPPK), bukan {digits}",
        "en": "invalid NIP: digits 13-14 must be the appointment month 01-12 (PNS) or '2' "
        "followed by the contract count 1-9 (PPPK), got {digits}",
    },
    "problem.nip.sex": {
        "id": "NIP tidak sah: digit 15 adalah jenis kelamin dan harus 1 atau 2, bukan {digit}",
        "en": "invalid NIP: digit 15 is the sex and must be 1 or 2, got {digit}",
    },
    "problem.nip.sequence": {
        "id": "NIP tidak sah: digit 16-18 adalah nomor urut dan tidak boleh 000",
        "en": "invalid NIP: digits 16-18 are a sequence number and must not be 000",
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
    "problem.rule.matches_nobody": {
        "id": "aturan {value!r} tidak menghitung siapa pun: tidak ada calon yang cocok dengan "
        "'of'-nya",
        "en": "rule {value!r} counts nobody: no candidate matches its 'of'",
    },
    # ----- Rules a plan breaks (penempatan.verify) -----
    "violation.scenario_hash": {
        "id": "rencana tidak diselesaikan dari skenario ini",
        "en": "plan was not solved from this scenario",
    },
    "violation.assignments_without_solution": {
        "id": "rencana tanpa solusi tidak boleh memuat penempatan",
        "en": "a plan without a solution must not hold assignments",
    },
    "violation.unknown_candidate": {"id": "bukan calon", "en": "not a candidate"},
    "violation.unknown_cooperative": {"id": "bukan koperasi", "en": "not a cooperative"},
    "violation.unknown_role": {
        "id": "{cooperative} tidak membutuhkan {role!r}",
        "en": "{cooperative} has no need {role!r}",
    },
    "violation.skill_below_level": {
        "id": "tingkat {level} pada {role!r} di bawah yang disyaratkan {min_level}",
        "en": "level {level} in {role!r} < required {min_level}",
    },
    "violation.forbidden_pair": {"id": "pasangan ini dilarang", "en": "the pair is forbidden"},
    "violation.not_in_fit_table": {
        "id": "triple tidak tercantum dalam tabel kecocokan",
        "en": "triple not listed in the fit table",
    },
    "violation.wrong_score": {
        "id": "{score}, seharusnya {expected}",
        "en": "{score}, expected {expected}",
    },
    "violation.placed_twice": {
        "id": "ditempatkan {count} kali",
        "en": "placed {count} times",
    },
    "violation.need_max": {
        "id": "{placed} ditempatkan pada {role!r}, maksimum {max}",
        "en": "{placed} placed in {role!r}, max {max}",
    },
    "violation.max_staff": {
        "id": "{placed} ditempatkan, max_staff {max_staff}",
        "en": "{placed} placed, max_staff {max_staff}",
    },
    "violation.opd_floor": {
        "id": "tersisa {remaining} pegawai, batas minimum {min_staff}",
        "en": "{remaining} staff remain, floor {min_staff}",
    },
    "violation.position_floor": {
        "id": "tersisa {remaining} pegawai, batas minimum {min_staff}",
        "en": "{remaining} staff remain, floor {min_staff}",
    },
    "violation.opd_impact": {
        "id": "tercatat {reported}, penempatan melepas {released}",
        "en": "reports {reported}, assignments release {released}",
    },
    "violation.lock_broken": {
        "id": "penempatan yang dikunci tidak ada",
        "en": "locked placement is missing",
    },
    "violation.stated_number": {
        "id": "tercatat {stated}, penempatan menghasilkan {derived}",
        "en": "states {stated}, the assignments give {derived}",
    },
    "violation.coverage": {
        "id": "{reported}, dihitung ulang {recomputed}",
        "en": "{reported}, recomputed {recomputed}",
    },
    "violation.fit": {
        "id": "{reported}, dihitung ulang {recomputed}",
        "en": "{reported}, recomputed {recomputed}",
    },
}
