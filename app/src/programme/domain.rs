//! Adding the counselors' figures up into the school's.

use crate::assessment::types::Figures;

use super::types::Work;

impl Work {
    /// Adds one counselor's figures (children and reached add up too: the caller counts
    /// a child handed over once).
    pub fn add(&mut self, f: &Figures) {
        self.children += f.children;
        self.reached += f.reached;
        self.contacts += f.contacts;
        self.study += f.study;
        self.life += f.life;
        self.activities += f.activities;
        self.talks_done += f.talks_done;
        self.talks_due += f.talks_due;
        self.visits += f.visits;
        self.diary_entries += f.diary_entries;
        self.diary_replies += f.diary_replies;
        self.birthdays += f.birthdays;
        self.birthdays_marked += f.birthdays_marked;
        self.follow_ups_due += f.follow_ups_due;
        self.follow_ups_on_time += f.follow_ups_on_time;
        self.concerns_raised += f.concerns_raised;
    }

    /// Adds another period's work (a term to a year).
    pub fn plus(self, other: Work) -> Work {
        Work {
            children: self.children.max(other.children),
            reached: self.reached.max(other.reached),
            contacts: self.contacts + other.contacts,
            study: self.study + other.study,
            life: self.life + other.life,
            activities: self.activities + other.activities,
            talks_done: self.talks_done + other.talks_done,
            talks_due: self.talks_due + other.talks_due,
            visits: self.visits + other.visits,
            diary_entries: self.diary_entries + other.diary_entries,
            diary_replies: self.diary_replies + other.diary_replies,
            birthdays: self.birthdays + other.birthdays,
            birthdays_marked: self.birthdays_marked + other.birthdays_marked,
            follow_ups_due: self.follow_ups_due + other.follow_ups_due,
            follow_ups_on_time: self.follow_ups_on_time + other.follow_ups_on_time,
            concerns_raised: self.concerns_raised + other.concerns_raised,
        }
    }
}

pub use crate::school::types::percent;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counselors_add_up_and_terms_add_into_a_year() {
        let one = Figures {
            children: 10,
            reached: 9,
            contacts: 30,
            study: 20,
            birthdays: 2,
            birthdays_marked: 1,
            ..Figures::default()
        };
        let mut autumn = Work::default();
        autumn.add(&one);
        autumn.add(&Figures {
            children: 5,
            reached: 5,
            contacts: 12,
            ..Figures::default()
        });
        assert_eq!(
            (autumn.children, autumn.reached, autumn.contacts),
            (15, 14, 42)
        );
        let spring = Work {
            children: 16,
            reached: 12,
            contacts: 50,
            ..Work::default()
        };
        let year = autumn.plus(spring);
        // Children are counted, not added twice across terms; contacts add up.
        assert_eq!((year.children, year.reached, year.contacts), (16, 14, 92));
        assert_eq!(percent(14, 15), Some(93));
        assert_eq!(percent(0, 0), None);
    }
}
