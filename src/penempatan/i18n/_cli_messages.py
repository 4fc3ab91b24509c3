"""The command line's and the progress display's sentences, merged into :data:`MESSAGES`.

Kept apart from the report's catalogue in :mod:`._messages` so each stays
readable; the same rules hold (both languages, the same placeholders).
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]

CLI_MESSAGES: dict[str, dict[Lang, str]] = {
    # ----- Progress of a solve -----
    "progress.stage.network": {"id": "menyusun jaringan", "en": "building the network"},
    "progress.stage.locks": {"id": "memeriksa penguncian", "en": "resolving locks"},
    "progress.stage.flow": {"id": "aliran biaya minimum", "en": "min-cost flow"},
    "progress.stage.cpsat": {"id": "pencarian CP-SAT", "en": "CP-SAT search"},
    "progress.stage.kept_placements": {
        "id": "mempertahankan penempatan lama",
        "en": "keeping previous placements",
    },
    "progress.stage.opd_burden_index": {
        "id": "pemerataan beban OPD",
        "en": "sharing the OPD burden",
    },
    "progress.stage.kecamatan_shortfall_index": {
        "id": "pemerataan cakupan kecamatan",
        "en": "spreading kecamatan coverage",
    },
    "progress.stage.fit": {"id": "kecocokan", "en": "fit"},
    "progress.stage.explain": {"id": "menyusun alasan", "en": "explaining"},
    "progress.stage.done": {"id": "selesai", "en": "done"},
    "progress.coverage": {"id": "cakupan {coverage}", "en": "coverage {coverage}"},
    "progress.fit": {"id": "kecocokan {fit}", "en": "fit {fit}"},
    "progress.bound_pair": {
        "id": "batas {coverage}/{fit}",
        "en": "bound {coverage}/{fit}",
    },
    "progress.value": {"id": "nilai {value}", "en": "value {value}"},
    "progress.bound": {"id": "batas {bound}", "en": "bound {bound}"},
    "progress.gap": {"id": "selisih {gap} %", "en": "gap {gap} %"},
    "progress.time": {"id": "{seconds} dtk", "en": "{seconds} s"},
    # ----- Command line: argparse's own words -----
    "cli.usage": {"id": "penggunaan: ", "en": "usage: "},
    "cli.positionals": {"id": "argumen posisi", "en": "positional arguments"},
    "cli.options": {"id": "opsi", "en": "options"},
    "cli.commands": {"id": "perintah", "en": "commands"},
    "cli.help": {"id": "tampilkan bantuan ini lalu keluar", "en": "show this help and exit"},
    "cli.version": {"id": "tampilkan versi lalu keluar", "en": "show the version and exit"},
    "cli.error": {"id": "{prog}: galat: {message}", "en": "{prog}: error: {message}"},
    "cli.description": {
        "id": "Menempatkan PPPK di Koperasi Kelurahan Merah Putih secara optimal, adil dan "
        "transparan. Contoh: penempatan solve examples/pekalongan.json -o rencana.json",
        "en": "Place PPPK staff in Koperasi Kelurahan Merah Putih, optimally, fairly and "
        "transparently. Example: penempatan solve examples/pekalongan.json -o plan.json",
    },
    "cli.epilog": {
        "id": "Bahasa: --lang id|en atau PENEMPATAN_LANG=en. Tanpa perintah, bantuan ini "
        "dicetak dan status keluar 2. Status keluar: 0 berhasil, 1 rencana melanggar aturan, "
        "2 masukan tidak sah, 3 INFEASIBLE, 4 tidak ada rencana dalam batas waktu.",
        "en": "Language: --lang id|en or PENEMPATAN_LANG=en. Without a command this help "
        "is printed and the exit status is 2. Exit status: 0 success, 1 the plan breaks a "
        "rule, 2 invalid input, 3 INFEASIBLE, 4 no plan within the time limit.",
    },
    "cli.lang": {
        "id": "bahasa pesan: id (bawaan) atau en; juga PENEMPATAN_LANG. Contoh: --lang en",
        "en": "language of messages: id (default) or en; also PENEMPATAN_LANG. Example: --lang en",
    },
    # ----- Command line: commands and their arguments -----
    "cli.solve": {
        "id": "menyelesaikan skenario dan menulis rencana",
        "en": "solve a scenario and write the plan",
    },
    "cli.solve.scenario": {
        "id": "skenario: berkas .json, buku kerja .xlsx, atau folder berisi berkas .csv. "
        "Contoh: examples/pekalongan.json atau data.xlsx",
        "en": "the scenario: a .json file, an .xlsx workbook, or a folder of .csv files. "
        "Example: examples/pekalongan.json or data.xlsx",
    },
    "cli.output": {
        "id": "berkas keluaran (bawaan: keluaran standar); .xlsx: buku kerja rencana untuk "
        "dicetak. Contoh: -o rencana.json",
        "en": "output file (default: standard output); .xlsx: the plan workbook, for "
        "printing. Example: -o plan.json",
    },
    "cli.time_limit": {
        "id": "batas waktu CP-SAT dalam detik. Contoh: --time-limit 60",
        "en": "CP-SAT time limit in seconds. Example: --time-limit 60",
    },
    "cli.seed": {
        "id": "benih acak CP-SAT (bawaan 0). Contoh: --seed 7",
        "en": "CP-SAT random seed (default 0). Example: --seed 7",
    },
    "cli.workers": {
        "id": "jumlah thread CP-SAT (bawaan 1, deterministik). Contoh: --workers 4",
        "en": "CP-SAT threads (default 1, deterministic). Example: --workers 4",
    },
    "cli.engine": {
        "id": "mesin: auto (bawaan, aliran biaya minimum), flow, atau cpsat. "
        "Contoh: --engine cpsat",
        "en": "engine: auto (default, min-cost flow), flow or cpsat. Example: --engine cpsat",
    },
    "cli.timings": {
        "id": "catat waktu proses di berkas rencana",
        "en": "record wall times in the plan file",
    },
    "cli.no_explain": {
        "id": "tanpa alasan setiap keputusan (lebih cepat; 'penempatan explain' dapat "
        "menambahkannya nanti)",
        "en": "leave out the reasons of each decision (faster; 'penempatan explain' can "
        "add them later)",
    },
    "cli.no_warm_start": {
        "id": "dengan --engine cpsat: jangan mulai CP-SAT dari optimum aliran biaya minimum",
        "en": "with --engine cpsat: do not start CP-SAT from the min-cost flow optimum",
    },
    "cli.fairness": {
        "id": "setelah cakupan (dan kecocokan, dalam --fit-tolerance): ratakan beban "
        "pelepasan antar-OPD, cakupan antar-kecamatan, atau keduanya. Contoh: --fairness opd",
        "en": "after coverage (and fit, within --fit-tolerance): share the release burden "
        "across OPD, spread coverage across kecamatan, or both. Example: --fairness opd",
    },
    "cli.fit_tolerance": {
        "id": "bagian kecocokan optimal yang boleh dikorbankan, 0-1 (bawaan 0 dengan "
        "--fairness, 0,05 dengan --previous). Contoh: --fit-tolerance 0.02",
        "en": "share of the optimal fit that may be given up, 0-1 (default 0 with "
        "--fairness, 0.05 with --previous). Example: --fit-tolerance 0.02",
    },
    "cli.previous": {
        "id": "rencana sebelumnya: susun ulang dengan perubahan sesedikit mungkin "
        "(cakupan tetap optimal). Contoh: --previous rencana-lama.json",
        "en": "a previous plan: re-plan with the fewest changes (coverage stays optimal). "
        "Example: --previous old-plan.json",
    },
    "cli.quiet": {
        "id": "tanpa ringkasan dan tanpa baris kemajuan di galat standar",
        "en": "no summary and no progress line on standard error",
    },
    "cli.evaluate": {
        "id": "memeriksa, menilai dan menjelaskan penempatan yang dibuat di tempat lain",
        "en": "check, score and explain placements made elsewhere, as a plan",
    },
    "cli.evaluate.placements": {
        "id": 'berkas rencana (penempatannya) atau daftar JSON {{"candidate": NIP, '
        '"cooperative": ID, "role": PERAN}}. Contoh: draf-bkd.json',
        "en": 'a plan file (its assignments), or a JSON list of {{"candidate": NIP, '
        '"cooperative": ID, "role": ROLE}}. Example: bkd-draft.json',
    },
    "cli.label": {
        "id": "asal penempatan (bawaan given). Contoh: --label 'draf BKD'",
        "en": "where the placements come from (default given). Example: --label 'BKD draft'",
    },
    "cli.validate": {"id": "hanya memeriksa berkas skenario", "en": "check a scenario file only"},
    "cli.strict": {
        "id": "peringatan (mis. salah eja peran atau kelurahan) dianggap galat: status keluar 2",
        "en": "treat warnings (such as a misspelt role or kelurahan) as errors: exit status 2",
    },
    "cli.verify": {
        "id": "memeriksa rencana terhadap setiap aturan spesifikasi",
        "en": "check a plan against every rule of the spec",
    },
    "cli.plan": {
        "id": "berkas rencana. Contoh: rencana.json",
        "en": "plan file. Example: plan.json",
    },
    "cli.schema": {
        "id": "mencetak skema JSON penempatan/scenario@1",
        "en": "print the JSON schema of penempatan/scenario@1",
    },
    "cli.diff": {
        "id": "membandingkan dua rencana: siapa pindah, cakupan dan kecocokan per kelompok",
        "en": "compare two plans: who moved, coverage and fit per group",
    },
    "cli.diff.plan_a": {
        "id": "rencana pertama. Contoh: rencana-a.json",
        "en": "first plan. Example: plan-a.json",
    },
    "cli.diff.plan_b": {
        "id": "rencana kedua. Contoh: rencana-b.json",
        "en": "second plan. Example: plan-b.json",
    },
    "cli.diff.scenario": {
        "id": "berkas skenario rencana B (dan A, kecuali ada --scenario-a): nama, OPD dan "
        "kecocokan per OPD; kedua rencana diperiksa dulu terhadapnya. Contoh: --scenario s.json",
        "en": "scenario file of plan B (and of plan A, unless --scenario-a): names, OPD and "
        "fit per OPD; both plans are verified against it first. Example: --scenario s.json",
    },
    "cli.diff.scenario_a": {
        "id": "berkas skenario rencana A, bila berbeda. Contoh: --scenario-a lama.json",
        "en": "scenario file of plan A, when it differs. Example: --scenario-a old.json",
    },
    "cli.key_file": {
        "id": "baca kunci pseudonim dari FILE (baris pertamanya); berarti --pseudonymise. "
        "Contoh: --key-file kunci.txt",
        "en": "read the pseudonymisation key from FILE (its first line); implies "
        "--pseudonymise. Example: --key-file key.txt",
    },
    "cli.interrupted": {
        "id": "dihentikan; tidak ada yang ditulis",
        "en": "interrupted; nothing was written",
    },
    "cli.explain": {
        "id": "menjelaskan rencana: setiap penempatan, siapa tidak ditempatkan, mengapa",
        "en": "explain a plan: every placement, who was left out, why",
    },
    "cli.format": {
        "id": "format laporan: text, md atau html; bawaan menurut akhiran -o (.html, .txt, "
        ".md), selain itu text di terminal dan md ke pipa. Contoh: --format html",
        "en": "report format: text, md or html; by default from the -o suffix (.html, .txt, "
        ".md), else text on a terminal and md into a pipe. Example: --format html",
    },
    "cli.candidate": {
        "id": "tambahkan bagian untuk calon ini (NIP, atau pseudonim dengan --pseudonymise); "
        "dapat diulang. Contoh: --candidate 199306122020222673",
        "en": "add a section for this candidate (NIP, or pseudonym with --pseudonymise); "
        "repeatable. Example: --candidate 199306122020222673",
    },
    "cli.pseudonymise": {
        "id": "tampilkan orang dengan pseudonim saja; kunci dari --key-file, selain itu "
        "${variable}, selain itu KEY (kunci di baris perintah terlihat di daftar proses). "
        "Contoh: --pseudonymise",
        "en": "show people by pseudonym only; the key from --key-file, else ${variable}, "
        "else KEY (a key on the command line shows in process listings). "
        "Example: --pseudonymise",
    },
    "cli.no_prices": {
        "id": "tanpa harga batas minimum (satu penyelesaian ulang per batas)",
        "en": "skip the floor prices (one re-solve per floor)",
    },
    # ----- Command line: what it prints -----
    "cli.valid": {
        "id": "{path}: penempatan/scenario@1 yang sah ({candidates} calon, {cooperatives} "
        "koperasi, {opds} OPD)",
        "en": "{path}: valid penempatan/scenario@1 ({candidates} candidates, {cooperatives} "
        "cooperatives, {opds} OPD)",
    },
    "cli.warnings": {
        "id": "{count} peringatan:",
        "en": "{count} warnings:",
    },
    "cli.strict_failed": {
        "id": "{path}: tidak sah dengan --strict: {count} peringatan",
        "en": "{path}: not valid under --strict: {count} warnings",
    },
    "cli.verified": {
        "id": "{path}: rencana sah ({status}, cakupan {coverage}, kecocokan {fit})",
        "en": "{path}: valid plan ({status}, coverage {coverage}, fit {fit})",
    },
    "cli.violations": {"id": "{count} pelanggaran", "en": "{count} violations"},
    "cli.no_plan_in_time": {
        "id": "tidak ada rencana yang ditemukan dalam batas waktu",
        "en": "no plan found within the time limit",
    },
    "cli.cancelled": {
        "id": "dihentikan: rencana terbaik sejauh ini ditulis",
        "en": "stopped: the best plan so far is written",
    },
    "cli.conflict": {
        "id": "konflik: {constraints}: {message}",
        "en": "conflict: {constraints}: {message}",
    },
    "cli.fit_tolerance_alone": {
        "id": "--fit-tolerance berlaku bersama --fairness atau --previous",
        "en": "--fit-tolerance applies with --fairness or --previous",
    },
    # ----- Plots -----
    "plot.floor": {"id": "batas minimum", "en": "floor"},
    "plot.slack": {"id": "kelonggaran", "en": "slack"},
    "plot.headcount": {"id": "pegawai sebelum penempatan", "en": "headcount before placement"},
    "plot.staff": {"id": "pegawai tersisa", "en": "staff remaining"},
    "plot.opd_impact": {
        "id": "Pegawai tersisa per OPD terhadap batas minimum",
        "en": "Staff remaining per OPD against the floor",
    },
    "plot.seats": {"id": "kursi", "en": "seats"},
    "plot.share_covered": {
        "id": "bagian kursi wajib terisi",
        "en": "share of required seats filled",
    },
    "plot.coverage_map": {"id": "Cakupan per koperasi", "en": "Coverage by cooperative"},
    "plot.without_location": {
        "id": "({count} koperasi tanpa lokasi)",
        "en": "({count} cooperatives without a location)",
    },
    "plot.longitude": {"id": "bujur", "en": "longitude"},
    "plot.latitude": {"id": "lintang", "en": "latitude"},
    # ----- A diff of two plans -----
    "diff.title": {"id": "perbedaan rencana: {scenario}", "en": "plan diff: {scenario}"},
    "diff.two_scenarios": {"id": "(rencana dari dua skenario)", "en": "(plans of two scenarios)"},
    "diff.status": {"id": "status rencana {a} → {b}", "en": "status {a} → {b}"},
    "diff.empty": {
        "id": "tidak ada perbedaan: penempatan dan jumlah yang sama",
        "en": "no differences: the same placements and the same totals",
    },
    "diff.totals": {
        "id": "cakupan {coverage} dari {required} kursi wajib; kecocokan {fit}; "
        "penempatan {placements}",
        "en": "coverage {coverage} of {required} required seats; fit {fit}; "
        "placements {placements}",
    },
    "diff.candidates": {
        "id": "calon: {moved} pindah, {added} ditambahkan, {removed} dikeluarkan, "
        "{unchanged} tetap",
        "en": "candidates: {moved} moved, {added} added, {removed} removed, {unchanged} unchanged",
    },
    "diff.more": {"id": "dan {count} lainnya", "en": "and {count} more"},
    "diff.moved": {"id": "pindah", "en": "moved"},
    "diff.added": {"id": "ditambahkan", "en": "added"},
    "diff.removed": {"id": "dikeluarkan", "en": "removed"},
    "diff.per_cooperative": {"id": "per koperasi", "en": "per cooperative"},
    "diff.per_kecamatan": {"id": "tiap kecamatan", "en": "per kecamatan"},
    "diff.per_opd": {"id": "per OPD", "en": "per OPD"},
    "diff.required": {"id": ", kursi wajib {required}", "en": ", required {required}"},
    "diff.cooperative": {
        "id": "{cooperative} ({kecamatan}): terisi {covered}, ditempatkan {placed}, "
        "kecocokan {fit}",
        "en": "{cooperative} ({kecamatan}): covered {covered}, placed {placed}, fit {fit}",
    },
    "diff.kecamatan": {
        "id": "{kecamatan}: terisi {covered}, ditempatkan {placed}, kecocokan {fit}",
        "en": "{kecamatan}: covered {covered}, placed {placed}, fit {fit}",
    },
    "diff.opd": {
        "id": "{opd}: dilepas {released}, batas minimum {min_staff}, kelonggaran {slack}",
        "en": "{opd}: released {released}, floor {min_staff}, slack {slack}",
    },
    "diff.opd_fit": {"id": ", kecocokan {fit}", "en": ", fit {fit}"},
    "diff.not_placed": {"id": "tidak ditempatkan", "en": "not placed"},
    # ----- Command line: usage errors -----
    "cli.bad.seconds": {
        "id": "diharapkan detik, bukan {text}",
        "en": "expected seconds, got {text}",
    },
    "cli.bad.positive": {
        "id": "harus positif dan terhingga, bukan {text}",
        "en": "must be positive and finite, got {text}",
    },
    "cli.bad.within": {
        "id": "harus di antara {low} dan {high}, bukan {text}",
        "en": "must be within {low} and {high}, got {text}",
    },
    "cli.bad.whole": {
        "id": "diharapkan bilangan bulat, bukan {text}",
        "en": "expected a whole number, got {text}",
    },
    "cli.bad.at_least_1": {
        "id": "paling sedikit 1, bukan {text}",
        "en": "must be at least 1, got {text}",
    },
    "cli.bad.number": {
        "id": "diharapkan angka, bukan {text}",
        "en": "expected a number, got {text}",
    },
    "cli.bad.share": {
        "id": "harus di antara 0 dan 1, bukan {text}",
        "en": "must be within 0 and 1, got {text}",
    },
    "cli.cannot_write": {
        "id": "{path}: tidak dapat ditulis: {reason}",
        "en": "{path}: cannot write: {reason}",
    },
    "cli.cannot_read": {
        "id": "{path}: tidak dapat dibaca: {reason}",
        "en": "{path}: cannot read: {reason}",
    },
    "cli.over_input": {
        "id": "menolak menimpa berkas masukan",
        "en": "refusing to write over an input file",
    },
    "cli.no_folder": {"id": "{path}: folder tidak ada", "en": "{path}: the folder does not exist"},
    "cli.fairness_flow": {
        "id": "--fairness diselesaikan bertahap dengan CP-SAT, tidak dengan --engine flow",
        "en": "--fairness is solved in stages with CP-SAT, not with --engine flow",
    },
    "cli.national": {
        "id": "selesaikan setiap daerah dalam satu folder, secara paralel",
        "en": "solve every region of a folder, in parallel",
    },
    "cli.national.in_dir": {
        "id": "folder berisi satu NAMA.json per daerah. Contoh: daerah/",
        "en": "a folder of one NAME.json per region. Example: regions/",
    },
    "cli.national.out": {
        "id": "folder rencana (NAMA.plan.json) dan ringkasan. Contoh: -o rencana/",
        "en": "folder for the plans (NAME.plan.json) and the summary. Example: -o plans/",
    },
    "cli.national.local": {
        "id": "jalankan Dask LocalCluster dengan N pekerja. Contoh: --local 2",
        "en": "start a Dask LocalCluster of N workers. Example: --local 2",
    },
    "cli.national.scheduler": {
        "id": "bergabung dengan klaster Dask yang berjalan. Contoh: --scheduler tcp://10.0.0.5:8786",
        "en": "join a running Dask cluster. Example: --scheduler tcp://10.0.0.5:8786",
    },
    "cli.national.processes": {
        "id": "ukuran kumpulan proses lokal (bawaan: satu per prosesor). Contoh: --processes 2",
        "en": "size of the local process pool (default: one per processor). Example: --processes 2",
    },
    "cli.national.resume": {
        "id": "pertahankan rencana yang skenarionya tidak berubah; selesaikan sisanya saja",
        "en": "keep the plans whose scenario is unchanged; solve only the others",
    },
    "cli.national.plot": {
        "id": "gambar juga summary.png (matplotlib)",
        "en": "also draw summary.png (matplotlib)",
    },
    "cli.national.quiet": {
        "id": "tanpa ringkasan di keluaran standar",
        "en": "no summary on standard output",
    },
    "cli.generate": {
        "id": "tulis skenario sintetis: satu, atau seluruh negeri",
        "en": "write synthetic scenarios: one, or a whole country",
    },
    "cli.generate.out": {
        "id": "berkas skenario yang ditulis. Contoh: skenario.json",
        "en": "the scenario file to write. Example: scenario.json",
    },
    "cli.generate.national": {
        "id": "tulis 514 daerah ke folder ini. Contoh: --national daerah/",
        "en": "write the 514 regions into this folder. Example: --national regions/",
    },
    "cli.generate.scale": {
        "id": "perkecil setiap daerah, (0-1]. Contoh: --scale 0.1",
        "en": "shrink every region, (0-1]. Example: --scale 0.1",
    },
    "cli.generate.regions": {
        "id": "tulis N daerah dari semua ukuran. Contoh: --regions 20",
        "en": "write N regions of every size. Example: --regions 20",
    },
    "cli.generate.cooperatives": {
        "id": "jumlah koperasi (bawaan 27). Contoh: --cooperatives 300",
        "en": "number of cooperatives (default 27). Example: --cooperatives 300",
    },
    "cli.generate.candidates": {
        "id": "jumlah calon (bawaan 300). Contoh: --candidates 4000",
        "en": "number of candidates (default 300). Example: --candidates 4000",
    },
    "cli.generate.opds": {
        "id": "jumlah OPD (bawaan 35). Contoh: --opds 60",
        "en": "number of OPD (default 35). Example: --opds 60",
    },
    "cli.generate.seed": {
        "id": "benih acak pembangkit (bawaan 0). Contoh: --seed 7",
        "en": "the generator's random seed (default 0). Example: --seed 7",
    },
    "cli.generate.force": {
        "id": "timpa berkas yang sudah ada",
        "en": "write over existing files",
    },
}
