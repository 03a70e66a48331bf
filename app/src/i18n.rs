//! One catalogue for every user-visible string, Simplified Chinese first.
//!
//! Each locale is a value of [`Strings`]; a string missing from a locale is a compile
//! error, not a blank on a child's calendar. The server picks the locale per request
//! (cookie, then `Accept-Language`) and renders in it, so islands hydrate into the same text.

use serde::{Deserialize, Serialize};

pub const LOCALE_COOKIE: &str = "lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, for `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The cookie wins; otherwise the first language of `Accept-Language` we speak;
    /// otherwise Chinese.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
        let from_cookie = cookie_header.and_then(|header| {
            header.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                (name.trim() == LOCALE_COOKIE).then(|| Locale::from_tag(value))?
            })
        });
        from_cookie
            .or_else(|| accept_language.and_then(Self::from_accept_language))
            .unwrap_or_default()
    }

    fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let locale = Locale::from_tag(parts.next()?)?;
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, locale))
            })
            .collect();
        // Stable sort keeps the header's order among equal weights.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, locale)| *locale)
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

/// Every piece of interface text. Functions take the values they interpolate.
pub struct Strings {
    pub app_name: &'static str,
    pub school_name: &'static str,
    /// The language switch shows the *other* language in its own words.
    pub language_name: &'static str,
    pub switch_language_label: &'static str,
    pub nav_calendar: &'static str,
    pub calendar_title: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub today: &'static str,
    pub loading: &'static str,
    pub weekdays_short: [&'static str; 7],
    pub month_heading: fn(i32, u32) -> String,
    pub day_label: fn(chrono::NaiveDate) -> String,
    pub birthday_item: fn(&str, u32) -> String,
    pub birthday_of: fn(&str) -> String,
    pub class_label: fn(u8, u8) -> String,
    pub all_day: &'static str,
    pub more_items: fn(usize) -> String,
    pub category_activity: &'static str,
    pub category_thematic: &'static str,
    pub category_birthday: &'static str,
    pub category_checkup: &'static str,
    pub category_meeting: &'static str,
    pub category_family: &'static str,
    pub category_holiday: &'static str,
    pub legend: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_calendar: &'static str,
    pub error_validation: &'static str,
    pub file_unreadable: &'static str,
    pub file_empty: &'static str,
    pub file_too_large: &'static str,
    pub missing_start: &'static str,
    pub import_has_problems: &'static str,
    pub duplicate_in_file: &'static str,
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub import_file: &'static str,
    pub import_category: &'static str,
    pub import_upload: &'static str,
    pub import_preview_title: &'static str,
    pub import_cancel: &'static str,
    pub import_again: &'static str,
    pub import_row: &'static str,
    pub import_when: &'static str,
    pub import_problem: &'static str,
    pub import_already: &'static str,
    pub import_ok: &'static str,
    pub import_link: &'static str,
    pub import_changed_occurrence: &'static str,
    pub import_totals: fn(usize, usize, usize) -> String,
    pub import_confirm: fn(usize) -> String,
    pub import_done: fn(usize, &str) -> String,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_unauthorized: &'static str,
    pub error_forbidden: &'static str,
    pub error_internal: &'static str,
    pub error_network: &'static str,
    pub invalid_date: &'static str,
    pub role_admin: &'static str,
    pub role_leader: &'static str,
    pub role_counselor: &'static str,
    pub role_teacher: &'static str,
    pub role_student: &'static str,
    pub username_invalid: &'static str,
    pub username_taken: &'static str,
    pub display_name_invalid: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_mismatch: &'static str,
    pub current_password_wrong: &'static str,
    pub cannot_change_self: &'static str,
    pub bad_credentials: &'static str,
    pub too_many_attempts: &'static str,
    pub sign_in_title: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub change_password_title: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub confirm_password: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub users_title: &'static str,
    pub nav_users: &'static str,
    pub nav_audit: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub status: &'static str,
    pub status_active: &'static str,
    pub status_inactive: &'static str,
    pub create_user: &'static str,
    pub initial_password: &'static str,
    pub deactivate: &'static str,
    pub reactivate: &'static str,
    pub set_role: &'static str,
    pub paired_children: &'static str,
    pub classes: &'static str,
    pub groups: &'static str,
    pub add: &'static str,
    pub remove: &'static str,
    pub audit_title: &'static str,
    pub audit_at: &'static str,
    pub audit_user: &'static str,
    pub audit_action: &'static str,
    pub audit_record: &'static str,
    pub audit_outcome: &'static str,
    pub audit_ip: &'static str,
    pub filter: &'static str,
    pub any: &'static str,
    pub from_date: &'static str,
    pub to_date: &'static str,
    pub outcome_allowed: &'static str,
    pub outcome_denied: &'static str,
    pub outcome_success: &'static str,
    pub outcome_failure: &'static str,
    pub forbidden_title: &'static str,
    pub user_menu_label: &'static str,
    pub assignments: &'static str,
    pub invalid_view: &'static str,
    pub invalid_filter: &'static str,
    pub view_month: &'static str,
    pub view_week: &'static str,
    pub view_day: &'static str,
    pub view_agenda: &'static str,
    pub previous_period: &'static str,
    pub next_period: &'static str,
    pub all_categories: &'static str,
    pub class_filter: &'static str,
    pub group_filter: &'static str,
    pub all_classes: &'static str,
    pub all_groups: &'static str,
    pub no_items: &'static str,
    pub views_label: &'static str,
    pub filters_label: &'static str,
    pub week_heading: fn(chrono::NaiveDate, chrono::NaiveDate) -> String,
    pub holidays_title: &'static str,
    pub holiday_add: &'static str,
    pub holiday_date: &'static str,
    pub holiday_kind: &'static str,
    pub holiday_kind_holiday: &'static str,
    pub holiday_kind_workday: &'static str,
    pub holiday_name_label: &'static str,
    pub holiday_corrected: &'static str,
    pub holiday_name_invalid: &'static str,
    pub nav_holidays: &'static str,
    pub feeds_title: &'static str,
    pub nav_feeds: &'static str,
    pub feed_for_child: &'static str,
    pub feed_school: &'static str,
    pub feed_create: &'static str,
    pub feed_created: &'static str,
    pub feed_label: &'static str,
    pub feed_revoked: &'static str,
    pub feed_revoke: &'static str,
    pub invalid_time: &'static str,
    pub title_invalid: &'static str,
    pub end_before_start: &'static str,
    pub rule_invalid: &'static str,
    pub too_many_occurrences: &'static str,
    pub new_event: &'static str,
    pub edit_event: &'static str,
    pub event_title: &'static str,
    pub event_category: &'static str,
    pub event_all_day: &'static str,
    pub event_start_date: &'static str,
    pub event_start_time: &'static str,
    pub event_end_date: &'static str,
    pub event_end_time: &'static str,
    pub event_location: &'static str,
    pub event_audience: &'static str,
    pub audience_school: &'static str,
    pub audience_staff: &'static str,
    pub event_student_visible: &'static str,
    pub event_description: &'static str,
    pub event_repeat: &'static str,
    pub repeat_none: &'static str,
    pub repeat_weekly: &'static str,
    pub repeat_monthly: &'static str,
    pub repeat_yearly: &'static str,
    pub event_until: &'static str,
    pub event_archive: &'static str,
    pub conflict_newer: &'static str,
    pub add_event_here: &'static str,
    pub celebrate: &'static str,
    pub celebrate_date: &'static str,
    pub skip_occurrence: &'static str,
    pub edit_whole_series: &'static str,
    pub scope_label: &'static str,
    pub scope_this: &'static str,
    pub scope_following: &'static str,
    pub scope_all: &'static str,
    pub override_note: &'static str,
    pub open_series: &'static str,
    pub move_title: &'static str,
    pub move_to: fn(&str) -> String,
    pub cancel: &'static str,
    pub drag_hint: &'static str,
    pub this_occurrence: fn(&str) -> String,
    pub holidays_heading: fn(i32) -> String,
    pub lunar_label: fn(i32, u32) -> String,
    pub festival_name: fn(&str) -> &'static str,
    pub holiday_name: fn(&str) -> String,
    pub holiday_badge: &'static str,
    pub workday_badge: &'static str,
    pub lunar_toggle: &'static str,
    pub lunar_mark: &'static str,
    pub provisional_mark: &'static str,
    pub agenda_heading: fn(chrono::NaiveDate, chrono::NaiveDate) -> String,
}

const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub static ZH_CN: Strings = Strings {
    app_name: "希望之家",
    school_name: "深水洞村小学",
    language_name: "中文",
    switch_language_label: "切换语言",
    nav_calendar: "活动日历",
    calendar_title: "活动日历",
    previous_month: "上个月",
    next_month: "下个月",
    today: "今天",
    loading: "正在加载…",
    weekdays_short: WEEKDAYS_ZH,
    month_heading: |year, month| format!("{year}年{month}月"),
    day_label: |date| {
        use chrono::Datelike;
        format!(
            "{}年{}月{}日 星期{}",
            date.year(),
            date.month(),
            date.day(),
            WEEKDAYS_ZH[date.weekday().num_days_from_monday() as usize]
        )
    },
    birthday_item: |name, age| format!("{name} {age}岁生日"),
    birthday_of: |name| format!("{name} 生日"),
    class_label: |grade, number| format!("{grade}年级{number}班"),
    all_day: "全天",
    more_items: |n| format!("还有{n}项"),
    category_activity: "兴趣小组",
    category_thematic: "主题活动",
    category_birthday: "生日",
    category_checkup: "体检",
    category_meeting: "会议",
    category_family: "亲情联系",
    category_holiday: "假日",
    legend: "图例",
    not_found_title: "页面不存在",
    not_found_body: "找不到这个页面。",
    back_to_calendar: "返回活动日历",
    error_validation: "输入有误",
    file_unreadable: "无法读取这个文件：请上传从日历软件导出的 .ics 文件（UTF-8 编码）",
    file_empty: "文件里没有可以导入的内容",
    file_too_large: "文件太大：一次最多导入 2000 个活动",
    missing_start: "缺少开始时间（DTSTART）",
    import_has_problems: "有问题的行需要先在文件中改正，改正后重新上传；在此之前不会导入任何内容",
    duplicate_in_file: "同一个活动在文件中出现了两次（UID 相同）",
    import_title: "导入日历文件",
    import_intro: "上传教育局或其他单位发来的 .ics 日历文件（如学期校历）。先预览，确认后一次性全部导入；有任何问题都不会导入。",
    import_file: "日历文件（.ics）",
    import_category: "导入到类别",
    import_upload: "上传并预览",
    import_preview_title: "导入预览",
    import_cancel: "放弃这次导入",
    import_again: "改正后重新上传",
    import_row: "行",
    import_when: "时间",
    import_problem: "问题",
    import_already: "已在日历中，跳过",
    import_ok: "将导入",
    import_link: "导入 .ics 日历",
    import_changed_occurrence: "（重复活动中单独修改的一次）",
    import_totals: |new, already, problems| format!("共 {} 条：新增 {new} 条，已在日历中 {already} 条（跳过），有问题 {problems} 条", new + already + problems),
    import_confirm: |n| format!("确认导入 {n} 个活动"),
    import_done: |n, when| format!("已于 {when} 导入 {n} 个活动。"),
    error_not_found: "找不到该记录",
    error_conflict: "该记录已被他人修改，请查看最新版本",
    error_unauthorized: "请先登录",
    error_forbidden: "您没有权限查看此内容",
    error_internal: "服务器出错了，请稍后再试",
    error_network: "网络连接中断，请稍后再试",
    invalid_date: "日期无效，请使用 年-月-日 格式，例如 2027-04-01",
    role_admin: "校长（管理员）",
    role_leader: "领导小组成员",
    role_counselor: "结对帮扶老师",
    role_teacher: "教师",
    role_student: "学生",
    username_invalid: "用户名须为 2–40 个字母、数字、点、下划线或短横线",
    username_taken: "该用户名已被使用",
    display_name_invalid: "请填写姓名（最多 40 个字）",
    password_too_short: "密码至少需要 10 个字符",
    password_too_long: "密码不能超过 128 个字符",
    password_mismatch: "两次输入的新密码不一致",
    current_password_wrong: "当前密码不正确",
    cannot_change_self: "不能停用自己的账号或更改自己的角色",
    bad_credentials: "用户名或密码不正确",
    too_many_attempts: "尝试次数过多，请一分钟后再试",
    sign_in_title: "登录",
    username: "用户名",
    password: "密码",
    sign_in: "登录",
    sign_out: "退出登录",
    change_password_title: "修改密码",
    current_password: "当前密码",
    new_password: "新密码（至少 10 个字符）",
    confirm_password: "再次输入新密码",
    save: "保存",
    saved: "已保存",
    users_title: "用户与角色",
    nav_users: "用户",
    nav_audit: "审计日志",
    display_name: "姓名",
    role: "角色",
    status: "状态",
    status_active: "启用",
    status_inactive: "已停用",
    create_user: "新建用户",
    initial_password: "初始密码（至少 10 个字符）",
    deactivate: "停用",
    reactivate: "重新启用",
    set_role: "更改角色",
    paired_children: "结对儿童",
    classes: "任教班级",
    groups: "兴趣小组",
    add: "添加",
    remove: "移除",
    audit_title: "审计日志",
    audit_at: "时间",
    audit_user: "用户",
    audit_action: "操作",
    audit_record: "记录",
    audit_outcome: "结果",
    audit_ip: "地址",
    filter: "筛选",
    any: "全部",
    from_date: "从",
    to_date: "到",
    outcome_allowed: "允许",
    outcome_denied: "拒绝",
    outcome_success: "成功",
    outcome_failure: "失败",
    forbidden_title: "无权访问",
    user_menu_label: "用户菜单",
    assignments: "结对与任教",
    invalid_view: "未知的视图，请选择 月、周、日 或 列表",
    invalid_filter: "筛选条件无效",
    view_month: "月",
    view_week: "周",
    view_day: "日",
    view_agenda: "列表",
    previous_period: "上一页",
    next_period: "下一页",
    all_categories: "全部类别",
    class_filter: "班级",
    group_filter: "兴趣小组",
    all_classes: "全部班级",
    all_groups: "全部小组",
    no_items: "这段时间没有安排",
    views_label: "视图",
    filters_label: "筛选",
    holidays_title: "法定节假日与调休",
    holiday_add: "添加或更正",
    holiday_date: "日期",
    holiday_kind: "类型",
    holiday_kind_holiday: "放假",
    holiday_kind_workday: "调休上班",
    holiday_name_label: "名称",
    holiday_corrected: "已更正",
    holiday_name_invalid: "请填写名称（最多 40 个字）",
    nav_holidays: "节假日",
    feeds_title: "日历订阅",
    nav_feeds: "订阅",
    feed_for_child: "订阅内容",
    feed_school: "全校学生日历",
    feed_create: "生成订阅链接",
    feed_created: "订阅链接已生成。它只显示这一次：请现在复制，或让家长用手机扫描二维码。",
    feed_label: "订阅",
    feed_revoked: "已撤销",
    feed_revoke: "撤销",
    invalid_time: "时间无效，请使用 时:分 格式，例如 16:10",
    title_invalid: "请填写标题（最多 60 个字）",
    end_before_start: "结束时间不能早于开始时间",
    rule_invalid: "重复规则无效",
    too_many_occurrences: "这个重复规则一年内超过 1000 次，请检查",
    new_event: "新建活动",
    edit_event: "编辑活动",
    event_title: "标题",
    event_category: "类别",
    event_all_day: "全天",
    event_start_date: "开始日期",
    event_start_time: "开始时间",
    event_end_date: "结束日期",
    event_end_time: "结束时间",
    event_location: "地点",
    event_audience: "对象",
    audience_school: "全校",
    audience_staff: "仅教职工",
    event_student_visible: "学生可见",
    event_description: "说明",
    event_repeat: "重复",
    repeat_none: "不重复",
    repeat_weekly: "每周",
    repeat_monthly: "每月",
    repeat_yearly: "每年",
    event_until: "重复截止",
    event_archive: "删除活动",
    conflict_newer: "这是最新版本：请在此基础上修改后再保存。",
    add_event_here: "在这一天添加活动",
    celebrate: "为本月生日的留守儿童办集体生日会",
    celebrate_date: "生日会日期",
    skip_occurrence: "只删除这一次",
    edit_whole_series: "下面的修改将用于整个系列。",
    scope_label: "修改哪几次",
    scope_this: "仅这一次",
    scope_following: "这一次及以后",
    scope_all: "全部",
    override_note: "这是重复活动中单独修改过的一次，其他各次不受影响。",
    open_series: "编辑整个系列",
    move_title: "移动重复活动",
    move_to: |at| format!("移到 {at}"),
    cancel: "取消",
    drag_hint:
        "按住活动约 0.3 秒即可拖动到别的日期或时间；在周视图和日视图中拖动空白时段可新建活动。",
    this_occurrence: |at| format!("这一次：{at}"),
    holidays_heading: |year| format!("{year}年 法定节假日与调休"),
    lunar_label: lunar_label_zh,
    festival_name: |key| match key {
        "spring_festival" => "春节",
        "lantern" => "元宵节",
        "dragon_boat" => "端午节",
        "qixi" => "七夕",
        "mid_autumn" => "中秋节",
        "double_ninth" => "重阳节",
        "new_years_eve" => "除夕",
        "mothers_day" => "母亲节",
        "fathers_day" => "父亲节",
        "childrens_day" => "儿童节",
        "teachers_day" => "教师节",
        "national_day" => "国庆节",
        _ => "",
    },
    holiday_name: |name| name.to_owned(),
    holiday_badge: "休",
    workday_badge: "班",
    lunar_toggle: "农历",
    lunar_mark: "农历",
    provisional_mark: "待确认",
    week_heading: |first, last| {
        use chrono::Datelike;
        format!(
            "{}年{}月{}日 – {}月{}日",
            first.year(),
            first.month(),
            first.day(),
            last.month(),
            last.day()
        )
    },
    agenda_heading: |first, last| {
        use chrono::Datelike;
        format!(
            "{}年{}月{}日起 至 {}月{}日",
            first.year(),
            first.month(),
            first.day(),
            last.month(),
            last.day()
        )
    },
};

pub static EN: Strings = Strings {
    app_name: "Hope Home",
    school_name: "Shenshuidong Village School",
    language_name: "English",
    switch_language_label: "Switch language",
    nav_calendar: "Calendar",
    calendar_title: "Activity calendar",
    previous_month: "Previous month",
    next_month: "Next month",
    today: "Today",
    loading: "Loading…",
    weekdays_short: WEEKDAYS_EN,
    month_heading: |year, month| format!("{} {year}", MONTHS_EN[(month as usize - 1) % 12]),
    day_label: |date| date.format("%A, %-d %B %Y").to_string(),
    birthday_item: |name, age| format!("{name} turns {age}"),
    birthday_of: |name| format!("{name}'s birthday"),
    class_label: |grade, number| format!("Class {grade}-{number}"),
    all_day: "All day",
    more_items: |n| format!("+{n} more"),
    category_activity: "Interest group",
    category_thematic: "Thematic day",
    category_birthday: "Birthday",
    category_checkup: "Checkup",
    category_meeting: "Meeting",
    category_family: "Family",
    category_holiday: "Holiday",
    legend: "Legend",
    not_found_title: "Page not found",
    not_found_body: "There is no such page.",
    back_to_calendar: "Back to the calendar",
    error_validation: "Please check what you entered",
    file_unreadable: "This file cannot be read: upload an .ics file exported from a calendar app (UTF-8)",
    file_empty: "The file has nothing to import",
    file_too_large: "The file is too large: one import takes at most 2,000 events",
    missing_start: "No start time (DTSTART)",
    import_has_problems: "Rows with problems must be fixed in the file and the file uploaded again; until then nothing is imported",
    duplicate_in_file: "The same event appears twice in the file (same UID)",
    import_title: "Import a calendar file",
    import_intro: "Upload an .ics calendar file from the education bureau or another body (a term calendar, say). Look at the preview, then import everything at once; if anything is wrong, nothing is imported.",
    import_file: "Calendar file (.ics)",
    import_category: "Import into category",
    import_upload: "Upload and preview",
    import_preview_title: "Import preview",
    import_cancel: "Discard this import",
    import_again: "Upload the corrected file",
    import_row: "Row",
    import_when: "When",
    import_problem: "Problem",
    import_already: "Already in the calendar, skipped",
    import_ok: "Will be imported",
    import_link: "Import an .ics calendar",
    import_changed_occurrence: " (one changed occurrence of a series)",
    import_totals: |new, already, problems| format!("{} entries: {new} new, {already} already in the calendar (skipped), {problems} with problems", new + already + problems),
    import_confirm: |n| format!("Import {n} events"),
    import_done: |n, when| format!("{n} events were imported on {when}."),
    error_not_found: "Not found",
    error_conflict: "Someone else changed this record; here is the newer version",
    error_unauthorized: "Please sign in",
    error_forbidden: "You are not allowed to see this",
    error_internal: "Something went wrong on the server; please try again later",
    error_network: "The connection dropped; please try again",
    invalid_date: "Invalid date: use year-month-day, for example 2027-04-01",
    role_admin: "Headmaster (admin)",
    role_leader: "Leading group",
    role_counselor: "Paired counselor",
    role_teacher: "Teacher",
    role_student: "Student",
    username_invalid: "A username is 2–40 letters, digits, dots, underscores or hyphens",
    username_taken: "That username is already taken",
    display_name_invalid: "Enter a name (at most 40 characters)",
    password_too_short: "A password needs at least 10 characters",
    password_too_long: "A password can have at most 128 characters",
    password_mismatch: "The two new passwords do not match",
    current_password_wrong: "The current password is not correct",
    cannot_change_self: "You cannot deactivate your own account or change your own role",
    bad_credentials: "Wrong username or password",
    too_many_attempts: "Too many attempts; try again in a minute",
    sign_in_title: "Sign in",
    username: "Username",
    password: "Password",
    sign_in: "Sign in",
    sign_out: "Sign out",
    change_password_title: "Change password",
    current_password: "Current password",
    new_password: "New password (at least 10 characters)",
    confirm_password: "New password again",
    save: "Save",
    saved: "Saved",
    users_title: "Users and roles",
    nav_users: "Users",
    nav_audit: "Audit log",
    display_name: "Name",
    role: "Role",
    status: "Status",
    status_active: "Active",
    status_inactive: "Deactivated",
    create_user: "New user",
    initial_password: "Initial password (at least 10 characters)",
    deactivate: "Deactivate",
    reactivate: "Reactivate",
    set_role: "Change role",
    paired_children: "Paired children",
    classes: "Classes",
    groups: "Interest groups",
    add: "Add",
    remove: "Remove",
    audit_title: "Audit log",
    audit_at: "When",
    audit_user: "User",
    audit_action: "Action",
    audit_record: "Record",
    audit_outcome: "Outcome",
    audit_ip: "Address",
    filter: "Filter",
    any: "Any",
    from_date: "From",
    to_date: "To",
    outcome_allowed: "allowed",
    outcome_denied: "denied",
    outcome_success: "success",
    outcome_failure: "failure",
    forbidden_title: "Not allowed",
    user_menu_label: "User menu",
    assignments: "Pairings and classes",
    invalid_view: "Unknown view: choose month, week, day or agenda",
    invalid_filter: "Invalid filter",
    view_month: "Month",
    view_week: "Week",
    view_day: "Day",
    view_agenda: "Agenda",
    previous_period: "Previous",
    next_period: "Next",
    all_categories: "All categories",
    class_filter: "Class",
    group_filter: "Group",
    all_classes: "All classes",
    all_groups: "All groups",
    no_items: "Nothing planned in this period",
    views_label: "Views",
    filters_label: "Filters",
    holidays_title: "Holidays and make-up working days",
    holiday_add: "Add or correct a day",
    holiday_date: "Date",
    holiday_kind: "Kind",
    holiday_kind_holiday: "Day off",
    holiday_kind_workday: "Make-up working day",
    holiday_name_label: "Name",
    holiday_corrected: "Corrected",
    holiday_name_invalid: "Enter a name (at most 40 characters)",
    nav_holidays: "Holidays",
    feeds_title: "Calendar subscriptions",
    nav_feeds: "Subscriptions",
    feed_for_child: "Feed for",
    feed_school: "The school's student calendar",
    feed_create: "Make a subscription link",
    feed_created: "The link is made. It is shown only this once: copy it now, or let the parents scan the QR code.",
    feed_label: "Subscription",
    feed_revoked: "Revoked",
    feed_revoke: "Revoke",
    invalid_time: "Invalid time: use hours:minutes, for example 16:10",
    title_invalid: "Enter a title (at most 60 characters)",
    end_before_start: "The end cannot be before the start",
    rule_invalid: "The repeat rule is not valid",
    too_many_occurrences: "This rule repeats more than 1,000 times a year; please check it",
    new_event: "New event",
    edit_event: "Edit event",
    event_title: "Title",
    event_category: "Category",
    event_all_day: "All day",
    event_start_date: "Start date",
    event_start_time: "Start time",
    event_end_date: "End date",
    event_end_time: "End time",
    event_location: "Place",
    event_audience: "For",
    audience_school: "Whole school",
    audience_staff: "Staff only",
    event_student_visible: "Students can see it",
    event_description: "Description",
    event_repeat: "Repeat",
    repeat_none: "Does not repeat",
    repeat_weekly: "Weekly",
    repeat_monthly: "Monthly",
    repeat_yearly: "Yearly",
    event_until: "Repeat until",
    event_archive: "Delete event",
    conflict_newer: "This is the newer version: make your change on it and save again.",
    add_event_here: "Add an event on this day",
    celebrate: "Celebrate this month's birthdays of left-behind children",
    celebrate_date: "Party date",
    skip_occurrence: "Delete only this occurrence",
    edit_whole_series: "The changes below apply to the whole series.",
    scope_label: "Apply to",
    scope_this: "This occurrence",
    scope_following: "This and following",
    scope_all: "All occurrences",
    override_note: "This occurrence of a series was changed on its own; the others are unaffected.",
    open_series: "Edit the whole series",
    move_title: "Move a repeating event",
    move_to: |at| format!("Move to {at}"),
    cancel: "Cancel",
    drag_hint: "Press and hold an event for about 0.3 s to drag it to another day or time; in week and day view, drag across empty time to create one.",
    this_occurrence: |at| format!("This occurrence: {at}"),
    holidays_heading: |year| format!("Holidays {year}"),
    lunar_label: |month, day| format!("L{}{}/{day}", month.abs(), if month < 0 { "+" } else { "" }),
    festival_name: |key| match key {
        "spring_festival" => "Spring Festival",
        "lantern" => "Lantern Festival",
        "dragon_boat" => "Dragon Boat",
        "qixi" => "Qixi",
        "mid_autumn" => "Mid-Autumn",
        "double_ninth" => "Double Ninth",
        "new_years_eve" => "New Year's Eve",
        "mothers_day" => "Mother's Day",
        "fathers_day" => "Father's Day",
        "childrens_day" => "Children's Day",
        "teachers_day" => "Teachers' Day",
        "national_day" => "National Day",
        _ => "",
    },
    holiday_name: holiday_name_en,
    holiday_badge: "off",
    workday_badge: "work",
    lunar_toggle: "Lunar dates",
    lunar_mark: "lunar",
    provisional_mark: "provisional",
    week_heading: |first, last| format!("{} – {}", first.format("%-d %b"), last.format("%-d %b %Y")),
    agenda_heading: |first, last| format!("{} – {}", first.format("%-d %b"), last.format("%-d %b %Y")),
};

/// The lunar date as Chinese almanacs print it: the month's name on its first day
/// ("正月", "闰六月"), otherwise the day's ("初五", "十五", "廿三").
fn lunar_label_zh(month: i32, day: u32) -> String {
    const MONTHS: [&str; 12] = [
        "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊",
    ];
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if day == 1 {
        let leap = if month < 0 { "闰" } else { "" };
        return format!(
            "{leap}{}月",
            MONTHS[(month.unsigned_abs() as usize).clamp(1, 12) - 1]
        );
    }
    match day {
        10 => "初十".to_owned(),
        20 => "二十".to_owned(),
        30 => "三十".to_owned(),
        d if d < 10 => format!("初{}", DIGITS[d as usize]),
        d if d < 20 => format!("十{}", DIGITS[(d - 10) as usize]),
        d => format!("廿{}", DIGITS[((d - 20) as usize).min(9)]),
    }
}

/// Holiday names are stored in Chinese (the data file and the admin's corrections).
fn holiday_name_en(name: &str) -> String {
    let known = [
        ("元旦", "New Year's Day"),
        ("春节", "Spring Festival"),
        ("清明节", "Qingming"),
        ("劳动节", "Labour Day"),
        ("端午节", "Dragon Boat"),
        ("中秋节", "Mid-Autumn"),
        ("国庆节", "National Day"),
    ];
    let base = name.trim_end_matches("调休上班");
    let english = known.iter().find(|(zh, _)| *zh == base).map(|(_, en)| *en);
    match (english, base.len() != name.len()) {
        (Some(en), true) => format!("Make-up working day ({en})"),
        (Some(en), false) => en.to_owned(),
        (None, _) => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lunar_dates_read_like_an_almanac() {
        assert_eq!(lunar_label_zh(1, 1), "正月");
        assert_eq!(lunar_label_zh(-6, 1), "闰六月");
        assert_eq!(lunar_label_zh(12, 1), "腊月");
        assert_eq!(lunar_label_zh(8, 5), "初五");
        assert_eq!(lunar_label_zh(8, 10), "初十");
        assert_eq!(lunar_label_zh(8, 15), "十五");
        assert_eq!(lunar_label_zh(8, 23), "廿三");
        assert_eq!(lunar_label_zh(8, 30), "三十");
        assert_eq!((EN.lunar_label)(-6, 3), "L6+/3");
    }

    #[test]
    fn holiday_names_have_english_names() {
        assert_eq!(holiday_name_en("国庆节"), "National Day");
        assert_eq!(
            holiday_name_en("国庆节调休上班"),
            "Make-up working day (National Day)"
        );
        assert_eq!(holiday_name_en("校运会"), "校运会");
    }

    #[test]
    fn chinese_is_the_default() {
        assert_eq!(Locale::negotiate(None, None), Locale::ZhCn);
        assert_eq!(
            Locale::negotiate(None, Some("fr-FR, de;q=0.8")),
            Locale::ZhCn
        );
    }

    #[test]
    fn accept_language_picks_the_best_language_we_speak() {
        assert_eq!(Locale::negotiate(None, Some("en")), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("en-US,en;q=0.9")), Locale::En);
        assert_eq!(
            Locale::negotiate(None, Some("fr, zh-CN;q=0.5, en;q=0.8")),
            Locale::En
        );
        assert_eq!(
            Locale::negotiate(None, Some("zh-Hans-CN, en;q=0.9")),
            Locale::ZhCn
        );
        assert_eq!(Locale::negotiate(None, Some("en;q=0")), Locale::ZhCn);
    }

    #[test]
    fn the_cookie_beats_the_browser() {
        assert_eq!(
            Locale::negotiate(Some("a=b; lang=zh-CN"), Some("en")),
            Locale::ZhCn
        );
        assert_eq!(
            Locale::negotiate(Some("lang=en"), Some("zh-CN")),
            Locale::En
        );
        assert_eq!(Locale::negotiate(Some("lang=xx"), Some("en")), Locale::En);
    }

    #[test]
    fn month_headings_read_naturally() {
        assert_eq!((ZH_CN.month_heading)(2027, 4), "2027年4月");
        assert_eq!((EN.month_heading)(2027, 4), "April 2027");
    }
}
