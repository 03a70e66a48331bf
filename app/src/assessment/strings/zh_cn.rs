//! 简体中文。

use crate::assessment::domain::TAKEOVER_DAYS;
use crate::school::types::percent;

use chrono::Datelike;

fn trend(t: Option<i32>) -> String {
    match t {
        Some(t) if t > 0 => format!("，近四周上升{t}个百分点"),
        Some(t) if t < 0 => format!("，近四周下降{}个百分点", -t),
        Some(_) => "，近四周持平".to_owned(),
        None => String::new(),
    }
}

/// What fell due before the period and stayed overdue in it (`done`: 完成 or 处理).
fn earlier(open: u32, closed: u32, done: &str) -> String {
    let mut s = String::new();
    if open > 0 {
        s += &format!("；另有{open}项此前到期、逾期未{done}");
    }
    if closed > 0 {
        s += &format!("；另有{closed}项此前到期、本期逾期{done}");
    }
    s
}

pub static ZH_CN: super::Strings = super::Strings {
    scheme_weights: "各项权重须为0到100的整数，合计100分",
    scheme_penalty: "扣分须为0到100的整数",
    mark_invalid: "评分须为0到该项满分之间的整数",
    mark_needs_comment: "改动评分请写评语，让老师知道为什么",
    answer_required: "请写下您的意见",
    sheet_open: "考核表关闭后才能签字或答复",
    period_invalid: "请选择一个月份或学期",
    period_not_over: "这一期间还没有结束，结束后才能关闭考核",
    sample_invalid: "抽查数量须为1到50",
    outcome_invalid: "请选择核实结果",
    nav: "考核评价",
    title: "考核评价",
    month_label: |d| format!("{}年{}月", d.year(), d.month()),
    period: "期间",
    show: "查看",
    c_talks: "谈心按节奏",
    c_visits: "家访按节奏",
    c_coverage: "每个孩子都关爱到（三优先）",
    c_diary: "成长日记",
    c_habits: "孩子的“五个一”",
    c_follow_ups: "体检复查按时完成",
    c_concerns: "关注事项及时处理",
    c_birthdays: "生日关怀",
    fig_talks: |done, due, days| format!("应谈心{due}次（每{days}天一次），完成{done}次"),
    fig_visits: |on, of, days, n| format!("{of}个孩子中{on}个在{days}天内家访过；本期家访{n}次"),
    fig_coverage: |reached, of, n, [s, l, a]| {
        format!("{of}个孩子中关爱到{reached}个，共{n}次：学习{s}、生活{l}、活动{a}")
    },
    fig_diary: |children, of, entries, replies| {
        format!("为{of}个孩子中的{children}个写了日记：{entries}篇，回复{replies}条")
    },
    fig_habits: |done, counted, t| match percent(done, counted) {
        None => "本期没有计入的天数".to_owned(),
        Some(p) => format!("完成{done}/{counted}天（{p}%）{}", trend(t)),
    },
    fig_follow_ups: |on, due, open, closed, taken_over| {
        let mut s = format!("到期{due}项，按时完成{on}项{}", earlier(open, closed, "完成"));
        if taken_over > 0 {
            s += &format!("；接手前已到期的{taken_over}项，接手后{TAKEOVER_DAYS}天内完成即算按时");
        }
        s
    },
    fig_concerns: |on, due, open, closed, raised| {
        format!("到期{due}项，按时处理{on}项{}；本期提出{raised}项", earlier(open, closed, "处理"))
    },
    overdue_item: |day, closed| {
        let day = day.format("%Y-%m-%d");
        if closed {
            format!("{day}到期，本期逾期完成")
        } else {
            format!("{day}到期，逾期未完成")
        }
    },
    fig_birthdays: |marked, n| format!("本期{n}个生日，关怀到{marked}个"),
    on_rhythm: "按节奏",
    off_rhythm: "未按节奏",
    contacts_n: |n| format!("{n}次"),
    entries_n: |n| format!("{n}篇"),
    marked: "已关怀",
    not_marked: "未关怀",
    a_child: "（已不在您名下的孩子）",
    compiled_note: "考核表由关爱记录自动生成，无需另行填报。点开每一项可查看背后的记录。",
    no_sheets: "这一期间没有结对老师。",
    children: "结对儿童",
    children_n: |n| format!("结对儿童{n}人"),
    total: "总分",
    sum: "各项合计",
    state: "状态",
    response: "签字与答复",
    open: "进行中",
    closed: "已关闭",
    open_live: "进行中：数字随记录实时更新",
    closed_by: |by, at| format!("已由{by}于{at}关闭，按当时的记录保存"),
    signed: "已签字",
    answered: "有答复",
    yes: "是",
    not_confirmed_n: |n| format!("{n}次未核实"),
    close_hint: |n| format!("关闭后，{n}张考核表按现在的记录保存，之后的记录变化不再改变它们。关闭后即定稿：不能再评分，也不能重新打开；之后由老师在表上签字或答复。"),
    close_confirm: "我已核对，关闭后不能再改",
    close_not_confirmed: "关闭前请勾选“我已核对，关闭后不能再改”",
    close_period: |p| format!("关闭{p}的考核"),
    period_closed: |p| format!("{p}的考核已关闭"),
    close_sheet_hint: "关闭会同时保存这一期间所有老师的考核表，关闭后不能再改，也不能重新打开。",
    export: "导出 XLSX",
    sheet_title: "结对帮扶考核表",
    print_hint: "用浏览器的“打印”可打印在A4纸上。",
    rhythm_line: |talk, visit| format!("节奏：每{talk}天谈心一次，每{visit}天家访一次"),
    term_note: "学期表：谈心为各月之和；其余各项按整个学期统计（学期内关爱到、写过日记的孩子都算，逾期事项只计一次），所以总分不是各月的平均。",
    criterion: "考核项目",
    records_show: "记录显示",
    weight: "满分",
    compiled: "自动得分",
    given: "评定得分",
    nothing_due: "本期无要求",
    score: "评分",
    comment: "评语",
    save_mark: "保存",
    penalty_line: |n, points| match (n, points) {
        (0, _) => "抽查没有发现未核实的联系，不扣分".to_owned(),
        (n, 0) => format!("抽查未核实{n}次，方案不扣分"),
        (n, points) => format!("抽查未核实{n}次，扣{points}分"),
    },
    penalty_short: "扣分",
    responses: "签字与答复",
    signed_at: |who, at| format!("{who}已于{at}签字确认"),
    not_signed: "尚未签字",
    sign: "签字确认",
    answer_label: "我的意见（会被保存）",
    send_answer: "提交答复",
    sign_counselor: "被考核教师签字：",
    sign_leader: "考核小组签字：",
    scheme_title: "考核方案",
    scheme_hint: "领导小组每学年设定一次：各项满分合计100分，以及“按节奏”的含义。",
    weights: "各项满分（合计100）",
    rhythm: "节奏",
    talk_days: "每几天谈心一次",
    visit_days: "每几天家访一次",
    penalty: "每次抽查未核实扣分",
    save_scheme: "保存方案",
    back: "返回考核评价",
    inspections_title: "检查抽查",
    inspection_hint: "随机抽取已记录的联系（家访优先），打电话给监护人核实，并记录结果。未核实的联系不计入考核，并按方案扣分。",
    no_inspections: "这一期间还没有抽查。",
    sample_size: "抽查数量",
    draw: "随机抽取",
    undrawn_n: |n| format!("尚有{n}条记录未被抽到"),
    recorded_by: |who| format!("记录人：{who}"),
    how_verified: "核实方式与情况",
    confirm: "已核实",
    mark_not_confirmed: "未核实",
    confirmed: "已核实",
    not_confirmed: "未核实：记录的联系未能证实",
    unchecked: "待核实",
};
