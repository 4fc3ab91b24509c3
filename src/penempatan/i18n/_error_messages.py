"""Sentences of the errors met reading and writing files, merged into :data:`MESSAGES`.

Files that cannot be read (JSON, plans, placements), the record checks that
pydantic makes, the placements given to ``evaluate``, and the command line's
refusals (output paths, plans that break a rule, keys). The same rules hold as
for every catalogue: both languages, the same placeholders.
:func:`os_reason` words why the operating system refused a file.
"""

from __future__ import annotations

import errno
from typing import Literal

Lang = Literal["id", "en"]

ERROR_MESSAGES: dict[str, dict[Lang, str]] = {
    # ----- Why the operating system refused a file (errno) -----
    "os.ENOENT": {"id": "berkas atau folder tidak ada", "en": "no such file or folder"},
    "os.EISDIR": {
        "id": "ini sebuah folder, bukan berkas",
        "en": "it is a folder, not a file",
    },
    "os.ENOTDIR": {
        "id": "sebagian jalurnya bukan folder",
        "en": "part of the path is not a folder",
    },
    "os.EACCES": {"id": "tidak ada izin", "en": "permission denied"},
    "os.ENOSPC": {"id": "disk penuh", "en": "no space left on the disk"},
    "os.EROFS": {"id": "sistem berkas hanya-baca", "en": "read-only file system"},
    "os.ENAMETOOLONG": {"id": "nama berkas terlalu panjang", "en": "file name too long"},
    "os.EPIPE": {
        "id": "pipa ditutup oleh pembacanya",
        "en": "the pipe was closed by its reader",
    },
    "os.ELOOP": {"id": "tautan simbolik berputar", "en": "the symbolic link loops"},
    # ----- Reading a file (scenario, plan, placements) -----
    "problem.cannot_read": {"id": "tidak dapat dibaca: {reason}", "en": "cannot read: {reason}"},
    "problem.unknown_kind": {
        "id": "berkas {suffix} tidak dikenal: skenario adalah berkas .json, buku kerja .xlsx, "
        "atau folder berisi berkas .csv",
        "en": "a {suffix} file is not known: a scenario is a .json file, an .xlsx workbook, "
        "or a folder of .csv files",
    },
    "problem.csv_file": {
        "id": "skenario CSV adalah folder berisi satu berkas .csv per lembar; berikan foldernya",
        "en": "a CSV scenario is a folder of one .csv file per sheet; give the folder",
    },
    "problem.old_excel": {
        "id": "hanya buku kerja .xlsx yang dibaca; simpan berkas ini sebagai .xlsx di Excel",
        "en": "only .xlsx workbooks are read; save this file as .xlsx in Excel",
    },
    "problem.table.read.csv_not_utf8": {
        "id": "bukan teks UTF-8 (byte {byte} pada posisi {offset}); di Excel simpan sebagai "
        '"CSV UTF-8 (Comma delimited)"',
        "en": "not UTF-8 text (byte {byte} at offset {offset}); in Excel save as "
        '"CSV UTF-8 (Comma delimited)"',
    },
    "json.Invalid \\escape": {
        "id": "garis miring terbalik \\ yang tidak sah di dalam teks (tulis \\\\)",
        "en": "an invalid backslash \\ inside a string (write \\\\)",
    },
    "json.Invalid \\uXXXX escape": {
        "id": "kode \\uXXXX yang tidak sah di dalam teks",
        "en": "an invalid \\uXXXX escape inside a string",
    },
    "problem.needs_openpyxl": {
        "id": "membaca dan menulis Excel memerlukan openpyxl: pip install 'penempatan[excel]'",
        "en": "reading and writing Excel needs openpyxl: pip install 'penempatan[excel]'",
    },
    "problem.empty_file": {
        "id": "JSON tidak sah: berkas kosong (tidak ada isinya)",
        "en": "invalid JSON: the file is empty",
    },
    "problem.not_utf8": {
        "id": "bukan teks UTF-8: byte {byte} pada posisi {offset} (simpan berkas sebagai UTF-8)",
        "en": "not UTF-8 text: byte {byte} at offset {offset} (save the file as UTF-8)",
    },
    "problem.not_utf8.utf16": {
        "id": "bukan teks UTF-8: byte {byte} pada posisi {offset} (tampaknya UTF-16; simpan "
        "berkas sebagai UTF-8)",
        "en": "not UTF-8 text: byte {byte} at offset {offset} (it looks like UTF-16; save the "
        "file as UTF-8)",
    },
    "problem.json_at": {"id": "baris {line} kolom {column}", "en": "line {line} column {column}"},
    "problem.invalid_json": {"id": "JSON tidak sah: {detail}", "en": "invalid JSON: {detail}"},
    "json.Expecting value": {"id": "diharapkan sebuah nilai", "en": "expecting a value"},
    "json.Expecting property name enclosed in double quotes": {
        "id": "diharapkan nama kunci di antara tanda petik ganda",
        "en": "expecting a key name in double quotes",
    },
    "json.Expecting ',' delimiter": {
        "id": "diharapkan tanda koma ','",
        "en": "expecting a comma ','",
    },
    "json.Expecting ':' delimiter": {
        "id": "diharapkan tanda titik dua ':'",
        "en": "expecting a colon ':'",
    },
    "json.Extra data": {
        "id": "ada isi lagi sesudah akhir dokumen JSON",
        "en": "more text after the end of the JSON document",
    },
    "json.Unterminated string starting at": {
        "id": "teks yang dimulai di sini tidak ditutup dengan tanda petik",
        "en": "a string starting here is not closed",
    },
    "json.Invalid control character at": {
        "id": "karakter kendali di dalam teks",
        "en": "a control character inside a string",
    },
    "json.Illegal trailing comma before end of object": {
        "id": "koma berlebih sebelum akhir objek",
        "en": "a trailing comma before the end of an object",
    },
    "json.Illegal trailing comma before end of array": {
        "id": "koma berlebih sebelum akhir daftar",
        "en": "a trailing comma before the end of a list",
    },
    # What a JSON value is, by its Python type's name (a list where an object is due, say).
    "kind.str": {"id": "teks", "en": "a string"},
    "kind.list": {"id": "daftar [...]", "en": "a list [...]"},
    "kind.dict": {"id": "objek {{...}}", "en": "an object {{...}}"},
    "kind.int": {"id": "bilangan", "en": "a number"},
    "kind.float": {"id": "bilangan pecahan", "en": "a decimal number"},
    "kind.bool": {"id": "true/false", "en": "true/false"},
    "kind.NoneType": {"id": "null (kosong)", "en": "null"},
    "problem.json_too_deep": {
        "id": "JSON tidak sah: bersarang terlalu dalam",
        "en": "invalid JSON: nested too deeply",
    },
    "problem.key_twice": {
        "id": "kunci {name!r} ditulis dua kali (setiap kunci sekali per objek)",
        "en": "key {name!r} given twice (each key once per object)",
    },
    "problem.lone_surrogate": {
        "id": "teks yang bukan Unicode sah (surrogate tunggal seperti \\ud800)",
        "en": "text that is not valid Unicode (a lone surrogate such as \\ud800)",
    },
    "problem.scenario_not_object": {
        "id": "skenario adalah objek JSON {{...}}, bukan {kind}",
        "en": "a scenario is a JSON object {{...}}, not {kind}",
    },
    "problem.plan_not_object": {
        "id": "rencana adalah objek JSON {{...}}, bukan {kind}",
        "en": "a plan is a JSON object {{...}}, not {kind}",
    },
    "problem.wrong_format": {
        "id": "diharapkan {expected!r}, tertulis {value!r}",
        "en": "expected {expected!r}, got {value!r}",
    },
    "problem.heading.one": {
        "id": "skenario tidak sah: 1 masalah",
        "en": "invalid scenario: 1 problem",
    },
    "problem.plan_not_scenario": {
        "id": "ini berkas rencana ({value}), bukan skenario ({expected}): berikan berkas "
        "skenarionya (yang dibaca solve), dan rencananya di tempat rencana",
        "en": "this is a plan file ({value}), not a scenario ({expected}): give the scenario "
        "file (the one solve read), and the plan where a plan goes",
    },
    "problem.scenario_not_plan": {
        "id": "ini berkas skenario ({value}), bukan rencana ({expected}): berikan rencana yang "
        "ditulis solve -o",
        "en": "this is a scenario file ({value}), not a plan ({expected}): give the plan that "
        "solve -o wrote",
    },
    "problem.plan_heading.one": {
        "id": "rencana tidak sah: 1 masalah",
        "en": "invalid plan: 1 problem",
    },
    "problem.placements_heading.one": {
        "id": "penempatan tidak sah: 1 masalah",
        "en": "invalid placements: 1 problem",
    },
    "problem.table.read.not_xlsx": {
        "id": "bukan buku kerja Excel .xlsx (berkas lain yang diberi akhiran .xlsx, atau berkas "
        "yang rusak); simpan ulang dari Excel sebagai .xlsx",
        "en": "not an Excel .xlsx workbook (another kind of file named .xlsx, or a damaged "
        "one); save it again from Excel as .xlsx",
    },
    "problem.plan_heading": {
        "id": "rencana tidak sah: {count} masalah",
        "en": "invalid plan: {count} problems",
    },
    "problem.placements_heading": {
        "id": "penempatan tidak sah: {count} masalah",
        "en": "invalid placements: {count} problems",
    },
    # ----- pydantic's checks of a field, by error type -----
    "problem.or": {"id": "atau", "en": "or"},
    "problem.not_list": {"id": "harus berupa daftar [...]", "en": "must be a list [...]"},
    "problem.not_object": {
        "id": "harus berupa objek {{...}}",
        "en": "must be an object {{...}}",
    },
    "problem.not_number": {"id": "harus berupa angka", "en": "must be a number"},
    "problem.not_finite": {"id": "harus angka yang terhingga", "en": "must be a finite number"},
    "problem.above": {"id": "harus lebih dari {gt}", "en": "must be more than {gt}"},
    "problem.below": {"id": "harus kurang dari {lt}", "en": "must be less than {lt}"},
    "problem.too_long": {
        "id": "terlalu panjang: paling banyak {max_length}",
        "en": "too long: at most {max_length}",
    },
    "problem.too_few": {
        "id": "paling sedikit {min_length} butir",
        "en": "must hold at least {min_length} items",
    },
    "problem.not_date": {
        "id": "harus tanggal TTTT-BB-HH (mis. 1993-06-12)",
        "en": "must be a date YYYY-MM-DD (e.g. 1993-06-12)",
    },
    "problem.bad_date": {
        "id": "harus tanggal yang nyata TTTT-BB-HH, tertulis {value}",
        "en": "must be a real date YYYY-MM-DD, got {value}",
    },
    # ----- Local rules (rules[i]) checked across records -----
    "problem.rule.duplicate_id": {
        "id": "id aturan {value!r} ganda",
        "en": "duplicate rule id {value!r}",
    },
    "problem.rule.group_by": {
        "id": "hanya aturan at_most yang boleh membagi kelompoknya",
        "en": "only an at_most rule may split its groups",
    },
    "problem.rule.if_staffed": {
        "id": "hanya aturan at_least yang memiliki syarat",
        "en": "only an at_least rule has a condition",
    },
    "problem.rule.unknown.opds": {
        "id": "OPD {value!r} tidak dikenal",
        "en": "unknown OPD {value!r}",
    },
    "problem.rule.unknown.positions": {
        "id": "jabatan {value!r} tidak dikenal",
        "en": "unknown position {value!r}",
    },
    "problem.rule.unknown.candidates": {
        "id": "NIP calon {value!r} tidak dikenal",
        "en": "unknown candidate NIP {value!r}",
    },
    # ----- Placements given to evaluate -----
    "problem.placement.missing_key": {
        "id": "kunci {name!r} tidak ada",
        "en": "missing key {name!r}",
    },
    "problem.placement.bad_row": {
        "id": 'diharapkan {{"candidate": NIP, "cooperative": ID, "role": PERAN}}',
        "en": 'expected {{"candidate": NIP, "cooperative": ID, "role": ROLE}}',
    },
    "problem.placement.not_text": {
        "id": "candidate, cooperative dan role harus berupa teks",
        "en": "candidate, cooperative and role must be strings",
    },
    "problem.placement.unknown_candidate": {
        "id": "bukan calon dalam skenario",
        "en": "not a candidate of the scenario",
    },
    "problem.placement.unknown_cooperative": {
        "id": "bukan koperasi dalam skenario",
        "en": "not a cooperative of the scenario",
    },
    "problem.placement.unknown_role": {
        "id": "{cooperative} tidak membutuhkan {role!r}",
        "en": "{cooperative} has no need {role!r}",
    },
    "problem.placement.not_permitted": {"id": "tidak diizinkan", "en": "not permitted"},
    # ----- A local rule that does not hold (rule 8; penempatan verify) -----
    "violation.local_at_most": {
        "id": "aturan {id!r} di {where}: {counted} penempatan terhitung, paling banyak {count}",
        "en": "rule {id!r} in {where}: {counted} counted placements, at most {count}",
    },
    "violation.local_at_least": {
        "id": "aturan {id!r} di {where}: {placed} penempatan, {counted} terhitung, paling "
        "sedikit {count} bila {threshold} orang atau lebih ditempatkan",
        "en": "rule {id!r} in {where}: {placed} placements, {counted} counted, at least "
        "{count} when {threshold} or more are placed",
    },
    # ----- The demo (examples/pekalongan.py, make demo) -----
    "demo.verified": {
        "id": "verify: rencana mematuhi setiap aturan spesifikasi (skenario {sha}…)",
        "en": "verify: the plan obeys every rule of the spec (scenario {sha}…)",
    },
    "demo.violations": {"id": "verify: {count} pelanggaran", "en": "verify: {count} violations"},
    "demo.written": {"id": "rencana ditulis ke {path}", "en": "plan written to {path}"},
    # ----- argparse's own sentences (penempatan.cli._argtypes.argparse_text) -----
    "argparse.argument": {
        "id": "argumen {argument}: {message}",
        "en": "argument {argument}: {message}",
    },
    "argparse.required": {
        "id": "argumen berikut wajib diberikan: {names}",
        "en": "the following arguments are required: {names}",
    },
    "argparse.unrecognized": {
        "id": "argumen tidak dikenal: {names}",
        "en": "unrecognized arguments: {names}",
    },
    "argparse.one_of": {
        "id": "salah satu argumen {names} wajib diberikan",
        "en": "one of the arguments {names} is required",
    },
    "argparse.ambiguous": {
        "id": "opsi {option} taksa: dapat berarti {names}",
        "en": "ambiguous option: {option} could match {names}",
    },
    "argparse.choice": {
        "id": "pilihan {value} tidak sah (pilih dari {names})",
        "en": "invalid choice: {value} (choose from {names})",
    },
    "argparse.one": {"id": "memerlukan satu nilai", "en": "expected one argument"},
    "argparse.at_least_one": {
        "id": "memerlukan paling sedikit satu nilai",
        "en": "expected at least one argument",
    },
    "argparse.at_most_one": {
        "id": "memerlukan paling banyak satu nilai",
        "en": "expected at most one argument",
    },
    "argparse.ignored": {
        "id": "nilai {value} diabaikan: opsi ini tidak menerima nilai",
        "en": "ignored explicit argument {value}",
    },
    "argparse.not_with": {
        "id": "tidak boleh bersama argumen {names}",
        "en": "not allowed with argument {names}",
    },
    "argparse.invalid": {
        "id": "nilai {kind} tidak sah: {value}",
        "en": "invalid {kind} value: {value}",
    },
    # ----- national and generate -----
    "cli.national.fit_tolerance": {
        "id": "--fit-tolerance berlaku bersama --fairness",
        "en": "--fit-tolerance applies with --fairness",
    },
    "cli.national.progress": {
        "id": "{done}/{total} selesai, {failed} gagal, {running} berjalan, {seconds} d",
        "en": "{done}/{total} done, {failed} failed, {running} running, {seconds} s",
    },
    "cli.national.not_folder": {"id": "{path}: bukan folder", "en": "{path}: not a folder"},
    "cli.national.no_regions": {
        "id": "{path}: tidak ada berkas daerah (NAMA.json)",
        "en": "{path}: no region files (NAME.json)",
    },
    "cli.national.same_dir": {
        "id": "OUT_DIR tidak boleh sama dengan IN_DIR: rencana ditulis ke folder tersendiri",
        "en": "OUT_DIR must not be IN_DIR: plans go to a folder of their own",
    },
    "cli.generate.what": {
        "id": "berikan OUT.json untuk satu skenario, atau --national OUT_DIR untuk seluruh negeri",
        "en": "give OUT.json for one scenario, or --national OUT_DIR for a country",
    },
    "cli.generate.exist": {
        "id": "{path} sudah ada ({count} berkas akan diganti): gunakan --force",
        "en": "{path} exists ({count} files would be replaced): use --force",
    },
    "cli.generate.exists": {
        "id": "{path} sudah ada: gunakan --force untuk menimpanya",
        "en": "{path} exists: use --force to write over it",
    },
    "cli.generate.negative": {
        "id": "--candidates tidak boleh negatif",
        "en": "--candidates must not be negative",
    },
    "cli.generate.done": {
        "id": "{path}: {cooperatives} koperasi, {candidates} calon, {opds} OPD (benih {seed})",
        "en": "{path}: {cooperatives} cooperatives, {candidates} candidates, {opds} OPD "
        "(seed {seed})",
    },
    "cli.generate.regions_done": {
        "id": "{path}: {regions} daerah ({kabupaten} kabupaten, {kota} kota), {cooperatives} "
        "koperasi, {candidates} calon",
        "en": "{path}: {regions} regions ({kabupaten} kabupaten, {kota} kota), {cooperatives} "
        "cooperatives, {candidates} candidates",
    },
    "national.regions": {
        "id": "{regions} daerah: {with_plan} dengan rencana ({statuses}), {without_plan} tanpa",
        "en": "{regions} regions: {with_plan} with a plan ({statuses}), {without_plan} without",
    },
    "national.coverage": {
        "id": "cakupan {coverage} dari {required} kursi wajib ({share}), {placements} "
        "penempatan, {floors} batas minimum OPD yang mengikat",
        "en": "coverage {coverage} of {required} required seats ({share}), {placements} "
        "placements, {floors} binding OPD floors",
    },
    "national.left_empty": {"id": "kursi kosong: {seats}", "en": "left empty: {seats}"},
    "national.slowest": {"id": "paling lama: {regions}", "en": "slowest: {regions}"},
    "national.wall": {"id": "waktu total {seconds} s", "en": "wall time {seconds} s"},
    # Why a region has no plan (RegionError.reason).
    "national.region.invalid": {"id": "skenario tidak sah", "en": "invalid scenario"},
    "national.region.unreadable": {"id": "tidak dapat dibaca", "en": "could not be read"},
    "national.region.failed": {"id": "gagal saat disusun", "en": "failed while solving"},
    "national.region.worker_lost": {
        "id": "pekerjanya berulang kali mati",
        "en": "its workers died repeatedly",
    },
    "national.no_plan": {
        "id": "tanpa rencana: {name}: {reason}",
        "en": "no plan: {name}: {reason}",
    },
    # ----- Command line: refusals -----
    "cli.flow_previous": {
        "id": "--previous dengan batas kecocokan di bawah 1 disusun ulang dengan CP-SAT, tidak "
        "dengan --engine flow",
        "en": "--previous with a fit tolerance below 1 re-plans with CP-SAT, not with "
        "--engine flow",
    },
    "cli.flow_rules": {
        "id": "aturan lokal (rules) bukan jaringan: skenario dengan aturan memerlukan "
        "--engine cpsat atau auto",
        "en": "local rules are not a network: a scenario with rules needs --engine cpsat or auto",
    },
    "cli.unknown_candidate": {
        "id": "--candidate {nip!r} bukan calon dalam skenario",
        "en": "--candidate {nip!r} is not a candidate of the scenario",
    },
    "cli.missing_dependency": {
        "id": "{needed_by} memerlukan {package}, yang belum terpasang: pip install {package}",
        "en": "{needed_by} needs {package}, which is not installed: pip install {package}",
    },
    "cli.bad.utf8": {"id": "bukan teks UTF-8", "en": "not UTF-8 text"},
    "cli.key_file_empty": {
        "id": "{path}: berkas kunci kosong",
        "en": "{path}: the key file is empty",
    },
    "cli.key_needed": {
        "id": "--pseudonymise memerlukan kunci: --key-file FILE, ${variable}, atau "
        "--pseudonymise KEY",
        "en": "--pseudonymise needs a key: --key-file FILE, ${variable}, or --pseudonymise KEY",
    },
    "cli.not_solved_from": {
        "id": "{plan}: rencana ini tidak diselesaikan dari {scenario}",
        "en": "{plan}: the plan was not solved from {scenario}",
    },
    "cli.plan_breaks": {
        "id": "{path}: rencana melanggar aturan ({count} pelanggaran): {shown}",
        "en": "{path}: the plan breaks the rules ({count} violations): {shown}",
    },
    "cli.plan_breaks.more": {
        "id": "dan {count} lainnya (penempatan verify mencantumkan semuanya)",
        "en": "and {count} more (penempatan verify lists them)",
    },
    "cli.plan_is_workbook": {
        "id": "{path}: ini buku kerja Excel, bukan rencana: berikan rencana JSON yang ditulis "
        "solve -o rencana.json (buku kerja rencana hanya untuk dibaca dan dicetak)",
        "en": "{path}: this is an Excel workbook, not a plan: give the JSON plan written by "
        "solve -o plan.json (a plan workbook is for reading and printing only)",
    },
    "cli.not_placements": {
        "id": "{path}: diharapkan rencana atau daftar penempatan, tertulis {kind}",
        "en": "{path}: expected a plan or a list of placements, got {kind}",
    },
    "cli.stdout_failed": {
        "id": "tidak dapat menulis ke keluaran standar: {reason}",
        "en": "cannot write to standard output: {reason}",
    },
    "cli.write_failed": {"id": "tidak dapat menulis: {reason}", "en": "cannot write: {reason}"},
    "cli.over_scenario": {
        "id": "menolak menimpa berkas skenario (data Anda, bukan keluaran penempatan); "
        "pilih nama lain",
        "en": "refusing to write over a scenario file (your data, not an output of "
        "penempatan); choose another name",
    },
    "cli.output_folder": {
        "id": "ini sebuah folder; berikan nama berkas, mis. {path}/rencana.json",
        "en": "it is a folder; give a file name, e.g. {path}/plan.json",
    },
    "cli.output_no_folder": {
        "id": "folder {folder} tidak ada",
        "en": "the folder {folder} does not exist",
    },
    "cli.exists": {
        "id": "{path}: sudah ada; tidak ada yang ditimpa, pilih nama baru",
        "en": "{path}: already exists; nothing is overwritten, choose a new name",
    },
    "cli.template_xlsx": {
        "id": "{path}: templat adalah buku kerja Excel: beri nama berakhiran .xlsx",
        "en": "{path}: a template is an Excel workbook: name it .xlsx",
    },
    "cli.convert_kind": {
        "id": "{path}: convert menulis .json, .xlsx, atau folder berkas CSV (nama tanpa akhiran)",
        "en": "{path}: convert writes .json, .xlsx, or a folder of CSV files (a name without "
        "an ending)",
    },
    "cli.convert_over_input": {
        "id": "menolak menimpa masukan",
        "en": "refusing to write over the input",
    },
}


def os_reason(number: int | None, strerror: str | None, lang: Lang) -> str:
    """Why the system refused a file, in ``lang``; the system's own words when not known."""
    name = errno.errorcode.get(number, "") if number is not None else ""
    if name == "EPERM":
        name = "EACCES"
    key = f"os.{name}"
    if key in ERROR_MESSAGES:
        return ERROR_MESSAGES[key][lang]
    return strerror or name or "?"
