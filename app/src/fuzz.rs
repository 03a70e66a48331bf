//! Fuzzing on the stable toolchain: the readers of what users upload (a roster as CSV or
//! a real XLSX archive, a calendar file, the multipart form that carries them) get
//! thousands of damaged inputs, made from real
//! files by flipping, cutting, inserting and deleting bytes; none may panic, hang or take
//! the server down, and each gives an answer (a sheet, or a refusal). Inputs that once
//! broke a reader are kept in `fixtures/fuzz/` and replayed on every run. Set
//! `FUZZ_ROUNDS` to run longer (`FUZZ_ROUNDS=200000 cargo test -p app --features ssr fuzz`).

use std::collections::HashSet;

use crate::calendar::domain::ics_import;
use crate::children::roster::read_sheet;

const ROSTER_XLSX: &[u8] = include_bytes!("../../fixtures/rosters/fullwidth.xlsx");
const CORNERS_XLSX: &[u8] = include_bytes!("../../fixtures/rosters/corners.xlsx");
const ROSTER_CSV: &str = "姓名,性别,出生日期,年级,班级,留守类型,监护人,联系电话\n\
王小雨,女,2017/3/9,3,2,全留守,王奶奶,13800138000\n李明,男,2016-11-02,3,2,半留守,李妈妈,0851-2345678\n";
const CALENDAR: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fuzz//ZH\r\n\
BEGIN:VEVENT\r\nUID:a@fuzz\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:升旗\r\nDTSTART;TZID=Asia/Shanghai:20260907T080000\r\n\
DURATION:PT30M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270115T160000Z\r\nEXDATE;TZID=Asia/Shanghai:20261005T080000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:b@fuzz\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:考试\r\nDTSTART;VALUE=DATE:20270112\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

fn rounds() -> usize {
    std::env::var("FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5000)
}

/// SplitMix64: the same damage on every run, so a failure can be replayed.
struct Damage(u64);

impl Damage {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A few flips, cuts, insertions or deletions of `source`.
    fn apply(&mut self, source: &[u8]) -> Vec<u8> {
        let mut bytes = source.to_vec();
        for _ in 0..=(self.next() % 6) {
            if bytes.is_empty() {
                break;
            }
            let at = (self.next() as usize) % bytes.len();
            match self.next() % 5 {
                0 => bytes[at] = self.next() as u8,
                1 => bytes[at] ^= 1 << (self.next() % 8),
                2 => bytes.truncate(at.max(1)),
                3 => bytes.insert(
                    at,
                    [b',', b'\n', b'"', 0xE5, 0x00, b':'][(self.next() % 6) as usize],
                ),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        bytes
    }
}

fn read_calendar(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let _ = ics_import::read(&text, &HashSet::new(), chrono_tz::Asia::Shanghai);
}

#[test]
fn damaged_real_xlsx_archives_are_read_or_refused() {
    let mut damage = Damage(0x0F0F_2026);
    for round in 0..rounds() {
        let source = if round % 4 == 0 {
            CORNERS_XLSX
        } else {
            ROSTER_XLSX
        };
        let damaged = damage.apply(source);
        let read = std::panic::catch_unwind(|| read_sheet(&damaged, "花名册.xlsx"));
        if read.is_err() {
            let kept = std::env::temp_dir().join(format!("fuzz-xlsx-{round}.xlsx"));
            std::fs::write(&kept, &damaged).unwrap();
            panic!("round {round} panicked; its input is in {}", kept.display());
        }
    }
}

#[test]
fn damaged_csv_rosters_are_read_or_refused() {
    let mut damage = Damage(0xC5F0_2026);
    let (gbk, _, _) = encoding_rs::GBK.encode(ROSTER_CSV);
    for round in 0..rounds() {
        let source: &[u8] = if round % 2 == 0 {
            ROSTER_CSV.as_bytes()
        } else {
            &gbk
        };
        let _ = read_sheet(&damage.apply(source), "花名册.csv");
    }
}

#[test]
fn damaged_calendar_files_are_read_or_refused() {
    let mut damage = Damage(0x1C5_2026);
    for _ in 0..rounds() {
        read_calendar(&damage.apply(CALENDAR.as_bytes()));
    }
}

/// A form as a browser sends it with a file: two fields and the file.
fn upload_form(boundary: &str) -> Vec<u8> {
    format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"next\"\r\n\r\n/calendar\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n春季学期\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"校历.ics\"\r\n\
         Content-Type: text/calendar\r\n\r\n{CALENDAR}\r\n--{boundary}--\r\n"
    )
    .into_bytes()
}

/// Reads `body` as the server function does, in chunks as they would arrive.
fn read_form(
    runtime: &tokio::runtime::Runtime,
    body: Vec<u8>,
    boundary: &str,
    chunk: usize,
    max: usize,
) -> Result<crate::native_submit::Upload, crate::error::AppError> {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        body.chunks(chunk.max(1)).map(|c| Ok(c.to_vec())).collect();
    let stream = futures::stream::iter(chunks);
    let data = leptos::server_fn::codec::MultipartData::Server(multer::Multipart::new(
        stream,
        boundary.to_owned(),
    ));
    runtime.block_on(crate::native_submit::read_upload(data, max, "upload"))
}

#[test]
fn damaged_multipart_forms_are_read_or_refused() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let boundary = "----hopehome-fuzz-7MA4YWxkTrZu0gW";
    let form = upload_form(boundary);
    let whole = read_form(&runtime, form.clone(), boundary, 7, 1 << 20).expect("the form as sent");
    assert_eq!(whole.file_name, "校历.ics");
    assert_eq!(whole.bytes, CALENDAR.as_bytes());
    assert_eq!(whole.fields["note"], "春季学期");
    let too_large = read_form(&runtime, form.clone(), boundary, 64, 100);
    assert!(too_large.is_err(), "a file over the limit is refused");

    let mut damage = Damage(0x3D1F_2026);
    let (mut read, mut refused) = (0, 0);
    for round in 0..rounds() {
        let damaged = damage.apply(&form);
        let chunk = 1 + (damage.next() % 97) as usize;
        let max = if round % 3 == 0 { 200 } else { 1 << 20 };
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_form(&runtime, damaged.clone(), boundary, chunk, max)
        }));
        match answer {
            Err(_) => {
                let kept = std::env::temp_dir().join(format!("fuzz-multipart-{round}.txt"));
                std::fs::write(&kept, &damaged).unwrap();
                panic!("round {round} panicked; its input is in {}", kept.display());
            }
            Ok(Ok(upload)) => {
                assert!(upload.bytes.len() <= max, "round {round}");
                read += 1;
            }
            Ok(Err(_)) => refused += 1,
        }
    }
    // The damage reaches the reader: some forms still read, others are refused.
    assert!(read > 0 && refused > 0, "{read} read, {refused} refused");
}

/// Every input kept in `fixtures/fuzz/` (`*.xlsx`, `*.csv`, `*.ics`) is fed to its reader.
#[test]
fn the_kept_cases_still_read_or_refuse() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/fuzz");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures/fuzz") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("ics") => read_calendar(&bytes),
            Some(ext @ ("xlsx" | "csv")) => {
                let _ = read_sheet(&bytes, &format!("kept.{ext}"));
            }
            _ => continue,
        }
        replayed += 1;
    }
    assert!(replayed > 0, "the kept cases are there");
}
