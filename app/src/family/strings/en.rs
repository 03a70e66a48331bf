//! English.

use crate::i18n::words::count_en;

pub static EN: super::Strings = super::Strings {
    message_required: "Please write your message to the teacher",
    parent_invalid: "Please say whether you are the father or the mother",
    proposal_empty: "Please fill in at least one: a phone, a work place or a time to call",
    work_place_unnamed: "Please write the work place as a place name, such as Dongguan, Guangdong",
    too_many_today: "You have sent many today; please write again tomorrow",
    call_days_for_time: "You changed the time or time zone for calls: please also tick which days, then send it again (or set the time and zone back to leave calls as they are).",
    page_title: "Your child at school",
    hello: "Hello! This is how your child is doing at school, for your family only.",
    coming: "Coming up",
    nothing_coming: "Nothing planned soon.",
    birthday: "🎂 Birthday",
    calls: "A call home every week",
    called_this_week: "Called home this week.",
    call_streak: |n| match n {
        1 => "Called home every week for 1 week.".to_owned(),
        n => format!("Called home every week for {n} weeks in a row."),
    },
    call_fresh: "No call yet this week: your child is waiting to hear you.",
    diary: "From the growth diary",
    counselor: |who| format!("Paired teacher: {who}"),
    school_phone: "School phone",
    write: "Write to the teacher",
    message_label: "Your message",
    send: "Send",
    sent: "Sent: the teacher will see it soon.",
    sent_title: "Your recent messages",
    proposed_title: "Changes you sent",
    proposal_pending: "waiting for the teacher to confirm",
    proposal_declined: "not taken by the teacher: ask them if in doubt",
    sent_read: "read by the teacher",
    sent_unread: "not read yet",
    my_details: "Update my details",
    details_hint: "The teacher checks before it goes into your child's file. Leave blank what has not changed.",
    details_for: "For which of your children's files",
    parent: "I am the",
    father: "father",
    mother: "mother",
    phone: "My phone",
    work_city: "Where I work",
    call_window: "When I can take a call",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    window: |days, from, to, place| format!("{} {from}–{to}, {place}", days.join(", ")),
    from: "From",
    to: "To",
    zone: "Time zone",
    propose: "Send to the teacher",
    private_note: "This link is for your family only. Please do not pass it on; if it is lost, ask your child's paired teacher or the school for a new one.",
    link_gone: "This link no longer works. Please ask your child's paired teacher or the school for a new one.",
    desk_title: |name| format!("{name}'s family"),
    desk_link: "Family page",
    links: "Family links",
    new_link: "New link (shown this once):",
    new_link_hint: "Send the link to the parents, or let them scan the code with their phone.",
    with_siblings: "Brothers and sisters in the same household (living with the same guardian)",
    make_link: "Make a family link",
    make_another_link: "Make another family link",
    another_link_hint: "The links above still work. Make another only for a second parent, or to replace a lost link (then revoke the old one).",
    link_label: |n| format!("Link {n}"),
    made: |who, at| format!("made by {who} on {at}"),
    opened: |n, last| match (n, last) {
        (1, Some(day)) => format!("opened once, on {day}"),
        (n, Some(day)) => format!("opened {n} times, last on {day}"),
        (_, None) => "not opened yet".to_owned(),
    },
    revoke: "Revoke",
    revoke_means: "Once revoked, the link shows the parents only that it no longer works, and they cannot send messages or contact details through it. You can make a new link at any time.",
    revoke_confirm: "Revoke the link",
    revoked: "revoked",
    messages: "Messages from the family",
    no_messages: "No messages yet.",
    new_badge: "new",
    proposals: "Changes the family proposed",
    no_proposals: "No changes to review.",
    now_on_file: |v| format!("On file now: {v}"),
    filed_as: |v| format!("Filed as: {v}"),
    accept: "Accept into the file",
    decline: "Decline",
    accepted: "accepted",
    declined: "declined",
    share_diary: "Share the growth diary with the family",
    share: "Share with the family",
    unshare: "Stop sharing",
    shared: "shared",
    task: |m, p| match (m, p) {
        (0, p) => format!(
            "The family proposed {} to review",
            count_en(p.into(), "change", "changes")
        ),
        (m, 0) => format!(
            "{} from the family",
            count_en(m.into(), "unread message", "unread messages")
        ),
        (m, p) => format!(
            "{} and {} from the family",
            count_en(m.into(), "unread message", "unread messages"),
            count_en(p.into(), "change", "changes")
        ),
    },
    by_child: "by the child",
};

#[cfg(test)]
mod tests {
    use super::EN;

    #[test]
    fn one_week_and_one_opening_read_as_one() {
        assert_eq!((EN.call_streak)(1), "Called home every week for 1 week.");
        assert_eq!(
            (EN.call_streak)(4),
            "Called home every week for 4 weeks in a row."
        );
        assert_eq!(
            (EN.opened)(1, Some("2027-04-18")),
            "opened once, on 2027-04-18"
        );
        assert_eq!(
            (EN.opened)(5, Some("2027-04-18")),
            "opened 5 times, last on 2027-04-18"
        );
    }
}
