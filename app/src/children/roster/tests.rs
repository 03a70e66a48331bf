use super::*;

const ROSTER: &str = "姓名,性别,出生日期,年级,班级,留守类型,外出父母,务工地,监护人,与学生关系,联系电话,家庭住址,爱好\n\
王小雨,女,2017/3/9,3,2,全留守,父母,广东省东莞,王奶奶,奶奶,13800138000,深水洞村三组,画画\n\
李明,男,2016-11-02,3,2,半留守,父亲,浙江 宁波,李妈妈,母亲,0851-2345678,深水洞村五组,\n\
张三,男,2016-13-01,3,2,非留守,,,,,,深水洞村一组,\n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn rows(bytes: &[u8], name: &str) -> Vec<RosterRow> {
    let sheet = read_sheet(bytes, name).unwrap();
    let cols = columns(&sheet.headers, &HashMap::new());
    check(&sheet, &cols, &HashSet::new(), today()).unwrap()
}

#[test]
fn a_gbk_csv_from_excel_with_chinese_headers() {
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(ROSTER);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "really GBK");
    let rows = rows(&gbk, "三年级二班.csv");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].name, "王小雨");
    assert_eq!(rows[0].class, Some((3, 2)));
    let first = rows[0].draft.as_ref().unwrap();
    assert_eq!(first.work_province.as_deref(), Some("广东"));
    assert_eq!(first.work_city.as_deref(), Some("东莞"));
    // Read as the family's form reads a work place.
    let second = rows[1].draft.as_ref().unwrap();
    assert_eq!(second.work_province.as_deref(), Some("浙江"));
    assert_eq!(second.work_city.as_deref(), Some("宁波"));
    assert_eq!(rows[1].problems, []);
    // Row 4 of the sheet: a 13th month.
    assert_eq!(rows[2].number, 4);
    assert_eq!(
        rows[2].problems,
        [Problem::new(
            Some(Column::BirthDate),
            ValidationError::BirthDateInvalid
        )]
    );
}

#[test]
fn a_utf8_csv_with_a_bom_and_an_unknown_column() {
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), ROSTER.as_bytes()].concat();
    let sheet = read_sheet(&with_bom, "roster.csv").unwrap();
    assert_eq!(sheet.headers[0], "姓名");
    let cols = columns(&sheet.headers, &HashMap::new());
    assert_eq!(cols[12], None, "爱好 is not a roster column");
    let mapped = columns(
        &sheet.headers,
        &HashMap::from([("爱好".to_owned(), Column::Notes)]),
    );
    assert_eq!(mapped[12], Some(Column::Notes));
}

#[test]
fn required_columns_bad_phones_duplicates_and_known_children() {
    let no_birth = ROSTER.replace("出生日期", "入学日期");
    let sheet = read_sheet(no_birth.as_bytes(), "r.csv").unwrap();
    assert_eq!(
        check(
            &sheet,
            &columns(&sheet.headers, &HashMap::new()),
            &HashSet::new(),
            today()
        ),
        Err(ValidationError::MissingColumn)
    );

    let bad_phone = ROSTER.replace("13800138000", "1380013");
    assert_eq!(
        rows(bad_phone.as_bytes(), "r.csv")[0].problems,
        [Problem::new(
            Some(Column::Phone),
            ValidationError::PhoneInvalid
        )]
    );

    let twice = format!(
        "{ROSTER}王小雨,女,2017-03-09,3,2,全留守,父母,东莞,王奶奶,奶奶,13800138000,三组,\n"
    );
    let rows_twice = rows(twice.as_bytes(), "r.csv");
    assert_eq!(
        rows_twice[3].problems,
        [Problem::new(
            Some(Column::Name),
            ValidationError::ChildTwiceInFile
        )]
    );

    let sheet = read_sheet(ROSTER.as_bytes(), "r.csv").unwrap();
    let known = HashSet::from([(
        "李明".to_owned(),
        NaiveDate::from_ymd_opt(2016, 11, 2).unwrap(),
    )]);
    let checked = check(
        &sheet,
        &columns(&sheet.headers, &HashMap::new()),
        &known,
        today(),
    )
    .unwrap();
    assert!(checked[1].already);
}

#[test]
fn an_xlsx_workbook_with_numbers_and_dates_as_excel_keeps_them() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in ["姓名", "性别", "出生日期", "班级", "留守类型", "联系电话"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "王小雨").unwrap();
    sheet.write_string(1, 1, "女").unwrap();
    let date = ExcelDateTime::from_ymd(2017, 3, 9).unwrap();
    sheet
        .write_datetime_with_format(1, 2, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    sheet.write_string(1, 3, "3年级2班").unwrap();
    sheet.write_string(1, 4, "非留守").unwrap();
    sheet.write_number(1, 5, 13800138000.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let rows = rows(&bytes, "roster.xlsx");
    assert_eq!(rows[0].problems, [], "{rows:?}");
    let draft = rows[0].draft.as_ref().unwrap();
    assert_eq!(
        draft.birth_date,
        NaiveDate::from_ymd_opt(2017, 3, 9).unwrap()
    );
    assert_eq!(
        draft.guardians[0].name, "监护人",
        "a phone without a name is the guardian's"
    );
    assert_eq!(
        draft.guardians[0].phone.as_deref(),
        Some("13800138000"),
        "not 1.38e10"
    );
}

#[test]
fn files_that_are_not_rosters_are_refused_whole() {
    assert!(matches!(
        read_sheet(b"", "a.csv"),
        Err(ValidationError::FileEmpty)
    ));
    assert!(matches!(
        read_sheet(b"PK\x03\x04garbage", "a.xlsx"),
        Err(ValidationError::RosterUnreadable)
    ));
    assert!(matches!(
        read_sheet("姓名\n".as_bytes(), "a.csv"),
        Err(ValidationError::FileEmpty)
    ));
}

/// Fuzzing by hand: thousands of damaged rosters (bytes flipped, cut short, cells
/// shuffled, GBK and UTF-8) never make the reader or the checker panic.
#[test]
fn damaged_files_never_panic() {
    let mut state: u64 = 0x5EED;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let (gbk, _, _) = encoding_rs::GBK.encode(ROSTER);
    let sources: [&[u8]; 2] = [ROSTER.as_bytes(), &gbk];
    for round in 0..3000 {
        let mut bytes = sources[round % 2].to_vec();
        for _ in 0..(next() % 8) {
            let at = (next() as usize) % bytes.len();
            match next() % 4 {
                0 => bytes[at] = next() as u8,
                1 => bytes.truncate(at.max(1)),
                2 => bytes.insert(at, [b',', b'\n', b'"', 0xE5][(next() % 4) as usize]),
                _ => {
                    bytes.remove(at);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        let name = if next() % 10 == 0 { "r.xlsx" } else { "r.csv" };
        if let Ok(sheet) = read_sheet(&bytes, name) {
            let cols = columns(&sheet.headers, &HashMap::new());
            let _ = check(&sheet, &cols, &HashSet::new(), today());
        }
    }
}

const CORNERS: &[u8] = include_bytes!("../../../../fixtures/rosters/corners.xlsx");
const BOMB: &[u8] = include_bytes!("../../../../fixtures/rosters/bomb.xlsx");
const FULL_WIDTH: &[u8] = include_bytes!("../../../../fixtures/rosters/fullwidth.xlsx");

#[test]
fn a_sheet_that_claims_a_million_rows_is_refused_not_allocated() {
    // Two filled corners, A1 and XFD1048576: a dense grid would be 17 billion cells.
    assert!(matches!(
        read_sheet(CORNERS, "花名册.xlsx"),
        Err(ValidationError::FileTooLarge)
    ));
}

#[test]
fn an_archive_that_unpacks_to_100_mb_is_refused() {
    assert!(BOMB.len() < 200 * 1024, "a small upload");
    assert!(matches!(
        read_sheet(BOMB, "花名册.xlsx"),
        Err(ValidationError::FileTooLarge)
    ));
}

#[test]
fn csv_files_past_the_limits_are_refused_whole() {
    let wide = format!("姓名{}\n王小明{}\n", ",x".repeat(100), ",1".repeat(100));
    assert!(matches!(
        read_sheet(wide.as_bytes(), "r.csv"),
        Err(ValidationError::FileTooLarge)
    ));
    let long = format!("姓名\n{}", "王小明\n".repeat(MAX_ROWS + 1));
    assert!(matches!(
        read_sheet(long.as_bytes(), "r.csv"),
        Err(ValidationError::FileTooLarge)
    ));
    // Blank lines do not count as children, and row numbers stay those of the sheet.
    let airy = format!("姓名\n{}王小明\n", "\n,,\n".repeat(MAX_ROWS));
    let sheet = read_sheet(airy.as_bytes(), "r.csv").unwrap();
    assert_eq!(sheet.rows.len(), 1);
    assert_eq!(sheet.rows[0].0, 2 * MAX_ROWS + 2);
    for (text, line) in [
        ("姓名\r\n王小明\r\n李明\r\n", 3),
        ("姓名\n\n\n王小明\n李明\n", 5),
        ("姓名\n\"王\n小明\"\n李明\n", 4),
    ] {
        let sheet = read_sheet(text.as_bytes(), "r.csv").unwrap();
        assert_eq!(sheet.rows.last().unwrap().0, line, "{text:?}");
    }
}

#[test]
fn full_width_digits_typed_with_an_input_method_are_read() {
    let from_xlsx = rows(FULL_WIDTH, "三年级二班.xlsx");
    assert_eq!(from_xlsx.len(), 1);
    assert_eq!(from_xlsx[0].problems, [], "{:?}", from_xlsx[0].problems);
    let draft = from_xlsx[0].draft.as_ref().unwrap();
    assert_eq!(draft.guardians[0].phone.as_deref(), Some("13612345678"));
    assert_eq!(
        draft.birth_date,
        NaiveDate::from_ymd_opt(2017, 3, 5).unwrap()
    );
    assert_eq!(from_xlsx[0].class, Some((3, 2)));
    // The same in a CSV.
    let csv = "姓名,性别,出生日期,年级,班级,留守情况,监护人,监护人电话\n\
王小明,男,２０１７/３/５,３,２,留守,王奶奶,１３６１２３４５６７８\u{3000}\n";
    let from_csv = rows(csv.as_bytes(), "r.csv");
    assert_eq!(from_csv[0].problems, [], "{:?}", from_csv[0].problems);
}

#[test]
fn cells_our_export_marked_as_text_come_back_as_they_were() {
    let csv = "姓名,性别,出生日期,年级,班级,联系电话\n王小明,男,2017-03-05,3,2,'+8613612345678\n";
    let rows = rows(csv.as_bytes(), "r.csv");
    assert_eq!(
        rows[0].draft.as_ref().unwrap().guardians[0]
            .phone
            .as_deref(),
        Some("13612345678")
    );
}

/// The walk's `badrow2.csv`: each row has more than one problem, and all are listed.
const TWO_BAD_ROWS: &str =
    "姓名,性别,出生日期,年级,班级,留守类型,外出父母,务工地,监护人,与学生关系,联系电话,家庭住址\n\
测试子,男,2019-02-03,9年级,1班,全留守,父母,广东,某人,祖母,123,村\n\
测试丑,x,2019-02-03,1年级,7班,不知道,父母,广东,某人,祖母,13800138000,村\n";

fn columns_at_fault(row: &RosterRow) -> Vec<(Option<Column>, ValidationError)> {
    row.problems.iter().map(|p| (p.column, p.error)).collect()
}

#[test]
fn every_problem_of_a_row_is_listed_with_its_column_in_the_files_order() {
    let rows = rows(TWO_BAD_ROWS.as_bytes(), "badrow2.csv");
    assert_eq!(
        columns_at_fault(&rows[0]),
        [
            (Some(Column::Grade), ValidationError::ClassInvalid),
            (Some(Column::Phone), ValidationError::PhoneInvalid),
        ]
    );
    assert_eq!(rows[0].class, None);
    assert_eq!(rows[0].class_typed.as_deref(), Some("9年级 1班"));
    // 7班 may be a class of some school: whether this one has it is the server's to say.
    assert_eq!(rows[1].class, Some((1, 7)));
    assert_eq!(
        columns_at_fault(&rows[1]),
        [
            (Some(Column::Gender), ValidationError::GenderInvalid),
            (Some(Column::LeftBehind), ValidationError::LeftBehindInvalid),
        ],
        "a sound 外出父母 is not blamed for the status beside it"
    );
    assert!(rows.iter().all(|r| r.draft.is_none()), "nothing to import");
}

#[test]
fn problems_in_a_guardians_cells_name_the_cell() {
    let csv = "姓名,性别,出生日期,班级,监护人,与学生关系,联系电话,留守类型,外出父母\n\
王小明,男,2017-03-05,3-2,王奶奶,邻居,123,半留守,\n";
    assert_eq!(
        columns_at_fault(&rows(csv.as_bytes(), "r.csv")[0]),
        [
            (Some(Column::Relation), ValidationError::RelationInvalid),
            (Some(Column::Phone), ValidationError::PhoneInvalid),
            (
                Some(Column::ParentsAway),
                ValidationError::LeftBehindMismatch
            ),
        ]
    );
}

#[test]
fn a_row_at_fault_is_still_known_by_its_name_and_birth_date() {
    // A phone to fix does not hide that the child is in the file twice.
    let csv = "姓名,性别,出生日期,班级,联系电话\n\
王小明,男,2017-03-05,3-2,13612345678\n\
王小明,男,2017-03-05,3-2,123\n";
    assert_eq!(
        columns_at_fault(&rows(csv.as_bytes(), "r.csv")[1]),
        [
            (Some(Column::Name), ValidationError::ChildTwiceInFile),
            (Some(Column::Phone), ValidationError::PhoneInvalid),
        ]
    );
}

#[test]
fn a_birth_date_written_right_that_is_not_on_the_calendar_is_named_so() {
    for day in [
        "2019-02-30",
        "2019/2/29",
        "2019年2月30日",
        "2019-04-31",
        "２０１９－０２－３０",
    ] {
        assert!(not_a_day(day), "{day}");
    }
    for not_a_date in [
        "2019-13-01",
        "2019-02-32",
        "2019-02-00",
        "30",
        "2019-02",
        "20190230",
        "明年",
        "",
    ] {
        assert!(!not_a_day(not_a_date), "{not_a_date}");
    }
    assert!(!not_a_day("2020-02-29"), "a leap day is a day");

    let csv = "姓名,性别,出生日期,班级\n王小明,男,2019-02-30,3-2\n李明,男,2019-13-01,3-2\n";
    let rows = rows(csv.as_bytes(), "r.csv");
    let problem = |row: &RosterRow| row.problems[0].clone();
    assert_eq!(
        problem(&rows[0]),
        Problem {
            column: Some(Column::BirthDate),
            error: ValidationError::BirthDateInvalid,
            no_such_day: Some("2019-02-30".to_owned()),
        }
    );
    assert_eq!(
        problem(&rows[1]).no_such_day,
        None,
        "a 13th month: the format"
    );
}

#[test]
fn every_header_the_import_page_suggests_is_recognised() {
    use crate::children::strings::{EN, ZH_CN};
    for strings in [&ZH_CN, &EN] {
        let suggested: Vec<&str> = strings
            .roster_headers
            .split(['、', ','])
            .map(str::trim)
            .collect();
        assert!(suggested.len() >= 12, "{suggested:?}");
        for header in suggested {
            assert!(Column::recognise(header).is_some(), "{header}");
        }
        assert!((strings.roster_intro)(strings.roster_headers).contains(strings.roster_headers));
    }
}
