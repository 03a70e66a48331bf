//! 简体中文。

use crate::programme::domain::percent;

fn pct(v: Option<u8>) -> String {
    v.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))
}

pub static ZH_CN: super::Strings = super::Strings {
    nav: "项目概览",
    title: "关爱留守儿童工作概览",
    counts: "基本情况",
    children: "在校学生",
    left_behind: "留守儿童",
    half_left_behind: "半留守儿童",
    paired: "已结对",
    unpaired: "未结对",
    counselors: "结对教师",
    this_month: "本月",
    coverage: "本月关爱到的结对儿童",
    contacts: "本月联系次数",
    by_priority: |s, l, a| format!("学习{s} · 生活{l} · 活动{a}"),
    concerns_open: "未处理的关注事项",
    overdue_n: |n| format!("其中{n}项已逾期"),
    five_ones: "“五个一”（本学期）",
    chore_diary: "家务与日记完成率",
    calls_home: "每周给父母打电话",
    checkup: |y| format!("{y}年免费体检"),
    absent: "缺席",
    excused: "请假",
    planned: "尚未举行",
    follow_ups_open: "待完成的复查",
    birthdays: "本学期生日关怀",
    the_term: "本学期",
    chart_coverage: "每月关爱到的结对儿童（%）",
    chart_priorities: "每月联系次数（按三优先）",
    chart_birthdays: "每月生日关怀",
    month: "月份",
    study: "学习",
    life: "生活",
    activities: "活动",
    as_table: "以表格查看",
    summary_link: "学年工作总结",
    summary_title: |school, y| format!("{school}关爱留守儿童工作总结（{y}—{}学年）", y + 1),
    print_hint: "用浏览器的“打印”可打印在A4纸上，交团委和教育局。",
    intro: |s| {
        let c = &s.counts;
        format!(
            "我校现有学生{}人，其中留守儿童{}人、半留守儿童{}人。学校把关爱留守儿童作为一项重要工作，{}位教师与{}名留守及半留守儿童结对帮扶。现将本学年的工作总结如下。",
            c.children, c.left_behind, c.half_left_behind, c.counselors, c.paired
        )
    },
    headings: [
        "一、加强领导，健全机制",
        "二、结对帮扶，关爱到人",
        "三、开展“五个一”活动",
        "四、建档立卡，家校联系",
        "五、兴趣小组与主题活动",
        "六、免费体检",
        "七、关注与生日关怀",
        "八、检查与考核",
        "九、存在的困难",
    ],
    leading: |s| {
        format!(
        "学校成立了关爱留守儿童工作领导小组（{}人），按月、按学期对结对教师进行考核。本学年共关闭考核表{}张，教师签字确认{}张。",
        s.leaders, s.sheets_closed, s.sheets_signed
    )
    },
    pairing: |s| {
        let w = &s.work;
        format!(
            "结对教师与孩子谈心、家访、辅导学习共{}次，其中家访{}次；按学校节奏应谈心{}次，完成{}次（{}）。联系中关注学习{}次、生活{}次、活动{}次。教师在成长日记中为孩子写下{}篇{}。",
            w.contacts, w.visits, w.talks_due, w.talks_done, pct(percent(w.talks_done, w.talks_due)),
            w.study, w.life, w.activities, w.diary_entries,
            if w.diary_replies > 0 { format!("，回复孩子{}条", w.diary_replies) } else { String::new() }
        )
    },
    five: |s| {
        format!(
        "结对儿童每天做一件家务、写一篇日记的完成率为{}；全校孩子本学年读书{}本，给在外父母打电话{}次。{}",
        pct(s.habits_rate), s.books, s.calls_home,
        if s.awards > 0 { format!("评选“自强好少年”{}名。", s.awards) } else { "本学年尚未评选“自强好少年”。".to_owned() }
    )
    },
    files: |s| {
        format!(
            "为每个孩子建立档案和联系卡，全校{}名学生的档案都在系统中。{}",
            s.counts.children,
            if s.parent_links > 0 {
                format!(
                    "已为{}个家庭开通孩子的日程订阅链接，父母在外也能看到孩子的活动和生日。",
                    s.parent_links
                )
            } else {
                "孩子的日程订阅链接尚未向家庭开通。".to_owned()
            }
        )
    },
    groups: |s| {
        format!(
            "开设兴趣小组{}个，本学年举办主题活动{}次。",
            s.groups, s.thematic_days
        )
    },
    checkup_text: |s| {
        let c = &s.checkup;
        let day = c
            .day
            .map_or_else(String::new, |d| d.format("%-m月%-d日").to_string());
        if c.day.is_some_and(|d| d >= s.today) {
            return format!("本学年的全校学生免费体检定于{day}举行。");
        }
        format!(
            "{}组织全校学生免费体检：{}人参加，缺席{}人，请假{}人；需要复查{}人，尚有{}人未完成复查。",
            day, c.examined, c.absent, c.excused, c.follow_ups, c.follow_ups_open
        )
    },
    concerns: |s| {
        format!(
            "教师提出关注事项{}项，本学年处理完毕{}项。结对儿童的{}个生日中，教师关怀到{}个。",
            s.work.concerns_raised, s.concerns_closed, s.work.birthdays, s.work.birthdays_marked
        )
    },
    inspection: |s| {
        format!(
            "领导小组抽查核实已记录的联系{}次，其中{}次未能核实，已在考核中扣分。",
            s.inspected, s.not_confirmed
        )
    },
    difficulties: |s| {
        format!(
            "{}，{}。学校经费有限，关爱工作需要全社会的关心、支持和帮助。",
            match s.counts.unpaired {
                0 => "留守及半留守儿童已全部结对".to_owned(),
                n => format!("目前仍有{n}名留守及半留守儿童未结对"),
            },
            match s.checkup.follow_ups_open {
                0 => "体检复查已全部完成".to_owned(),
                n => format!("{n}人的体检复查尚未完成"),
            }
        )
    },
    as_of: |d| format!("数据截至{d}"),
};

#[cfg(test)]
mod tests {
    use super::ZH_CN;
    use crate::programme::strings::en::tests::year_of;

    #[test]
    fn a_year_with_none_of_something_says_so_in_words_not_as_zero() {
        let t = &ZH_CN;
        let none = year_of(0);
        assert!(
            (t.difficulties)(&none).starts_with("留守及半留守儿童已全部结对，体检复查已全部完成。")
        );
        assert!((t.five)(&none).ends_with("本学年尚未评选“自强好少年”。"));
        assert!(!(t.files)(&none).contains("0个家庭"));
        assert!(!(t.pairing)(&none).contains("回复孩子0条"));
        let some = year_of(8);
        assert!((t.difficulties)(&some)
            .starts_with("目前仍有8名留守及半留守儿童未结对，8人的体检复查尚未完成。"));
        assert!((t.five)(&some).ends_with("评选“自强好少年”8名。"));
        assert!((t.pairing)(&some).contains("，回复孩子8条。"));
    }
}
