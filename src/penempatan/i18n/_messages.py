"""Every sentence and label penempatan shows people, in Bahasa Indonesia and English.

:data:`MESSAGES` maps a stable message id to its text in each language of
:data:`LANGS`; texts are :meth:`str.format` templates whose named placeholders
are the same in every language (a test checks both). :func:`message` fills one
in. Indonesian (``"id"``) is the default language of reports.

Ids are grouped by prefix:

* ``reason.<code>``: a reason about a candidate (placed or not), one per reason
  code of :mod:`penempatan.explain._contract`, with variants such as
  ``reason.next_best.lower``;
* ``short.<code>``: a reason about a need left below its minimum;
* ``conflict.<kind>``: an infeasible set of locks, by kind;
* ``item.*`` and ``detail.*``: pieces joined into the sentences above;
* ``label.*``, ``summary.*``, ``report.*``: report headings, table headers and lines.

:func:`reason_text` turns a reason's ``code`` and structured ``values`` into a
sentence: the plan file keeps the English one in ``Reason.message``, reports
render the chosen language from the same values. Personal data in a sentence
(NIPs) passes through the ``person`` callable, so a report can show names or
pseudonyms instead.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from penempatan.i18n._cli_messages import CLI_MESSAGES
from penempatan.i18n._error_messages import ERROR_MESSAGES
from penempatan.i18n._problem_messages import PROBLEM_MESSAGES

Lang = Literal["id", "en"]
#: The languages every message exists in; the first is the default.
LANGS: tuple[Lang, ...] = ("id", "en")

#: Message id → language → template.
MESSAGES: dict[str, dict[Lang, str]] = {
    # ----- Reasons about a candidate who is not placed -----
    "reason.ineligible.education": {
        "id": "pendidikan {education} di bawah batas minimum {min_education}",
        "en": "education {education} is below the minimum {min_education}",
    },
    "reason.ineligible.age": {
        "id": "berusia {age} tahun pada {reference_date}, melebihi batas {max_age} tahun",
        "en": "aged {age} on {reference_date}, above the limit of {max_age}",
    },
    "reason.ineligible.computer_skill": {
        "id": "tidak menguasai komputer, yang disyaratkan kebijakan",
        "en": "not computer-proficient, which the policy requires",
    },
    "reason.ineligible.nomination": {
        "id": "tidak diusulkan oleh kepala OPD asal, yang disyaratkan kebijakan",
        "en": "not nominated by the head of the home OPD, which the policy requires",
    },
    "reason.ineligible.position": {
        "id": "jabatan {position} dikecualikan dari penempatan oleh kebijakan",
        "en": "position {position} is excluded from placement by the policy",
    },
    "reason.not_qualified": {
        "id": "tidak ada koperasi yang membutuhkan peran yang dikuasainya pada tingkat "
        "yang disyaratkan ({detail})",
        "en": "no cooperative needs a role they hold at the required level ({detail})",
    },
    "reason.too_far": {
        "id": "{beyond} dari {qualified} koperasi yang membutuhkan keahliannya berjarak lebih "
        "dari batas {max_distance_km} km; yang terdekat di antaranya, {nearest}, "
        "berjarak {distance_km} km",
        "en": "{beyond} of the {qualified} cooperatives that need their skills lie beyond the "
        "limit of {max_distance_km} km; the nearest of them, {nearest}, is {distance_km} km away",
    },
    # A pair beyond the distance limit (rule 1), as verify and evaluate name it.
    "rule.too_far": {
        "id": "koperasi {cooperative} berjarak {distance_km} km, melebihi batas "
        "{max_distance_km} km",
        "en": "cooperative {cooperative} is {distance_km} km away, beyond the limit of "
        "{max_distance_km} km",
    },
    "rule.too_far.no_location": {
        "id": "tidak ada lokasi untuk mengukur jarak ke koperasi {cooperative}",
        "en": "no location to measure the distance to cooperative {cooperative}",
    },
    "reason.forbidden": {
        "id": "penempatan di {cooperatives} dilarang oleh skenario",
        "en": "placement at {cooperatives} is forbidden by the scenario",
    },
    "reason.no_fit_entry": {
        "id": "tabel kecocokan tidak mencantumkannya pada {needs} dari {qualified} kebutuhan "
        "yang sesuai keahliannya, padahal hanya yang tercantum boleh dipakai",
        "en": "the fit table does not list them for {needs} of the {qualified} needs they "
        "qualify for, and only listed triples may be used",
    },
    "reason.floor_binding": {
        "id": "OPD asalnya {opd} sudah pada batas minimum: tersisa {remaining} pegawai setelah "
        "{released} dilepas, batas minimum {min_staff}",
        "en": "their OPD {opd} is at its floor: {remaining} staff remain after {released} "
        "released, and the floor is {min_staff}",
    },
    "reason.floor_binding.position": {
        "id": "jabatannya {position} di {opd} sudah pada batas minimum: tersisa {remaining} "
        "setelah {released} dilepas, batas minimum {min_staff}",
        "en": "their position {position} in {opd} is at its floor: {remaining} remain after "
        "{released} released, and the floor is {min_staff}",
    },
    "reason.rule": {
        "id": "{group} sudah memiliki {count}{part}: aturan {rule} (menutup {needs} posisi "
        "terbuka baginya, mis. {cooperative} sebagai {role})",
        "en": "{group} already has {count}{part}: rule {rule} (it closes {needs} open roles "
        "to them, e.g. {cooperative} as {role})",
    },
    "reason.rule.at_least": {
        "id": "{group} akan berisi {if_staffed} orang atau lebih tanpa {count} yang diwajibkan "
        "aturan {rule} (menutup {needs} posisi terbuka baginya, mis. {cooperative} sebagai "
        "{role})",
        "en": "{group} would have {if_staffed} or more placed without the {count} rule {rule} "
        "asks for (it closes {needs} open roles to them, e.g. {cooperative} as {role})",
    },
    "detail.rule_part.opd": {"id": " dari {part}", "en": " from {part}"},
    "detail.rule_part.position": {"id": " berjabatan {part}", "en": " in position {part}"},
    "detail.rule_part.education": {
        "id": " berpendidikan {part}",
        "en": " with education {part}",
    },
    "detail.rule_part.none": {"id": " yang dihitung", "en": " counted"},
    "reason.outranked": {
        "id": "semua {needs} posisi koperasi yang dapat diisinya sudah penuh, oleh orang "
        "dengan skor setidaknya sama di sana: {detail}",
        "en": "all {needs} cooperative roles they could fill are full, with people who score "
        "at least as well there: {detail}",
    },
    "reason.not_needed": {
        "id": "semua {needs} posisi koperasi yang dapat diisinya sudah penuh: {detail}",
        "en": "all {needs} cooperative roles they could fill are full: {detail}",
    },
    "reason.no_gain": {
        "id": "dapat mengisi kursi opsional ({needs} posisi, mis. {role} di {cooperative}), "
        "tetapi skornya di sana 0, sehingga penempatannya tidak menambah cakupan "
        "maupun kecocokan",
        "en": "they could fill an optional seat ({needs} roles, e.g. {role} at {cooperative}), "
        "but their score there is 0, so placing them adds neither coverage nor fit",
    },
    "reason.not_chosen": {
        "id": "ada kursi terbuka untuknya ({role} di {cooperative}, skor {score}), tetapi "
        "tidak dipilih: rencana berstatus {status}, belum terbukti optimal",
        "en": "a seat was open for them ({role} at {cooperative}, score {score}), but they "
        "were not chosen: the plan is {status}, not proven optimal",
    },
    "reason.not_chosen.further": {
        "id": "ada kursi terbuka untuknya ({role} di {cooperative}, skor {score}), tetapi "
        "tidak dipilih: rencana ini mengorbankan sebagian kecocokan demi tujuan lanjutan "
        "({objectives})",
        "en": "a seat was open for them ({role} at {cooperative}, score {score}), but they "
        "were not chosen: this plan gives up some fit for further objectives ({objectives})",
    },
    "reason.no_plan": {
        "id": "tidak ada rencana penempatan (status {status})",
        "en": "there is no placement plan (status {status})",
    },
    # ----- Reasons about a placement -----
    "reason.score.default": {
        "id": "skor {total} = keahlian {skill} (tingkat {level}) + kedekatan {proximity} "
        "({proximity_detail}) + usulan {nomination} + preferensi {preference} "
        "({preference_detail})",
        "en": "score {total} = skill {skill} (level {level}) + proximity {proximity} "
        "({proximity_detail}) + nomination {nomination} + preference {preference} "
        "({preference_detail})",
    },
    "reason.score.fit_table": {
        "id": "skor {score} dari tabel kecocokan skenario",
        "en": "score {score} from the scenario's fit table",
    },
    "reason.seat.required": {
        "id": "mengisi kursi wajib: {placed} orang ditempatkan dalam peran ini, minimum {min}",
        "en": "fills a required seat: {placed} placed in this role, minimum {min}",
    },
    "reason.seat.optional": {
        "id": "mengisi kursi opsional: {placed} orang ditempatkan dalam peran ini, di atas "
        "minimum {min} (maksimum {max})",
        "en": "fills an optional seat: {placed} placed in this role, above the minimum {min} "
        "(maximum {max})",
    },
    "reason.locked": {
        "id": "diwajibkan oleh penguncian locks[{lock}] pada skenario",
        "en": "required by locks[{lock}] of the scenario",
    },
    "reason.next_best.lower": {
        "id": "pilihan terbaik berikutnya: {cooperative} sebagai {role}, skor {score} "
        "({difference} lebih rendah)",
        "en": "next best cooperative: {cooperative} as {role}, score {score} ({difference} lower)",
    },
    "reason.next_best.equal": {
        "id": "pilihan terbaik berikutnya: {cooperative} sebagai {role}, skor {score} (sama)",
        "en": "next best cooperative: {cooperative} as {role}, score {score} (equal)",
    },
    "reason.next_best.higher_full": {
        "id": "di {cooperative} sebagai {role} skornya {score} ({difference} lebih tinggi), "
        "tetapi posisi itu sudah penuh",
        "en": "at {cooperative} as {role} they would score {score} ({difference} more), "
        "but that role is full",
    },
    "reason.next_best.higher_open_required": {
        "id": "di {cooperative} sebagai {role} skornya {score} ({difference} lebih tinggi) dan "
        "masih ada tempat, tetapi di sana hanya kursi opsional, sedangkan di sini ia mengisi "
        "kursi wajib",
        "en": "at {cooperative} as {role} they would score {score} ({difference} more) and it "
        "had room, but only as an optional seat, while here they fill a required one",
    },
    "reason.next_best.higher_open": {
        "id": "di {cooperative} sebagai {role} skornya {score} ({difference} lebih tinggi) dan "
        "masih ada tempat",
        "en": "at {cooperative} as {role} they would score {score} ({difference} more) and "
        "it had room",
    },
    "reason.only_option": {
        "id": "tidak ada koperasi lain yang dapat menerimanya",
        "en": "no other cooperative could take them",
    },
    # ----- Reasons about a need left below its minimum -----
    "short.no_candidate": {
        "id": "tidak ada calon memenuhi syarat yang menguasai peran ini pada tingkat "
        "{min_level} atau lebih ({ineligible} orang yang menguasainya tidak memenuhi "
        "syarat kebijakan)",
        "en": "no eligible candidate holds this role at level {min_level} or above "
        "({ineligible} who do are ineligible under the policy)",
    },
    "short.none_within_distance": {
        "id": "{count} dari {qualified} calon yang memenuhi syarat dan menguasai peran ini "
        "tinggal lebih dari {max_distance_km} km dari sini; yang terdekat, {nearest}, "
        "berjarak {distance_km} km",
        "en": "{count} of the {qualified} eligible candidates with the skill live beyond "
        "{max_distance_km} km from here; the nearest, {nearest}, is {distance_km} km away",
    },
    "short.forbidden": {
        "id": "{count} dari {qualified} calon yang memenuhi syarat dan menguasai peran ini "
        "dilarang ditempatkan di koperasi ini",
        "en": "{count} of the {qualified} eligible candidates with the skill are forbidden "
        "at this cooperative",
    },
    "short.no_fit_entry": {
        "id": "tabel kecocokan tidak mencantumkan {count} dari {qualified} calon yang memenuhi "
        "syarat dan menguasai peran ini untuk posisi ini",
        "en": "the fit table does not list {count} of the {qualified} eligible candidates "
        "with the skill for this role here",
    },
    "short.too_few_candidates": {
        "id": "hanya {count} calon yang dapat mengisinya, kurang dari minimum {min}",
        "en": "only {count} candidates can fill it at all, fewer than the minimum {min}",
    },
    "short.held_by_floor": {
        "id": "{count} calon yang dapat mengisinya tertahan oleh batas minimum: {detail}",
        "en": "{count} candidates who could fill it are held back by floors: {detail}",
    },
    "short.taken_elsewhere": {
        "id": "{count} calon yang dapat mengisinya ditempatkan di tempat lain ({required} di "
        "antaranya mengisi kursi wajib di sana): {detail}",
        "en": "{count} candidates who could fill it are placed elsewhere ({required} of them "
        "in required seats there): {detail}",
    },
    "short.held_by_rule": {
        "id": "{count} calon yang dapat mengisinya tertahan oleh aturan lokal {rules}: {detail}",
        "en": "{count} candidates who could fill it are kept out by local rules {rules}: {detail}",
    },
    "short.cooperative_full": {
        "id": "koperasi sudah penuh: {placed} orang ditempatkan, batas max_staff {max_staff}",
        "en": "the cooperative is full: {placed} placed, max_staff {max_staff}",
    },
    "short.not_chosen": {
        "id": "{candidate} dapat mengisinya (skor {score}), tetapi tidak dipilih: rencana "
        "berstatus {status}, belum terbukti optimal",
        "en": "{candidate} could have filled it (score {score}), but was not chosen: the "
        "plan is {status}, not proven optimal",
    },
    "short.not_chosen.further": {
        "id": "{candidate} dapat mengisinya (skor {score}), tetapi tidak dipilih: rencana ini "
        "mengorbankan sebagian kecocokan demi tujuan lanjutan ({objectives})",
        "en": "{candidate} could have filled it (score {score}), but was not chosen: this "
        "plan gives up some fit for further objectives ({objectives})",
    },
    "short.no_plan": {
        "id": "tidak ada rencana penempatan (status {status})",
        "en": "there is no placement plan (status {status})",
    },
    # ----- Conflicts between locks (infeasible scenarios) -----
    "conflict.ineligible": {
        "id": "{locks} menempatkan calon yang tidak memenuhi syarat ({rules})",
        "en": "{locks} places a candidate who is not eligible ({rules})",
    },
    "conflict.skill": {
        "id": "{locks} menempatkan calon di bawah tingkat keahlian yang disyaratkan ({rules})",
        "en": "{locks} places a candidate below the required skill level ({rules})",
    },
    "conflict.forbidden": {
        "id": "{locks} memakai pasangan yang dilarang ({rules})",
        "en": "{locks} uses a forbidden pair ({rules})",
    },
    "conflict.fit": {
        "id": "{locks} memakai triple yang tidak tercantum dalam tabel kecocokan",
        "en": "{locks} uses a triple the fit table does not list",
    },
    "conflict.distance": {
        "id": "{locks} menempatkan calon melebihi batas jarak policy.max_distance_km",
        "en": "{locks} places the candidate beyond policy.max_distance_km",
    },
    "conflict.twice": {
        "id": "{locks} menempatkan calon yang sama dua kali; seorang calon ditempatkan paling "
        "banyak sekali",
        "en": "{locks} place the same candidate twice; a candidate is placed at most once",
    },
    "conflict.capacity": {
        "id": "{locks} bersama-sama melampaui {rules}, yang hanya mengizinkan {limit}",
        "en": "{locks} together exceed {rules}, which allows {limit}",
    },
    "conflict.other": {
        "id": "batasan yang bertentangan: {constraints}",
        "en": "conflicting constraints: {constraints}",
    },
    "conflict.rules": {
        "id": "tidak dapat dipenuhi bersama-sama: {constraints}",
        "en": "cannot hold together: {constraints}",
    },
    # ----- Pieces of sentences -----
    "item.closest": {
        "id": "{role} tingkat {level}, dibutuhkan {min_level}",
        "en": "{role} level {level}, needs {min_level}",
    },
    "detail.no_needed_role": {
        "id": "tidak menguasai satu pun peran yang dibutuhkan",
        "en": "they hold none of the roles needed",
    },
    "item.seat": {
        "id": "{cooperative} sebagai {role} (skornya {score}; ditempati {holders})",
        "en": "{cooperative} as {role} (their score {score}; held by {holders})",
    },
    "item.holder": {
        "id": "{person} ({role}, skor {score}{flags})",
        "en": "{person} ({role}, score {score}{flags})",
    },
    "item.more": {
        "id": "dan {count} lainnya",
        "en": "and {count} more",
    },
    "item.more_floors": {
        "id": "dan {floors} batas minimum lain ({count} calon)",
        "en": "and {floors} more floors ({count} candidates)",
    },
    "item.flag.required": {"id": ", kursi wajib", "en": ", required seat"},
    "item.flag.locked": {"id": ", dikunci", "en": ", locked"},
    "item.floor.opd": {
        "id": "{opd} (tersisa {remaining}, batas {min_staff}): {people}",
        "en": "{opd} (remaining {remaining}, floor {min_staff}): {people}",
    },
    "item.floor.position": {
        "id": "{position} di {opd} (tersisa {remaining}, batas {min_staff}): {people}",
        "en": "{position} in {opd} (remaining {remaining}, floor {min_staff}): {people}",
    },
    "item.elsewhere": {
        "id": "{person} di {cooperative} sebagai {role}{flags}",
        "en": "{person} at {cooperative} as {role}{flags}",
    },
    "detail.domicile": {
        "id": "berdomisili di kelurahan ini",
        "en": "domicile in this kelurahan",
    },
    "detail.distance": {"id": "berjarak {distance_km} km", "en": "{distance_km} km away"},
    "detail.no_location": {"id": "lokasi tidak diketahui", "en": "no location"},
    "detail.preference_rank": {"id": "pilihan ke-{rank}", "en": "choice no. {rank}"},
    "detail.no_preference": {"id": "bukan pilihannya", "en": "not among their choices"},
    # ----- Report: headings and lines -----
    "report.title": {
        "id": "Penjelasan rencana penempatan: {scenario}",
        "en": "Placement plan explained: {scenario}",
    },
    "report.audit": {
        "id": "Status {status}; skenario SHA-256 {sha}; mesin {engine} (seed {seed}, "
        "{workers} worker, batas waktu {time_limit}); versi {versions}",
        "en": "Status {status}; scenario SHA-256 {sha}; engine {engine} (seed {seed}, "
        "{workers} workers, time limit {time_limit}); versions {versions}",
    },
    "report.no_time_limit": {"id": "tidak ada", "en": "none"},
    "summary.conflict": {"id": "konflik: {text}", "en": "conflict: {text}"},
    "summary.status": {"id": "Status rencana {status}", "en": "Status {status}"},
    "summary.coverage": {
        "id": "Cakupan {coverage} dari {required} kursi wajib terisi ({percent}); kecocokan "
        "{fit}; {placements} penempatan",
        "en": "Coverage {coverage} of {required} required seats filled ({percent}); fit "
        "{fit}; {placements} placements",
    },
    "summary.bound": {
        "id": "Batas terbaik yang belum dikecualikan: cakupan {coverage}, kecocokan {fit} "
        "(selisih {gap})",
        "en": "Best bound not excluded: coverage {coverage}, fit {fit} (gap {gap})",
    },
    "summary.candidates": {
        "id": "{candidates} calon: {placed} ditempatkan, {unplaced} tidak ditempatkan, "
        "{ineligible} tidak memenuhi syarat kebijakan",
        "en": "{candidates} candidates: {placed} placed, {unplaced} not placed, "
        "{ineligible} ineligible under the policy",
    },
    "summary.short": {
        "id": "{needs} kebutuhan di {cooperatives} koperasi di bawah minimum ({seats} kursi)",
        "en": "{needs} needs at {cooperatives} cooperatives below their minimum ({seats} seats)",
    },
    "summary.binding": {
        "id": "Batas minimum yang mengikat: {floors}",
        "en": "Floors binding: {floors}",
    },
    "summary.no_binding": {
        "id": "Tidak ada batas minimum OPD yang mengikat",
        "en": "No OPD floor binds",
    },
    "label.summary": {"id": "Ringkasan", "en": "Summary"},
    "label.audit": {"id": "Catatan audit", "en": "Audit record"},
    "label.full": {"id": "penuh", "en": "full"},
    "label.who_goes_where": {"id": "Siapa ditempatkan di mana", "en": "Who goes where"},
    "label.conflicts": {"id": "Konflik", "en": "Conflicts"},
    "label.conflicts_intro": {
        "id": "Penguncian tidak dapat dipenuhi bersama-sama; setiap baris adalah himpunan "
        "minimal batasan yang bertentangan.",
        "en": "The locks cannot all hold; each line is a minimal set of conflicting constraints.",
    },
    "label.kecamatan_table": {"id": "Cakupan per kecamatan", "en": "Coverage by kecamatan"},
    "label.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "label.kelurahan": {"id": "Kelurahan", "en": "Kelurahan"},
    "label.cooperative": {"id": "Koperasi", "en": "Cooperative"},
    "label.cooperatives": {"id": "Koperasi", "en": "Cooperatives"},
    "label.required": {"id": "Kursi wajib", "en": "Required seats"},
    "label.covered": {"id": "Terisi", "en": "Covered"},
    "label.placed": {"id": "Ditempatkan", "en": "Placed"},
    "label.short": {"id": "Kurang", "en": "Short"},
    "label.max_staff": {"id": "Maks. staf", "en": "Max staff"},
    "label.needs": {"id": "Kebutuhan", "en": "Needs"},
    "label.needs_detail": {
        "id": "Kebutuhan (terisi/min–maks)",
        "en": "Needs (placed/min–max)",
    },
    "label.coverage_gain": {"id": "Tambahan cakupan", "en": "Coverage gain"},
    "label.fit_gain": {"id": "Tambahan kecocokan", "en": "Fit gain"},
    "label.method": {"id": "Metode", "en": "Method"},
    "method.re-solve": {"id": "diselesaikan ulang", "en": "re-solved"},
    "method.no-candidate": {
        "id": "tak ada calon tersisa (tepat 0)",
        "en": "no candidate left (exactly 0)",
    },
    "label.role": {"id": "Peran", "en": "Role"},
    "label.person": {"id": "Pegawai", "en": "Staff member"},
    "label.opd": {"id": "OPD", "en": "OPD"},
    "label.score": {"id": "Skor", "en": "Score"},
    "label.why": {"id": "Alasan", "en": "Why"},
    "label.placements": {"id": "Penempatan", "en": "Placements"},
    "label.no_placements": {"id": "Tidak ada penempatan.", "en": "No placements."},
    "label.short_needs": {
        "id": "Kebutuhan di bawah minimum",
        "en": "Needs below their minimum",
    },
    "label.no_short_needs": {
        "id": "Semua kebutuhan minimum terpenuhi.",
        "en": "Every minimum is met.",
    },
    "label.opd_table": {"id": "Dampak pada OPD", "en": "Impact on the OPD"},
    "label.name": {"id": "Nama", "en": "Name"},
    "label.candidates": {"id": "Calon", "en": "Candidates"},
    "label.released": {"id": "Dilepas", "en": "Released"},
    "label.headcount": {"id": "Pegawai", "en": "Headcount"},
    "label.remaining": {"id": "Tersisa", "en": "Remaining"},
    "label.floor": {"id": "Batas minimum", "en": "Floor"},
    "label.slack": {"id": "Kelonggaran", "en": "Slack"},
    "label.binding": {"id": "Mengikat", "en": "Binding"},
    "label.price": {
        "id": "Jika dilonggarkan satu",
        "en": "One more release",
    },
    "label.yes": {"id": "ya", "en": "yes"},
    "label.no": {"id": "tidak", "en": "no"},
    "label.position": {"id": "Jabatan", "en": "Position"},
    "label.price_cell": {
        "id": "+{coverage} cakupan, +{fit} kecocokan",
        "en": "+{coverage} coverage, +{fit} fit",
    },
    "label.floor_prices": {"id": "Harga batas minimum", "en": "The price of the floors"},
    "label.floor_prices_intro": {
        "id": "Untuk setiap batas minimum yang mengikat: tambahan cakupan dan kecocokan jika "
        "OPD (atau jabatan) itu melepas satu orang lagi. Nilainya tepat, dihitung dengan "
        "menyelesaikan ulang skenario dengan batas itu diturunkan satu.",
        "en": "For each binding floor: the coverage and fit gained if that OPD (or position) "
        "released one more person. Values are exact, from re-solving the scenario with "
        "that floor lowered by one.",
    },
    "label.floor_prices_none": {
        "id": "Tidak ada batas minimum yang mengikat.",
        "en": "No floor binds.",
    },
    "label.floor_prices_skipped": {
        "id": "Harga batas minimum tidak dihitung.",
        "en": "The price of the floors was not computed.",
    },
    "label.unplaced": {"id": "Calon yang tidak ditempatkan", "en": "Candidates not placed"},
    "label.reason_code": {"id": "Kode alasan", "en": "Reason code"},
    "label.count": {"id": "Jumlah", "en": "Count"},
    "label.meaning": {"id": "Arti", "en": "Meaning"},
    "label.candidate_section": {"id": "Calon {person}", "en": "Candidate {person}"},
    "label.candidate_facts": {
        "id": "OPD {opd}; jabatan {position}; pendidikan {education}; usia {age} tahun pada "
        "{reference_date}; komputer: {computer}; diusulkan: {nominated}; keahlian: {skills}",
        "en": "OPD {opd}; position {position}; education {education}; aged {age} on "
        "{reference_date}; computer skill: {computer}; nominated: {nominated}; skills: {skills}",
    },
    "label.placed_at": {
        "id": "Ditempatkan di {cooperative} ({kelurahan}) sebagai {role}, skor {score}.",
        "en": "Placed at {cooperative} ({kelurahan}) as {role}, score {score}.",
    },
    "label.not_placed": {"id": "Tidak ditempatkan.", "en": "Not placed."},
    "label.none": {"id": "-", "en": "-"},
    "label.plan_tables": {
        "id": "Cakupan per koperasi",
        "en": "Coverage by cooperative",
    },
}

MESSAGES.update(CLI_MESSAGES)
MESSAGES.update(PROBLEM_MESSAGES)
MESSAGES.update(ERROR_MESSAGES)

#: Short meanings of each reason code, for the legend of reports.
CODE_MEANINGS: dict[str, dict[Lang, str]] = {
    "ineligible.education": {
        "id": "pendidikan di bawah minimum",
        "en": "education below the minimum",
    },
    "ineligible.age": {"id": "melebihi batas usia", "en": "above the age limit"},
    "ineligible.computer_skill": {"id": "tidak menguasai komputer", "en": "no computer skill"},
    "ineligible.nomination": {"id": "tidak diusulkan", "en": "not nominated"},
    "ineligible.position": {"id": "jabatan dikecualikan", "en": "position excluded"},
    "not_qualified": {
        "id": "tidak ada peran yang dibutuhkan pada tingkatnya",
        "en": "no needed role at the required level",
    },
    "too_far": {"id": "melebihi batas jarak", "en": "beyond the distance limit"},
    "forbidden": {"id": "pasangan dilarang", "en": "forbidden pair"},
    "no_fit_entry": {"id": "tidak ada di tabel kecocokan", "en": "not in the fit table"},
    "floor_binding": {
        "id": "OPD atau jabatan pada batas minimum",
        "en": "OPD or position at its floor",
    },
    "rule": {"id": "tertahan oleh aturan lokal", "en": "kept out by a local rule"},
    "held_by_rule": {"id": "tertahan oleh aturan lokal", "en": "kept out by local rules"},
    "outranked": {
        "id": "kalah skor: posisi penuh oleh yang lebih cocok",
        "en": "outranked: roles full with better-fitting people",
    },
    "not_needed": {"id": "semua posisi sudah penuh", "en": "every role full"},
    "no_gain": {
        "id": "kursi opsional dengan skor 0",
        "en": "optional seat with score 0",
    },
    "not_chosen": {
        "id": "tidak dipilih (rencana belum optimal)",
        "en": "not chosen (plan not proven optimal)",
    },
    "no_plan": {"id": "tidak ada rencana", "en": "no plan"},
    # Reasons about a need left below its minimum.
    "no_candidate": {"id": "tidak ada calon yang memenuhi syarat", "en": "no eligible candidate"},
    "none_within_distance": {
        "id": "calon terlalu jauh",
        "en": "candidates beyond the distance limit",
    },
    "too_few_candidates": {"id": "calon terlalu sedikit", "en": "too few candidates"},
    "held_by_floor": {"id": "calon tertahan batas minimum", "en": "candidates held by floors"},
    "taken_elsewhere": {
        "id": "calon ditempatkan di tempat lain",
        "en": "candidates placed elsewhere",
    },
    "cooperative_full": {"id": "koperasi penuh", "en": "cooperative full"},
}

_FORMATTER = string.Formatter()


def placeholders(template: str) -> set[str]:
    """The named placeholders of a template (``{name}``)."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


#: English nouns counted in messages: after a lone 1 they lose their plural ``s``.
#: (The ``1`` comes first and the look-behind after it, ``1(?<![\d.,]1)``: the
#: same matches as a look-behind before it, but the engine can skip to each
#: ``1`` of the text, which made the sentences' counts three times faster.)
_ONE_OF = re.compile(
    r"1(?<![\d.,]1) (candidate|cooperative|problem|warning|violation|file|region|role|need"
    r"|placement|floor|seat|item|time)s\b"
)


#: The text of each message asked for without values (a flag, a fixed detail), made once.
_FIXED: dict[tuple[str, Lang], str] = {}


def message(key: str, lang: Lang, /, **values: Any) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in (:func:`_filled`)."""
    if values:
        return _filled(key, lang, values)
    text = _FIXED.get((key, lang))
    if text is None:
        text = _FIXED[key, lang] = _filled(key, lang, values)
    return text


def _filled(key: str, lang: Lang, values: Mapping[str, Any]) -> str:
    """The template ``key`` in ``lang`` filled with ``values``, read as they are.

    English counts agree with their number: ``1 candidate who could fill it
    is``, ``2 candidates who could fill it are`` (Indonesian has no plural).
    """
    text = MESSAGES[key][lang].format_map(values)
    return singular_counts(text) if lang == "en" and "1 " in text else text


def singular_counts(text: str) -> str:
    """English ``text`` with each counted noun after a lone ``1`` made singular."""
    text = _ONE_OF.sub(r"1 \1", text)
    return text.replace("1 candidate who could fill it are", "1 candidate who could fill it is")


def number(value: float | int | None, lang: Lang, digits: int = 2) -> str:
    """A number as people write it: ``12.35`` in English, ``12,35`` in Indonesian."""
    if value is None:
        return "-"
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "id" else text


def percent(part: int, whole: int, lang: Lang) -> str:
    """``part`` of ``whole`` as a percentage with one decimal."""
    if whole == 0:
        return "-"
    text = f"{100 * part / whole:.1f} %"
    return text.replace(".", ",") if lang == "id" else text


Person = Callable[[str], str]


def _same(nip: str) -> str:
    return nip


def _join(items: Sequence[str]) -> str:
    return "; ".join(items)


def _holders(seat: Mapping[str, Any], lang: Lang, person: Person) -> str:
    parts = []
    for h in seat["named"]:
        flags = ""
        if h.get("required"):
            flags += message("item.flag.required", lang)
        if h.get("locked"):
            flags += message("item.flag.locked", lang)
        parts.append(
            message(
                "item.holder",
                lang,
                person=person(h["candidate"]),
                role=h["role"],
                score=h["score"],
                flags=flags,
            )
        )
    extra = int(seat["holders"]) - len(seat["named"])
    if extra > 0:
        parts.append(message("item.more", lang, count=extra))
    return ", ".join(parts)


def _seats(values: Mapping[str, Any], lang: Lang, person: Person) -> str:
    return _join(
        [
            message(
                "item.seat",
                lang,
                cooperative=s["cooperative"],
                role=s["role"],
                score=s["score"],
                holders=_holders(s, lang, person),
            )
            for s in values["seats"]
        ]
    )


def _candidate_fields(
    code: str, v: Mapping[str, Any], lang: Lang, person: Person
) -> tuple[str, Mapping[str, Any]]:
    """The message id and placeholder values for a candidate or assignment reason
    (``v`` itself where the sentence reads the values as they are)."""
    key = f"reason.{code}"
    fields: Mapping[str, Any] = v
    if code == "not_qualified":
        closest = [message("item.closest", lang, **c) for c in v["closest"]]
        fields = {"detail": _join(closest) if closest else message("detail.no_needed_role", lang)}
    elif code == "too_far":
        fields = {
            **v,
            "max_distance_km": number(v["max_distance_km"], lang),
            "distance_km": number(v["distance_km"], lang),
        }
    elif code == "forbidden":
        fields = {"cooperatives": ", ".join(v["cooperatives"])}
    elif code == "floor_binding" and v.get("position") is not None:
        key = "reason.floor_binding.position"
    elif code in ("outranked", "not_needed"):
        fields = {"needs": v["needs"], "detail": _seats(v, lang, person)}
    elif code == "rule":
        key = "reason.rule" if v["kind"] == "at_most" else "reason.rule.at_least"
        by = v.get("group_by") or "none"
        fields = {
            "group": v["group"],
            "count": v["count"],
            "part": message(f"detail.rule_part.{by}", lang, part=v.get("part")),
            "rule": v["rule"],
            "if_staffed": v.get("if_staffed"),
            "needs": v["needs"],
            "cooperative": v["cooperative"],
            "role": v["role"],
        }
    elif code == "score.default":
        if v["same_kelurahan"]:
            prox = message("detail.domicile", lang)
        elif v["distance_km"] is not None:
            prox = message("detail.distance", lang, distance_km=number(v["distance_km"], lang))
        else:
            prox = message("detail.no_location", lang)
        rank = v["preference_rank"]
        pref = (
            message("detail.preference_rank", lang, rank=rank)
            if rank is not None
            else message("detail.no_preference", lang)
        )
        fields = {
            "total": v["total"],
            "skill": v["skill"],
            "level": v["level"],
            "proximity": v["proximity"],
            "proximity_detail": prox,
            "nomination": v["nomination"],
            "preference": v["preference"],
            "preference_detail": pref,
        }
    elif code == "not_chosen" and v.get("objectives"):
        key = "reason.not_chosen.further"
        fields = {**v, "objectives": ", ".join(v["objectives"])}
    elif code == "next_best":
        diff = int(v["difference"])
        if diff > 0:
            key = "reason.next_best.lower"
        elif diff == 0:
            key = "reason.next_best.equal"
        elif v["full"]:
            key = "reason.next_best.higher_full"
        elif v["required_here"] and not v["required_there"]:
            key = "reason.next_best.higher_open_required"
        else:
            key = "reason.next_best.higher_open"
        fields = {
            "cooperative": v["cooperative"],
            "role": v["role"],
            "score": v["score"],
            "difference": abs(diff),
        }
    return key, fields


def _short_fields(
    code: str, v: Mapping[str, Any], lang: Lang, person: Person
) -> tuple[str, Mapping[str, Any]]:
    """The message id and placeholder values for a reason about a need below its minimum
    (``v`` itself where the sentence reads the values as they are)."""
    key = f"short.{code}"
    fields: Mapping[str, Any] = v
    if code == "none_within_distance":
        fields = {
            "count": v["count"],
            "qualified": v["qualified"],
            "max_distance_km": number(v["max_distance_km"], lang),
            "nearest": person(v["nearest_candidate"]),
            "distance_km": number(v["distance_km"], lang),
        }
    elif code == "held_by_floor":
        items = []
        for f in v["floors"]:
            people = (
                list(f["candidates"]) if person is _same else list(map(person, f["candidates"]))
            )
            extra = int(f["count"]) - len(people)
            if extra > 0:
                people.append(message("item.more", lang, count=extra))
            item_key = "item.floor.position" if f.get("position") is not None else "item.floor.opd"
            item_values = {
                "opd": f["opd"],
                "remaining": f["remaining"],
                "min_staff": f["min_staff"],
                "people": ", ".join(people),
            }
            if f.get("position") is not None:
                item_values["position"] = f["position"]
            items.append(_filled(item_key, lang, item_values))
        more = int(v.get("more_floors", 0))
        if more > 0:
            unlisted = int(v["count"]) - sum(int(f["count"]) for f in v["floors"])
            items.append(message("item.more_floors", lang, floors=more, count=unlisted))
        fields = {"count": v["count"], "detail": _join(items)}
    elif code == "held_by_rule":
        people = [person(n) for n in v["candidates"]]
        extra = int(v["count"]) - len(people)
        if extra > 0:
            people.append(message("item.more", lang, count=extra))
        fields = {"count": v["count"], "rules": ", ".join(v["rules"]), "detail": ", ".join(people)}
    elif code == "taken_elsewhere":
        items = []
        for x in v["named"]:
            flags = ""
            if x.get("required"):
                flags += message("item.flag.required", lang)
            if x.get("locked"):
                flags += message("item.flag.locked", lang)
            items.append(
                _filled(
                    "item.elsewhere",
                    lang,
                    {
                        "person": person(x["candidate"]),
                        "cooperative": x["cooperative"],
                        "role": x["role"],
                        "flags": flags,
                    },
                )
            )
        extra = int(v["count"]) - len(items)
        if extra > 0:
            items.append(message("item.more", lang, count=extra))
        fields = {"count": v["count"], "required": v["required"], "detail": _join(items)}
    elif code == "not_chosen":
        fields = {
            "candidate": person(v["candidate"]),
            "score": v["score"],
            "status": v["status"],
            "objectives": ", ".join(v.get("objectives", [])),
        }
        if v.get("objectives"):
            key = "short.not_chosen.further"
    return key, fields


def reason_text(
    code: str,
    values: Mapping[str, Any],
    lang: Lang = "id",
    *,
    about: Literal["candidate", "need"] = "candidate",
    person: Person = _same,
) -> str:
    """The sentence for a reason ``code`` with its ``values``, in ``lang``.

    ``about`` is ``"need"`` for the reasons of a need below its minimum.
    ``person`` turns a NIP into what the reader sees (a name, or a pseudonym).
    """
    if about == "need":
        key, fields = _short_fields(code, values, lang, person)
    else:
        key, fields = _candidate_fields(code, values, lang, person)
    if key not in MESSAGES:
        raise KeyError(f"no message for reason code {code!r}")
    return _filled(key, lang, fields)
