"""Messages of tabular input and output (Excel, CSV folders, DataFrames), in both languages.

Kept apart from :mod:`._messages` only to keep that file of reasons readable;
:mod:`penempatan.i18n` adds these to :data:`~penempatan.i18n.MESSAGES`.
"""

from __future__ import annotations

from typing import Literal

OFFICE_MESSAGES: dict[str, dict[Literal["id", "en"], str]] = {
    # ----- Where a problem stands -----
    "table.where.row": {"id": "{sheet}, baris {row}", "en": "sheet {sheet}, row {row}"},
    "table.where.row.column": {
        "id": "{sheet}, baris {row}, kolom {column}",
        "en": "sheet {sheet}, row {row}, column {column}",
    },
    "table.where.index": {"id": "{sheet}, indeks {row}", "en": "sheet {sheet}, index {row}"},
    "table.where.index.column": {
        "id": "{sheet}, indeks {row}, kolom {column}",
        "en": "sheet {sheet}, index {row}, column {column}",
    },
    "table.where.column": {
        "id": "{sheet}, kolom ke-{column}",
        "en": "sheet {sheet}, column {column}",
    },
    "table.where.setting": {
        "id": "{sheet}, pengaturan {name}",
        "en": "sheet {sheet}, setting {name}",
    },
    # ----- Cells -----
    "problem.table.cell.text": {
        "id": "diharapkan teks, tertulis {value}",
        "en": "expected text, got {value}",
    },
    "problem.table.cell.nip_number": {
        "id": "NIP tersimpan sebagai angka ({value}): Excel hanya menyimpan 15 digit angka, "
        "sehingga digit terakhir NIP 18 digit sudah hilang. Format kolom NIP sebagai Teks lalu "
        "ketik ulang NIP-nya (atau awali dengan tanda petik ')",
        "en": "the NIP is stored as a number ({value}): Excel keeps only 15 significant digits, "
        "so the last digits of an 18-digit NIP are already lost. Format the NIP column as Text "
        "and type the NIP again (or start it with an apostrophe ')",
    },
    "problem.table.cell.int": {
        "id": "diharapkan bilangan bulat, tertulis {value}",
        "en": "expected a whole number, got {value}",
    },
    "problem.table.cell.float": {
        "id": "diharapkan angka, tertulis {value}",
        "en": "expected a number, got {value}",
    },
    "problem.table.cell.date": {
        "id": "diharapkan tanggal (TTTT-BB-HH atau HH-BB-TTTT), tertulis {value}",
        "en": "expected a date (YYYY-MM-DD or DD-MM-YYYY), got {value}",
    },
    "problem.table.cell.datetime": {
        "id": "diharapkan tanggal tanpa jam, tertulis {value}",
        "en": "expected a date without a time, got {value}",
    },
    "problem.table.cell.int_grouped": {
        "id": "{value} tidak jelas: titik itu pemisah ribuan atau tanda desimal? Tulis "
        "bilangan bulat tanpa titik, mis. 1000",
        "en": "{value} is not plain: is the dot a thousands separator or a decimal point? Write "
        "the whole number without dots, e.g. 1000",
    },
    "problem.table.cell.formula": {
        "id": "rumus {formula} belum pernah dihitung (berkas tidak disimpan oleh Excel): buka dan "
        "simpan berkas ini di Excel, atau ketik nilainya",
        "en": "the formula {formula} was never computed (the file was not saved by Excel): open "
        "and save the file in Excel, or type the value",
    },
    "problem.table.cell.merged": {
        "id": "sel ini digabung dengan sel di sebelahnya ({cells}): pisahkan gabungan sel (Merge "
        "& Center > Unmerge) dan isi setiap kolom",
        "en": "this cell is merged with the one beside it ({cells}): unmerge the cells and fill "
        "each column",
    },
    "problem.table.cell.bool": {
        "id": "diharapkan ya atau tidak, tertulis {value}",
        "en": "expected ya (yes) or tidak (no), got {value}",
    },
    "problem.table.cell.education": {
        "id": "jenjang pendidikan {value} tidak dikenal; gunakan salah satu dari {levels}, "
        "atau tambahkan nama itu di lembar Pendidikan",
        "en": "unknown education level {value}; use one of {levels}, "
        "or add the name to the Pendidikan sheet",
    },
    "problem.table.cell.required": {"id": "wajib diisi", "en": "required"},
    "problem.table.cell.sex": {
        "id": "jenis kelamin {value} tidak dikenal (L/P, Laki-laki/Perempuan)",
        "en": "unknown sex {value} (L/P, M/F, Laki-laki/Perempuan)",
    },
    "problem.table.cell.sex_nip": {
        "id": "jenis kelamin {value} tidak sesuai dengan digit ke-15 NIP "
        "({digit}; 1 laki-laki, 2 perempuan)",
        "en": "sex {value} does not agree with digit 15 of the NIP ({digit}; 1 male, 2 female)",
    },
    # ----- Headers and sheets -----
    "problem.table.header.missing": {
        "id": "kolom tanpa judul berisi data; beri judul atau kosongkan",
        "en": "a column without a header holds data; give it a header or clear it",
    },
    "problem.table.header.duplicate": {
        "id": "kolom ini mengulang kolom {first}",
        "en": "this column repeats column {first}",
    },
    "problem.table.header.unknown": {
        "id": "kolom tidak dikenal; kolom yang dikenal: {known} (untuk catatan: kolom "
        "Keterangan, atau judul berawalan #)",
        "en": "unknown column; known columns: {known} (for notes: a Keterangan column, "
        "or a header starting with #)",
    },
    "problem.table.row.too_long": {
        "id": "baris ini berisi lebih banyak sel daripada {headers} judul kolom (di CSV: "
        "tanda koma di dalam nilai tanpa tanda kutip?)",
        "en": "this row holds more cells than the {headers} column headers (in CSV: a comma "
        "inside a value without quotes?)",
    },
    "problem.table.column.absent": {
        "id": "kolom {column} wajib ada",
        "en": "column {column} is required",
    },
    "problem.table.settings.headers": {
        "id": "lembar ini memerlukan kolom {setting} dan {value}",
        "en": "this sheet needs the columns {setting} and {value}",
    },
    "problem.table.settings.unnamed": {
        "id": "ada nilai tanpa nama pengaturan",
        "en": "a value without a setting name",
    },
    "problem.table.settings.unknown": {
        "id": "pengaturan {name} tidak dikenal; yang dikenal: {known}",
        "en": "unknown setting {name}; known settings: {known}",
    },
    "problem.table.settings.duplicate": {
        "id": "pengaturan {name} sudah diisi di baris {row}",
        "en": "setting {name} is already given in row {row}",
    },
    "problem.table.settings.absent": {
        "id": "pengaturan {name} wajib diisi",
        "en": "setting {name} is required",
    },
    "problem.table.sheet.unknown": {
        "id": "lembar tidak dikenal; lembar yang dikenal: {known} (untuk catatan: nama lembar "
        "berawalan #)",
        "en": "unknown sheet; known sheets: {known} (for notes: a sheet name starting with #)",
    },
    "problem.table.sheet.unknown_hidden": {
        "id": "lembar tersembunyi yang tidak dikenal; lembar yang dikenal: {known} (tampilkan "
        "lembar ini lalu hapus, atau beri nama berawalan # untuk catatan)",
        "en": "hidden sheet that is not known; known sheets: {known} (unhide it and delete it, "
        "or name it starting with # for notes)",
    },
    "problem.table.sheet.hidden": {
        "id": "lembar ini tersembunyi tetapi berisi {rows} baris: tampilkan (Unhide) agar isinya "
        "terlihat, atau hapus barisnya",
        "en": "this sheet is hidden but holds rows ({rows}): unhide it so that they are seen, or "
        "delete them",
    },
    "problem.table.sheet.duplicate": {
        "id": "lembar ini memuat tabel yang sama dengan lembar {other}",
        "en": "this sheet holds the same table as sheet {other}",
    },
    "problem.table.not_scenario": {
        "id": "tidak ada lembar skenario (lembar yang ada: {sheets}); buku kerja "
        "rencana yang ditulis solve -o bukan skenario: berikan buku kerja skenario (penempatan "
        "template menulis yang kosong)",
        "en": "no sheet of a scenario (the sheets here: {sheets}); the plan workbook "
        "written by solve -o is no scenario: give the scenario workbook (penempatan template "
        "writes an empty one)",
    },
    "problem.table.sheet.absent": {
        "id": "lembar {sheet} wajib ada",
        "en": "sheet {sheet} is required",
    },
    "problem.table.parent.opd": {
        "id": "OPD {value} tidak ada di lembar OPD",
        "en": "OPD {value} is not on the OPD sheet",
    },
    "problem.table.parent.cooperative": {
        "id": "koperasi {value} tidak ada di lembar Koperasi",
        "en": "cooperative {value} is not on the Koperasi sheet",
    },
    "problem.table.lossy": {
        "id": "skenario ini tidak dapat ditulis sebagai tabel tanpa mengubah isinya (misalnya "
        "tabel skor yang kosong, atau nama yang memuat ; atau , di dalam daftar); simpan "
        "sebagai JSON",
        "en": "this scenario cannot be written as tables without changing it (an empty fit "
        "table, say, or a list item holding ; or ,); keep it as JSON",
    },
    "problem.table.too_many_rows": {
        "id": "lebih dari {rows} baris, batas satu lembar Excel; gunakan JSON atau folder CSV",
        "en": "more than {rows} rows, the limit of one Excel sheet; use JSON or a CSV folder",
    },
    "problem.table.read.not_workbook": {
        "id": "tidak dapat dibaca sebagai buku kerja Excel (.xlsx): {reason}",
        "en": "cannot be read as an Excel workbook (.xlsx): {reason}",
    },
    "problem.table.read.no_csv": {
        "id": "folder ini tidak berisi file .csv",
        "en": "this folder holds no .csv file",
    },
    # ----- Written workbooks -----
    "sheet.list.error": {
        "id": "Pilih dari daftar (nilai lain dapat ditambahkan di lembar {sheet}).",
        "en": "Choose from the list (other values can be added on the {sheet} sheet).",
    },
    "sheet.setting.name": {
        "id": "Nama skenario, untuk laporan (wajib).",
        "en": "The scenario's name, for reports (required).",
    },
    "sheet.setting.reference_date": {
        "id": "Tanggal penempatan; usia dihitung pada tanggal ini (wajib), mis. 2026-03-01.",
        "en": "The placement date; ages are taken on this day (required), e.g. 2026-03-01.",
    },
    "sheet.setting.policy.min_education": {
        "id": "Pendidikan paling rendah yang boleh ditempatkan (kosong: D3).",
        "en": "The lowest education that may be placed (empty: D3).",
    },
    "sheet.setting.policy.max_age": {
        "id": "Usia tertinggi dalam tahun penuh pada tanggal acuan (kosong: 56).",
        "en": "The highest age in whole years on the reference date (empty: 56).",
    },
    "sheet.setting.policy.require_computer_skill": {
        "id": "ya: hanya yang menguasai komputer (kosong: ya).",
        "en": "ya: computer-proficient staff only (empty: ya).",
    },
    "sheet.setting.policy.require_nomination": {
        "id": "ya: hanya yang diusulkan kepala OPD-nya (kosong: tidak).",
        "en": "ya: only staff nominated by the head of their OPD (empty: tidak).",
    },
    "sheet.setting.policy.excluded_positions": {
        "id": "Jabatan yang tidak pernah ditempatkan, dipisah titik koma (mis. Guru; Perawat).",
        "en": "Positions never placed, separated by semicolons (e.g. Guru; Perawat).",
    },
    "sheet.setting.policy.max_distance_km": {
        "id": "Jarak terjauh tempat tinggal ke koperasi dalam km (kosong: tanpa batas); "
        "bila diisi, setiap kandidat dan koperasi perlu Lintang dan Bujur.",
        "en": "The farthest distance from home to cooperative in km (empty: no limit); "
        "when set, every candidate and cooperative needs Lintang and Bujur.",
    },
    "sheet.note.id": {
        "id": "Kode unik, dipakai lembar lain untuk merujuk baris ini.",
        "en": "A unique code; other sheets refer to this row by it.",
    },
    "sheet.note.headcount": {
        "id": "Seluruh pegawai saat ini, termasuk kandidat.",
        "en": "All staff today, candidates included.",
    },
    "sheet.note.min_staff": {
        "id": "Pegawai yang harus tetap ada setelah penempatan (batas layanan).",
        "en": "Staff that must remain after placement (the service floor).",
    },
    "sheet.note.opd": {
        "id": "Kode OPD dari lembar OPD (nama OPD juga diterima).",
        "en": "The OPD code from the OPD sheet (the OPD's name is accepted too).",
    },
    "sheet.note.cooperative": {
        "id": "Kode koperasi dari lembar Koperasi.",
        "en": "The cooperative code from the Koperasi sheet.",
    },
    "sheet.note.role": {
        "id": "Peran (unit usaha), dipilih dari daftar.",
        "en": "The role (business unit), chosen from the list.",
    },
    "sheet.note.min": {
        "id": "Kursi yang wajib diisi untuk peran ini.",
        "en": "Seats of this role that are required.",
    },
    "sheet.note.max": {
        "id": "Kursi paling banyak untuk peran ini.",
        "en": "The most seats of this role.",
    },
    "sheet.note.min_level": {
        "id": "Tingkat keahlian minimum 1-5 (kosong: 1).",
        "en": "The minimum skill level 1-5 (empty: 1).",
    },
    "sheet.note.max_staff": {
        "id": "Batas semua penempatan di koperasi ini (kosong: tanpa batas).",
        "en": "The cap on all placements here (empty: none).",
    },
    "sheet.note.location.lat": {
        "id": "Lintang dalam derajat desimal, mis. -6.8898.",
        "en": "Latitude in decimal degrees, e.g. -6.8898.",
    },
    "sheet.note.location.lon": {
        "id": "Bujur dalam derajat desimal, mis. 109.6746.",
        "en": "Longitude in decimal degrees, e.g. 109.6746.",
    },
    "sheet.note.nip": {
        "id": "NIP 18 digit, sebagai teks (jangan diketik sebagai angka).",
        "en": "The 18-digit NIP, as text (never as a number).",
    },
    "sheet.note.candidate": {
        "id": "NIP 18 digit kandidat, sebagai teks.",
        "en": "The candidate's 18-digit NIP, as text.",
    },
    "sheet.note.education": {
        "id": "Jenjang pendidikan: SD, SMP, SMA, SMK, D1-D4, S1-S3 (nama SIASN juga diterima).",
        "en": "Education level: SD, SMP, SMA, SMK, D1-D4, S1-S3 (SIASN names accepted too).",
    },
    "sheet.note.birth_date": {
        "id": "Tanggal lahir; harus sama dengan digit 1-8 NIP.",
        "en": "Date of birth; must agree with digits 1-8 of the NIP.",
    },
    "sheet.note.computer_skill": {
        "id": "ya atau tidak.",
        "en": "ya (yes) or tidak (no).",
    },
    "sheet.note.nominated": {
        "id": "ya bila diusulkan kepala OPD asal (kosong: tidak).",
        "en": "ya when nominated by the head of the home OPD (empty: tidak).",
    },
    "sheet.note.domicile": {
        "id": "Kelurahan tempat tinggal, ditulis sama dengan lembar Koperasi.",
        "en": "The kelurahan of residence, spelled as on the Koperasi sheet.",
    },
    "sheet.note.preferences": {
        "id": "Kode koperasi pilihan, yang paling diinginkan dulu, dipisah titik koma.",
        "en": "Preferred cooperative codes, most wanted first, separated by semicolons.",
    },
    "sheet.note.skills": {
        "id": "Tingkat keahlian 1-5 dalam peran ini (kosong: tidak menguasai). "
        "Tambahkan kolom Keahlian: <peran> untuk peran lain.",
        "en": "Skill level 1-5 in this role (empty: none). "
        "Add a column Keahlian: <role> for other roles.",
    },
    "sheet.note.score": {
        "id": "Skor 0-100; bila lembar ini diisi, hanya pasangan yang tercantum yang boleh "
        "dipakai.",
        "en": "Score 0-100; when this sheet is filled, only the listed triples may be used.",
    },
    "sheet.note.kind": {
        "id": "at_most (paling banyak) atau at_least (paling sedikit).",
        "en": "at_most or at_least.",
    },
    "sheet.note.per": {
        "id": "cooperative, kecamatan atau all (kosong: cooperative).",
        "en": "cooperative, kecamatan or all (empty: cooperative).",
    },
    "sheet.guide.01": {
        "id": "Buku kerja ini adalah satu skenario penempatan PPPK ke Koperasi Kelurahan Merah "
        "Putih. Isi setiap lembar, lalu jalankan: penempatan validate FILE.xlsx",
        "en": "This workbook is one scenario of PPPK placement in the Koperasi Kelurahan Merah "
        "Putih. Fill every sheet, then run: penempatan validate FILE.xlsx",
    },
    "sheet.guide.02": {
        "id": "Baris 1 setiap lembar adalah judul kolom: jangan diubah. Satu baris, satu data.",
        "en": "Row 1 of each sheet holds the column headers: keep them. One row, one record.",
    },
    "sheet.guide.03": {
        "id": "Kebijakan: nama skenario, tanggal acuan, dan syarat penempatan (pendidikan, usia, "
        "komputer, usulan, jabatan dikecualikan, jarak).",
        "en": "Kebijakan: the scenario's name, the reference date and the placement rules "
        "(education, age, computer skill, nomination, excluded positions, distance).",
    },
    "sheet.guide.04": {
        "id": "OPD: setiap OPD asal dengan jumlah pegawai dan batas minimum pegawai yang harus "
        "tetap ada. Jabatan (boleh kosong): batas minimum per jabatan di dalam OPD.",
        "en": "OPD: each home OPD with its headcount and the floor of staff that must remain. "
        "Jabatan (may stay empty): floors per position within an OPD.",
    },
    "sheet.guide.05": {
        "id": "Koperasi: setiap koperasi dengan kelurahan dan kecamatannya. Kebutuhan: satu baris "
        "per peran per koperasi (minimum, maksimum, tingkat keahlian minimum).",
        "en": "Koperasi: each cooperative with its kelurahan and kecamatan. Kebutuhan: one row "
        "per role per cooperative (minimum, maximum, minimum skill level).",
    },
    "sheet.guide.06": {
        "id": "Kandidat: satu baris per pegawai. Kolom ekspor SIASN (nip_baru, nama, "
        "tanggal_lahir, jenis_kelamin, tingkat_pendidikan_nama, jabatan_nama, unor_nama) "
        "juga dibaca; kolom SIASN lainnya dilewati.",
        "en": "Kandidat: one row per member of staff. The columns of a SIASN export (nip_baru, "
        "nama, tanggal_lahir, jenis_kelamin, tingkat_pendidikan_nama, jabatan_nama, unor_nama) "
        "are read too; other SIASN columns are skipped.",
    },
    "sheet.guide.07": {
        "id": "NIP selalu sebagai TEKS. Excel hanya menyimpan 15 digit angka: NIP 18 digit yang "
        "diketik sebagai angka sudah rusak. Kolom NIP di buku kerja ini sudah berformat teks.",
        "en": "NIPs always as TEXT. Excel keeps only 15 significant digits: an 18-digit NIP typed "
        "as a number is already corrupted. The NIP columns of this workbook are formatted as text.",
    },
    "sheet.guide.08": {
        "id": "Keahlian: satu kolom per peran (Keahlian: pengelola, ...), tingkat 1-5; kosong "
        "berarti tidak menguasai. Kolom untuk peran lain boleh ditambahkan.",
        "en": "Skills: one column per role (Keahlian: pengelola, ...), level 1-5; empty means "
        "none. Columns for other roles may be added.",
    },
    "sheet.guide.09": {
        "id": "Tanggal: sebagai tanggal Excel, atau teks TTTT-BB-HH atau HH-BB-TTTT. Ya/tidak: "
        "pilih dari daftar. Daftar: isi pilihan; peran baru dapat ditambahkan di sana.",
        "en": "Dates: as Excel dates, or text YYYY-MM-DD or DD-MM-YYYY. Yes/no: choose from the "
        "list. Daftar: the choices; new roles can be added there.",
    },
    "sheet.guide.10": {
        "id": "Lembar pilihan (boleh kosong): Skor (skor tetap per kandidat, koperasi, peran), "
        "Kunci (penempatan yang wajib), Larangan (pasangan kandidat-koperasi yang dilarang), "
        "Aturan (aturan daerah), Pendidikan (nama pendidikan tambahan -> jenjang).",
        "en": "Optional sheets (may stay empty): Skor (fixed scores per candidate, cooperative, "
        "role), Kunci (placements that must hold), Larangan (forbidden candidate-cooperative "
        "pairs), Aturan (local rules), Pendidikan (extra education names -> level).",
    },
    "sheet.guide.11": {
        "id": "Kolom catatan sendiri: beri judul Keterangan atau berawalan #. Lembar catatan: "
        "nama berawalan #.",
        "en": "Columns for your own notes: head them Keterangan or start the header with #. "
        "Sheets for notes: start the name with #.",
    },
    "sheet.guide.12": {
        "id": "Periksa: penempatan validate FILE.xlsx menyebut setiap kesalahan dengan lembar, "
        "baris dan kolomnya, semuanya sekaligus.",
        "en": "Check: penempatan validate FILE.xlsx names every mistake by sheet, row and "
        "column, all at once.",
    },
    "sheet.guide.13": {
        "id": "Hitung: penempatan solve FILE.xlsx -o rencana.json (rencana untuk diperiksa dan "
        "dijelaskan) atau -o rencana.xlsx (rencana untuk dicetak).",
        "en": "Solve: penempatan solve FILE.xlsx -o plan.json (the plan, to verify and explain) "
        "or -o plan.xlsx (the plan, to print).",
    },
    "sheet.guide.14": {
        "id": "Cetak: penempatan explain FILE.xlsx rencana.json -o rencana.xlsx menulis buku "
        "kerja siap cetak dari rencana yang sudah ada.",
        "en": "Print: penempatan explain FILE.xlsx plan.json -o plan.xlsx writes a print-ready "
        "workbook of an existing plan.",
    },
    "sheet.guide.15": {
        "id": "File sumber tidak pernah diubah. Format lengkap: docs/format.md.",
        "en": "Input files are never changed. The full format: docs/format.md.",
    },
    # ----- The printable plan workbook -----
    "book.sheet.summary": {"id": "Ringkasan", "en": "Summary"},
    "book.sheet.placements": {"id": "Penempatan", "en": "Placements"},
    "book.sheet.cooperatives": {"id": "Cakupan Koperasi", "en": "Coverage by cooperative"},
    "book.sheet.kecamatan": {"id": "Cakupan Kecamatan", "en": "Coverage by kecamatan"},
    "book.sheet.opds": {"id": "Dampak OPD", "en": "OPD impact"},
    "book.sheet.unplaced": {"id": "Tidak Ditempatkan", "en": "Not placed"},
    "book.sheet.short": {"id": "Kebutuhan Kurang", "en": "Needs short"},
    "book.col.no": {"id": "No.", "en": "No."},
    "book.col.candidate": {"id": "NIP", "en": "NIP"},
    "book.col.name": {"id": "Nama", "en": "Name"},
    "book.col.opd": {"id": "Kode OPD", "en": "OPD"},
    "book.col.opd_name": {"id": "Nama OPD", "en": "OPD name"},
    "book.col.position": {"id": "Jabatan", "en": "Position"},
    "book.col.cooperative": {"id": "Koperasi", "en": "Cooperative"},
    "book.col.cooperative_name": {"id": "Nama koperasi", "en": "Cooperative name"},
    "book.col.kelurahan": {"id": "Kelurahan", "en": "Kelurahan"},
    "book.col.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "book.col.role": {"id": "Peran", "en": "Role"},
    "book.col.score": {"id": "Skor", "en": "Score"},
    "book.col.required": {"id": "Kursi wajib", "en": "Required seats"},
    "book.col.covered": {"id": "Terisi", "en": "Covered"},
    "book.col.placed": {"id": "Ditempatkan", "en": "Placed"},
    "book.col.short": {"id": "Kurang", "en": "Short"},
    "book.col.max_staff": {"id": "Maks. staf", "en": "Max staff"},
    "book.col.cooperatives": {"id": "Koperasi", "en": "Cooperatives"},
    "book.col.share": {"id": "Cakupan (%)", "en": "Coverage (%)"},
    "book.col.headcount": {"id": "Jumlah pegawai", "en": "Headcount"},
    "book.col.min_staff": {"id": "Batas minimum", "en": "Floor"},
    "book.col.candidates": {"id": "Kandidat", "en": "Candidates"},
    "book.col.released": {"id": "Dilepas", "en": "Released"},
    "book.col.remaining": {"id": "Tersisa", "en": "Remaining"},
    "book.col.slack": {"id": "Ruang lepas", "en": "Slack"},
    "book.col.binding": {"id": "Batas mengikat", "en": "Floor binds"},
    "book.col.codes": {"id": "Kode alasan", "en": "Reason codes"},
    "book.col.reasons": {"id": "Alasan", "en": "Reasons"},
    "book.col.min": {"id": "Minimum", "en": "Minimum"},
    "book.summary.scenario": {"id": "Skenario", "en": "Scenario"},
    "book.summary.status": {"id": "Status", "en": "Status"},
    "book.summary.coverage": {"id": "Kursi wajib terisi", "en": "Required seats covered"},
    "book.summary.fit": {"id": "Total kecocokan", "en": "Total fit"},
    "book.summary.placements": {"id": "Penempatan", "en": "Placements"},
    "book.summary.unplaced": {"id": "Kandidat tidak ditempatkan", "en": "Candidates not placed"},
    "book.summary.binding": {"id": "OPD dengan batas mengikat", "en": "OPD whose floor binds"},
    "book.summary.conflict": {"id": "Konflik", "en": "Conflict"},
    "book.summary.audit": {"id": "Jejak audit", "en": "Audit"},
    "book.summary.binding_note": {
        "id": "Batas mengikat: OPD (atau jabatan) ini tidak dapat melepas satu orang pun lagi "
        "tanpa turun di bawah batas minimumnya.",
        "en": "A binding floor: this OPD (or position) cannot release one more person without "
        "falling below its floor.",
    },
    # ----- The spreadsheet commands -----
    "cli.template": {
        "id": "menulis buku kerja skenario kosong untuk diisi",
        "en": "write an empty scenario workbook to fill in",
    },
    "cli.template.workbook": {
        "id": "berkas .xlsx baru (tidak pernah menimpa yang ada). Contoh: data.xlsx",
        "en": "the new .xlsx file (never written over). Example: data.xlsx",
    },
    "cli.convert": {
        "id": "mengubah skenario antara JSON, Excel dan folder CSV tanpa mengubah isinya",
        "en": "convert a scenario between JSON, Excel and a CSV folder without changing it",
    },
    "cli.convert.source": {
        "id": "skenario: .json, .xlsx atau folder berisi .csv. Contoh: data.xlsx",
        "en": "a scenario: .json, .xlsx or a folder of .csv files. Example: data.xlsx",
    },
    "cli.convert.target": {
        "id": "berkas atau folder baru: .json, .xlsx, atau nama lain untuk folder CSV. "
        "Contoh: data.json",
        "en": "the new file or folder: .json, .xlsx, or any other name for a CSV folder. "
        "Example: data.json",
    },
    "cli.schema.plan": {
        "id": "mencetak skema JSON penempatan/plan@1",
        "en": "print the JSON schema of penempatan/plan@1 instead",
    },
    "cli.template.done": {
        "id": "{path}: buku kerja skenario kosong ditulis; isi, lalu: penempatan validate {path}",
        "en": "{path}: empty scenario workbook written; fill it, then: penempatan validate {path}",
    },
    "cli.convert.done": {
        "id": "{target}: {kind}, skenario {sha} (sama dengan {source})",
        "en": "{target}: {kind}, scenario {sha} (the same as {source})",
    },
    "cli.workbook_options": {
        "id": "buku kerja rencana (.xlsx) menampilkan semua orang dengan nama dan NIP: "
        "--pseudonymise, --candidate dan --format berlaku untuk laporan",
        "en": "a plan workbook (.xlsx) shows everyone by name and NIP: "
        "--pseudonymise, --candidate and --format apply to reports",
    },
}
