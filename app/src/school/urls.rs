//! The addresses of the school's pages, and the one check that a return address stays on
//! this site.

use chrono::NaiveDate;

/// The calendar's month view around `date`.
pub fn month_href(date: NaiveDate) -> String {
    format!("/calendar?view=month&date={}", date.format("%Y-%m-%d"))
}

/// `next` when it is a path on this site (for a redirect after sign-in, a language
/// switch or a form): begins with one `/`, no scheme, no backslash, no control character
/// (a tab or newline that a browser strips would turn `/\tevil.example` into a foreign
/// address), no percent-encoded one either.
pub fn local_path(next: &str) -> Option<&str> {
    let decoded = |at: usize| {
        next.get(at + 1..at + 3)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
    };
    // `%09`, `%5C`, or `/%2F…` that a browser or a proxy might decode on the way.
    let hides_something = next.match_indices('%').any(|(at, _)| {
        decoded(at).is_some_and(|b| b.is_ascii_control() || b == b'\\' || (at == 1 && b == b'/'))
    });
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && !hides_something;
    local.then_some(next)
}

/// Where to go after signing in: a path on this site, else `/` (each user's own start).
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(local_path).unwrap_or("/").to_owned()
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The path and query of the page on this site that sent a request (its `Referer`, when
/// that is this host).
#[cfg(feature = "ssr")]
pub fn same_site_referer(headers: &http::HeaderMap) -> Option<String> {
    let referer = headers.get(http::header::REFERER)?.to_str().ok()?;
    let host = headers.get(http::header::HOST)?.to_str().ok()?;
    let path = referer.split_once("://")?.1.strip_prefix(host)?;
    local_path(path).map(str::to_owned)
}

/// The checkup day of `year`: `/checkup/2027`.
pub fn checkup_href(year: i32) -> String {
    format!("/checkup/{year}")
}

/// The checkup day of `year` with its schedule made for `class` (every class: `None`),
/// `per` children a slot of `minutes` from `first`.
pub fn checkup_schedule_href(
    year: i32,
    class: Option<i64>,
    per: usize,
    minutes: u32,
    first: chrono::NaiveTime,
) -> String {
    let class = class.map(|c| c.to_string()).unwrap_or_default();
    format!(
        "/checkup/{year}?class={class}&per={per}&minutes={minutes}&first={}",
        first.format("%H:%M")
    )
}

/// A child's entry screen on the checkup day of `year`: `/checkup/2027/child/12`.
pub fn checkup_child_href(year: i32, child: i64) -> String {
    format!("/checkup/{year}/child/{child}")
}

/// An event's editor at one occurrence: `/calendar/event/7?occurrence=2027-04-20T08:00:00`.
pub fn event_occurrence_href(id: i64, start: chrono::NaiveDateTime) -> String {
    format!(
        "/calendar/event/{id}?occurrence={}",
        start.format("%Y-%m-%dT%H:%M:%S")
    )
}

/// The site's public address as configured (`PUBLIC_URL`): `http` or `https`, a host, an
/// optional path prefix, no query, no fragment, no trailing `/`. A link sent to parents
/// must name the school's real address, not whatever `Host` a request came in with.
pub fn parse_public_url(raw: &str) -> Option<String> {
    let url = raw.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let clean = !host.is_empty()
        && !rest.contains(['?', '#', '\\', '@'])
        && !rest.chars().any(|c| c.is_control() || c.is_whitespace());
    clean.then(|| url.to_owned())
}

/// A feed's subscription link, two ways: `web` (http/https: to paste, scan or download)
/// and `webcal` (the same address under the scheme phone calendars subscribe with).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedLinks {
    pub web: String,
    pub webcal: String,
}

/// The links of feed `token` on the site at `base` (`https://hope.example.edu.cn`).
pub fn feed_links(base: &str, token: &str) -> FeedLinks {
    let web = format!("{base}/calendar.ics?token={token}");
    let rest = web
        .strip_prefix("https://")
        .or_else(|| web.strip_prefix("http://"))
        .unwrap_or(&web);
    FeedLinks {
        webcal: format!("webcal://{rest}"),
        web,
    }
}

/// A child's care record.
pub fn care_href(child: i64) -> String {
    format!("/care/child/{child}")
}

/// A child's five ones (streaks, the term heat map, books and calls).
pub fn habits_href(child: i64) -> String {
    format!("/habits/child/{child}")
}

/// Nominating a child for 自强好少年, with its evidence.
pub fn nominate_href(child: i64) -> String {
    format!("/awards/nominate/{child}")
}

/// A class's check-in for a day.
pub fn check_in_href(class: i64, day: chrono::NaiveDate) -> String {
    format!("/habits?class={class}&day={}", day.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_survive_the_round_trip() {
        assert_eq!(
            encode_query_value("/calendar?view=month&date=2027-04-01"),
            "/calendar%3Fview%3Dmonth%26date%3D2027-04-01"
        );
        assert_eq!(encode_query_value("日"), "%E6%97%A5");
    }

    #[test]
    fn sign_in_only_returns_to_this_site() {
        assert_eq!(safe_next(Some("/admin/audit")), "/admin/audit");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\tevil.example")), "/");
        assert_eq!(safe_next(Some("/%09/evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/%2F/evil.example")), "/");
        assert_eq!(
            safe_next(Some("/children?q=%E7%8E%8B")),
            "/children?q=%E7%8E%8B"
        );
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn a_public_url_is_an_http_address_without_query_or_trailing_slash() {
        let parsed = |raw| parse_public_url(raw);
        assert_eq!(
            parsed("https://hope.example.edu.cn/"),
            Some("https://hope.example.edu.cn".to_owned())
        );
        assert_eq!(
            parsed(" http://10.0.0.2:3000/hope "),
            Some("http://10.0.0.2:3000/hope".to_owned())
        );
        for bad in [
            "",
            "hope.example.edu.cn",
            "ftp://hope.example.edu.cn",
            "https://",
            "https:///calendar",
            "https://hope.example.edu.cn/?x=1",
            "https://hope.example.edu.cn/#top",
            "https://user@evil.example",
            "https://hope example.edu.cn",
        ] {
            assert_eq!(parsed(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_feed_has_a_web_link_and_a_webcal_link_to_the_same_place() {
        let links = feed_links("https://hope.example.edu.cn", "ab12");
        assert_eq!(
            links.web,
            "https://hope.example.edu.cn/calendar.ics?token=ab12"
        );
        assert_eq!(
            links.webcal,
            "webcal://hope.example.edu.cn/calendar.ics?token=ab12"
        );
        assert_eq!(
            feed_links("http://127.0.0.1:3000", "ab12").webcal,
            "webcal://127.0.0.1:3000/calendar.ics?token=ab12"
        );
    }
}
