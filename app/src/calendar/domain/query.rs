//! What a calendar URL asks for: the view, the date, the filters. Parsed the same way on
//! the server and in the browser, and turned back into links that keep the filters.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::month_grid::{first_of_month, parse_date_param, MonthGrid};
use crate::calendar::types::CalendarFilter;
use crate::calendar::types::CalendarQuery;
use crate::calendar::types::CalendarView;
use crate::calendar::types::Category;
use crate::error::ValidationError;

/// Days the agenda lists from its first day.
pub const AGENDA_DAYS: u64 = 31;

impl CalendarQuery {
    /// The first and last day (inclusive) the view shows.
    pub fn window(&self) -> (NaiveDate, NaiveDate) {
        match self.view {
            CalendarView::Month => {
                let grid = MonthGrid::for_date(self.date);
                (grid.first_shown, grid.last_shown())
            }
            CalendarView::Week => {
                let monday = week_start(self.date);
                (monday, monday + Days::new(6))
            }
            CalendarView::Day => (self.date, self.date),
            CalendarView::Agenda => (self.date, self.date + Days::new(AGENDA_DAYS - 1)),
        }
    }

    /// The anchor date one period back (`-1`) or ahead (`1`).
    pub fn step(&self, direction: i32) -> NaiveDate {
        let forward = direction > 0;
        match self.view {
            CalendarView::Month if forward => first_of_month(self.date) + Months::new(1),
            CalendarView::Month => first_of_month(self.date) - Months::new(1),
            CalendarView::Week if forward => self.date + Days::new(7),
            CalendarView::Week => self.date - Days::new(7),
            CalendarView::Day if forward => self.date + Days::new(1),
            CalendarView::Day => self.date - Days::new(1),
            CalendarView::Agenda if forward => self.date + Days::new(AGENDA_DAYS),
            CalendarView::Agenda => self.date - Days::new(AGENDA_DAYS),
        }
    }

    /// This page's URL with another view and date, keeping the filters.
    pub fn href(&self, view: CalendarView, date: NaiveDate) -> String {
        self.href_with(view, date, &self.filter)
    }

    pub fn href_with(
        &self,
        view: CalendarView,
        date: NaiveDate,
        filter: &CalendarFilter,
    ) -> String {
        let mut url = format!(
            "/calendar?view={}&date={}",
            view.key(),
            date.format("%Y-%m-%d")
        );
        if !filter.categories.is_empty() {
            let keys: Vec<&str> = filter.categories.iter().map(|c| c.key()).collect();
            url.push_str(&format!("&cat={}", keys.join(",")));
        }
        if let Some(class) = filter.class_id {
            url.push_str(&format!("&class={class}"));
        }
        if let Some(group) = filter.group_id {
            url.push_str(&format!("&group={group}"));
        }
        if !self.lunar {
            url.push_str("&lunar=off");
        }
        url
    }

    /// This page with the lunar dates switched on or off.
    pub fn lunar_toggled(&self) -> String {
        let flipped = CalendarQuery {
            lunar: !self.lunar,
            ..self.clone()
        };
        flipped.href(self.view, self.date)
    }

    /// This page with `category` switched on or off in the filter.
    pub fn toggled(&self, category: Category) -> String {
        let mut filter = self.filter.clone();
        if let Some(at) = filter.categories.iter().position(|c| *c == category) {
            filter.categories.remove(at);
        } else {
            filter.categories.push(category);
        }
        self.href_with(self.view, self.date, &filter)
    }
}

pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// Parses the date parameter, defaulting to `today`.
pub fn parse_anchor(raw: Option<&str>, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => parse_date_param(r),
        None => Ok(today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn query(view: CalendarView, date: NaiveDate) -> CalendarQuery {
        CalendarQuery {
            view,
            date,
            filter: CalendarFilter::default(),
            lunar: true,
        }
    }

    #[test]
    fn each_view_has_its_window() {
        let date = d(2027, 4, 21); // a Wednesday
        assert_eq!(
            query(CalendarView::Week, date).window(),
            (d(2027, 4, 19), d(2027, 4, 25))
        );
        assert_eq!(query(CalendarView::Day, date).window(), (date, date));
        assert_eq!(
            query(CalendarView::Agenda, date).window(),
            (date, d(2027, 5, 21))
        );
        assert_eq!(
            query(CalendarView::Month, date).window(),
            (d(2027, 3, 29), d(2027, 5, 2))
        );
    }

    #[test]
    fn stepping_moves_by_the_views_period() {
        assert_eq!(
            query(CalendarView::Week, d(2026, 12, 30)).step(1),
            d(2027, 1, 6)
        );
        assert_eq!(
            query(CalendarView::Day, d(2027, 3, 1)).step(-1),
            d(2027, 2, 28)
        );
        assert_eq!(
            query(CalendarView::Month, d(2027, 1, 31)).step(1),
            d(2027, 2, 1)
        );
    }

    #[test]
    fn links_keep_the_filters_and_toggle_categories() {
        let mut q = query(CalendarView::Week, d(2027, 4, 19));
        q.filter = CalendarFilter::parse(Some("activity,checkup"), Some("6"), None).unwrap();
        assert_eq!(
            q.href(CalendarView::Day, d(2027, 4, 20)),
            "/calendar?view=day&date=2027-04-20&cat=activity,checkup&class=6"
        );
        assert_eq!(
            q.toggled(Category::Checkup),
            "/calendar?view=week&date=2027-04-19&cat=activity&class=6"
        );
        assert_eq!(
            q.toggled(Category::Birthday),
            "/calendar?view=week&date=2027-04-19&cat=activity,checkup,birthday&class=6"
        );
        assert_eq!(
            q.lunar_toggled(),
            "/calendar?view=week&date=2027-04-19&cat=activity,checkup&class=6&lunar=off"
        );
    }

    #[test]
    fn bad_filters_and_views_are_refused() {
        assert_eq!(
            CalendarFilter::parse(Some("parties"), None, None),
            Err(ValidationError::InvalidFilter)
        );
        assert_eq!(
            CalendarFilter::parse(None, Some("3b"), None),
            Err(ValidationError::InvalidFilter)
        );
        assert_eq!(
            CalendarView::parse("year"),
            Err(ValidationError::InvalidView)
        );
        assert_eq!(
            CalendarFilter::parse(Some(" , "), Some(""), None),
            Ok(CalendarFilter::default())
        );
    }
}
